import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { JWK } from 'jose';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { roleTemplateIds } from '../directory-roles.js';
import { readBody } from '../read-body.js';
import type { ConsentStore } from '../store/consent-store.js';
import type { Db } from '../store/database.js';
import type { DirectoryStore } from '../store/directory-store.js';
import { sqliteOidcAdapter } from '../store/oidc-adapter.js';
import { createAdminConsentRoutes } from './admin-consent.js';
import { capabilitiesRequested, parseClaimsParameter } from './claims-request.js';
import {
  clientRequestIdOf,
  ENTRA_ERRORS,
  forRedirect,
  newTrace,
  redirectErrorParams,
  tokenErrorBody,
  type EntraError,
} from './entra-errors.js';
import { decorateAuthorizationRedirect, decorateTokenError } from './error-shapes.js';
import type { IdentityPolicy } from './identity-policy.js';
import { createInteractionRoutes } from './interactions.js';
import {
  errorPage,
  logoutPage,
  problemPage,
  sendPage,
  signedOutPage,
  type DemoAccount,
} from './pages.js';
import { GRAPH_SCOPES, OIDC_SCOPES, orderedGraphScopes } from './scopes.js';

export interface IdentityProviderOptions {
  /** e.g. https://localhost:5175/{tenant id}/v2.0; the provider is mounted at its path. */
  issuer: string;
  /** The app's origin: the only one its CORS answers, and where its pages lead back to. */
  appOrigin: string;
  /** The Graph emulator's resource indicator: the `aud` of every access token. */
  audience: string;
  client: { id: string; name: string; redirectUris: string[]; postLogoutRedirectUris: string[] };
  signingKey: JWK;
  cookieKeys: string[];
  tenantId: string;
  tenantName: string;
  db: Db;
  directory: DirectoryStore;
  consents: ConsentStore;
  policy: IdentityPolicy;
  demoAccounts: DemoAccount[];
  demoPassword: string;
}

type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** What the token endpoint's pre-check learned about a request, for the claims of the token it issues. */
interface TokenRequestNotes {
  capabilities: string[];
}

/**
 * The local OpenID Connect provider (oidc-provider): authorization code + PKCE for one
 * public SPA client, refresh tokens, and JWT access tokens shaped like Entra's, deciding
 * consent, roles and errors as Entra does (see the README, "What the local sign-in
 * reproduces of Entra"). Returns a connect-style handler to mount at `mountPath`.
 */
