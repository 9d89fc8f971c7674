import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBehaviour, type GraphBehaviour } from './graph/behaviour.js';
import { parseFaultSettings, type FaultInjector } from './graph/faults.js';
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

/** Reads a control's JSON body; `undefined` if it is not JSON (an empty body is `{}`). */
async function readJsonOrUndefined(req: IncomingMessage): Promise<unknown> {
  try {
    return await readJson(req);
  } catch {
    return undefined;
  }
}

const NOT_JSON = { error: 'The body is not valid JSON.' };

/**
 * `/_emulator`: the local stack's controls for tests and demos. Answers loopback callers
 * only; it is never part of the app's configuration for a real tenant.
 *   GET/POST /faults       read or change fault injection (faults.ts)
 *   GET/POST /settings     read or change how Graph behaves, e.g. {"etags": "strict"}
 *                          (behaviour.ts); /reset puts back the value the run started with
 *   POST /expire-tokens    make every access token issued so far count as expired;
 *                          with {"revokeRefreshTokens": true} refresh tokens stop working too
 *                          (a new token then needs the provider's session, silently);
 *                          with {"endSessions": true} sessions end as well (it needs the user)
 *   POST /reset            back to the seeded demo directory and the starting settings
 */
export function createControlHandler(deps: {
  faults: FaultInjector;
  tokens: TokenControls;
  behaviour: GraphBehaviour;
  reset: () => void;
  revokeRefreshTokens: () => void;
  endSessions: () => void;
}) {
  async function answer(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/faults' && req.method === 'GET') {
      send(res, 200, deps.faults.settings);
      return;
    }
    if (path === '/faults' && req.method === 'POST') {
      const input = await readJsonOrUndefined(req);
      if (input === undefined) {
        send(res, 400, NOT_JSON);
        return;
      }
      try {
        deps.faults.settings = parseFaultSettings(input, deps.faults.settings);
      } catch (error) {
        send(res, 400, { error: (error as Error).message });
        return;
      }
      send(res, 200, deps.faults.settings);
      return;
    }
    if (path === '/settings' && req.method === 'GET') {
      send(res, 200, deps.behaviour);
      return;
    }
    if (path === '/settings' && req.method === 'POST') {
      const input = await readJsonOrUndefined(req);
      if (input === undefined) {
        send(res, 400, NOT_JSON);
        return;
      }
      try {
        Object.assign(deps.behaviour, parseBehaviour(input, deps.behaviour));
      } catch (error) {
        send(res, 400, { error: (error as Error).message });
        return;
      }
      send(res, 200, deps.behaviour);
      return;
    }
    if (path === '/expire-tokens' && req.method === 'POST') {
      const input = await readJsonOrUndefined(req);
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        send(res, 400, { error: 'The body must be a JSON object.' });
        return;
      }
      for (const [name, value] of Object.entries(input)) {
        if (name !== 'endSessions' && name !== 'revokeRefreshTokens') {
          send(res, 400, {
            error: `Unknown option '${name}'; known: revokeRefreshTokens, endSessions.`,
          });
          return;
        }
        if (typeof value !== 'boolean') {
          send(res, 400, { error: `'${name}' must be true or false.` });
          return;
        }
      }
      const options = input as { revokeRefreshTokens?: boolean; endSessions?: boolean };
      if (options.revokeRefreshTokens || options.endSessions) deps.revokeRefreshTokens();
      if (options.endSessions) deps.endSessions();
      // Token times are whole seconds: wait for the next second so that tokens issued
      // after this answer are valid and every earlier one is not.
      const next = Math.floor(Date.now() / 1000) + 1;
      await new Promise((resolve) => setTimeout(resolve, next * 1000 - Date.now()));
      deps.tokens.notBefore = next;
      send(res, 204);
      return;
    }
    if (path === '/reset' && req.method === 'POST') {
      deps.reset();
      send(res, 204);
      return;
    }
    send(res, 404, { error: `No emulator control at ${req.method ?? ''} ${path}.` });
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
      await answer(req, res, path);
    } catch (error) {
      send(res, 500, { error: (error as Error).message });
    }
  };
}
