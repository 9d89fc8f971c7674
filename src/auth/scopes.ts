/**
 * Delegated Graph permissions, asked for only when needed: the user's own profile at
 * sign-in; other people's only when the People area is first opened.
 */
export const SCOPES = {
  self: ['User.ReadWrite'],
  others: ['User.ReadWrite.All'],
} as const;

export type ScopeSet = keyof typeof SCOPES;

/**
 * Which permissions only an administrator may grant (Microsoft Graph's permissions
 * reference): a user consents to their own profile, never to everyone's.
 */
export const NEEDS_ADMINISTRATOR: Record<ScopeSet, boolean> = { self: false, others: true };

/** The permission named as the user may need to ask for it, e.g. `User.ReadWrite.All`. */
export const permissionOf = (scopeSet: ScopeSet): string => SCOPES[scopeSet].join(', ');
