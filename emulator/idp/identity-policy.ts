import type { DirectoryStore } from '../store/directory-store.js';
import { DEMO_USER_IDS } from '../store/demo-directory.js';

/**
 * The tenant's sign-in policy, as an administrator sets it in Entra: whether users may
 * consent, which users the application refuses, who must pass multi-factor
 * authentication, whom Conditional Access blocks, and whether the application exists at
 * all. Kept in memory; `POST /_emulator/reset` returns to the start-up values.
 */
export interface IdentitySettings {
  /** "disabled": users may consent to nothing, every permission needs an administrator. */
  userConsent: 'allowed' | 'disabled';
  /** Users the application refuses (it requires assignment): AADSTS50105. Object ids. */
  notAssigned: string[];
  /** Users who must pass multi-factor authentication (a method registered): AADSTS50076. */
  requireMfa: string[];
  /** Users who must pass multi-factor authentication and have no method yet: AADSTS50079. */
  requireMfaRegistration: string[];
  /** Users a Conditional Access policy blocks: AADSTS53003. */
  blockByPolicy: string[];
  /** The application is unknown to the tenant, as with a wrong client id or tenant: AADSTS700016. */
  unknownClient: boolean;
}

export const DEFAULT_IDENTITY_SETTINGS: IdentitySettings = {
  userConsent: 'allowed',
  notAssigned: [],
  requireMfa: [],
  requireMfaRegistration: [],
  blockByPolicy: [],
  unknownClient: false,
};

type UserList = 'notAssigned' | 'requireMfa' | 'requireMfaRegistration' | 'blockByPolicy';
const USER_LISTS: UserList[] = [
  'notAssigned',
  'requireMfa',
  'requireMfaRegistration',
  'blockByPolicy',
];
const KNOWN = [...Object.keys(DEFAULT_IDENTITY_SETTINGS)];

/** Environment variables for each setting; lists are comma-separated. */
export const IDENTITY_ENV = {
  userConsent: 'EMULATOR_USER_CONSENT',
  notAssigned: 'EMULATOR_NOT_ASSIGNED',
  requireMfa: 'EMULATOR_REQUIRE_MFA',
  requireMfaRegistration: 'EMULATOR_REQUIRE_MFA_REGISTRATION',
  blockByPolicy: 'EMULATOR_BLOCK_BY_POLICY',
  unknownClient: 'EMULATOR_UNKNOWN_CLIENT',
} as const satisfies Record<keyof IdentitySettings, string>;

/** The settings the environment asks for, unchecked: `IdentityPolicy` checks them against the directory. */
export function identitySettingsFromEnv(
  env: Record<string, string | undefined>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const userConsent = env[IDENTITY_ENV.userConsent]?.trim();
  if (userConsent) input.userConsent = userConsent;
  for (const list of USER_LISTS) {
    const raw = env[IDENTITY_ENV[list]]?.trim();
    if (raw)
      input[list] = raw
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
  }
  const unknownClient = env[IDENTITY_ENV.unknownClient]?.trim().toLowerCase();
  if (unknownClient) input.unknownClient = unknownClient === 'true' || unknownClient === '1';
  return input;
}

/**
 * The policy in force, and the checks the provider asks of it. Users are named by demo
 * persona ("alex"), user principal name or object id; they are kept as object ids.
 */
export class IdentityPolicy {
  private settings: IdentitySettings;
  private readonly startup: IdentitySettings;

  constructor(
    private readonly directory: DirectoryStore,
    initial: unknown = {},
  ) {
    this.startup = this.parse(initial, DEFAULT_IDENTITY_SETTINGS);
    this.settings = this.startup;
  }

  /** Applies a partial change; throws an Error naming the problem and changes nothing. */
  update(input: unknown): void {
    this.settings = this.parse(input, this.settings);
  }

  /** Back to the values the stack started with. */
  reset(): void {
    this.settings = this.startup;
  }

  /** The settings with users shown by user principal name, for `GET /_emulator/identity`. */
  view(): Record<string, unknown> {
    const upn = (id: string) => this.directory.find(id)?.user.userPrincipalName ?? id;
    return {
      ...this.settings,
      ...Object.fromEntries(USER_LISTS.map((list) => [list, this.settings[list].map(upn)])),
    };
  }

  get userConsentAllowed(): boolean {
    return this.settings.userConsent === 'allowed';
  }

  get clientKnown(): boolean {
    return !this.settings.unknownClient;
  }

  isAssigned(userId: string): boolean {
    return !this.settings.notAssigned.includes(userId);
  }

  isBlocked(userId: string): boolean {
    return this.settings.blockByPolicy.includes(userId);
  }

  /** What multi-factor authentication asks of this user: nothing, a method, or registering one first. */
  mfaFor(userId: string): 'none' | 'verify' | 'register' {
    if (this.settings.requireMfaRegistration.includes(userId)) return 'register';
    if (this.settings.requireMfa.includes(userId)) return 'verify';
    return 'none';
  }

  /** The user registered a method: from now on they verify with it. */
  markMfaRegistered(userId: string): void {
    if (!this.settings.requireMfaRegistration.includes(userId)) return;
    this.settings = {
      ...this.settings,
      requireMfaRegistration: this.settings.requireMfaRegistration.filter((id) => id !== userId),
      requireMfa: [...new Set([...this.settings.requireMfa, userId])],
    };
  }

  private resolveUser(name: unknown, setting: string): string {
    if (typeof name !== 'string' || !name.trim())
      throw new Error(
        `'${setting}' lists users by persona, user principal name or id; got ${JSON.stringify(name)}.`,
      );
    const key = name.trim();
    const personaId = (DEMO_USER_IDS as Record<string, string | undefined>)[key.toLowerCase()];
    const record = this.directory.find(personaId ?? key);
    if (!record) throw new Error(`'${setting}' names '${key}', who is not in the directory.`);
    return record.user.id;
  }

  private parse(input: unknown, base: IdentitySettings): IdentitySettings {
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new Error('Identity settings must be a JSON object.');
    const next: IdentitySettings = { ...base };
    for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
      if (!KNOWN.includes(name))
        throw new Error(`Unknown identity setting '${name}'; known: ${KNOWN.join(', ')}.`);
      if (name === 'userConsent') {
        if (value !== 'allowed' && value !== 'disabled')
          throw new Error(
            `'userConsent' must be "allowed" or "disabled", not ${JSON.stringify(value)}.`,
          );
        next.userConsent = value;
      } else if (name === 'unknownClient') {
        if (typeof value !== 'boolean')
          throw new Error(`'unknownClient' must be true or false, not ${JSON.stringify(value)}.`);
        next.unknownClient = value;
      } else {
        if (!Array.isArray(value))
          throw new Error(`'${name}' must be a list of users, not ${JSON.stringify(value)}.`);
        const users = (value as unknown[]).map((user) => this.resolveUser(user, name));
        next[name as UserList] = [...new Set(users)];
      }
    }
    return next;
  }
}
