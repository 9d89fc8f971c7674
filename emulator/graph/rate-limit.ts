import type { IncomingMessage } from 'node:http';
import { decodeJwt } from 'jose';
import type { Principal } from './authenticate.js';
import { GraphError } from './graph-error.js';

/**
 * Graph's throttling as a token bucket per application and tenant, the scope Microsoft
 * documents for directory requests ("application+tenant pair", throttling-limits.md):
 * each request takes one token, a full bucket holds `capacity`, and tokens come back at
 * `refillPerSecond`. A request that finds the bucket empty gets 429 `TooManyRequests`
 * with `Retry-After` (whole seconds until a token is back) and never reaches a route, so
 * it changes nothing; it takes no token either, so a client that waits as told goes on at
 * the refill rate.
 *
 * The default, 300 tokens refilled at 30 a second (300 requests per 10 seconds), is far
 * above what one person clicking through the app sends (a page is a handful of requests,
 * a screen of the organisation table one or two batches of 20) and well below what a bulk
 * job sends: a change to hundreds of people (a read and a write each) empties the bucket
 * within seconds and then runs at 30 requests a second.
 */
export interface RateLimitSettings {
  enabled: boolean;
  /** Tokens in a full bucket: the longest burst allowed. */
  capacity: number;
  /** Tokens added per second, up to `capacity`: the sustained rate. */
  refillPerSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = {
  enabled: true,
  capacity: 300,
  refillPerSecond: 30,
};

export const NO_RATE_LIMIT: RateLimitSettings = { ...DEFAULT_RATE_LIMIT, enabled: false };

const LIMITS = {
  capacity: { min: 1, max: 1_000_000, env: 'EMULATOR_RATE_LIMIT_CAPACITY' },
  refillPerSecond: { min: 0.01, max: 1_000_000, env: 'EMULATOR_RATE_LIMIT_REFILL_PER_SECOND' },
} as const;

/** Validates a partial settings object over `base`; throws an Error naming the bad field. */
export function parseRateLimitSettings(input: unknown, base: RateLimitSettings): RateLimitSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new Error('Rate limit settings must be a JSON object.');
  const next = { ...base };
  for (const [name, value] of Object.entries(input)) {
    if (name === 'enabled') {
      if (typeof value !== 'boolean')
        throw new Error(
          `Rate limit setting 'enabled' must be true or false, not ${JSON.stringify(value)}.`,
        );
      next.enabled = value;
      continue;
    }
    if (name !== 'capacity' && name !== 'refillPerSecond')
      throw new Error(
        `Unknown rate limit setting '${name}'; known: enabled, capacity, refillPerSecond.`,
      );
    const { min, max } = LIMITS[name];
    const whole = name === 'capacity';
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < min ||
      value > max ||
      (whole && !Number.isInteger(value))
    )
      throw new Error(
        `Rate limit setting '${name}' must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}, not ${JSON.stringify(value)}.`,
      );
    next[name] = value;
  }
  return next;
}

/**
 * `EMULATOR_RATE_LIMIT` (`on`, the default, or `off`), `EMULATOR_RATE_LIMIT_CAPACITY` and
 * `EMULATOR_RATE_LIMIT_REFILL_PER_SECOND`.
 */
export function rateLimitSettingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): RateLimitSettings {
  const given: Record<string, unknown> = {};
  const switchValue = env.EMULATOR_RATE_LIMIT?.trim().toLowerCase();
  if (switchValue) {
    if (!['on', 'off', '1', '0', 'true', 'false'].includes(switchValue))
      throw new Error(
        `EMULATOR_RATE_LIMIT must be 'on' or 'off', not '${env.EMULATOR_RATE_LIMIT ?? ''}'.`,
      );
    given.enabled = ['on', '1', 'true'].includes(switchValue);
  }
  for (const [name, limit] of Object.entries(LIMITS)) {
    const raw = env[limit.env]?.trim();
    if (raw) given[name] = Number(raw);
  }
  try {
    return parseRateLimitSettings(given, DEFAULT_RATE_LIMIT);
  } catch (error) {
    throw new Error(
      `Emulator rate limit settings from the environment are invalid: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Whose bucket a request takes from: the token's application (`azp`) in its tenant (`tid`). */
export interface ThrottleKey {
  applicationId: string;
  tenantId: string;
}

/**
 * Reads the key from the request's bearer token, which `authenticate` has already
 * verified; the principal carries the application, the tenant comes from the same token.
 */
export function throttleKeyOf(req: IncomingMessage, principal: Principal): ThrottleKey {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  let tenantId = '';
  if (token) {
    const { tid } = decodeJwt(token);
    if (typeof tid === 'string') tenantId = tid;
  }
  return { applicationId: principal.application.id ?? '', tenantId };
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in milliseconds of `now()`. */
  at: number;
}

export type TakeOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private current: RateLimitSettings;

  constructor(
    settings: RateLimitSettings = DEFAULT_RATE_LIMIT,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.current = settings;
  }

  get settings(): RateLimitSettings {
    return this.current;
  }

  /** New settings start every bucket full, so a test or a demo starts from a known state. */
  set settings(settings: RateLimitSettings) {
    this.current = settings;
    this.refill();
  }

  /** Every bucket full again (`POST /_emulator/reset`). */
  refill(): void {
    this.buckets.clear();
  }

  /** Takes one token for `key`, or says how long until one is back. */
  take(key: ThrottleKey): TakeOutcome {
    if (!this.current.enabled) return { allowed: true };
    const { capacity, refillPerSecond } = this.current;
    const name = `${key.applicationId}/${key.tenantId}`;
    const now = this.now();
    const bucket = this.buckets.get(name) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(
      capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond,
    );
    bucket.at = now;
    this.buckets.set(name, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSecond)),
    };
  }
}

/**
 * The answer to a request over the limit, as Graph gives it for directory requests: 429
 * `TooManyRequests`, `Retry-After` in seconds, and the throttling scope header Entra sends
 * (`x-ms-throttle-scope`: scope/limit/application/tenant).
 */
export function tooManyRequests(key: ThrottleKey, retryAfterSeconds: number): GraphError {
  return new GraphError(
    429,
    'TooManyRequests',
    `Too many requests: application '${key.applicationId}' is over its rate limit in tenant '${key.tenantId}'. Retry after ${retryAfterSeconds} s.`,
    {
      headers: {
        'Retry-After': String(retryAfterSeconds),
        'x-ms-throttle-scope': `Tenant_Application/ReadWrite/${key.applicationId}/${key.tenantId}`,
      },
    },
  );
}
