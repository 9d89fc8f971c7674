import type { APIRequestContext } from '@playwright/test';

export interface FaultSettings {
  latencyMs?: number;
  throttleRate?: number;
  errorRate?: number;
  /** A share of requests carried out whose answer is lost (the connection closes). */
  lostResponseRate?: number;
  /** Answer exactly the next N Graph requests 429. */
  throttleNextRequests?: number;
  /** Answer exactly the next N Graph requests 503 (after any throttled ones). */
  failNextRequests?: number;
  /** Lose the answers of exactly the next N requests. */
  loseNextResponses?: number;
  retryAfterSeconds?: number;
  /** Where the generator behind the rates starts; see `setFaults`. */
  seed?: number;
  /** The emulator's own errors in the vague form users report (ErrorAccessDeniedForRole, UnknownError, activityLimitReached). */
  vagueErrors?: boolean;
  /** Answer the next matching requests with one reported or documented error each, in order. */
  failNext?: FailNext[];
}

/** One injected error (README, "The Graph emulator", vague errors). */
export interface FailNext {
  error:
    | 'accessDeniedForRole'
    | 'unknownError'
    | 'unknownErrorNotFound'
    | 'activityLimitReached'
    | 'requestTooLarge'
    | 'unsupportedMediaType';
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
}

/** What the emulator has in force: every setting, and the seed of its random faults. */
export type ActiveFaults = Required<FaultSettings>;

export const NO_FAULTS: Required<Omit<FaultSettings, 'seed'>> = {
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

const isRandom = (settings: FaultSettings): boolean =>
  [settings.throttleRate, settings.errorRate, settings.lostResponseRate].some(
    (rate) => rate !== undefined && rate > 0 && rate < 1,
  );

/**
 * The seed for random faults: E2E_FAULT_SEED when set (to repeat a run), else a new one.
 * It is printed either way.
 */
function faultSeed(): number {
  const given = process.env.E2E_FAULT_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1)
      throw new Error(`E2E_FAULT_SEED must be a whole number from 0 to 2^32 − 1, not '${given}'.`);
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 32);
}

/** The local stack's `/_emulator` controls: reset the demo data, inject faults, expire tokens. */
export class EmulatorControls {
  constructor(
    private readonly request: APIRequestContext,
    private readonly hooks: {
      /** Told when every token issued so far stops counting (cached sign-ins are void). */
      tokensExpired?: () => void;
      /** Hears the seed of random faults (besides the console). */
      seedUsed?: (seed: number) => void;
    } = {},
  ) {}

  async reset(): Promise<void> {
    const response = await this.request.post('/_emulator/reset');
    if (response.status() !== 204) throw new Error(`emulator reset failed: ${response.status()}`);
    await this.setFaults(NO_FAULTS);
  }

  /**
   * Changes fault injection; settings left out keep their value. Turning on random faults
   * (a rate between 0 and 1) without a seed sets one (E2E_FAULT_SEED, or a new one) and
   * prints it, so that a failure can be repeated with the same faults.
   */
  async setFaults(settings: FaultSettings): Promise<ActiveFaults> {
    const data =
      isRandom(settings) && settings.seed === undefined
        ? { ...settings, seed: faultSeed() }
        : settings;
    const response = await this.request.post('/_emulator/faults', { data });
    if (!response.ok())
      throw new Error(`setting faults failed: ${response.status()} ${await response.text()}`);
    const active = (await response.json()) as ActiveFaults;
    if (data.seed !== undefined && isRandom(active)) {
      console.log(
        `Random Graph faults with seed ${active.seed} (E2E_FAULT_SEED=${active.seed} repeats them).`,
      );
      this.hooks.seedUsed?.(active.seed);
    }
    return active;
  }

  /**
   * Every access token issued so far is refused as expired from now on. With
   * `revokeRefreshTokens` a new one needs the provider's session (silent renewal in a
   * hidden frame); with `endSessions` it needs the user.
   */
  async expireTokens(
    options: { revokeRefreshTokens?: boolean; endSessions?: boolean } = {},
  ): Promise<void> {
    const response = await this.request.post('/_emulator/expire-tokens', { data: options });
    if (response.status() !== 204) throw new Error(`expire-tokens failed: ${response.status()}`);
    this.hooks.tokensExpired?.();
  }

  private async post(path: string, data: unknown): Promise<unknown> {
    const response = await this.request.post(`/_emulator${path}`, { data });
    if (!response.ok())
      throw new Error(
        `POST /_emulator${path} failed: ${response.status()} ${await response.text()}`,
      );
    return response.status() === 204 ? undefined : response.json();
  }

  /**
   * How Graph behaves: `{ etags: 'strict' }` is our stricter world (etags on facets, 412 on
   * a stale If-Match); the default, `'none'`, is Graph's profile API as documented.
   */
  async setGraphSettings(settings: { etags: 'none' | 'strict' }): Promise<void> {
    await this.post('/settings', settings);
  }

  /**
   * The tenant's sign-in policy (Entra's rules): whether users may consent, and who meets
   * which sign-in failure. Users by persona. See README, "What the local sign-in reproduces".
   */
  async setIdentityPolicy(policy: {
    userConsent?: 'allowed' | 'disabled';
    notAssigned?: string[];
    requireMfa?: string[];
    requireMfaRegistration?: string[];
    blockByPolicy?: string[];
    unknownClient?: boolean;
  }): Promise<void> {
    await this.post('/identity', policy);
  }

  /** Consent given for the whole organisation, as an administrator gives it. */
  async grantForOrganization(scopes: string[]): Promise<void> {
    await this.post('/consents', { organization: scopes });
  }

  /** Graph answers with a claims challenge (CAE): for these users' tokens, or the next N requests. */
  async claimsChallenge(options: { users?: string[]; nextRequests?: number }): Promise<void> {
    await this.post('/claims-challenge', options);
  }

  /** Graph's rate limit per application and tenant (on by default: 300 at once, 30 a second). */
  async setRateLimit(settings: {
    enabled?: boolean;
    capacity?: number;
    refillPerSecond?: number;
  }): Promise<void> {
    await this.post('/rate-limit', settings);
  }
}
