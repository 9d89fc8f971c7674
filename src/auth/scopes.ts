/**
 * Delegated Graph permissions, asked for only when needed: the user's own profile at
 * sign-in; other people's only when the People area is first opened.
 */
export const SCOPES = {
  self: ['User.ReadWrite'],
  others: ['User.ReadWrite.All'],
} as const;

export type ScopeSet = keyof typeof SCOPES;
