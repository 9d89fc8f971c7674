import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS as Graph answers a single-page app on another origin. Graph allows any origin (its
 * callers send a bearer token, never cookies). Of its response headers a browser may read
 * only the CORS-safelisted ones and those listed here: `Retry-After` is not among them,
 * as users of the API report (microsoftgraph/microsoft-graph-docs#17488), so a browser
 * client sees a 429 without it and must back off on its own. `exposeRetryAfter` is our
 * option to try the other case.
 */
export interface CorsOptions {
  exposeRetryAfter: boolean;
}

/** Request headers a preflight may ask for; anything else fails the preflight, as on Graph. */
const ALLOWED_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'consistencylevel',
  'if-match',
  'if-none-match',
  'client-request-id',
  'return-client-request-id',
  'prefer',
];
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

export function corsHeaders(options: CorsOptions): Record<string, string> {
  // WWW-Authenticate carries Continuous Access Evaluation's claims challenge, which a
  // browser app must read to answer (Microsoft's SPA samples read it from Graph).
  const exposed = ['request-id', 'client-request-id', 'Location', 'ETag', 'WWW-Authenticate'];
  if (options.exposeRetryAfter) exposed.push('Retry-After');
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': exposed.join(', '),
  };
}

/**
 * Answers a preflight (`OPTIONS` with `Access-Control-Request-Method`) and returns true;
 * false for any other request. No `Access-Control-Max-Age`: a browser then keeps a
 * preflight only briefly (Chromium: 5 s), so cross-origin writes pay for it as they do
 * against Graph.
 */
export function answerPreflight(
  req: IncomingMessage,
  res: ServerResponse,
  options: CorsOptions,
): boolean {
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  const asked = (req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const refused = asked.filter((name) => !ALLOWED_REQUEST_HEADERS.includes(name));
  if (refused.length > 0) {
    // No CORS headers: the browser blocks the request, as it would against Graph.
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`Request headers not allowed: ${refused.join(', ')}.`);
    return true;
  }
  res.writeHead(204, {
    ...corsHeaders(options),
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': asked.join(', '),
  });
  res.end();
  return true;
}

export function corsOptionsFromEnv(env: Record<string, string | undefined>): CorsOptions {
  const raw = env.EMULATOR_EXPOSE_RETRY_AFTER?.trim().toLowerCase();
  return { exposeRetryAfter: raw === '1' || raw === 'true' };
}
