import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createControlHandler, type TokenControls } from './control-handler.js';
import type { LocalEndpoints } from './endpoints.js';
import { createAuthenticator } from './graph/authenticate.js';
import type { CorsOptions } from './graph/cors.js';
import { createGraphHandler } from './graph/create-graph-handler.js';
import { FaultInjector, NO_FAULTS, type FaultSettings } from './graph/faults.js';
import { publicPart, loadOrCreateSigningKey } from './idp/signing-key.js';
import { ConsentStore } from './store/consent-store.js';
import { openDatabase, type DataLocation, type Db } from './store/database.js';
import { DirectoryStore } from './store/directory-store.js';
import { pruneExpiredOidcModels } from './store/oidc-adapter.js';
import { SqlitePositionsStore } from './store/positions-store.js';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS } from './store/demo-directory.js';
import { ensureSeeded, resetDemoData } from './store/seed.js';
import { SettingsStore } from './store/settings-store.js';

export const LOCAL_CLIENT = { id: 'profile-editor-local', name: 'Profile Editor' };

export type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

export interface LocalStack {
  endpoints: LocalEndpoints;
  issuer: string;
  audience: string;
  db: Db;
  faults: FaultInjector;
  graph: NodeHandler;
  control: NodeHandler;
  /** Created on demand: only the dev and preview servers need the identity provider. */
  identityProvider(): Promise<NodeHandler>;
  close(): void;
}

const asMiddleware =
  (handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): NodeHandler =>
  (req, res, next) => {
    handle(req, res).catch(next);
  };

export async function createLocalStack(options: {
  endpoints: LocalEndpoints;
  data: DataLocation;
  faults?: FaultSettings;
  cors?: CorsOptions;
  log?: (message: string) => void;
}): Promise<LocalStack> {
  const { endpoints } = options;
  const { issuer, audience } = endpoints;
  const appOrigin = endpoints.origins.app;
  const db = openDatabase(options.data);
  ensureSeeded(db);
  pruneExpiredOidcModels(db);
  const settings = new SettingsStore(db);
  const signingKey = await loadOrCreateSigningKey(settings);
  const cookieKeys = settings.getOrCreate('idp.cookieKeys', () => [
    randomBytes(32).toString('base64url'),
  ]);
  const directory = new DirectoryStore(db);
  const positions = new SqlitePositionsStore(db);
  const consents = new ConsentStore(db);
  const faults = new FaultInjector(options.faults ?? NO_FAULTS, undefined, options.log);
  const tokens: TokenControls = { notBefore: 0 };

  const graph = createGraphHandler({
    services: { directory, positions, publicBaseUrl: endpoints.graphBaseUrl },
    authenticate: createAuthenticator(
      {
        issuer,
        audience,
        jwks: { keys: [publicPart(signingKey)] },
        notBefore: () => tokens.notBefore,
      },
      directory,
    ),
    faults,
    cors: options.cors,
    log: options.log,
  });
  const control = createControlHandler({
    faults,
    tokens,
    reset: () => resetDemoData(db),
    revokeRefreshTokens: () =>
      db.prepare("DELETE FROM oidc_models WHERE model = 'RefreshToken'").run(),
    endSessions: () => db.prepare("DELETE FROM oidc_models WHERE model = 'Session'").run(),
  });

  let idp: Promise<NodeHandler> | undefined;
  return {
    endpoints,
    issuer,
    audience,
    db,
    faults,
    graph: asMiddleware(graph),
    control: asMiddleware(control),
    identityProvider() {
      idp ??= import('./idp/identity-provider.js').then(
        async ({ createIdentityProvider }) =>
          (
            await createIdentityProvider({
              issuer,
              appOrigin,
              audience,
              signingKey,
              cookieKeys,
              tenantId: DEMO_TENANT.id,
              db,
              directory,
              consents,
              client: {
                ...LOCAL_CLIENT,
                redirectUris: [`${appOrigin}/`, `${appOrigin}/redirect.html`],
                postLogoutRedirectUris: [`${appOrigin}/`],
              },
              demoAccounts: DEMO_USERS.map((user) => ({
                displayName: user.displayName,
                upn: user.userPrincipalName,
                description: [user.jobTitle, user.roles?.length ? user.roles.join(', ') : undefined]
                  .filter(Boolean)
                  .join(' · '),
              })),
              demoPassword: DEMO_PASSWORD,
            })
          ).handler,
      );
      return idp;
    },
    close: () => db.close(),
  };
}
