import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import base from '../../playwright.config';

/**
 * The browser phase of `npm run soak` (not part of `npm test`): the same fixtures and
 * browser as the e2e suite, one long test at a time.
 */
export default defineConfig({
  ...base,
  testDir: fileURLToPath(new URL('.', import.meta.url)),
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 600_000,
  reporter: [['list']],
});
