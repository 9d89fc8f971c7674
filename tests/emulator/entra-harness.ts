import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, expect, vi } from 'vitest';
import { CONTROL_PATH, GRAPH_PATH, IDP_PATH, localEndpoints } from '../../emulator/endpoints.js';
import { createLocalStack, LOCAL_CLIENT, type LocalStack } from '../../emulator/local-stack.js';
import { DEMO_PASSWORD, type Persona } from '../../emulator/store/demo-directory.js';
import { DEMO_PEOPLE } from '../support/demo-people';

/**
 * The whole local stack over real HTTP on one loopback origin, the identity provider
 * included, and a small cookie-keeping "browser" that walks the provider's pages with
 * plain requests: what MSAL and a person do, without a browser.
 */
export interface IdentityStack {
  stack: LocalStack;
  origin: string;
  issuer: string;
  graphBaseUrl: string;
  /** The app's redirect URIs, as registered for the local client. */
  redirectUri: string;
  bridgeRedirectUri: string;
  control(path: string, body?: unknown, method?: string): Promise<Response>;
  browser(): Browser;
  close(): Promise<void>;
}

export async function startIdentityStack(
  options: { identity?: Record<string, unknown> } = {},
): Promise<IdentityStack> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stack = await createLocalStack({
    endpoints: localEndpoints({ app: origin, graph: origin, idp: origin }),
    data: { kind: 'memory' },
    identity: options.identity,
  });
  const idp = await stack.identityProvider();
  const mounts = [
    [IDP_PATH, idp],
    [GRAPH_PATH, stack.graph],
    [CONTROL_PATH, stack.control],
  ] as const;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    for (const [mount, handler] of mounts) {
      if (url === mount || url.startsWith(`${mount}/`) || url.startsWith(`${mount}?`)) {
        // Mounted as connect does: req.url relative to the mount, originalUrl whole.
        Object.assign(req, { originalUrl: url, url: url.slice(mount.length) || '/' });
        handler(req, res, (error) => {
          res.statusCode = 500;
          res.end(String(error instanceof Error ? error.stack : error));
        });
        return;
      }
    }
    res.statusCode = 404;
    res.end();
  });
  const control = (path: string, body?: unknown, method = 'POST') =>
    fetch(`${origin}${CONTROL_PATH}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
  return {
    stack,
    origin,
    issuer: stack.issuer,
    graphBaseUrl: `${origin}${GRAPH_PATH}`,
    redirectUri: `${origin}/`,
    bridgeRedirectUri: `${origin}/redirect.html`,
    control,
    browser: () => new Browser(stack.issuer, origin),
    async close() {
      stack.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The identity stack of a test file: started before its tests, its data reset before each
 * test, closed after them. The object returned is filled in once the stack is up.
 */
export function useIdentityStack(): IdentityStack {
  // Each test walks the provider's pages (several round trips, a password check each
  // time); on a loaded machine that takes longer than Vitest's default.
  vi.setConfig({ testTimeout: 30_000 });
  const idp = {} as IdentityStack;
  beforeAll(async () => {
    Object.assign(idp, await startIdentityStack());
  });
  afterAll(() => idp.close());
  beforeEach(async () => {
    expect((await idp.control('/reset')).status).toBe(204);
  });
  return idp;
}

/** A page of the provider's, as the browser received it. */
export class ProviderPage {
  constructor(
    readonly browser: Browser,
    readonly url: string,
    readonly status: number,
    readonly html: string,
    readonly headers: Headers,
  ) {}

  get title(): string {
    return decodeEntities(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(this.html)?.[1] ?? '');
  }

  /** The page's visible text, roughly: tags dropped, entities decoded, spaces collapsed. */
  get text(): string {
    return decodeEntities(
      this.html
        .replace(/<style[\s\S]*?<\/style>/g, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' '),
    ).trim();
  }

  /** The forms of the page, each with its action and the values it would send. */
  forms(): { action: string; fields: Record<string, string>; buttons: string[] }[] {
    return [...this.html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map(([, attrs, body]) => {
      const fields: Record<string, string> = {};
      for (const [, input] of body.matchAll(/<input\b([^>]*)>/g)) {
        const name = attribute(input, 'name');
        if (!name) continue;
        const type = attribute(input, 'type') ?? 'text';
        if (type === 'checkbox' && !/\bchecked\b/.test(input)) continue;
        fields[name] = attribute(input, 'value') ?? (type === 'checkbox' ? 'on' : '');
      }
      const buttons = [...body.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)].map(([, label]) =>
        decodeEntities(
          label
            .replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
      );
      return { action: attribute(attrs, 'action') ?? '', fields, buttons };
    });
  }

  /** Submits the form that holds a button with this label (exact, or the start of it). */
  submit(button: string | RegExp, change: Record<string, string | null> = {}): Promise<Outcome> {
    const matches = (label: string) =>
      typeof button === 'string'
        ? label === button || label.startsWith(button)
        : button.test(label);
    const form = this.forms().find((candidate) => candidate.buttons.some(matches));
    if (!form) throw new Error(`No form with a button '${String(button)}' on "${this.title}".`);
    const fields = Object.fromEntries(
      Object.entries({ ...form.fields, ...change }).filter(
        (entry): entry is [string, string] => entry[1] !== null,
      ),
    );
    return this.browser.navigate(new URL(form.action, this.url).href, {
      method: 'POST',
      form: fields,
    });
  }

  /** Follows the link with this text. */
  follow(text: string | RegExp): Promise<Outcome> {
    const link = [...this.html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)].find(([, , label]) => {
      const plain = decodeEntities(
        label
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      return typeof text === 'string' ? plain === text : text.test(plain);
    });
    if (!link) throw new Error(`No link '${String(text)}' on "${this.title}".`);
    return this.browser.navigate(new URL(attribute(link[1], 'href') ?? '', this.url).href);
  }
}

/** Where a navigation ended: one of the provider's pages, or back at the app with parameters. */
export type Outcome =
  { kind: 'page'; page: ProviderPage } | { kind: 'app'; url: URL; params: URLSearchParams };

const decodeEntities = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return match ? decodeEntities(match[1]) : undefined;
}

interface Cookie {
  name: string;
  value: string;
  path: string;
}

/** A cookie jar and redirect follower for one origin, like one browser profile. */
export class Browser {
  private cookies: Cookie[] = [];
  /** Every request the browser sent, in order: method and URL. */
  readonly requests: string[] = [];

  constructor(
    readonly issuer: string,
    readonly appOrigin: string,
  ) {}

  private cookieHeader(url: URL): string {
    return this.cookies
      .filter((cookie) => url.pathname.startsWith(cookie.path))
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  private remember(url: URL, headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      const path =
        attributes.find((part) => part.toLowerCase().startsWith('path='))?.slice(5) ??
        url.pathname.replace(/\/[^/]*$/, '/');
      const expired =
        attributes.some((part) => /^max-age=(0|-)/i.test(part)) ||
        attributes.some(
          (part) =>
            part.toLowerCase().startsWith('expires=') && Date.parse(part.slice(8)) < Date.now(),
        );
      this.cookies = this.cookies.filter(
        (cookie) => !(cookie.name === name && cookie.path === path),
      );
      if (!expired) this.cookies.push({ name, value, path });
    }
  }

  /** Forgets the provider's cookies: as if the browser had been closed. */
  clearCookies(): void {
    this.cookies = [];
  }

  hasSession(): boolean {
    return this.cookies.some((cookie) => cookie.name === '_session');
  }

  /** Goes to `url` and follows redirects until a page of the provider's or the app. */
  async navigate(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Outcome> {
    let next = new URL(url);
    let method = init.method ?? 'GET';
    let body: string | undefined = init.form
      ? new URLSearchParams(init.form).toString()
      : undefined;
    for (let hops = 0; hops < 20; hops++) {
      if (
        next.origin === this.appOrigin &&
        !next.pathname.startsWith(new URL(this.issuer).pathname)
      ) {
        const params = new URLSearchParams(next.hash ? next.hash.slice(1) : next.search);
        return { kind: 'app', url: next, params };
      }
      this.requests.push(`${method} ${next.href}`);
      const response = await fetch(next, {
        method,
        redirect: 'manual',
        headers: {
          ...(body === undefined ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
          cookie: this.cookieHeader(next),
        },
        body,
      });
      this.remember(next, response.headers);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        next = new URL(location, next);
        method = 'GET';
        body = undefined;
        continue;
      }
      return {
        kind: 'page',
        page: new ProviderPage(
          this,
          next.href,
          response.status,
          await response.text(),
          response.headers,
        ),
      };
    }
    throw new Error(`Too many redirects, last at ${next.href}.`);
  }
}

/** An authorization request as MSAL sends one: code + PKCE, fragment response mode. */
export interface AuthorizationRequest {
  url: string;
  state: string;
  verifier: string;
  correlationId: string;
  redirectUri: string;
}

export function authorizationRequest(
  stack: IdentityStack,
  options: {
    scopes: string[];
    prompt?: string;
    loginHint?: string;
    clientId?: string;
    redirectUri?: string;
    claims?: unknown;
  },
): AuthorizationRequest {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomUUID();
  const correlationId = randomUUID();
  const redirectUri =
    options.redirectUri ??
    (options.prompt === 'none' ? stack.bridgeRedirectUri : stack.redirectUri);
  const params = new URLSearchParams({
    client_id: options.clientId ?? LOCAL_CLIENT.id,
    scope: ['openid', 'profile', 'offline_access', ...options.scopes].join(' '),
    redirect_uri: redirectUri,
    response_type: 'code',
    response_mode: 'fragment',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state,
    nonce: randomUUID(),
    'client-request-id': correlationId,
    ...(options.prompt ? { prompt: options.prompt } : {}),
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
    ...(options.claims ? { claims: JSON.stringify(options.claims) } : {}),
  });
  return {
    url: `${stack.issuer}/auth?${params.toString()}`,
    state,
    verifier,
    correlationId,
    redirectUri,
  };
}

export interface TokenSet {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  scope: string;
}

/** POSTs to the token endpoint as MSAL does (form body, client-request-id header, CORS origin). */
export async function tokenRequest(
  stack: IdentityStack,
  form: Record<string, string>,
  correlationId: string = randomUUID(),
): Promise<Response> {
  return fetch(`${stack.issuer}/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'client-request-id': correlationId,
      Origin: stack.origin,
    },
    body: new URLSearchParams({ client_id: LOCAL_CLIENT.id, ...form }).toString(),
  });
}

