/**
 * The benchmark's floor: the app's first-page libraries without a design system (React,
 * MSAL from its session-storage cache, React Query, the router, zod/mini), doing the
 * app's first-page work — the one Graph call for the list, started before React renders,
 * and the list in plain HTML — and setting the same User Timing mark. `npm run bench`
 * builds it with Vite next to the app and divides the app's time by this page's.
 */
import { PublicClientApplication } from '@azure/msal-browser';
import { QueryClient, QueryClientProvider, queryOptions, useQuery } from '@tanstack/react-query';
import {
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveAppConfig } from '../../../src/config/app-config';
import { positionPageSchema } from '../../../src/features/positions/api/position-schema';

const LIST_PAINTED = 'profile-editor:positions-list-painted';

const configured = resolveAppConfig(
  (window as { profileEditorConfig?: unknown }).profileEditorConfig,
  (window as { profileEditorLocalStack?: unknown }).profileEditorLocalStack as
    { authority: string; graphBaseUrl: string } | undefined,
);
if (!configured.ok) throw new Error(configured.problems.join(' '));
const config = configured.config;

const msal = new PublicClientApplication({
  auth: {
    clientId: config.clientId,
    authority: config.authority,
    knownAuthorities: config.knownAuthorities,
    // As the app does for the embedded provider: no discovery document fetched first.
    authorityMetadata: config.isLocal
      ? JSON.stringify({
          issuer: config.authority,
          authorization_endpoint: `${config.authority}/auth`,
          token_endpoint: `${config.authority}/token`,
          end_session_endpoint: `${config.authority}/session/end`,
          jwks_uri: `${config.authority}/jwks`,
        })
      : undefined,
    redirectUri: `${window.location.origin}/`,
  },
  cache: { cacheLocation: 'sessionStorage' },
  system: { protocolMode: config.protocolMode },
});

async function listPositions(signal: AbortSignal) {
  const account = msal.getAllAccounts().at(0);
  if (!account) throw new Error('The floor page needs a signed-in MSAL cache.');
  const { accessToken } = await msal.acquireTokenSilent({ account, scopes: ['User.ReadWrite'] });
  const response = await fetch(`${config.graphBaseUrl}/me/profile/positions`, {
    headers: { Authorization: `Bearer ${accessToken}` },
    signal,
  });
  if (!response.ok) throw new Error(`Graph answered ${response.status}`);
  return positionPageSchema.parse(await response.json()).value;
}

const listQuery = queryOptions({
  queryKey: ['positions', 'me', 'list'],
  queryFn: ({ signal }) => listPositions(signal),
});

function List() {
  const positions = useQuery(listQuery);
  const hasData = positions.data !== undefined;
  useEffect(() => {
    if (hasData) requestAnimationFrame(() => performance.mark(LIST_PAINTED));
  }, [hasData]);
  if (!positions.data) return <p>{positions.isError ? 'Failed.' : 'Loading positions…'}</p>;
  return (
    <ul aria-label="Positions">
      {positions.data.map((position) => (
        <li key={position.id}>
          <h2>{position.detail?.jobTitle ?? 'Untitled position'}</h2>
          <p>{position.detail?.company?.displayName}</p>
        </li>
      ))}
    </ul>
  );
}

const queryClient = new QueryClient();
const rootRoute = createRootRoute({
  component: () => (
    <main>
      <h1>My positions</h1>
      <Outlet />
    </main>
  ),
});
const listRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/floor/index.html',
  loader: () => void queryClient.query(listQuery).catch(() => undefined),
  component: List,
});
const router = createRouter({ routeTree: rootRoute.addChildren([listRoute]) });

const root = createRoot(document.getElementById('root')!);
await msal.initialize();
void router.load();
root.render(
  <QueryClientProvider client={queryClient}>
    <RouterProvider router={router} />
  </QueryClientProvider>,
);
