import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import { CONTROL_PATH, GRAPH_PATH, localEndpoints } from '../../emulator/endpoints.js';
import type { GraphBehaviour } from '../../emulator/graph/behaviour.js';
import type { CorsOptions } from '../../emulator/graph/cors.js';
import { NO_RATE_LIMIT, type RateLimitSettings } from '../../emulator/graph/rate-limit.js';
import { createLocalStack, type LocalStack } from '../../emulator/local-stack.js';
import type { DataLocation } from '../../emulator/store/database.js';
import type { DirectoryScale } from '../../emulator/store/generated-directory.js';
import { DEMO_USER_IDS } from '../../emulator/store/demo-directory.js';
import { SettingsStore } from '../../emulator/store/settings-store.js';
import { mintAccessToken } from '../support/mint-access-token';

export type Persona = keyof typeof DEMO_USER_IDS;
export { DEMO_USER_IDS };

/**
 * The Graph emulator over real HTTP, on a throwaway in-memory database, with a way to
 * mint access tokens as the local identity provider would (same key, issuer, audience).
 */
export interface EmulatorHarness {
  stack: LocalStack;
  /** e.g. http://127.0.0.1:54321 */
  origin: string;
  /** e.g. http://127.0.0.1:54321/beta */
  baseUrl: string;
  /** The identity provider's private signing key (JWK), for hand-built tokens. */
  signingKey: JWK;
  token(
    persona: Persona,
    scopes: string[],
    overrides?: {
      claims?: Record<string, unknown>;
      expiresInSeconds?: number;
      key?: JWK;
      header?: Record<string, unknown>;
    },
  ): Promise<string>;
  /** fetch against the API root with a token for persona/scopes; `path` starts with '/'. */
  call(
    persona: Persona | null,
    scopes: string[],
    path: string,
    init?: RequestInit & { json?: unknown },
  ): Promise<Response>;
  /** POST (or GET) a `/_emulator` control, e.g. control('/faults', { throttleRate: 1 }). */
  control(path: string, body?: unknown, method?: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startEmulator(
  options: {
    data?: DataLocation;
    cors?: CorsOptions;
    behaviour?: GraphBehaviour;
    /** Off unless a test is about throttling: suites send hundreds of requests in seconds. */
    rateLimit?: RateLimitSettings;
    /** Generated people on top of the demo directory; none unless asked. */
    directory?: DirectoryScale;
  } = {},
): Promise<EmulatorHarness> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stack = await createLocalStack({
    endpoints: localEndpoints({ app: origin, graph: origin, idp: origin }),
    data: options.data ?? { kind: 'memory' },
    behaviour: options.behaviour,
    cors: options.cors,
    rateLimit: options.rateLimit ?? NO_RATE_LIMIT,
    directory: options.directory,
  });
  server.on('request', (req, res) => {
    const url = req.url ?? '/';
    // Mount like connect does: strip the prefix from req.url.
    for (const [mount, handler] of [
      [GRAPH_PATH, stack.graph],
      [CONTROL_PATH, stack.control],
    ] as const) {
      if (url === mount || url.startsWith(`${mount}/`) || url.startsWith(`${mount}?`)) {
        req.url = url.slice(mount.length) || '/';
        handler(req, res, (error) => {
          res.statusCode = 500;
          res.end(String(error));
        });
        return;
      }
    }
    res.statusCode = 404;
    res.end();
  });
  const signingKey = new SettingsStore(stack.db).get<JWK>('idp.signingKey')!;
  function token(
    persona: Persona,
    scopes: string[],
    overrides: Parameters<EmulatorHarness['token']>[2] = {},
  ) {
    return mintAccessToken({
      signingKey,
      signWith: overrides.key,
      issuer: stack.issuer,
      audience: stack.audience,
      userId: DEMO_USER_IDS[persona],
      scopes,
      claims: overrides.claims,
      header: overrides.header,
      expiresInSeconds: overrides.expiresInSeconds,
    });
  }

  const baseUrl = `${origin}${GRAPH_PATH}`;
  return {
    stack,
    origin,
    baseUrl,
    signingKey,
    token,
    async call(persona, scopes, path, init = {}) {
      const headers = new Headers(init.headers);
      if (persona) headers.set('Authorization', `Bearer ${await token(persona, scopes)}`);
      let body = init.body;
      if (init.json !== undefined) {
        body = JSON.stringify(init.json);
        if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
      }
      return fetch(`${baseUrl}${path}`, { ...init, headers, body });
    },
    control(path, body, method = 'POST') {
      return fetch(`${origin}/_emulator${path}`, {
        method,
        ...(body === undefined
          ? {}
          : {
              headers: { 'Content-Type': 'application/json' },
              body: typeof body === 'string' ? body : JSON.stringify(body),
            }),
      });
    },
    async close() {
      stack.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
