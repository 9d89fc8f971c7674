import { GraphError } from './graph-error.js';

/**
 * Errors the real service answers that a client must still read in plain words: the vague
 * ones users of the API report (graph-profile-api.md, "Data as real tenants hold it") and
 * the 413 and 415 of Graph's documented error list. The emulator never answers these by
 * itself; `failNext` in the fault settings injects them, one request at a time.
 */
export const INJECTABLE_ERRORS = {
  /** Reported when a write to another person's profile is refused. */
  accessDeniedForRole: () =>
    new GraphError(
      403,
      'ErrorAccessDeniedForRole',
      'Access is denied. Check credentials and try again.',
    ),
  /** Reported: 400 with nothing to go on. */
  unknownError: () => new GraphError(400, 'UnknownError', ''),
  /** Reported on a PATCH of a facet that exists (a fresh read still finds it). */
  unknownErrorNotFound: () => new GraphError(404, 'UnknownError', ''),
  /** Reported: a throttled request whose code is not `TooManyRequests`. */
  activityLimitReached: (headers: Record<string, string>) =>
    new GraphError(
      429,
      'activityLimitReached',
      'The app or user has been throttled (injected by the emulator).',
      { headers },
    ),
  /** Documented: "413 Request Entity Too Large: the request size exceeds the maximum limit." */
  requestTooLarge: () =>
    new GraphError(
      413,
      'RequestEntityTooLarge',
      'The request size exceeds the maximum limit (injected by the emulator).',
    ),
  /** Documented: "415 Unsupported Media Type". */
  unsupportedMediaType: () =>
    new GraphError(
      415,
      'UnsupportedMediaType',
      'The content type of the request is a format that the service does not support (injected by the emulator).',
    ),
} as const;

export type InjectableError = keyof typeof INJECTABLE_ERRORS;

/** One injected error: for the next request, or the next one with this method. */
export interface FailNext {
  error: InjectableError;
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
}

const METHODS = ['GET', 'POST', 'PATCH', 'DELETE'] as const;
const KINDS = Object.keys(INJECTABLE_ERRORS) as InjectableError[];
const MAX_QUEUED = 100;

function parseEntry(entry: unknown, index: number): FailNext {
  const where = `failNext[${index}]`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    throw new Error(
      `${where} must be an object like {"error": "unknownError", "method": "PATCH"}.`,
    );
  const { error, method, ...rest } = entry as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw new Error(`${where} has unknown fields: ${unknown.join(', ')}.`);
  if (typeof error !== 'string' || !(KINDS as readonly string[]).includes(error))
    throw new Error(
      `${where}.error must be one of ${KINDS.join(', ')}, not ${JSON.stringify(error)}.`,
    );
  if (
    method !== undefined &&
    (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method))
  )
    throw new Error(
      `${where}.method must be one of ${METHODS.join(', ')}, not ${JSON.stringify(method)}.`,
    );
  return method === undefined
    ? { error: error as InjectableError }
    : { error: error as InjectableError, method: method as FailNext['method'] };
}

/** Validates the `failNext` setting; throws an Error naming the bad entry. */
export function parseFailNext(input: unknown): FailNext[] {
  if (!Array.isArray(input))
    throw new Error(
      'failNext must be an array like [{"error": "unknownErrorNotFound", "method": "PATCH"}].',
    );
  if (input.length > MAX_QUEUED)
    throw new Error(`failNext holds at most ${MAX_QUEUED} entries, not ${input.length}.`);
  return input.map(parseEntry);
}

/**
 * `EMULATOR_FAIL_NEXT`: entries separated by commas, each `error` or `error@METHOD`, e.g.
 * `unknownErrorNotFound@PATCH,activityLimitReached`.
 */
export function failNextFromText(text: string): FailNext[] {
  return parseFailNext(
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const at = part.indexOf('@');
        if (at === -1) return { error: part };
        return { error: part.slice(0, at), method: part.slice(at + 1).toUpperCase() };
      }),
  );
}

/** The first queued entry this request matches, and the queue without it. */
export function takeFailure(
  queue: readonly FailNext[],
  method: string,
): { entry: FailNext; rest: FailNext[] } | undefined {
  const index = queue.findIndex((entry) => entry.method === undefined || entry.method === method);
  if (index === -1) return undefined;
  return { entry: queue[index], rest: [...queue.slice(0, index), ...queue.slice(index + 1)] };
}
