import type { PublicClientApplication } from '@azure/msal-browser';
import { InteractionStatus } from '@azure/msal-browser';
import { MsalProvider, useIsAuthenticated, useMsal } from '@azure/msal-react';
import { FluentProvider, Spinner } from '@fluentui/react-components';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useSilentSignInPending } from '../auth/silent-sign-in';
import { NotifierProvider } from '../components/notifier';
import type { AppRouter } from './router';
import { SignInScreen } from './sign-in-screen';
import { useSystemTheme } from './theme';

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
    return <SignInScreen />;
  }
  return <RouterProvider router={router} />;
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
  const theme = useSystemTheme();
  return (
    <FluentProvider theme={theme} style={{ minHeight: '100vh' }}>
      <MsalProvider instance={msal}>
        <QueryClientProvider client={queryClient}>
          <NotifierProvider>
            <Shell router={router} />
          </NotifierProvider>
        </QueryClientProvider>
      </MsalProvider>
    </FluentProvider>
  );
}
