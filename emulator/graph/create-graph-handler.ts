import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from './authenticate.js';
import { errorBody, GraphError, methodNotAllowed, segmentNotFound } from './graph-error.js';
import { answerPreflight, corsHeaders, type CorsOptions } from './cors.js';
import type { FaultInjector } from './faults.js';
import { discardBody, sendJson } from './http.js';
import { withSystemQueryOptions } from './odata.js';
import type { Access } from './permissions.js';
import { resolveSubject, type GraphServices, type RequestContext } from './request-context.js';
import {
  createPosition,
  deletePosition,
  getPosition,
  listPositions,
  updatePosition,
} from './routes/positions.js';
import { getUser, listDirectReports, listUsers } from './routes/users.js';

export interface GraphHandlerOptions {
  services: GraphServices;
  authenticate: (req: IncomingMessage) => Promise<Principal>;
  faults: FaultInjector;
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

/**
 * The Graph emulator as a Node request handler, mounted at the API root (`/beta`).
 * Order: request ids → injected faults → authentication → routing → permission and
 * input checks in the route → response; every failure goes through one error writer.
 */
export function createGraphHandler(options: GraphHandlerOptions) {
  const cors = options.cors ?? { exposeRetryAfter: false };
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
      withSystemQueryOptions(publicUrl);
      const ctx: RequestContext = {
        req,
        res,
        method,
        url: publicUrl,
        principal,
        services: options.services,
        responseHeaders,
      };
      await dispatch(ctx, splitPath(url.pathname));
    } catch (error) {
      discardBody(req);
      let graphError =
        error instanceof GraphError
          ? error
          : new GraphError(
              500,
              'generalException',
              'An unexpected error occurred in the emulator.',
            );
      if (options.faults.settings.vagueErrors) graphError = graphError.vaguer();
      if (!(error instanceof GraphError))
        options.log?.(
          `Graph emulator error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`,
        );
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJson(res, graphError.status, errorBody(graphError, requestId, clientRequestId), {
        ...responseHeaders,
        ...graphError.extra.headers,
      });
    }
  };
}
