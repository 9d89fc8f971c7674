import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { badRequest, GraphError } from './graph-error.js';
import type { RequestContext } from './request-context.js';

/**
 * JSON batching (`POST /$batch`) as Microsoft documents it (concepts/json-batching.md):
 * up to 20 requests, each with its own `id`, `method`, relative `url`, optional `headers`
 * and `body`, and `dependsOn`. The batch answers 200 with `{ responses: [...] }` as soon
 * as it can be parsed; each inner request is authenticated with the batch's token,
 * authorised, validated and throttled on its own, and answers with its own status,
 * headers and body. Anything wrong with the batch itself is 400 and runs nothing.
 */
export const MAX_BATCH_REQUESTS = 20;

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
const REQUEST_MEMBERS = ['id', 'method', 'url', 'headers', 'body', 'dependsOn'];

export interface BatchRequest {
  id: string;
  method: string;
  /** Relative to the API root, e.g. `/users/{id}/profile/positions` or `users?$top=5`. */
  url: string;
  /** Header names in lower case, as Node gives them to a route. */
  headers: Record<string, string>;
  /** `undefined` when the request has no body. */
  body: unknown;
  dependsOn: string[];
}

export interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseRequest(value: unknown, index: number): BatchRequest {
  const where = `requests[${index}]`;
  if (!isObject(value)) throw badRequest(`Invalid batch payload: ${where} must be a JSON object.`);
  for (const name of Object.keys(value))
    if (!REQUEST_MEMBERS.includes(name))
      throw badRequest(
        `Invalid batch payload: ${where} has an unknown property '${name}'; known: ${REQUEST_MEMBERS.join(', ')}.`,
      );
  const { id, method, url, headers, body, dependsOn } = value;
  if (typeof id !== 'string' || !id.trim())
    throw badRequest(
      `Invalid batch payload: ${where}.id is required and must be a non-empty string.`,
    );
  if (typeof method !== 'string' || !METHODS.includes(method.toUpperCase()))
    throw badRequest(
      `Invalid batch payload: ${where}.method must be one of ${METHODS.join(', ')}, not ${JSON.stringify(method)}.`,
    );
  if (typeof url !== 'string' || !url.trim())
    throw badRequest(
      `Invalid batch payload: ${where}.url is required and must be a non-empty string.`,
    );
  if (/^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith('//'))
    throw badRequest(
      `Invalid batch payload: ${where}.url must be relative to the API root (e.g. '/me/profile/positions'), not '${url}'.`,
    );
  if (headers !== undefined && !isObject(headers))
    throw badRequest(`Invalid batch payload: ${where}.headers must be a JSON object.`);
  const lowerCased: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(headers ?? {})) {
    if (typeof headerValue !== 'string')
      throw badRequest(`Invalid batch payload: header '${name}' of ${where} must be a string.`);
    lowerCased[name.toLowerCase()] = headerValue;
  }
  if (body !== undefined && !lowerCased['content-type'])
    throw badRequest(
      `Invalid batch payload: ${where} has a body but no 'Content-Type' in its headers; add "headers": {"Content-Type": "application/json"}.`,
    );
  if (
    dependsOn !== undefined &&
    (!Array.isArray(dependsOn) || dependsOn.some((dependency) => typeof dependency !== 'string'))
  )
    throw badRequest(`Invalid batch payload: ${where}.dependsOn must be an array of request ids.`);
  return {
    id,
    method: method.toUpperCase(),
    url,
    headers: lowerCased,
    body,
    dependsOn: (dependsOn as string[] | undefined) ?? [],
  };
}

/** Checks a batch body; any problem is 400 for the whole batch, before anything runs. */
export function parseBatch(input: unknown): BatchRequest[] {
  if (!isObject(input) || !Array.isArray(input.requests))
    throw badRequest(
      "Invalid batch payload: the body must be a JSON object with a 'requests' array.",
    );
  const unknown = Object.keys(input).filter((name) => name !== 'requests');
  if (unknown.length)
    throw badRequest(
      `Invalid batch payload: unknown property '${unknown[0]}'; send only 'requests'.`,
    );
  if (input.requests.length === 0)
    throw badRequest('Invalid batch payload: the batch has no requests.');
  if (input.requests.length > MAX_BATCH_REQUESTS)
    throw badRequest(
      `Invalid batch payload: the batch has ${input.requests.length} requests; the limit is ${MAX_BATCH_REQUESTS}.`,
    );
  const requests = input.requests.map(parseRequest);
  // Ids are compared without regard to case, as Microsoft documents.
  const byId = new Map<string, BatchRequest>();
  for (const request of requests) {
    const key = request.id.toLowerCase();
    if (byId.has(key))
      throw badRequest(
        `Invalid batch payload: the request id '${request.id}' is used more than once.`,
      );
    byId.set(key, request);
  }
  for (const request of requests)
    for (const dependency of request.dependsOn) {
      if (!byId.has(dependency.toLowerCase()))
        throw badRequest(
          `Invalid batch payload: request '${request.id}' depends on '${dependency}', which is not in the batch.`,
        );
      if (dependency.toLowerCase() === request.id.toLowerCase())
        throw badRequest(`Invalid batch payload: request '${request.id}' depends on itself.`);
    }
  assertNoCycle(requests, byId);
  return requests;
}

/** The requests `request` depends on; `parseBatch` has checked that each is in the batch. */
const dependenciesOf = (request: BatchRequest, byId: Map<string, BatchRequest>) =>
  request.dependsOn.flatMap((id) => byId.get(id.toLowerCase()) ?? []);

