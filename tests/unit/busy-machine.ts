import { configure } from '@testing-library/react';

// Testing Library's findBy and waitFor wait 1 s by default; on a 2-core machine also running
// the browser tests a render can take longer than that (see `testTimeout` in vite.config.ts).
configure({ asyncUtilTimeout: 5_000 });
