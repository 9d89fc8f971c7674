import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { mayGrantAdminConsent } from '../directory-roles.js';
import { readBody } from '../read-body.js';
import {
  clientRequestIdOf,
  ENTRA_ERRORS,
  newTrace,
  redirectErrorParams,
  type EntraError,
  type ErrorTrace,
} from './entra-errors.js';
import type { IdentityProviderOptions } from './identity-provider.js';
import {
  adminConsentPage,
  loginPage,
  mfaPage,
  needsAdminPage,
  problemPage,
  sendPage,
} from './pages.js';
import { CONFIGURED_SCOPES, describeScope, normalizeScope, orderedGraphScopes } from './scopes.js';

/** One administrator-consent request, from `/adminconsent?…` to the answer at the redirect URI. */
interface AdminConsentRequest {
  id: string;
  /** The `scope` parameter as the app sent it: Entra returns it as it was asked. */
  requestedScope: string;
  /** The Graph permissions it asks for, by their bare names. */
  scopes: string[];
  redirectUri: string;
  state?: string;
  correlationId?: string;
  /** Who signed in to answer it, once someone has. */
  accountId?: string;
  /** Whether that person has passed multi-factor authentication (here, or in the provider's session). */
  mfaDone: boolean;
  expiresAt: number;
}

const LIFETIME_MS = 60 * 60 * 1000;
const MAX_OPEN_REQUESTS = 500;

/**
 * Entra's administrator-consent endpoint, `{tenant}/v2.0/adminconsent`: an administrator
 * (one of the four roles that may grant it) signs in if needed and grants the requested
 * permissions for the whole organisation. The answer returns to `redirect_uri` with
 * `admin_consent=True&tenant=…&scope=…&state=…`, or with `admin_consent=True&error=…&
 * error_description=…&state=…`. Anyone else is refused with "Need admin approval".
 */