export async function createIdentityProvider(
  options: IdentityProviderOptions,
): Promise<{ handler: NodeHandler; issuer: string }> {
  // Imported here so `vite build` never loads it (it warns about Node 20 on import).
  const { default: Provider, errors, interactionPolicy } = await import('oidc-provider');
  const { issuer, appOrigin, audience, directory, consents, client, policy } = options;
  const mountPath = new URL(issuer).pathname;
  const graphScopes = GRAPH_SCOPES.map(({ scope }) => scope);
  const application = { id: client.id, name: client.name };
  const tokenRequestNotes = new WeakMap<IncomingMessage, TokenRequestNotes>();

  /**
   * Entra's checks after the password, before consent: assignment, Conditional Access,
   * multi-factor authentication. Interactively each shows a page of its own; on a silent
   * request (`prompt=none`) each is an error at the redirect URI, as Entra answers.
   */
  function entraCheck(
    reason: string,
    refusal: (ctx: KoaContextWithOIDC) => EntraError | undefined,
  ): InstanceType<typeof interactionPolicy.Check> {
    return new interactionPolicy.Check(reason, reason, 'interaction_required', (ctx) => {
      if (!ctx.oidc.session?.accountId) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      const error = refusal(ctx);
      if (!error) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      if (ctx.oidc.promptPending('none')) {
        const { error: code, error_description } = forRedirect(error);
        throw new errors.CustomOIDCProviderError(code, error_description);
      }
      return interactionPolicy.Check.REQUEST_PROMPT;
    });
  }
  const accountOf = (ctx: KoaContextWithOIDC) => {
    const accountId = ctx.oidc.session?.accountId;
    return accountId ? directory.find(accountId) : undefined;
  };
  const interactionsPolicy = interactionPolicy.base();
  interactionsPolicy.add(
    new interactionPolicy.Prompt(
      { name: 'entra', requestable: false },
      entraCheck('not_assigned', (ctx) => {
        const record = accountOf(ctx);
        return record && !policy.isAssigned(record.user.id)
          ? ENTRA_ERRORS.notAssigned(application, record.user.userPrincipalName)
          : undefined;
      }),
      entraCheck('blocked_by_policy', (ctx) => {
        const record = accountOf(ctx);
        return record && policy.isBlocked(record.user.id)
          ? ENTRA_ERRORS.blockedByConditionalAccess()
          : undefined;
      }),
      entraCheck('mfa', (ctx) => {
        const record = accountOf(ctx);
        if (!record || ctx.oidc.session?.amr?.includes('mfa')) return undefined;
        const mfa = policy.mfaFor(record.user.id);
        if (mfa === 'register') return ENTRA_ERRORS.mfaRegistrationRequired();
        return mfa === 'verify' ? ENTRA_ERRORS.mfaRequired() : undefined;
      }),
    ),
    1,
  );

  const provider = new Provider(issuer, {
    adapter: sqliteOidcAdapter(options.db),
    clients: [
      {
        client_id: client.id,
        client_name: client.name,
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: client.redirectUris,
        post_logout_redirect_uris: client.postLogoutRedirectUris,
      },
    ],
    jwks: { keys: [options.signingKey] },
    cookies: { keys: options.cookieKeys },
    scopes: OIDC_SCOPES,
    // MSAL's correlation id, kept through the provider's pages for the errors that follow them.
    extraParams: ['client-request-id'],
    claims: {
      // `wids` in the ID token as Entra puts it there when the registration's
      // groupMembershipClaims asks for directory roles, which the local registration does.
      openid: ['sub', 'oid', 'tid', 'wids'],
      profile: ['name', 'preferred_username', 'given_name', 'family_name'],
      email: ['email'],
    },
    // MSAL builds its account from the ID token, so the profile claims belong there.
    conformIdTokenClaims: false,
    findAccount(_ctx, sub) {
      const record = directory.find(sub);
      if (!record) return undefined;
      const { user } = record;
      return {
        accountId: user.id,
        claims() {
          return {
            sub: user.id,
            oid: user.id,
            tid: options.tenantId,
            wids: roleTemplateIds(record.roles),
            name: user.displayName,
            preferred_username: user.userPrincipalName,
            given_name: user.givenName ?? undefined,
            family_name: user.surname ?? undefined,
            email: user.mail ?? undefined,
          };
        },
      };
    },
    interactions: {
      policy: interactionsPolicy,
      url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // MSAL never sends `resource`: every token is for the Graph emulator.
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator) {
          if (indicator !== audience) throw new errors.InvalidTarget();
          return {
            scope: graphScopes.join(' '),
            audience,
            accessTokenTTL: 60 * 60,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.body = signedOutPage(`${appOrigin}/`);
        },
      },
    },
    // MSAL never sends prompt=consent, which oidc-provider wants before it issues refresh tokens.
    issueRefreshToken: (_ctx, oidcClient) => oidcClient.grantTypeAllowed('refresh_token'),
    extraTokenClaims(ctx, token) {
      if (token.kind !== 'AccessToken') return undefined;
      const { accountId } = token;
      const record = directory.find(accountId);
      // As Entra, a token carries every scope consented for the resource (the user's own
      // and the organisation's), not only those asked for.
      const requested = (token.scope ?? '').split(' ');
      const scp = orderedGraphScopes([
        ...requested,
        ...consents.effectiveScopes(accountId, client.id),
      ]).join(' ');
      const credential = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
      const amr = (credential as { amr?: string[] } | undefined)?.amr;
      const notes = tokenRequestNotes.get(ctx.req);
      return {
        scp,
        oid: accountId,
        tid: options.tenantId,
        wids: roleTemplateIds(record?.roles ?? []),
        name: record?.user.displayName,
        preferred_username: record?.user.userPrincipalName,
        azp: client.id,
        app_displayname: client.name,
        ...(amr?.length ? { amr } : {}),
        // Client capabilities (MSAL's clientCapabilities, e.g. CP1): the app can answer
        // claims challenges, so Graph may send it one.
        ...(notes?.capabilities.length ? { xms_cc: notes.capabilities } : {}),
      };
    },
    // Consent is remembered per user (and per organisation), not per browser session:
    // fold it into the grant.
    async loadExistingGrant(ctx) {
      const { session, client: oidcClient, result } = ctx.oidc;
      const accountId = session?.accountId;
      if (!session || !accountId || !oidcClient) return undefined;
      const { clientId } = oidcClient;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(clientId);
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      const grant =
        existing?.accountId === accountId
          ? existing
          : new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope(OIDC_SCOPES.join(' '));
      const consented = consents.effectiveScopes(accountId, clientId);
      if (consented.size) grant.addResourceScope(audience, [...consented].join(' '));
      await grant.save();
      return grant;
    },
    clientBasedCORS: (_ctx, requestOrigin) => requestOrigin === appOrigin,
    renderError(ctx, out) {
      const trace = newTrace(clientRequestIdOf(ctx.req));
      ctx.type = 'html';
      ctx.body = errorPage({ ...out }, trace, `${appOrigin}/`);
    },
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      RefreshToken: 14 * 24 * 60 * 60,
      Session: 14 * 24 * 60 * 60,
      Grant: 14 * 24 * 60 * 60,
    },
  });

  // Errors leave in Entra's shapes: AADSTS numbers, trace lines, error_codes and the rest.
  const tokenGrantTypes = new WeakMap<IncomingMessage, string>();
  provider.use(async (koa, next) => {
    await next();
    // Before routing, oidc-provider's context may not exist yet; the decorators allow for that.
    const ctx = koa as unknown as KoaContextWithOIDC;
    if (ctx.path === '/token' && ctx.status >= 400) {
      decorateTokenError(ctx, { application, grantType: tokenGrantTypes.get(ctx.req) });
    } else if (ctx.status >= 300 && ctx.status < 400) {
      decorateAuthorizationRedirect(ctx, application);
    }
  });
  const providerHandler = provider.callback();
  const interactions = createInteractionRoutes({ provider, options });
  const adminConsent = createAdminConsentRoutes({ provider, options });

  /** A refusal of the token endpoint's, with the CORS headers the app needs to read it. */
  function refuseTokenRequest(req: IncomingMessage, res: ServerResponse, error: EntraError) {
    const origin = req.headers.origin;
    res.writeHead(400, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...(origin === appOrigin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {}),
    });
    res.end(JSON.stringify(tokenErrorBody(error, newTrace(clientRequestIdOf(req)))));
  }

  /**
   * What Entra decides before it issues tokens, for a request the provider would otherwise
   * answer: the application exists, the user may still sign in (assignment, Conditional
   * Access, multi-factor authentication), and a refresh token reaches every scope
   * consented since it was issued (an administrator's grant for the organisation included).
   */
  async function checkTokenRequest(
    req: IncomingMessage,
    form: URLSearchParams,
  ): Promise<EntraError | undefined> {
    const clientId = form.get('client_id') ?? '';
    if (!clientId) return ENTRA_ERRORS.missingParameter('client_id');
    if (clientId !== client.id || !policy.clientKnown)
      return ENTRA_ERRORS.unknownClient(clientId, options.tenantName);
    const claims = parseClaimsParameter(form.get('claims'));
    if (claims === 'malformed') return ENTRA_ERRORS.malformedClaims();
    tokenRequestNotes.set(req, { capabilities: capabilitiesRequested(claims) });

    const grantType = form.get('grant_type');
    let credential: { accountId?: string; amr?: string[] } | undefined;
    if (grantType === 'refresh_token') {
      const refreshToken = await provider.RefreshToken.find(form.get('refresh_token') ?? '');
      credential = refreshToken;
      if (refreshToken?.accountId) {
        const consented = consents.effectiveScopes(refreshToken.accountId, client.id);
        const scopes = new Set([...refreshToken.scopes, ...consented]);
        if (scopes.size > refreshToken.scopes.size) {
          refreshToken.scope = [...scopes].join(' ');
          await refreshToken.save();
          const grant = refreshToken.grantId
            ? await provider.Grant.find(refreshToken.grantId)
            : undefined;
          if (grant) {
            grant.addResourceScope(audience, [...consented].join(' '));
            await grant.save();
          }
        }
      }
    } else if (grantType === 'authorization_code') {
      credential = await provider.AuthorizationCode.find(form.get('code') ?? '');
    }
    const record = credential?.accountId ? directory.find(credential.accountId) : undefined;
    if (!record) return undefined;
    const userId = record.user.id;
    if (!policy.isAssigned(userId))
      return ENTRA_ERRORS.notAssigned(application, record.user.userPrincipalName);
    if (policy.isBlocked(userId)) return ENTRA_ERRORS.blockedByConditionalAccess();
    if (!credential?.amr?.includes('mfa')) {
      const mfa = policy.mfaFor(userId);
      if (mfa === 'register') return ENTRA_ERRORS.mfaRegistrationRequired();
      if (mfa === 'verify') return ENTRA_ERRORS.mfaRequired();
    }
    return undefined;
  }

  async function handleTokenRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { request, form } = await readTokenRequest(req);
    if (form) {
      tokenGrantTypes.set(request, form.get('grant_type') ?? '');
      const refusal = await checkTokenRequest(request, form);
      if (refusal) {
        refuseTokenRequest(req, res, refusal);
        return;
      }
    }
    await providerHandler(request, res);
  }

  /**
   * Entra shows an unknown application on its own page: it cannot trust a redirect URI
   * the application never registered. The local page also leads back when the URI is one
   * the local app did register.
   */
  function refuseUnknownClient(req: IncomingMessage, res: ServerResponse): boolean {
    const params = new URL(req.url ?? '/', 'http://local').searchParams;
    const clientId = params.get('client_id') ?? '';
    if (clientId === client.id && policy.clientKnown) return false;
    const error = clientId
      ? ENTRA_ERRORS.unknownClient(clientId, options.tenantName)
      : ENTRA_ERRORS.missingParameter('client_id');
    const trace = newTrace(clientRequestIdOf(req));
    const redirectUri = params.get('redirect_uri') ?? '';
    let back: string | undefined;
    if (client.redirectUris.includes(redirectUri)) {
      const answer = new URLSearchParams(redirectErrorParams(error, trace));
      const state = params.get('state');
      if (state !== null) answer.set('state', state);
      const separator = params.get('response_mode') === 'query' ? '?' : '#';
      back = `${redirectUri}${separator}${answer.toString()}`;
    }
    sendPage(
      res,
      problemPage({
        heading: "Sorry, but we're having trouble signing you in",
        explanation: `AADSTS${error.code}: ${error.message}`,
        details: { description: `AADSTS${error.code}: ${error.message}`, ...trace },
        back,
      }),
      appOrigin,
    );
    return true;
  }

  const handler: NodeHandler = (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/interaction/')) {
      interactions(req, res).catch(next);
      return;
    }
    if (path === '/adminconsent' || path.startsWith('/adminconsent/')) {
      adminConsent(req, res).catch(next);
      return;
    }
    if (req.method === 'POST' && path === '/token') {
      handleTokenRequest(req, res).catch(next);
      return;
    }
    if (path === '/auth' && req.method === 'GET' && refuseUnknownClient(req, res)) return;
    if (
      path === '/session/end' &&
      !/[?&]client_id=/.test(req.url ?? '') &&
      !/[?&]id_token_hint=/.test(req.url ?? '')
    ) {
      // MSAL's logout sends no client_id, without which the provider ignores
      // post_logout_redirect_uri; there is one client, so name it (in both URLs, see oidc-provider's mount detection).
      const joiner = (req.url ?? '').includes('?') ? '&' : '?';
      const clientParam = `${joiner}client_id=${encodeURIComponent(client.id)}`;
      const mounted = req as IncomingMessage & { originalUrl?: string };
      mounted.url = `${req.url ?? ''}${clientParam}`;
      mounted.originalUrl = `${mounted.originalUrl ?? ''}${clientParam}`;
    }
    providerHandler(req, res).catch(next);
  };
  return { handler, issuer };
}

/**
 * Reads a token request's form (and hands the provider a request that streams it again:
 * a pre-parsed body would make it warn on every start). MSAL adds `openid profile
 * offline_access` to refresh requests; the provider refuses `offline_access` there, so
 * it is dropped.
 */
async function readTokenRequest(
  req: IncomingMessage,
): Promise<{ request: IncomingMessage; form?: URLSearchParams }> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
    return { request: req };
  // The provider's own limit for a form body.
  const form = new URLSearchParams((await readBody(req, 56 * 1024)).toString('utf8'));
  const scope = form.get('scope');
  if (form.get('grant_type') === 'refresh_token' && scope !== null) {
    form.set(
      'scope',
      scope
        .split(' ')
        .filter((name) => name && name !== 'offline_access')
        .join(' '),
    );
  }
  const body = Buffer.from(form.toString());
  const replay = Readable.from([body]) as unknown as IncomingMessage;
  const request = Object.assign(replay, {
    headers: { ...req.headers, 'content-length': String(body.length) },
    rawHeaders: req.rawHeaders,
    method: req.method,
    url: req.url,
    originalUrl: (req as IncomingMessage & { originalUrl?: string }).originalUrl,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    socket: req.socket,
    connection: req.socket,
  });
  return { request, form };
}
