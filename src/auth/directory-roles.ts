/**
 * Microsoft Entra's built-in roles whose permissions include updating users (Microsoft's
 * role reference), by role template id: the ids Entra puts in the `wids` claim. Graph
 * refuses a change to another person's profile without one of them
 * (403 ErrorAccessDeniedForRole), whatever the app was granted.
 */
export const ROLES_THAT_MAY_CHANGE_USERS = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  directoryWriters: '9360feb5-f418-4baa-8175-e2a00bac4301',
} as const;

const WRITER_ROLE_IDS: ReadonlySet<string> = new Set(Object.values(ROLES_THAT_MAY_CHANGE_USERS));

/**
 * True when the signed-in user holds a role that may change other users, read from the ID
 * token's `wids` (MSAL: `account.idTokenClaims`). No claims, or no `wids`, is false: the
 * app then offers nothing that only such a role could do.
 */
export function mayChangeOtherUsers(
  claims: Readonly<Record<string, unknown>> | null | undefined,
): boolean {
  const wids = claims?.wids;
  return (
    Array.isArray(wids) &&
    wids.some((id) => typeof id === 'string' && WRITER_ROLE_IDS.has(id.toLowerCase()))
  );
}
