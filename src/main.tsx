import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { trackAuthErrors } from './app/auth-events';
import { StartupError } from './app/startup-error';
import { createMsalClient, initializeMsal } from './auth/msal';
import { createTokenSource } from './auth/tokens';
import { loadAppConfig } from './config/env';
import { meQuery } from './features/me/api/get-me';
import { positionQueries } from './features/positions/api/position-queries';
import { createGraphClient } from './graph/client';
import { setGraphClient } from './graph/graph';
import { createQueryClient } from './lib/query-client';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no element with the id "root".');
const root = createRoot(container);

async function start() {
  const configResult = loadAppConfig();
  if (!configResult.ok) {
    root.render(
      <StartupError
        title="Profile Editor is not configured correctly"
        problems={configResult.problems}
      />,
    );
    return;
  }
  const { config } = configResult;
  const msal = createMsalClient(config);
  trackAuthErrors(msal);
  // MSAL must finish initializing before anything renders or asks for a token.
  await initializeMsal(msal);
  setGraphClient(
    createGraphClient({ baseUrl: config.graphBaseUrl, getToken: createTokenSource(msal) }),
  );
  const queryClient = createQueryClient();
  // Signed in already: start the first page's Graph calls now, while React renders. A
  // failure is shown by the page that uses the data, which asks again.
  if (msal.getActiveAccount()) {
    const ignore = () => undefined;
    void queryClient.query(meQuery()).catch(ignore);
    if (window.location.pathname === '/')
      void queryClient.query(positionQueries.list('me')).catch(ignore);
  }
  root.render(<App msal={msal} queryClient={queryClient} />);
}

start().catch((error: unknown) => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  root.render(<StartupError title="Profile Editor could not start" problems={[message]} />);
});
