import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlAnswer } from './entra-controls.js';
import { parseBehaviour, type GraphBehaviour } from './graph/behaviour.js';
import type { FaultInjector } from './graph/faults.js';
import { parseRateLimitSettings, type RateLimiter } from './graph/rate-limit.js';
import { readBody } from './read-body.js';

export interface TokenControls {
  /** Access tokens issued before this time (seconds) are refused as expired. */
  notBefore: number;
}

function isLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/**
 * Another site open in the same browser is on loopback too: refuse any browser request
 * that did not come from a page of this origin (scripts and test runners send neither header).
 */
function isFromAnotherSite(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  return (
    origin !== undefined &&
    origin !== `https://${req.headers.host}` &&
    origin !== `http://${req.headers.host}`
  );
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req, 16 * 1024)).toString('utf8');
  return text.trim() ? JSON.parse(text) : {};
}

/**
 * `/_emulator`: the local stack's controls for tests and demos. Answers loopback callers
 * only; it is never part of the app's configuration for a real tenant.
 *   GET/POST /faults       read or change fault injection (faults.ts; the answer carries
 *                          the seed of the random faults; a `seed` given restarts the sequence)
 *   GET/POST /settings     read or change how Graph behaves, e.g. {"etags": "strict"}
 *                          (behaviour.ts); /reset puts back the value the run started with
 *   GET/POST /rate-limit   read or change the rate limit ({enabled, capacity,
 *                          refillPerSecond}); a change refills every bucket
 *   POST /expire-tokens    make every access token issued so far count as expired;
 *                          with {"revokeRefreshTokens": true} refresh tokens stop working too
 *                          (a new token then needs the provider's session, silently);
 *                          with {"endSessions": true} sessions end as well (it needs the user)
 *   POST /reset            back to the seeded demo directory and the starting settings,
 *                          every rate limit bucket full
 *   /identity, /consents, /claims-challenge
 *                          Entra's side: sign-in policy, consents, claims challenges
 *                          (emulator/entra-controls.ts)
 */
interface Answer {
  status: number;
  body?: unknown;
}

/** Reads a JSON body and applies it as new settings; a bad body or bad settings is 400. */
async function changeSettings(
  req: IncomingMessage,
  apply: (input: unknown) => unknown,
): Promise<Answer> {
  let input: unknown;
  try {
    input = await readJson(req);
  } catch {
    return { status: 400, body: { error: 'The body is not valid JSON.' } };
  }
  try {
    return { status: 200, body: apply(input) };
  } catch (error) {
    return { status: 400, body: { error: (error as Error).message } };
  }
}

export function createControlHandler(deps: {
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  tokens: TokenControls;
  behaviour: GraphBehaviour;
  reset: () => void;
  revokeRefreshTokens: () => void;
  endSessions: () => void;
  /** Entra's controls (entra-controls.ts): answers the paths it owns, undefined for others. */
  entra?: (
    path: string,
    method: string,
    readJson: () => Promise<unknown>,
  ) => Promise<ControlAnswer | undefined>;
}) {
  async function expireTokens(req: IncomingMessage): Promise<Answer> {
    let input: unknown;
    try {
      input = await readJson(req);
    } catch {
      return { status: 400, body: { error: 'The body is not valid JSON.' } };
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      return { status: 400, body: { error: 'The body must be a JSON object.' } };
    for (const [name, value] of Object.entries(input)) {
      if (name !== 'endSessions' && name !== 'revokeRefreshTokens')
        return {
          status: 400,
          body: { error: `Unknown option '${name}'; known: revokeRefreshTokens, endSessions.` },
        };
      if (typeof value !== 'boolean')
        return { status: 400, body: { error: `'${name}' must be true or false.` } };
    }
    const options = input as { revokeRefreshTokens?: boolean; endSessions?: boolean };
    if (options.revokeRefreshTokens || options.endSessions) deps.revokeRefreshTokens();
    if (options.endSessions) deps.endSessions();
    // Token times are whole seconds: wait for the next second so that tokens issued
    // after this answer are valid and every earlier one is not.
    const next = Math.floor(Date.now() / 1000) + 1;
    await new Promise((resolve) => setTimeout(resolve, next * 1000 - Date.now()));
    deps.tokens.notBefore = next;
    return { status: 204 };
  }

  async function answer(req: IncomingMessage, path: string): Promise<Answer> {
    const route = `${req.method ?? ''} ${path}`;
    switch (route) {
      case 'GET /faults':
        return { status: 200, body: deps.faults.settings };
      case 'POST /faults':
        return changeSettings(req, (input) => deps.faults.update(input));
      case 'GET /rate-limit':
        return { status: 200, body: deps.rateLimiter.settings };
      case 'POST /rate-limit':
        return changeSettings(req, (input) => {
          deps.rateLimiter.settings = parseRateLimitSettings(input, deps.rateLimiter.settings);
          return deps.rateLimiter.settings;
        });
      case 'GET /settings':
        return { status: 200, body: deps.behaviour };
      case 'POST /settings':
        return changeSettings(req, (input) => {
          Object.assign(deps.behaviour, parseBehaviour(input, deps.behaviour));
          return deps.behaviour;
        });
      case 'POST /expire-tokens':
        return expireTokens(req);
      case 'POST /reset':
        deps.reset();
        return { status: 204 };
      default:
        return (
          (await deps.entra?.(path, req.method ?? 'GET', () => readJson(req))) ?? {
            status: 404,
            body: { error: `No emulator control at ${route}.` },
          }
        );
    }
  }

  return async function handleControl(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopback(req)) {
      send(res, 404, { error: 'not found' });
      return;
    }
    if (isFromAnotherSite(req)) {
      send(res, 403, {
        error: 'Emulator controls answer only this origin, scripts and test runners.',
      });
      return;
    }
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    try {
      const { status, body } = await answer(req, path);
      send(res, status, body);
    } catch (error) {
      send(res, 500, { error: (error as Error).message });
    }
  };
}
