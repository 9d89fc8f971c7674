import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { JWK } from 'jose';
import type { Db } from '../store/database.js';
import type { ConsentStore } from '../store/consent-store.js';
import type { DirectoryStore } from '../store/directory-store.js';
import { readBody } from '../read-body.js';
import { sqliteOidcAdapter } from '../store/oidc-adapter.js';
import { createInteractionRoutes } from './interactions.js';
import { errorPage, logoutPage, signedOutPage, type DemoAccount } from './pages.js';
import { GRAPH_SCOPES, OIDC_SCOPES } from './scopes.js';

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
  db: Db;
  directory: DirectoryStore;
  consents: ConsentStore;
  demoAccounts: DemoAccount[];
  demoPassword: string;
}

type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * The local OpenID Connect provider (oidc-provider): authorization code + PKCE for one
 * public SPA client, refresh tokens, and JWT access tokens shaped like Entra's.
 * Returns a connect-style handler to mount at `mountPath`.
 */
export async function createIdentityProvider(
  options: IdentityProviderOptions,
): Promise<{ handler: NodeHandler; issuer: string }> {
  // Imported here so `vite build` never loads it (it warns about Node 20 on import).
  const { default: Provider, errors } = await import('oidc-provider');
  const { issuer, appOrigin, audience, directory, consents, client } = options;
  const mountPath = new URL(issuer).pathname;
  const graphScopes = GRAPH_SCOPES.map(({ scope }) => scope);

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
    claims: {
      openid: ['sub', 'oid', 'tid'],
      profile: ['name', 'preferred_username', 'given_name', 'family_name'],
      email: ['email'],
    },
    // MSAL builds its account from the ID token, so the profile claims belong there.
    conformIdTokenClaims: false,
    async findAccount(_ctx, sub) {
      const record = directory.find(sub);
      if (!record) return undefined;
      const { user } = record;
      return {
        accountId: user.id,
        async claims() {
          return {
            sub: user.id,
            oid: user.id,
            tid: options.tenantId,
            name: user.displayName,
            preferred_username: user.userPrincipalName,
            given_name: user.givenName ?? undefined,
            family_name: user.surname ?? undefined,
            email: user.mail ?? undefined,
          };
        },
      };
    },
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
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
    issueRefreshToken: async (_ctx, oidcClient) => oidcClient.grantTypeAllowed('refresh_token'),
    async extraTokenClaims(_ctx, token) {
      if (token.kind !== 'AccessToken') return undefined;
      const record = directory.find(String(token.accountId));
      return {
        scp: token.scope,
        oid: token.accountId,
        tid: options.tenantId,
        name: record?.user.displayName,
        preferred_username: record?.user.userPrincipalName,
        azp: client.id,
        app_displayname: client.name,
      };
    },
    // Consent is remembered per user, not per browser session: fold it into the grant.
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client!.clientId;
      if (!accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(clientId);
      const grant =
        (grantId && (await ctx.oidc.provider.Grant.find(grantId))) ||
        new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope(OIDC_SCOPES.join(' '));
      const remembered = consents.scopesFor(accountId, clientId);
      if (remembered.size) grant.addResourceScope(audience, [...remembered].join(' '));
      await grant.save();
      return grant;
    },
    clientBasedCORS: (_ctx, requestOrigin) => requestOrigin === appOrigin,
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage({ ...out }, `${appOrigin}/`);
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

  // Entra answers a silent request for a scope never consented with invalid_grant and
  // suberror consent_required; MSAL turns that (not invalid_scope) into InteractionRequiredAuthError.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { error?: string; error_description?: string } | undefined;
    if (ctx.path === '/token' && ctx.status === 400 && body?.error === 'invalid_scope') {
      ctx.body = {
        error: 'invalid_grant',
        error_description: `consent_required: ${body.error_description ?? 'the user has not consented to a requested scope'}`,
        suberror: 'consent_required',
      };
    }
  });

  const providerHandler = provider.callback();
  const interactions = createInteractionRoutes({ provider, options });

  const handler: NodeHandler = (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/interaction/')) {
      interactions(req, res).catch(next);
      return;
    }
    if (req.method === 'POST' && path === '/token') {
      tokenRequestWithoutOfflineAccess(req).then((request) => providerHandler(request, res), next);
      return;
    }
    if (
      path === '/session/end' &&
      !/[?&]client_id=/.test(req.url ?? '') &&
      !/[?&]id_token_hint=/.test(req.url ?? '')
    ) {
      // MSAL's logout sends no client_id, without which the provider ignores
      // post_logout_redirect_uri; there is one client, so name it (in both URLs, see oidc-provider's mount detection).
      const joiner = (req.url ?? '').includes('?') ? '&' : '?';
      req.url += `${joiner}client_id=${encodeURIComponent(client.id)}`;
      (req as IncomingMessage & { originalUrl?: string }).originalUrl +=
        `${joiner}client_id=${encodeURIComponent(client.id)}`;
    }
    providerHandler(req, res);
  };
  return { handler, issuer };
}

/**
 * MSAL adds `openid profile offline_access` to refresh requests; the provider refuses
 * `offline_access` there. Read the form body, drop it, and hand the provider a request
 * that streams the result (a pre-parsed body would make it warn on every start).
 */
async function tokenRequestWithoutOfflineAccess(req: IncomingMessage): Promise<IncomingMessage> {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
    return req;
  // The provider's own limit for a form body.
  const form = new URLSearchParams((await readBody(req, 56 * 1024)).toString('utf8'));
  if (form.get('grant_type') === 'refresh_token' && form.has('scope')) {
    form.set(
      'scope',
      form
        .get('scope')!
        .split(' ')
        .filter((scope) => scope && scope !== 'offline_access')
        .join(' '),
    );
  }
  const body = Buffer.from(form.toString());
  const replay = Readable.from([body]) as unknown as IncomingMessage;
  return Object.assign(replay, {
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
}