export function createAdminConsentRoutes({
  provider,
  options,
}: {
  provider: Provider;
  options: IdentityProviderOptions;
}) {
  const { client, directory, consents } = options;
  const base = `${new URL(options.issuer).pathname}/adminconsent`;
  const open = new Map<string, AdminConsentRequest>();
  const page = (res: ServerResponse, html: string, status = 200) =>
    sendPage(res, html, options.appOrigin, status);

  function redirect(res: ServerResponse, location: string): void {
    res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
    res.end();
  }

  /** The answer at the app's redirect URI (query parameters, as Entra sends this one). */
  function answer(request: AdminConsentRequest, params: Record<string, string>): string {
    const url = new URL(request.redirectUri);
    const search = new URLSearchParams({ admin_consent: 'True', ...params });
    if (request.state !== undefined) search.set('state', request.state);
    url.search = search.toString();
    return url.href;
  }

  function refuse(res: ServerResponse, request: AdminConsentRequest, error: EntraError): void {
    open.delete(request.id);
    redirect(res, answer(request, redirectErrorParams(error, newTrace(request.correlationId))));
  }

  /** Errors Entra shows on its own page: it cannot trust where the request says to go back to. */
  function stopHere(res: ServerResponse, error: EntraError, trace: ErrorTrace): void {
    const description = `AADSTS${error.code}: ${error.message}`;
    page(
      res,
      problemPage({
        heading: "Sorry, but we're having trouble signing you in",
        explanation: description,
        details: { description, ...trace },
      }),
    );
  }

  /** Whoever is signed in at the provider already (its session cookie): offered, not imposed. */
  async function signedInAccount(req: IncomingMessage, res: ServerResponse) {
    const session = await provider.Session.get({ req, res } as unknown as KoaContextWithOIDC);
    const record = session.accountId ? directory.find(session.accountId) : undefined;
    return { record, mfaDone: session.amr?.includes('mfa') ?? false };
  }

  async function start(req: IncomingMessage, res: ServerResponse, params: URLSearchParams) {
    const trace = newTrace(clientRequestIdOf(req));
    const clientId = params.get('client_id') ?? '';
    if (!clientId) {
      stopHere(res, ENTRA_ERRORS.missingParameter('client_id'), trace);
      return;
    }
    if (clientId !== client.id || !options.policy.clientKnown) {
      stopHere(res, ENTRA_ERRORS.unknownClient(clientId, options.tenantName), trace);
      return;
    }
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri) {
      stopHere(res, ENTRA_ERRORS.missingParameter('redirect_uri'), trace);
      return;
    }
    if (!client.redirectUris.includes(redirectUri)) {
      stopHere(res, ENTRA_ERRORS.redirectUriMismatch(redirectUri, clientId), trace);
      return;
    }

    for (const [id, request] of open) if (request.expiresAt < Date.now()) open.delete(id);
    const oldest = open.keys().next();
    if (open.size >= MAX_OPEN_REQUESTS && !oldest.done) open.delete(oldest.value);
    const request: AdminConsentRequest = {
      id: randomBytes(18).toString('base64url'),
      requestedScope: params.get('scope') ?? '',
      scopes: [],
      redirectUri,
      state: params.get('state') ?? undefined,
      correlationId: trace.correlationId,
      mfaDone: false,
      expiresAt: Date.now() + LIFETIME_MS,
    };
    const raw = request.requestedScope.split(/\s+/).filter(Boolean);
    if (raw.length === 0) {
      refuse(res, request, ENTRA_ERRORS.missingParameter('scope'));
      return;
    }
    const scopes: string[] = [];
    for (const scope of raw) {
      const known = normalizeScope(scope, options.audience);
      if (!known) {
        refuse(res, request, ENTRA_ERRORS.invalidScope(scope));
        return;
      }
      if (known === '.default') scopes.push(...CONFIGURED_SCOPES);
      else scopes.push(known);
    }
    request.scopes = orderedGraphScopes(scopes);
    const signedIn = await signedInAccount(req, res);
    request.accountId = signedIn.record?.user.id;
    request.mfaDone = signedIn.mfaDone;
    open.set(request.id, request);
    redirect(res, `${base}/${request.id}`);
  }

  function renderLogin(
    res: ServerResponse,
    request: AdminConsentRequest,
    status = 200,
    email?: string,
    error?: string,
  ) {
    page(
      res,
      loginPage({
        action: `${base}/${request.id}/login`,
        email,
        error,
        demoAccounts: options.demoAccounts,
        demoPassword: options.demoPassword,
        clientName: `${client.name} (administrator consent for ${options.tenantName})`,
      }),
      status,
    );
  }

  function show(res: ServerResponse, request: AdminConsentRequest) {
    const record = request.accountId ? directory.find(request.accountId) : undefined;
    if (!record) {
      renderLogin(res, request);
      return;
    }
    const scopes = request.scopes.map(describeScope);
    // The administrator's own sign-in meets the tenant's policy, as any sign-in does.
    if (options.policy.isBlocked(record.user.id)) {
      const error = ENTRA_ERRORS.blockedByConditionalAccess();
      page(
        res,
        problemPage({
          heading: 'You cannot access this right now',
          explanation: `AADSTS${error.code}: ${error.message}`,
          details: {
            description: `AADSTS${error.code}: ${error.message}`,
            ...newTrace(request.correlationId),
          },
          back: `${base}/${request.id}/cancel?reason=blocked`,
        }),
      );
      return;
    }
    const mfa = options.policy.mfaFor(record.user.id);
    if (mfa !== 'none' && !request.mfaDone) {
      page(
        res,
        mfaPage({
          action: `${base}/${request.id}/mfa`,
          cancel: `${base}/${request.id}/cancel?reason=mfa`,
          userName: record.user.displayName,
          register: mfa === 'register',
        }),
      );
      return;
    }
    if (!mayGrantAdminConsent(record.roles)) {
      const error = ENTRA_ERRORS.adminApprovalRequired();
      page(
        res,
        needsAdminPage({
          back: `${base}/${request.id}/cancel?reason=admin`,
          switchAccount: `${base}/${request.id}/switch`,
          userName: record.user.displayName,
          clientName: client.name,
          scopes,
          userConsentDisabled: false,
          details: {
            description: `AADSTS${error.code}: ${error.message}`,
            ...newTrace(request.correlationId),
          },
        }),
      );
      return;
    }
    page(
      res,
      adminConsentPage({
        action: `${base}/${request.id}/accept`,
        cancel: `${base}/${request.id}/cancel`,
        switchAccount: `${base}/${request.id}/switch`,
        userName: record.user.displayName,
        userPrincipalName: record.user.userPrincipalName,
        clientName: client.name,
        scopes,
      }),
    );
  }

  return async function handleAdminConsent(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://local');
    const [, id, action] = url.pathname.split('/').filter(Boolean);
    if (!id) {
      if (req.method !== 'GET') {
        res.writeHead(405, { Allow: 'GET' });
        return res.end();
      }
      return start(req, res, url.searchParams);
    }
    const request = open.get(id);
    if (!request || request.expiresAt < Date.now()) {
      page(
        res,
        problemPage({
          heading: 'This request has expired',
          explanation:
            'The administrator-consent request is unknown or more than an hour old. Go back to the application and start again.',
          details: { description: 'Unknown administrator-consent request.', ...newTrace() },
        }),
        400,
      );
      return;
    }
    if (req.method === 'GET' && !action) {
      show(res, request);
      return;
    }
    if (req.method === 'GET' && action === 'switch') {
      renderLogin(res, request);
      return;
    }
    if (req.method === 'POST' && action === 'login') {
      const form = new URLSearchParams((await readBody(req, 16 * 1024)).toString('utf8'));
      const email = (form.get('email') ?? '').trim();
      const password = form.get('password') ?? '';
      if (!email || !password) {
        renderLogin(res, request, 400, email, 'Enter your email and your password.');
        return;
      }
      const result = directory.verifyPassword(email, password);
      if (!result.ok) {
        renderLogin(
          res,
          request,
          401,
          email,
          result.reason === 'unknownUser'
            ? `We couldn't find an account for ${email}.`
            : 'Your password is incorrect. Check it and try again.',
        );
        return;
      }
      request.accountId = result.record.user.id;
      request.mfaDone = false;
      redirect(res, `${base}/${request.id}`);
      return;
    }
    if (req.method === 'POST' && action === 'accept') {
      await readBody(req, 16 * 1024);
      const record = request.accountId ? directory.find(request.accountId) : undefined;
      // Checked again here: the page is only a view, this is the decision.
      if (!record || !mayGrantAdminConsent(record.roles)) {
        refuse(res, request, ENTRA_ERRORS.adminApprovalRequired());
        return;
      }
      if (options.policy.isBlocked(record.user.id)) {
        refuse(res, request, ENTRA_ERRORS.blockedByConditionalAccess());
        return;
      }
      if (options.policy.mfaFor(record.user.id) !== 'none' && !request.mfaDone) {
        refuse(res, request, ENTRA_ERRORS.mfaNotCompleted());
        return;
      }
      consents.grantForOrganization(client.id, request.scopes);
      open.delete(request.id);
      redirect(res, answer(request, { tenant: options.tenantId, scope: request.requestedScope }));
      return;
    }
    if (req.method === 'POST' && action === 'mfa' && request.accountId) {
      await readBody(req, 16 * 1024);
      if (options.policy.mfaFor(request.accountId) === 'register')
        options.policy.markMfaRegistered(request.accountId);
      request.mfaDone = true;
      redirect(res, `${base}/${request.id}`);
      return;
    }
    if (req.method === 'GET' && action === 'cancel') {
      const reason = url.searchParams.get('reason');
      refuse(
        res,
        request,
        reason === 'admin'
          ? ENTRA_ERRORS.adminApprovalRequired()
          : reason === 'blocked'
            ? ENTRA_ERRORS.blockedByConditionalAccess()
            : reason === 'mfa'
              ? ENTRA_ERRORS.mfaNotCompleted()
              : ENTRA_ERRORS.adminConsentDeclined(),
      );
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
  };
}