function assertNoCycle(requests: BatchRequest[], byId: Map<string, BatchRequest>): void {
  const done = new Set<BatchRequest>();
  const visiting = new Set<BatchRequest>();
  const visit = (request: BatchRequest, path: string[]) => {
    if (done.has(request)) return;
    if (visiting.has(request))
      throw badRequest(
        `Invalid batch payload: the requests depend on each other in a circle (${[...path, request.id].join(' → ')}).`,
      );
    visiting.add(request);
    for (const dependency of dependenciesOf(request, byId))
      visit(dependency, [...path, request.id]);
    visiting.delete(request);
    done.add(request);
  };
  for (const request of requests) visit(request, []);
}

/**
 * Runs the requests, each after the ones it depends on; one whose dependency did not
 * succeed is not run and answers 424. Requests without dependencies start together.
 * Graph answers in any order: here, the reverse of the order they finished in, so a client
 * that matches answers to requests by position rather than by `id` fails locally too.
 */
export async function runBatch(
  requests: BatchRequest[],
  execute: (request: BatchRequest) => Promise<BatchResponse>,
  failedDependency: (request: BatchRequest, dependency: BatchResponse) => Promise<BatchResponse>,
): Promise<BatchResponse[]> {
  const byId = new Map(requests.map((request) => [request.id.toLowerCase(), request]));
  const running = new Map<BatchRequest, Promise<BatchResponse>>();
  const finished: BatchResponse[] = [];
  const run = (request: BatchRequest): Promise<BatchResponse> => {
    let promise = running.get(request);
    if (!promise) {
      promise = (async () => {
        const dependencies = await Promise.all(dependenciesOf(request, byId).map(run));
        const failed = dependencies.find((response) => response.status >= 400);
        const response = await (failed ? failedDependency(request, failed) : execute(request));
        finished.push(response);
        return response;
      })();
      running.set(request, promise);
    }
    return promise;
  };
  await Promise.all(requests.map(run));
  return finished.reverse();
}

/** An inner request as a route reads one: method, lower-case headers and a body stream. */
export function innerRequest(request: BatchRequest): IncomingMessage {
  let body: Buffer | undefined;
  const headers = { ...request.headers };
  if (request.body !== undefined) {
    const json = /^application\/json\b/i.test(headers['content-type'] ?? '');
    // Graph takes a non-JSON body as a base64 string.
    body =
      !json && typeof request.body === 'string'
        ? Buffer.from(request.body, 'base64')
        : Buffer.from(JSON.stringify(request.body), 'utf8');
    headers['content-length'] = String(body.length);
  }
  const stream = Readable.from(body ? [body] : []);
  return Object.assign(stream, {
    method: request.method,
    url: request.url,
    headers,
  }) as unknown as IncomingMessage;
}

/**
 * Collects what a route writes for an inner request. Routes answer through `sendJson`
 * and `sendEmpty` (emulator/graph/http.ts), which use `writeHead` and `end`; the error
 * writer also reads `headersSent` and may call `destroy`.
 */
export class CapturedResponse {
  status = 500;
  headers: Record<string, string> = {};
  text = '';
  headersSent = false;

  writeHead(status: number, headers: Record<string, string | number> = {}): this {
    this.status = status;
    for (const [name, value] of Object.entries(headers)) this.headers[name] = String(value);
    this.headersSent = true;
    return this;
  }

  setHeader(name: string, value: string | number): this {
    this.headers[name] = String(value);
    return this;
  }

  end(text?: string | Buffer): this {
    if (text !== undefined) this.text = text.toString();
    return this;
  }

  destroy(): this {
    return this;
  }

  asServerResponse(): ServerResponse {
    return this as unknown as ServerResponse;
  }

  toBatchResponse(id: string): BatchResponse {
    const headers = Object.fromEntries(
      Object.entries(this.headers).filter(([name]) => name.toLowerCase() !== 'content-length'),
    );
    if (!this.text) return { id, status: this.status, headers };
    const json = /json/i.test(headers['Content-Type'] ?? '');
    return {
      id,
      status: this.status,
      headers,
      body: json ? (JSON.parse(this.text) as unknown) : this.text,
    };
  }
}

/** The context of one inner request: the batch's caller and services, its own request and ids. */
export function innerContext(
  outer: RequestContext,
  request: BatchRequest,
  response: CapturedResponse,
): { ctx: RequestContext; path: string; requestId: string; clientRequestId: string } {
  const relative = new URL(request.url.replace(/^\/+/, ''), 'http://batch.invalid/');
  const requestId = randomUUID();
  const clientRequestId =
    request.headers['client-request-id'] ?? outer.responseHeaders['client-request-id'];
  return {
    ctx: {
      ...outer,
      req: innerRequest(request),
      res: response.asServerResponse(),
      method: request.method,
      url: new URL(`${outer.services.publicBaseUrl}${relative.pathname}${relative.search}`),
      responseHeaders: {
        'request-id': requestId,
        'client-request-id': clientRequestId,
        'Cache-Control': 'no-store',
      },
    },
    path: relative.pathname,
    requestId,
    clientRequestId,
  };
}

/** 424 for a request whose dependency failed, in Graph's error shape. */
export function failedDependencyError(
  request: BatchRequest,
  dependency: BatchResponse,
): GraphError {
  return new GraphError(
    424,
    'FailedDependency',
    `Request '${request.id}' was not run because request '${dependency.id}', which it depends on, failed with status ${dependency.status}.`,
  );
}
