import { createRoot } from 'react-dom/client';
import 'virtual:fluent-theme.css';
import './styles/first-page.css';
import { App } from './app/app';
import { configureAdminConsent, takeAdminConsentAnswer } from './auth/admin-consent';
import { mayChangeOtherUsers } from './auth/directory-roles';
import { createMsalClient, initializeMsal } from './auth/msal';
import { startSilentSignIn } from './auth/silent-sign-in';
import { createTokenSource } from './auth/tokens';
import { loadAppConfig } from './config/env';
import { createGraphClient } from './graph/client';
import { setGraphClient } from './graph/graph';
import { createQueryClient } from './lib/query-client';
import { yieldToMainThread } from './lib/yield-to-main-thread';
import { createAppRouter } from './app/router';
import { purgeOthersDrafts } from './features/positions/utils/draft-keys';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no element with the id "root".');
const root = createRoot(container);

/** Shown instead of the app when it cannot start (its code loads only then). */
async function showStartupError(title: string, problems: string[]) {
  try {
    const { StartupError } = await import('./app/startup-error');
    root.render(<StartupError title={title} problems={problems} />);
  } catch {
    root.render(
      <main role="alert">
        <h1>{title}</h1>
        <ul>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </main>,
    );
  }
}

async function start() {
  const configResult = loadAppConfig();
  if (!configResult.ok) {
    await showStartupError('Profile Editor is not configured correctly', configResult.problems);
    return;
  }
  const { config } = configResult;
  // Other people's drafts belong to the tab only; an earlier version kept them for good.
  purgeOthersDrafts(localStorage);
  configureAdminConsent(config);
  // The administrator-consent answer is the app's, not MSAL's: taken out of the address first.
  takeAdminConsentAnswer();
  const msal = createMsalClient(config);
  // MSAL must finish initializing before anything renders or asks for a token.
  await initializeMsal(msal);
  // The modules' start-up and MSAL's make one task, the router, the first Graph request and
  // React another: neither is a long task (over 50 ms) that holds up input and painting.
  await yieldToMainThread();
  // A new tab signs in without a click while the provider still has a session.
  void startSilentSignIn(msal);
  setGraphClient(
    createGraphClient({ baseUrl: config.graphBaseUrl, getToken: createTokenSource(msal) }),
  );
  const queryClient = createQueryClient();
  const router = createAppRouter(queryClient, () =>
    mayChangeOtherUsers(msal.getActiveAccount()?.idTokenClaims),
  );
  // Signed in already: match the address and run its routes' loaders now, which start the
  // first page's Graph calls while React renders (the router renders once signed in).
  if (msal.getActiveAccount()) void router.load();
  root.render(<App msal={msal} queryClient={queryClient} router={router} />);
}

start().catch((error: unknown) => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  void showStartupError('Profile Editor could not start', [message]);
});