/** Redeems the code an authorization request came back with. */
export async function redeem(
  stack: IdentityStack,
  request: AuthorizationRequest,
  outcome: Outcome,
  extra: Record<string, string> = {},
): Promise<TokenSet> {
  if (outcome.kind !== 'app')
    throw new Error(
      `Expected a redirect to the app, got "${outcome.page.title}": ${outcome.page.text}`,
    );
  const code = outcome.params.get('code');
  if (!code) throw new Error(`No code in ${outcome.url.href}`);
  const response = await tokenRequest(
    stack,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: request.redirectUri,
      code_verifier: request.verifier,
      ...extra,
    },
    request.correlationId,
  );
  const body = (await response.json()) as TokenSet;
  if (response.status !== 200) throw new Error(`Token request failed: ${JSON.stringify(body)}`);
  return body;
}

export const claimsOf = (jwt: string) => decodeJwt(jwt);

export const person = (persona: Persona) => DEMO_PEOPLE[persona];

/** Signs in on the login page with the demo password. */
export async function logIn(outcome: Outcome, persona: Persona): Promise<Outcome> {
  if (outcome.kind !== 'page')
    throw new Error('Expected the login page, got a redirect to the app.');
  return outcome.page.submit('Sign in', {
    email: DEMO_PEOPLE[persona].userPrincipalName,
    password: DEMO_PASSWORD,
  });
}

export function expectPage(outcome: Outcome): ProviderPage {
  if (outcome.kind !== 'page')
    throw new Error(`Expected a page of the provider's, got the app: ${outcome.url.href}`);
  return outcome.page;
}

export function expectApp(outcome: Outcome): URLSearchParams {
  if (outcome.kind !== 'app')
    throw new Error(
      `Expected a redirect to the app, got "${outcome.page.title}": ${outcome.page.text.slice(0, 400)}`,
    );
  return outcome.params;
}
