import type { ScopeSet } from '../auth/scopes';
import type { GraphClient } from './client';
import { UnexpectedAnswerError } from './graph-answer';
import { GraphError, parseRetryAfter } from './graph-error';

/**
 * Graph's JSON batching (`POST /$batch`, concepts/json-batching.md): up to 20 requests in
 * one HTTP request, each with its own id, answered each with its own status, headers and
 * body, in any order. Throttling is answered per request inside the batch, with its own
 * `Retry-After` in the JSON headers, which a browser can read even where the HTTP
 * `Retry-After` header is not exposed to it.
 */
export const MAX_BATCH_REQUESTS = 20;

export interface BatchRequest {
  /** Unique within its batch (Graph compares ids without regard to case). */
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the API root: `/users/{id}/profile/positions`. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Ids of requests in the same batch that must succeed first. */
  dependsOn?: string[];
}

export interface BatchAnswer {
  id: string;
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: unknown;
  /** Graph's request id for this inner request (its header, or its error's innerError). */
  requestId?: string;
  /** From the inner `Retry-After`, for a throttled request. */
  retryAfterMs?: number;
}

const key = (id: string) => id.toLowerCase();

/** The JSON body of `POST /$batch` for one batch (a body gets its Content-Type, as Graph requires). */
export function batchBody(requests: readonly BatchRequest[]): { requests: unknown[] } {
  if (requests.length === 0 || requests.length > MAX_BATCH_REQUESTS)
    throw new RangeError(
      `A batch holds 1 to ${MAX_BATCH_REQUESTS} requests, not ${requests.length}.`,
    );
  return {
    requests: requests.map((request) => {
      const headers = { ...request.headers };
      if (
        request.body !== undefined &&
        !Object.keys(headers).some((name) => key(name) === 'content-type')
      )
        headers['Content-Type'] = 'application/json';
      return {
        id: request.id,
        method: request.method,
        url: request.url,
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(request.dependsOn?.length ? { dependsOn: request.dependsOn } : {}),
      };
    }),
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Graph's answer to one batch, by request id. Every request sent must have an answer;
 * answers come in any order and are matched by id, never by position.
 */
export function readBatchAnswers(
  data: unknown,
  requests: readonly BatchRequest[],
  now = Date.now(),
): Map<string, BatchAnswer> {
  if (!isObject(data) || !Array.isArray(data.responses))
    throw new UnexpectedAnswerError('a batch', ['responses should be an array']);
  const sent = new Map(requests.map((request) => [key(request.id), request.id]));
  const answers = new Map<string, BatchAnswer>();
  for (const raw of data.responses as unknown[]) {
    if (!isObject(raw) || typeof raw.id !== 'string' || typeof raw.status !== 'number')
      throw new UnexpectedAnswerError('a batch', ['an answer has no id or status']);
    const id = sent.get(key(raw.id));
    if (id === undefined)
      throw new UnexpectedAnswerError('a batch', [`an answer for '${raw.id}', never asked`]);
    const headers: Record<string, string> = {};
    if (isObject(raw.headers))
      for (const [name, value] of Object.entries(raw.headers))
        if (typeof value === 'string' || typeof value === 'number')
          headers[key(name)] = String(value);
    const inner = isObject(raw.body) && isObject(raw.body.error) ? raw.body.error : undefined;
    const innerError = inner && (isObject(inner.innerError) ? inner.innerError : inner.innererror);
    const innerRequestId =
      isObject(innerError) && typeof innerError['request-id'] === 'string'
        ? innerError['request-id']
        : undefined;
    answers.set(id, {
      id,
      status: raw.status,
      headers,
      body: raw.body,
      requestId: headers['request-id'] ?? innerRequestId,
      retryAfterMs: parseRetryAfter(headers['retry-after'] ?? null, now),
    });
  }
  const missing = requests.filter((request) => !answers.has(request.id));
  if (missing.length > 0)
    throw new UnexpectedAnswerError('a batch', [
      `no answer for ${missing.map((request) => `'${request.id}'`).join(', ')}`,
    ]);
  return answers;
}

export const isSuccess = (answer: BatchAnswer): boolean =>
  answer.status >= 200 && answer.status < 300;

/** A failed inner request as the GraphError it would have been if sent alone. */
export function errorOfAnswer(answer: BatchAnswer): GraphError {
  const error = isObject(answer.body) && isObject(answer.body.error) ? answer.body.error : {};
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  return new GraphError({
    status: answer.status,
    code: text(error.code) ?? `http${answer.status}`,
    message: text(error.message) ?? `Microsoft Graph answered ${answer.status}.`,
    requestId: answer.requestId,
    clientRequestId: answer.headers['client-request-id'],
    target: text(error.target),
    retryAfterMs: answer.retryAfterMs,
  });
}

/** Sends one batch (at most 20 requests) and reads its answers by id. */
export async function sendBatch(
  client: GraphClient,
  requests: readonly BatchRequest[],
  { scopes, signal }: { scopes: ScopeSet; signal?: AbortSignal },
): Promise<Map<string, BatchAnswer>> {
  const { data } = await client.request('/$batch', {
    method: 'POST',
    body: batchBody(requests),
    scopes,
    signal,
  });
  return readBatchAnswers(data, requests);
}
