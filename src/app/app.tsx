import type { PublicClientApplication } from '@azure/msal-browser';
import { InteractionStatus } from '@azure/msal-browser';
import { MsalProvider, useIsAuthenticated, useMsal } from '@azure/msal-react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { lazy, memo, Suspense } from 'react';
import { useSilentSignInPending } from '../auth/silent-sign-in';
import { NotifierProvider } from '../components/notifier';
import { Spinner } from '../components/plain';
import type { AppRouter } from './router';

// Someone signed in already (the usual case) never needs the sign-in screen's code.
const SignInScreen = lazy(() =>
  import('./sign-in-screen').then((module) => ({ default: module.SignInScreen })),
);

/**
 * The app's pages. Memoised: msal-react's start-up pass ends (inProgress Startup → None)
 * while the first page waits for Graph, and only what reads MSAL's state need render again
 * then, not the whole page.
 */
const Pages = memo(function Pages({ router }: { router: AppRouter }) {
  return <RouterProvider router={router} />;
});

/** The sign-in screen until someone is signed in; then the app's pages (the router). */
function Shell({ router }: { router: AppRouter }) {
  const { inProgress, instance } = useMsal();
  const silentSignIn = useSilentSignInPending();
  // msal-react reports no account until its own start-up pass ends; main.tsx has already
  // handled any redirect answer, so the accounts MSAL holds now are final.
  const isAuthenticated =
    useIsAuthenticated() ||
    (inProgress === InteractionStatus.Startup && instance.getAllAccounts().length > 0);
  if (!isAuthenticated) {
    if (
      silentSignIn ||
      inProgress === InteractionStatus.Startup ||
      inProgress === InteractionStatus.HandleRedirect
    ) {
      return <Spinner style={{ minHeight: '100vh' }} label="Signing you in…" />;
    }
    return (
      <Suspense fallback={<Spinner style={{ minHeight: '100vh' }} label="Loading…" />}>
        <SignInScreen />
      </Suspense>
    );
  }
  return <Pages router={router} />;
}

export function App({
  msal,
  queryClient,
  router,
}: {
  msal: PublicClientApplication;
  queryClient: QueryClient;
  router: AppRouter;
}) {
  // No FluentProvider: Fluent UI's theme is CSS variables on :root (virtual:fluent-theme.css,
  // light and dark by the system's setting), which Fluent's components read wherever they are.
  return (
    <MsalProvider instance={msal}>
      <QueryClientProvider client={queryClient}>
        <NotifierProvider>
          <Shell router={router} />
        </NotifierProvider>
      </QueryClientProvider>
    </MsalProvider>
  );
}
