import type { PublicClientApplication } from '@azure/msal-browser';
import { InteractionStatus } from '@azure/msal-browser';
import { MsalProvider, useIsAuthenticated, useMsal } from '@azure/msal-react';
import { FluentProvider, Spinner } from '@fluentui/react-components';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { NotifierProvider } from '../components/notifier';
import { OfflineBanner } from '../components/offline-banner';
import { AppHeader } from './app-header';
import { AppRoutes } from './routes';
import { SignInScreen } from './sign-in-screen';
import { useSystemTheme } from './theme';

function Shell() {
  const { inProgress, instance } = useMsal();
  // msal-react reports no account until its own start-up pass ends; main.tsx has already
  // handled any redirect answer, so the accounts MSAL holds now are final.
  const isAuthenticated =
    useIsAuthenticated() ||
    (inProgress === InteractionStatus.Startup && instance.getAllAccounts().length > 0);
  if (!isAuthenticated) {
    if (
      inProgress === InteractionStatus.Startup ||
      inProgress === InteractionStatus.HandleRedirect
    ) {
      return <Spinner style={{ minHeight: '100vh' }} label="Signing you in…" />;
    }
    return <SignInScreen />;
  }
  return (
    <>
      <AppHeader />
      <OfflineBanner />
      <main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <AppRoutes />
      </main>
    </>
  );
}

export function App({
  msal,
  queryClient,
}: {
  msal: PublicClientApplication;
  queryClient: QueryClient;
}) {
  const theme = useSystemTheme();
  return (
    <FluentProvider theme={theme} style={{ minHeight: '100vh' }}>
      <MsalProvider instance={msal}>
        <QueryClientProvider client={queryClient}>
          <NotifierProvider>
            <Shell />
          </NotifierProvider>
        </QueryClientProvider>
      </MsalProvider>
    </FluentProvider>
  );
}
