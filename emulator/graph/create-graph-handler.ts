import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from './authenticate.js';
import { errorBody, GraphError, methodNotAllowed, segmentNotFound } from './graph-error.js';
import { answerPreflight, corsHeaders, type CorsOptions } from './cors.js';
import type { FaultInjector } from './faults.js';
import {
  CapturedResponse,
  failedDependencyError,
  type BatchRequest,
  type BatchResponse,
  innerContext,
  parseBatch,
  runBatch,
} from './batch.js';
import { discardBody, MAX_BODY_BYTES, readJsonBody, sendJson } from './http.js';
import { withSystemQueryOptions } from './odata.js';
import type { Access } from './permissions.js';
import {
  NO_RATE_LIMIT,
  RateLimiter,
  throttleKeyOf,
  tooManyRequests,
  type ThrottleKey,
} from './rate-limit.js';
import { resolveSubject, type GraphServices, type RequestContext } from './request-context.js';
import {
  createPosition,
  deletePosition,
  getPosition,
  listPositions,
  updatePosition,
} from './routes/positions.js';
import { getManager, getUser, listDirectReports, listUsers } from './routes/users.js';

export interface GraphHandlerOptions {
  services: GraphServices;
  authenticate: (req: IncomingMessage) => Promise<Principal>;
  faults: FaultInjector;
  /** Graph's throttling per application and tenant; none when left out. */
  rateLimiter?: RateLimiter;
  cors?: CorsOptions;
  log?: (message: string) => void;
}

function splitPath(pathname: string): string[] {
  try {
    return pathname
      .split('/')
      .filter(Boolean)
      .map((segment) => decodeURIComponent(segment));
  } catch {
    throw new GraphError(
      400,
      'BadRequest',
      `The request path '${pathname}' is not correctly encoded.`,
    );
  }
}

/** A batch holds up to 20 requests, each with a body up to the single-request limit. */
const MAX_BATCH_BYTES = 20 * MAX_BODY_BYTES + 64 * 1024;

const same = (segment: string | undefined, name: string) =>
  segment?.toLowerCase() === name.toLowerCase();

function accessFor(method: string): Access {
  return method === 'GET' ? 'read' : 'write';
}

/** Routes one authenticated request. */
async function dispatch(ctx: RequestContext, segments: string[]): Promise<void> {
  const { method } = ctx;
  const allow = (allowed: string[]) => {
    if (!allowed.includes(method)) throw methodNotAllowed(method, ctx.url.pathname);
  };

  if (same(segments[0], 'users') && segments.length === 1) {
    allow(['GET']);
    listUsers(ctx);
    return;
  }
  let key: string;
  let rest: string[];
  if (same(segments[0], 'me')) [key, rest] = ['me', segments.slice(1)];
  else if (same(segments[0], 'users') && segments[1])
    [key, rest] = [segments[1], segments.slice(2)];
  else throw segmentNotFound(segments[0] ?? '');

  const subjectFor = (action: string) => resolveSubject(ctx, key, accessFor(method), action);

  if (rest.length === 0) {
    allow(['GET']);
    getUser(ctx, subjectFor('Reading a user'));
    return;
  }
  if (same(rest[0], 'directReports') && rest.length === 1) {
    allow(['GET']);
    listDirectReports(ctx, subjectFor('Listing direct reports'));
    return;
  }
  if (same(rest[0], 'manager') && rest.length === 1) {
    allow(['GET']);
    getManager(ctx, subjectFor("Reading a user's manager"));
    return;
  }
  if (same(rest[0], 'profile') && same(rest[1], 'positions')) {
    if (rest.length === 2) {
      allow(['GET', 'POST']);
      if (method === 'GET') listPositions(ctx, subjectFor('Reading positions'));
      else await createPosition(ctx, subjectFor('Creating a position'));
      return;
    }
    if (rest.length === 3) {
      allow(['GET', 'PATCH', 'DELETE']);
      if (method === 'GET') getPosition(ctx, subjectFor('Reading a position'), rest[2]);
      else if (method === 'PATCH')
        await updatePosition(ctx, subjectFor('Updating a position'), rest[2]);
      else deletePosition(ctx, subjectFor('Deleting a position'), rest[2]);
      return;
    }
  }
  throw segmentNotFound(
    rest.find((segment) => !['profile', 'positions'].includes(segment.toLowerCase())) ??
      rest[rest.length - 1],
  );
}

