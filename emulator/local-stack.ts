import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createControlHandler, type TokenControls } from './control-handler.js';
import type { LocalEndpoints } from './endpoints.js';
import { createEntraControls } from './entra-controls.js';
import { createAuthenticator } from './graph/authenticate.js';
import { GRAPH_AS_DOCUMENTED, type GraphBehaviour } from './graph/behaviour.js';
import { ContinuousAccessEvaluation } from './graph/claims-challenge.js';
import type { CorsOptions } from './graph/cors.js';
import { createGraphHandler } from './graph/create-graph-handler.js';
import { FaultInjector, NO_FAULTS, type FaultSettings } from './graph/faults.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitSettings } from './graph/rate-limit.js';
import { IdentityPolicy } from './idp/identity-policy.js';
import { publicPart, loadOrCreateSigningKey } from './idp/signing-key.js';
import { ConsentStore } from './store/consent-store.js';
import { openDatabase, type DataLocation, type Db } from './store/database.js';
import { DirectoryStore } from './store/directory-store.js';
import { pruneExpiredOidcModels } from './store/oidc-adapter.js';
import { SqlitePositionsStore } from './store/positions-store.js';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS } from './store/demo-directory.js';
import {
  ensureGeneratedDirectory,
  NO_GENERATED_DIRECTORY,
  type DirectoryScale,
  type SeedingReport,
} from './store/generated-directory.js';
import { OrgContactStore, seedDemoOrgContacts } from './store/org-contact-store.js';
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
  rateLimiter: RateLimiter;
  /** The generated directory on top of the demo one, and how long writing it took. */
  generatedDirectory: SeedingReport;
  /** How Graph behaves now (etags); `/_emulator/settings` changes it, `/_emulator/reset` restores it. */
  behaviour: GraphBehaviour;
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
  /** Graph's throttling per application and tenant; on at the default level when left out. */
  rateLimit?: RateLimitSettings;
  /** Generated people added to the demo directory (EMULATOR_DIRECTORY_SIZE); none by default. */
  directory?: DirectoryScale;
  /** Graph as documented unless given (EMULATOR_ETAGS, behaviour.ts). */
  behaviour?: GraphBehaviour;
  /**
   * The tenant's sign-in policy at start (idp/identity-policy.ts; e.g. from
   * identitySettingsFromEnv): checked against the directory, a bad value stops the start.
   */
  identity?: unknown;
  cors?: CorsOptions;
  log?: (message: string) => void;
}): Promise<LocalStack> {
  const { endpoints } = options;
  const { issuer, audience } = endpoints;
  const appOrigin = endpoints.origins.app;
  const db = openDatabase(options.data);
  ensureSeeded(db);
  seedDemoOrgContacts(db);
  const scale = options.directory ?? NO_GENERATED_DIRECTORY;
  const generatedDirectory = ensureGeneratedDirectory(db, scale);
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
  const rateLimiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const tokens: TokenControls = { notBefore: 0 };
  const startingBehaviour = options.behaviour ?? GRAPH_AS_DOCUMENTED;
  // One object, changed in place, so the Graph handler sees every change at once.
  const behaviour: GraphBehaviour = { ...startingBehaviour };
  const policy = new IdentityPolicy(directory, options.identity ?? {});
  const continuousAccess = new ContinuousAccessEvaluation(directory, `${issuer}/auth`);

  const graph = createGraphHandler({
    services: {
      directory,
      positions,
      orgContacts: new OrgContactStore(db),
      publicBaseUrl: endpoints.graphBaseUrl,
      behaviour,
    },
    authenticate: createAuthenticator(
      {
        issuer,
        audience,
        jwks: { keys: [publicPart(signingKey)] },
        notBefore: () => tokens.notBefore,
        continuousAccess: (userId, token) => continuousAccess.evaluate(userId, token),
      },
      directory,
    ),
    faults,
    rateLimiter,
    cors: options.cors,
    log: options.log,
  });
  const control = createControlHandler({
    faults,
    rateLimiter,
    tokens,
    behaviour,
    reset: () => {
      resetDemoData(db);
      seedDemoOrgContacts(db);
      ensureGeneratedDirectory(db, scale);
      rateLimiter.refill();
      Object.assign(behaviour, startingBehaviour);
      policy.reset();
      continuousAccess.reset();
    },
    revokeRefreshTokens: () =>
      db.prepare("DELETE FROM oidc_models WHERE model = 'RefreshToken'").run(),
    endSessions: () => db.prepare("DELETE FROM oidc_models WHERE model = 'Session'").run(),
    entra: createEntraControls({
      policy,
      consents,
      continuousAccess,
      directory,
      clientId: LOCAL_CLIENT.id,
      audience,
      forgetGrants: () =>
        db.prepare("DELETE FROM oidc_models WHERE model IN ('Grant', 'RefreshToken')").run(),
    }),
  });

  let idp: Promise<NodeHandler> | undefined;
  return {
    endpoints,
    issuer,
    audience,
    db,
    faults,
    rateLimiter,
    generatedDirectory,
    behaviour,
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
              tenantName: DEMO_TENANT.name,
              db,
              directory,
              consents,
              policy,
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
