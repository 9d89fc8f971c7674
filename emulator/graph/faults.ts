import { randomInt } from 'node:crypto';
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
 * an injected failure never changes stored data. The shares are drawn from a seeded
 * generator, so a run with random faults can be repeated exactly by giving its seed.
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
  /** Answers exactly the next N requests 429 (then 0): the deterministic form, for tests. */
  throttleNextRequests: number;
  /** Answers exactly the next N requests 503, after any throttled ones (then 0). */
  failNextRequests: number;
  /** Loses the answers of exactly the next N requests (then 0): the deterministic form, for tests. */
  loseNextResponses: number;
  /** Seconds in the Retry-After header of injected 429s and 503s; 0 sends none. */
  retryAfterSeconds: number;
  /**
   * Where the generator behind the rates starts (a whole number from 0 to 2^32 − 1). Given,
   * it restarts the sequence; otherwise the emulator picks one and reports it.
   */
  seed?: number;
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
  throttleNextRequests: 0,
  failNextRequests: 0,
  loseNextResponses: 0,
  retryAfterSeconds: 1,
  vagueErrors: false,
  failNext: [],
};

const MAX_SEED = 2 ** 32 - 1;

type NumericSetting = Exclude<keyof FaultSettings, 'vagueErrors' | 'failNext'>;

const LIMITS: Record<NumericSetting, { max: number; integer: boolean; env: string }> = {
  latencyMs: { max: 60_000, integer: true, env: 'EMULATOR_LATENCY_MS' },
  throttleRate: { max: 1, integer: false, env: 'EMULATOR_THROTTLE_RATE' },
  errorRate: { max: 1, integer: false, env: 'EMULATOR_ERROR_RATE' },
  lostResponseRate: { max: 1, integer: false, env: 'EMULATOR_LOST_RESPONSE_RATE' },
  throttleNextRequests: { max: 1000, integer: true, env: 'EMULATOR_THROTTLE_NEXT_REQUESTS' },
  failNextRequests: { max: 1000, integer: true, env: 'EMULATOR_FAIL_NEXT_REQUESTS' },
  loseNextResponses: { max: 1000, integer: true, env: 'EMULATOR_LOSE_NEXT_RESPONSES' },
  retryAfterSeconds: { max: 120, integer: true, env: 'EMULATOR_RETRY_AFTER_SECONDS' },
  seed: { max: MAX_SEED, integer: true, env: 'EMULATOR_FAULT_SEED' },
};

const isNumericSetting = (name: string): name is NumericSetting => Object.hasOwn(LIMITS, name);

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
    if (!isNumericSetting(name))
      throw new Error(
        `Unknown fault setting '${name}'; known: ${[...Object.keys(LIMITS), 'vagueErrors', 'failNext'].join(', ')}.`,
      );
    const limit = LIMITS[name];
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
    next[name] = value;
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

/**
 * A small seeded generator of numbers in [0, 1): a Weyl sequence through a 32-bit
 * avalanche mix (SplitMix32). The same seed gives the same sequence on every run.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
    mixed ^= mixed >>> 16;
    return (mixed >>> 0) / 2 ** 32;
  };
}

/** A seed for when none was given: different on every start, and always reported. */
export const newSeed = (): number => randomInt(MAX_SEED);

/** Some share of requests is decided by the generator (not all, not none). */
const isRandom = (settings: FaultSettings): boolean =>
  [settings.throttleRate, settings.errorRate, settings.lostResponseRate].some(
    (rate) => rate > 0 && rate < 1,
  );

export class FaultInjector {
  private current: FaultSettings;
  private seed: number;
  private random: () => number;

  /**
   * `random` replaces the seeded generator (unit tests roll fixed numbers); `log` hears
   * the seed whenever random faults are on, so that the run can be repeated.
   */
  constructor(
    settings: FaultSettings = NO_FAULTS,
    private readonly fixedRandom?: () => number,
    private readonly log?: (message: string) => void,
  ) {
    const { seed, ...rest } = settings;
    this.current = rest;
    this.seed = seed ?? newSeed();
    this.random = fixedRandom ?? seededRandom(this.seed);
    if (isRandom(this.current) || seed !== undefined) this.report();
  }

  /** What is in force, with the seed of the generator. */
  get settings(): FaultSettings & { seed: number } {
    return { ...this.current, seed: this.seed };
  }

  /**
   * Applies a partial update (as `POST /_emulator/faults` receives it); throws, changing
   * nothing, when it is not valid. A `seed` in it restarts the generator from that seed.
   */
  update(input: unknown): FaultSettings & { seed: number } {
    const { seed, ...rest } = parseFaultSettings(input, this.settings);
    this.current = rest;
    const reseeded = typeof input === 'object' && input !== null && 'seed' in input;
    if (reseeded && seed !== undefined) {
      this.seed = seed;
      this.random = this.fixedRandom ?? seededRandom(seed);
    }
    if (isRandom(this.current) || reseeded) this.report();
    return this.settings;
  }

  private report(): void {
    const { throttleRate, errorRate, lostResponseRate } = this.current;
    this.log?.(
      `Graph emulator faults: throttleRate ${throttleRate}, errorRate ${errorRate}, lostResponseRate ${lostResponseRate}; ` +
        `random seed ${this.seed} (EMULATOR_FAULT_SEED=${this.seed} or POST /_emulator/faults {"seed": ${this.seed}} repeats the sequence).`,
    );
  }

  private countDown(name: 'throttleNextRequests' | 'failNextRequests' | 'loseNextResponses') {
    if (this.current[name] === 0) return false;
    this.current = { ...this.current, [name]: this.current[name] - 1 };
    return true;
  }

  /**
   * Waits the added latency, then throws an injected failure, or lets the request through
   * and says whether its response is to be lost. Every request takes exactly one number
   * from the generator, so the same seed and the same requests give the same faults.
   */
  async apply(): Promise<{ loseResponse: boolean }> {
    const { latencyMs, retryAfterSeconds } = this.current;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const roll = this.random();
    const { throttleRate, errorRate, lostResponseRate } = this.current;
    const headers: Record<string, string> =
      retryAfterSeconds > 0 ? { 'Retry-After': String(retryAfterSeconds) } : {};
    if (this.countDown('throttleNextRequests') || roll < throttleRate) {
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
    if (this.countDown('failNextRequests') || roll < throttleRate + errorRate) {
      throw new GraphError(
        503,
        'serviceNotAvailable',
        'The service is temporarily unavailable (injected by the emulator).',
        { headers },
      );
    }
    if (this.countDown('loseNextResponses')) return { loseResponse: true };
    return { loseResponse: roll < throttleRate + errorRate + lostResponseRate };
  }

  /** The error queued in `failNext` for a request with this method, taken off the queue. */
  takeInjectedError(method: string): GraphError | undefined {
    const taken = takeFailure(this.current.failNext, method);
    if (!taken) return undefined;
    this.current = { ...this.current, failNext: taken.rest };
    const { retryAfterSeconds } = this.current;
    const headers: Record<string, string> =
      retryAfterSeconds > 0 ? { 'Retry-After': String(retryAfterSeconds) } : {};
    return INJECTABLE_ERRORS[taken.entry.error](headers);
  }
}
