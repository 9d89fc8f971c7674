import {
  AuthError,
  EventType,
  LogLevel,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import type { AppConfig } from '../config/app-config';
import { diagnoseAuthError, isConsentRefusal } from './auth-error-diagnosis';
import {
  forgetAllRefusals,
  forgetRefusal,
  rememberRefusal,
  takePendingInteraction,
} from './consent-memory';
import { setRedirectFailure } from './redirect-outcome';
import { NEEDS_ADMINISTRATOR, permissionOf } from './scopes';
import { rememberSignedIn } from './signed-in-hint';

export const redirectUri = () => `${window.location.origin}/`;
/** Silent renewals land on MSAL's redirect bridge, registered as a second redirect URI. */
export const bridgeRedirectUri = () => `${window.location.origin}/redirect.html`;

/**
 * The embedded provider's endpoints (oidc-provider's routes), given to MSAL up front so
 * it does not fetch the discovery document before the first Graph call of every page.
 * Entra's are built into MSAL already.
 */
function localAuthorityMetadata(authority: string): string {
  return JSON.stringify({
    issuer: authority,
    authorization_endpoint: `${authority}/auth`,
    token_endpoint: `${authority}/token`,
    end_session_endpoint: `${authority}/session/end`,
    jwks_uri: `${authority}/jwks`,
  });
}

/**
 * Makes `account` the active one, unless it is already: every token from the cache counts
 * as a success too, and setting the same account again writes to storage and has MSAL
 * tell every listener (msal-react reads all accounts again and renders) on each Graph call.
 */
export function activateAccount(
  client: Pick<IPublicClientApplication, 'getActiveAccount' | 'setActiveAccount'>,
  account: AccountInfo,
): void {
  const active = client.getActiveAccount();
  if (
    active?.homeAccountId === account.homeAccountId &&
    active.localAccountId === account.localAccountId
  )
    return;
  client.setActiveAccount(account);
}

/** The one MSAL client of the page. Tokens live in session storage, never in local storage. */
export function createMsalClient(config: AppConfig): PublicClientApplication {
  const client = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      authorityMetadata: config.isLocal ? localAuthorityMetadata(config.authority) : undefined,
      redirectUri: redirectUri(),
      postLogoutRedirectUri: redirectUri(),
      // The app answers Graph's claims challenges (Continuous Access Evaluation): Graph
      // challenges only apps that say so, and only they get revocation enforced at once.
      clientCapabilities: ['CP1'],
    },
    cache: { cacheLocation: 'sessionStorage' },
    system: {
      // Under `system` in MSAL 5; under `auth` it is silently ignored.
      protocolMode: config.protocolMode,
      loggerOptions: {
        logLevel: LogLevel.Warning,
        piiLoggingEnabled: false,
        loggerCallback(level, message, containsPii) {
          // MSAL warns "No client info in response" against a non-Entra provider: expected.
          if (containsPii || message.includes('No client info')) return;
          if (level === LogLevel.Error) console.error(message);
        },
      },
    },
  });
  client.addEventCallback((event) => {
    if (event.eventType === EventType.LOGIN_SUCCESS) {
      // Someone signed in: nobody's earlier refusals in this tab apply to them.
      forgetAllRefusals();
      rememberSignedIn();
    }
    if (
      (event.eventType === EventType.LOGIN_SUCCESS ||
        event.eventType === EventType.ACQUIRE_TOKEN_SUCCESS) &&
      event.payload
    ) {
      // A success event's payload is an AuthenticationResult; its account is checked all the same.
      const { account } = event.payload as Partial<Pick<AuthenticationResult, 'account'>>;
      if (account) activateAccount(client, account);
    }
  });
  return client;
}

/** Completes MSAL's start-up: the redirect answer (if any) handled, an active account chosen. */
export async function initializeMsal(client: PublicClientApplication): Promise<void> {
  await client.initialize();
  const pending = takePendingInteraction();
  try {
    const result = await client.handleRedirectPromise();
    if (result && pending?.kind === 'token' && pending.accountId)
      forgetRefusal(pending.accountId, pending.scopeSet);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    // A refusal of a permission (declined, or it needs an administrator) is remembered for
    // that account, so the app explains it instead of asking again; any failure is kept
    // for this page load, so the app shows it instead of sending the user straight back.
    const diagnosis = diagnoseAuthError(error, {
      permission: pending ? permissionOf(pending.scopeSet) : undefined,
      needsAdministrator: pending ? NEEDS_ADMINISTRATOR[pending.scopeSet] : undefined,
    });
    if (pending?.kind === 'token' && pending.accountId && isConsentRefusal(diagnosis))
      rememberRefusal(pending.accountId, pending.scopeSet, error);
    setRedirectFailure({ error, pending });
  }
  if (!client.getActiveAccount()) {
    const first = client.getAllAccounts().at(0);
    if (first) client.setActiveAccount(first);
  }
  if (client.getActiveAccount()) rememberSignedIn();
  // The provider's sign-out comes back with `?state=…` that MSAL leaves behind.
  const url = new URL(window.location.href);
  if (url.searchParams.has('state') && !url.searchParams.has('code') && !url.hash) {
    url.searchParams.delete('state');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
}
