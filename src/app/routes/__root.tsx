import { createRootRouteWithContext } from '@tanstack/react-router';
import { meQuery } from '../../features/me/api/get-me';
import { NotFoundPage } from '../not-found-page';
import { RootLayout } from '../root-layout';
import type { RouterContext } from '../router';

/** Every page: the header, the offline banner, and the page itself in <main>. */
export const Route = createRootRouteWithContext<RouterContext>()({
  loader: ({ context: { queryClient } }) => {
    // The header's name. Started, not awaited: the page shows while it loads, and a
    // failure shows where the data is used.
    void queryClient.query(meQuery()).catch(() => undefined);
  },
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});
