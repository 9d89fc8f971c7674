import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { Spinner } from '../components/plain';
import { RouteError } from '../components/route-error';
import { noteInAppNavigation } from '../lib/in-app-navigation';
import { parseSearch, stringifySearch } from '../lib/search-params';
import { routeTree } from './route-tree.gen';

const asError = (thrown: unknown): Error =>
  thrown instanceof Error ? thrown : new Error(String(thrown));

/** What every route's loader gets: the page's one query client, and what the user may do. */
export interface RouterContext {
  queryClient: QueryClient;
  /** True when the signed-in user's directory role may change other users (the ID token's `wids`). */
  mayChangeOtherUsers: () => boolean;
}

/**
 * The app's router: the routes are the files in src/app/routes (the generated tree).
 * Routes load their data through the query client, which decides what is stale; a page
 * that fails to render shows PageError in its place, under the header.
 */
export function createAppRouter(
  queryClient: QueryClient,
  mayChangeOtherUsers: RouterContext['mayChangeOtherUsers'],
) {
  const router = createRouter({
    routeTree,
    context: { queryClient, mayChangeOtherUsers },
    parseSearch,
    stringifySearch,
    defaultPendingComponent: () => <Spinner style={{ marginTop: 48 }} label="Loading…" />,
    defaultErrorComponent: ({ error, reset }) => (
      <RouteError error={asError(error)} onRetry={reset} />
    ),
    defaultOnCatch: (error, info) => {
      console.error('Profile Editor failed to render', asError(error).message, info.componentStack);
    },
  });
  // After an in-app move the new page's heading takes focus (PageLayout). A change of the
  // hash or the search alone (MSAL clearing its answer, People's search) is not a move.
  router.subscribe('onBeforeNavigate', ({ fromLocation, pathChanged }) => {
    if (fromLocation && pathChanged) noteInAppNavigation();
  });
  return router;
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}
