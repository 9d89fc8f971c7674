/**
 * Delegated Graph permissions, asked for only when needed: the user's own profile at
 * sign-in; other people's only when the People area is first opened; the directory's
 * basic profiles (names, sign-in names) only when someone first searches it for a manager
 * or a colleague.
 */
export const SCOPES = {
  self: ['User.ReadWrite'],
  others: ['User.ReadWrite.All'],
  directory: ['User.ReadBasic.All'],
} as const;

export type ScopeSet = keyof typeof SCOPES;

/**
 * Which permissions only an administrator may grant (Microsoft Graph's permissions
 * reference): a user consents to their own profile, never to everyone's.
 */
export const NEEDS_ADMINISTRATOR: Record<ScopeSet, boolean> = {
  self: false,
  others: true,
  directory: false,
};

/** Scope sets asked for only when the user chooses to (incremental consent), never on the way. */
export const ASKED_WHEN_CHOSEN: readonly ScopeSet[] = ['directory'];

/** True for a name of a scope set (read back from storage). */
export const isScopeSet = (value: unknown): value is ScopeSet =>
  typeof value === 'string' && Object.hasOwn(SCOPES, value);

/** The permission named as the user may need to ask for it, e.g. `User.ReadWrite.All`. */
export const permissionOf = (scopeSet: ScopeSet): string => SCOPES[scopeSet].join(', ');