/** Writes a failure in Graph's error shape; anything not a GraphError is a 500, logged. */
function sendError(
  res: ServerResponse,
  error: unknown,
  ids: { requestId: string; clientRequestId: string },
  headers: Record<string, string>,
  onUnexpected: (error: unknown) => void,
  vague: boolean,
): void {
  let graphError =
    error instanceof GraphError
      ? error
      : new GraphError(500, 'generalException', 'An unexpected error occurred in the emulator.');
  // As users report Graph's errors (faults.ts, vagueErrors): the emulator's own, made vaguer.
  if (vague) graphError = graphError.vaguer();
  if (!(error instanceof GraphError)) onUnexpected(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, graphError.status, errorBody(graphError, ids.requestId, ids.clientRequestId), {
    ...headers,
    ...graphError.extra.headers,
  });
}

const isBatch = (segments: string[]) => segments.length === 1 && same(segments[0], '$batch');

/**
 * The Graph emulator as a Node request handler, mounted at the API root (`/beta`).
 * Order: request ids → injected faults → authentication → rate limit → routing →
 * permission and input checks in the route → response; a `$batch` takes the steps from
 * the rate limit on once for each request in it. Every failure goes through one writer.
 */
export function createGraphHandler(options: GraphHandlerOptions) {
  const cors = options.cors ?? { exposeRetryAfter: false };
  const rateLimiter = options.rateLimiter ?? new RateLimiter(NO_RATE_LIMIT);
  const logUnexpected = (what: string) => (error: unknown) => {
    options.log?.(
      `Graph emulator error on ${what}: ${(error as Error | undefined)?.stack ?? String(error)}`,
    );
  };

  /** One Graph request, ordinary or inside a batch: throttled, then routed. */
  async function serve(ctx: RequestContext, segments: string[], key: ThrottleKey): Promise<void> {
    const outcome = rateLimiter.take(key);
    if (!outcome.allowed) throw tooManyRequests(key, outcome.retryAfterSeconds);
    withSystemQueryOptions(ctx.url);
    await dispatch(ctx, segments);
  }

  async function serveBatch(ctx: RequestContext, key: ThrottleKey): Promise<void> {
    if (ctx.method !== 'POST') throw methodNotAllowed(ctx.method, ctx.url.pathname);
    const requests = parseBatch(await readJsonBody(ctx.req, MAX_BATCH_BYTES));
    /** Runs `work` for one inner request and captures its answer, an error included. */
    const answer = async (
      request: BatchRequest,
      work: (inner: ReturnType<typeof innerContext>) => Promise<void>,
    ): Promise<BatchResponse> => {
      const captured = new CapturedResponse();
      const inner = innerContext(ctx, request, captured);
      try {
        await work(inner);
      } catch (error) {
        sendError(
          captured.asServerResponse(),
          error,
          inner,
          inner.ctx.responseHeaders,
          logUnexpected(`${request.method} ${request.url} in a batch`),
          options.faults.settings.vagueErrors,
        );
      }
      return captured.toBatchResponse(request.id);
    };
    const responses = await runBatch(
      requests,
      (request) => answer(request, (inner) => serve(inner.ctx, splitPath(inner.path), key)),
      (request, dependency) =>
        answer(request, () => Promise.reject(failedDependencyError(request, dependency))),
    );
    sendJson(ctx.res, 200, { responses }, ctx.responseHeaders);
  }

  return async function handleGraphRequest(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    // The browser asks before a cross-origin call with a token; no fault or sign-in applies.
    if (answerPreflight(req, res, cors)) return;
    const requestId = randomUUID();
    const clientRequestId = String(req.headers['client-request-id'] ?? requestId);
    const responseHeaders = {
      'request-id': requestId,
      'client-request-id': clientRequestId,
      'Cache-Control': 'no-store',
      ...corsHeaders(cors),
    };
    const url = new URL(req.url ?? '/', `${options.services.publicBaseUrl}/`);
    const publicUrl = new URL(`${options.services.publicBaseUrl}${url.pathname}${url.search}`);
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      const { loseResponse } = await options.faults.apply();
      if (loseResponse) {
        // The work is done, the answer never arrives: the connection closes instead.
        const destroy = () => {
          res.destroy();
          return res;
        };
        res.writeHead = destroy;
        res.end = destroy as typeof res.end;
      }
      const injected = options.faults.takeInjectedError(method);
      if (injected) throw injected;
      const principal = await options.authenticate(req);
      const ctx: RequestContext = {
        req,
        res,
        method,
        url: publicUrl,
        principal,
        services: options.services,
        responseHeaders,
      };
      const segments = splitPath(url.pathname);
      const key = throttleKeyOf(req, principal);
      // The batch itself takes no token: each request in it takes one.
      if (isBatch(segments)) await serveBatch(ctx, key);
      else await serve(ctx, segments, key);
    } catch (error) {
      discardBody(req);
      sendError(
        res,
        error,
        { requestId, clientRequestId },
        responseHeaders,
        logUnexpected(`${req.method ?? ''} ${req.url ?? ''}`),
        options.faults.settings.vagueErrors,
      );
    }
  };
}
