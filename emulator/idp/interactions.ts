import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { readBody } from '../read-body.js';
import { isAdministrator } from '../store/directory-store.js';
import type { IdentityProviderOptions } from './identity-provider.js';
import { consentPage, loginPage, needsAdminPage } from './pages.js';
import { describeScope } from './scopes.js';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req, 16 * 1024)).toString('utf8'));
}

/**
 * The provider's pages: no script, not frameable. Their forms post to the provider, which
 * answers with a redirect to the app; browsers check `form-action` along redirects too,
 * so the app's origin (another origin, as with Entra) must be allowed.
 */
function sendHtml(res: ServerResponse, status: number, html: string, appOrigin: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${appOrigin}; frame-ancestors 'none'; base-uri 'none'`,
  });
  res.end(html);
}

/** The Graph scopes this interaction asks for that the user has not granted yet. */
function missingGraphScopes(details: Details, audience: string): string[] {
  const missing = (details.prompt.details.missingResourceScopes ?? {}) as Record<string, string[]>;
  return missing[audience] ?? [];
}

/**
 * The provider's own pages: login (with one-click demo accounts), consent, and the
 * "needs administrator approval" page whose way back returns access_denied to the app.
 */
export function createInteractionRoutes({
  provider,
  options,
}: {
  provider: Provider;
  options: IdentityProviderOptions;
}) {
  const { directory, consents, audience, client } = options;
  const mountPath = new URL(options.issuer).pathname;
  const page = (res: ServerResponse, status: number, html: string) =>
    sendHtml(res, status, html, options.appOrigin);

  function renderLogin(
    res: ServerResponse,
    uid: string,
    status = 200,
    email?: string,
    error?: string,
  ) {
    page(
      res,
      status,
      loginPage({
        action: `${mountPath}/interaction/${uid}/login`,
        email,
        error,
        demoAccounts: options.demoAccounts,
        demoPassword: options.demoPassword,
        clientName: client.name,
      }),
    );
  }

  async function renderConsent(req: IncomingMessage, res: ServerResponse, details: Details) {
    const accountId = details.session?.accountId;
    const record = accountId ? directory.find(accountId) : undefined;
    if (!record) return renderLogin(res, details.uid);
    const scopes = missingGraphScopes(details, audience).map(describeScope);
    const needsAdmin = scopes.some((scope) => scope.adminOnly) && !isAdministrator(record);
    if (scopes.length === 0) return finishConsent(req, res, details);
    const base = `${mountPath}/interaction/${details.uid}`;
    if (needsAdmin) {
      return page(
        res,
        200,
        needsAdminPage({
          back: `${base}/abort?reason=admin`,
          userName: record.user.displayName,
          clientName: client.name,
          scopes,
        }),
      );
    }
    page(
      res,
      200,
      consentPage({
        action: `${base}/confirm`,
        cancel: `${base}/abort?reason=cancel`,
        userName: record.user.displayName,
        clientName: client.name,
        scopes,
      }),
    );
  }

  async function finishConsent(req: IncomingMessage, res: ServerResponse, details: Details) {
    const accountId = details.session!.accountId;
    const record = directory.find(accountId);
    const requested = missingGraphScopes(details, audience);
    // Checked again here: the page is only a view, this is the decision.
    if (
      !record ||
      (requested.some((scope) => describeScope(scope).adminOnly) && !isAdministrator(record))
    ) {
      return provider.interactionFinished(
        req,
        res,
        {
          error: 'access_denied',
          error_description: 'An administrator must grant this permission.',
        },
        { mergeWithLastSubmission: false },
      );
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId, clientId: details.params.client_id as string });
    if (!grant) throw new Error('grant not found');
    const missingOidc = (details.prompt.details.missingOIDCScope ?? []) as string[];
    if (missingOidc.length) grant.addOIDCScope(missingOidc.join(' '));
    const missingClaims = (details.prompt.details.missingOIDCClaims ?? []) as string[];
    if (missingClaims.length) grant.addOIDCClaims(missingClaims);
    if (requested.length) grant.addResourceScope(audience, requested.join(' '));
    const grantId = await grant.save();
    consents.grant(accountId, client.id, requested);
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  return async function handleInteraction(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://idp.local');
    const [, , uid, action] = url.pathname.split('/');
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');

    if (req.method === 'GET' && !action) {
      if (details.prompt.name === 'login')
        return renderLogin(res, uid, 200, details.params.login_hint as string | undefined);
      return renderConsent(req, res, details);
    }
    if (req.method === 'POST' && action === 'login') {
      const form = await readForm(req);
      const email = (form.get('email') ?? '').trim();
      const password = form.get('password') ?? '';
      if (!email || !password)
        return renderLogin(res, uid, 400, email, 'Enter your email and your password.');
      const result = directory.verifyPassword(email, password);
      if (!result.ok) {
        const message =
          result.reason === 'unknownUser'
            ? `We couldn't find an account for ${email}. Check the address, or pick a demo account below.`
            : 'Your password is incorrect. Check it and try again.';
        return renderLogin(res, uid, 401, email, message);
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: result.record.user.id } },
        { mergeWithLastSubmission: false },
      );
    }
    if (req.method === 'POST' && action === 'confirm') {
      await readForm(req);
      return finishConsent(req, res, details);
    }
    if (req.method === 'GET' && action === 'abort') {
      const adminNeeded = url.searchParams.get('reason') === 'admin';
      return provider.interactionFinished(
        req,
        res,
        {
          error: 'access_denied',
          error_description: adminNeeded
            ? 'AADSTS90094: An administrator of Contoso must grant this permission before the app can use it.'
            : 'AADSTS65004: The user declined to consent to access the app.',
        },
        { mergeWithLastSubmission: false },
      );
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
  };
}
