import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector } from './graph/faults.js';
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
 *   GET/POST /faults       read or change fault injection (the answer carries the seed of
 *                          the random faults; a `seed` given restarts the sequence)
 *   POST /expire-tokens    make every access token issued so far count as expired;
 *                          with {"revokeRefreshTokens": true} refresh tokens stop working too
 *                          (a new token then needs the provider's session, silently);
 *                          with {"endSessions": true} sessions end as well (it needs the user)
 *   POST /reset            back to the seeded demo directory
 */
export function createControlHandler(deps: {
  faults: FaultInjector;
  tokens: TokenControls;
  reset: () => void;
  revokeRefreshTokens: () => void;
  endSessions: () => void;
}) {
  return async function handleControl(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopback(req)) return send(res, 404, { error: 'not found' });
    if (isFromAnotherSite(req))
      return send(res, 403, {
        error: 'Emulator controls answer only this origin, scripts and test runners.',
      });
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    try {
      if (path === '/faults' && req.method === 'GET') return send(res, 200, deps.faults.settings);
      if (path === '/faults' && req.method === 'POST') {
        let input: unknown;
        try {
          input = await readJson(req);
        } catch {
          return send(res, 400, { error: 'The body is not valid JSON.' });
        }
        let settings: unknown;
        try {
          settings = deps.faults.update(input);
        } catch (error) {
          return send(res, 400, { error: (error as Error).message });
        }
        return send(res, 200, settings);
      }
      if (path === '/expire-tokens' && req.method === 'POST') {
        let input: Record<string, unknown>;
        try {
          input = (await readJson(req)) as Record<string, unknown>;
        } catch {
          return send(res, 400, { error: 'The body is not valid JSON.' });
        }
        for (const [name, value] of Object.entries(input)) {
          if (name !== 'endSessions' && name !== 'revokeRefreshTokens')
            return send(res, 400, {
              error: `Unknown option '${name}'; known: revokeRefreshTokens, endSessions.`,
            });
          if (typeof value !== 'boolean')
            return send(res, 400, { error: `'${name}' must be true or false.` });
        }
        if (input.revokeRefreshTokens || input.endSessions) deps.revokeRefreshTokens();
        if (input.endSessions) deps.endSessions();
        // Token times are whole seconds: wait for the next second so that tokens issued
        // after this answer are valid and every earlier one is not.
        const next = Math.floor(Date.now() / 1000) + 1;
        await new Promise((resolve) => setTimeout(resolve, next * 1000 - Date.now()));
        deps.tokens.notBefore = next;
        return send(res, 204);
      }
      if (path === '/reset' && req.method === 'POST') {
        deps.reset();
        return send(res, 204);
      }
      return send(res, 404, { error: `No emulator control at ${req.method} ${path}.` });
    } catch (error) {
      return send(res, 500, { error: (error as Error).message });
    }
  };
}
