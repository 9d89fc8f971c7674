/** Everything a GraphError carries. */
export interface GraphErrorInit {
  status: number;
  code: string;
  message: string;
  requestId?: string;
  clientRequestId?: string;
  date?: string;
  target?: string;
  details?: { code: string; message: string; target?: string }[];
  retryAfterMs?: number;
}

/** A failed Graph call, as Graph describes it: branch on `code`, show `message` and the request id. */
export class GraphError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly clientRequestId?: string;
  readonly date?: string;
  /** The property the error is about, when Graph names one (e.g. `detail.jobTitle`). */
  readonly target?: string;
  readonly details: { code: string; message: string; target?: string }[];
  /** From `Retry-After`, when the response exposes it. */
  readonly retryAfterMs?: number;

  constructor(init: GraphErrorInit) {
    super(init.message);
    this.name = 'GraphError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.clientRequestId = init.clientRequestId;
    this.date = init.date;
    this.target = init.target;
    this.details = init.details ?? [];
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** What `error` says, to build another error from it without losing any of it (Retry-After above all). */
export function initOf(error: GraphError): GraphErrorInit {
  return {
    status: error.status,
    code: error.code,
    message: error.message,
    requestId: error.requestId,
    clientRequestId: error.clientRequestId,
    date: error.date,
    target: error.target,
    details: error.details,
    retryAfterMs: error.retryAfterMs,
  };
}

/** The network failed before Graph could answer (offline, DNS, connection reset). */
export const NETWORK_ERROR = 'networkError';

export function networkError(clientRequestId: string): GraphError {
  return new GraphError({
    status: 0,
    code: NETWORK_ERROR,
    message: 'Could not reach Microsoft Graph. Check your network connection.',
    clientRequestId,
  });
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  // Otherwise only an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT"); V8 would read "1.5" as a date.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface ErrorPayload {
  error?: {
    code?: unknown;
    message?: unknown;
    target?: unknown;
    details?: unknown;
    innerError?: Record<string, unknown>;
    innererror?: Record<string, unknown>;
  };
}

/** Reads Graph's error body (either casing of innerError), falling back to the status line. */
export async function graphErrorFromResponse(response: Response): Promise<GraphError> {
  let payload: ErrorPayload | null = null;
  try {
    payload = (await response.json()) as ErrorPayload | null;
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status line is all there is.
  }
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const body: NonNullable<ErrorPayload['error']> =
    isObject(payload) && isObject(payload.error) ? payload.error : {};
  const inner: Record<string, unknown> = isObject(body.innerError)
    ? body.innerError
    : isObject(body.innererror)
      ? body.innererror
      : {};
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  // A detail's code or message in words, even when a server sent a number.
  const scalar = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';
  const details = Array.isArray(body.details)
    ? (body.details as unknown[]).filter(isObject).map((detail) => ({
        code: scalar(detail.code),
        message: scalar(detail.message),
        target: text(detail.target),
      }))
    : [];
  return new GraphError({
    status: response.status,
    code: text(body.code) ?? `http${response.status}`,
    message:
      text(body.message) ??
      `Microsoft Graph answered ${response.status} ${response.statusText}.`.replace(' .', '.'),
    requestId: text(inner['request-id']) ?? response.headers.get('request-id') ?? undefined,
    clientRequestId:
      text(inner['client-request-id']) ?? response.headers.get('client-request-id') ?? undefined,
    date: text(inner.date),
    target: text(body.target),
    details,
    retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')),
  });
}
