import { GraphError } from './graph-error.js';
import {
  failNextFromText,
  INJECTABLE_ERRORS,
  parseFailNext,
  takeFailure,
  type FailNext,
} from './reported-errors.js';

/**
 * Fault injection in the spirit of Microsoft's Dev Proxy: added latency, and a share of
 * requests answered 429 (throttled) or 503 (unavailable) before they reach any route, so
 * an injected failure never changes stored data.
 */
export interface FaultSettings {
  latencyMs: number;
  throttleRate: number;
  errorRate: number;
  /**
   * A share of requests that are carried out (a write is stored) but whose response is
   * lost: the connection closes without an answer, as when a gateway times out after the
   * service did the work. The client cannot tell whether it happened.
   */
  lostResponseRate: number;
  /** Loses the answers of exactly the next N requests (then 0): the deterministic form, for tests. */
  loseNextResponses: number;
  /** Seconds in the Retry-After header of injected 429s and 503s; 0 sends none. */
  retryAfterSeconds: number;
  /**
   * Errors take the vaguer forms users of the API report: a refused write to another
   * person is 403 `ErrorAccessDeniedForRole`, refused input is 400 `UnknownError` with an
   * empty message, an injected 429 has the code `activityLimitReached`.
   */
  vagueErrors: boolean;
  /** Errors for the next requests, one each (reported-errors.ts), e.g. the next PATCH a 404 UnknownError. */
  failNext: FailNext[];
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  throttleRate: 0,
  errorRate: 0,
  lostResponseRate: 0,
  loseNextResponses: 0,
  retryAfterSeconds: 1,
  vagueErrors: false,
  failNext: [],
};

type NumericSetting = Exclude<keyof FaultSettings, 'vagueErrors' | 'failNext'>;

const LIMITS: Record<NumericSetting, { max: number; integer: boolean; env: string }> = {
  latencyMs: { max: 60_000, integer: true, env: 'EMULATOR_LATENCY_MS' },
  throttleRate: { max: 1, integer: false, env: 'EMULATOR_THROTTLE_RATE' },
  errorRate: { max: 1, integer: false, env: 'EMULATOR_ERROR_RATE' },
  lostResponseRate: { max: 1, integer: false, env: 'EMULATOR_LOST_RESPONSE_RATE' },
  loseNextResponses: { max: 1000, integer: true, env: 'EMULATOR_LOSE_NEXT_RESPONSES' },
  retryAfterSeconds: { max: 120, integer: true, env: 'EMULATOR_RETRY_AFTER_SECONDS' },
};

/** Validates a partial settings object; throws an Error naming the bad field. */
export function parseFaultSettings(input: unknown, base: FaultSettings): FaultSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new Error('Fault settings must be a JSON object.');
  const next = { ...base };
  for (const [name, value] of Object.entries(input)) {
    if (name === 'vagueErrors') {
      if (typeof value !== 'boolean')
        throw new Error(
          `Fault setting 'vagueErrors' must be true or false, not ${JSON.stringify(value)}.`,
        );
      next.vagueErrors = value;
      continue;
    }
    if (name === 'failNext') {
      next.failNext = parseFailNext(value);
      continue;
    }
    if (!Object.hasOwn(LIMITS, name))
      throw new Error(
        `Unknown fault setting '${name}'; known: ${[...Object.keys(LIMITS), 'vagueErrors', 'failNext'].join(', ')}.`,
      );
    const limit = LIMITS[name as NumericSetting];
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < 0 ||
      value > limit.max ||
      (limit.integer && !Number.isInteger(value))
    ) {
      throw new Error(
        `Fault setting '${name}' must be ${limit.integer ? 'a whole number' : 'a number'} from 0 to ${limit.max}, not ${JSON.stringify(value)}.`,
      );
    }
    next[name as NumericSetting] = value;
  }
  if (next.throttleRate + next.errorRate + next.lostResponseRate > 1) {
    throw new Error('throttleRate, errorRate and lostResponseRate together cannot exceed 1.');
  }
  return next;
}

export function faultSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): FaultSettings {
  const given: Record<string, unknown> = Object.fromEntries(
    Object.entries(LIMITS)
      .filter(([, limit]) => env[limit.env] !== undefined && env[limit.env] !== '')
      .map(([name, limit]) => [name, Number(env[limit.env])]),
  );
  try {
    // EMULATOR_VAGUE_ERRORS=1 (or true); EMULATOR_FAIL_NEXT=unknownErrorNotFound@PATCH,...
    const vague = env.EMULATOR_VAGUE_ERRORS?.trim().toLowerCase();
    if (vague) {
      if (!['1', 'true', '0', 'false'].includes(vague))
        throw new Error(`EMULATOR_VAGUE_ERRORS must be 1, true, 0 or false, not '${vague}'.`);
      given.vagueErrors = vague === '1' || vague === 'true';
    }
    const failNext = env.EMULATOR_FAIL_NEXT?.trim();
    if (failNext) given.failNext = failNextFromText(failNext);
    return parseFaultSettings(given, NO_FAULTS);
  } catch (error) {
    throw new Error(
      `Emulator fault settings from the environment are invalid: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

export class FaultInjector {
  constructor(
    public settings: FaultSettings = NO_FAULTS,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Waits the added latency, then throws an injected failure, or lets the request through
   * and says whether its response is to be lost.
   */
  async apply(): Promise<{ loseResponse: boolean }> {
    const { latencyMs, throttleRate, errorRate, lostResponseRate, retryAfterSeconds } =
      this.settings;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const roll = this.random();
    const headers: Record<string, string> =
      retryAfterSeconds > 0 ? { 'Retry-After': String(retryAfterSeconds) } : {};
    if (roll < throttleRate) {
      throw new GraphError(
        429,
        'TooManyRequests',
        'Too many requests: the application is being throttled (injected by the emulator).',
        {
          headers,
          vague: { code: 'activityLimitReached', message: 'The request has been throttled.' },
        },
      );
    }
    if (roll < throttleRate + errorRate) {
      throw new GraphError(
        503,
        'serviceNotAvailable',
        'The service is temporarily unavailable (injected by the emulator).',
        { headers },
      );
    }
    if (this.settings.loseNextResponses > 0) {
      this.settings = { ...this.settings, loseNextResponses: this.settings.loseNextResponses - 1 };
      return { loseResponse: true };
    }
    return { loseResponse: roll < throttleRate + errorRate + lostResponseRate };
  }

  /** The error queued in `failNext` for a request with this method, taken off the queue. */
  takeInjectedError(method: string): GraphError | undefined {
    const taken = takeFailure(this.settings.failNext, method);
    if (!taken) return undefined;
    this.settings = { ...this.settings, failNext: taken.rest };
    const { retryAfterSeconds } = this.settings;
    const headers: Record<string, string> =
      retryAfterSeconds > 0 ? { 'Retry-After': String(retryAfterSeconds) } : {};
    return INJECTABLE_ERRORS[taken.entry.error](headers);
  }
}
