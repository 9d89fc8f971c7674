import { createRootRouteWithContext } from '@tanstack/react-router';
import { NotFoundPage } from '../not-found-page';
import { RootLayout } from '../root-layout';
import type { RouterContext } from '../router';

/** Every page: the header, the offline banner, and the page itself in <main>. */
export const Route = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});
