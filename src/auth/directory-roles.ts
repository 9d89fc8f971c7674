/**
 * Microsoft Entra's built-in directory roles that decide what Profile Editor offers, with
 * their template ids: the values of the `wids` claim. Source: Microsoft Entra built-in
 * roles (learn.microsoft.com, entra/identity/role-based-access-control/permissions-reference).
 * The app keeps its own copy; the local provider has one too, and neither imports the other.
 */
const ROLE_TEMPLATE_IDS = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'Privileged Authentication Administrator': '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  'Authentication Administrator': 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  'Directory Writers': '9360feb5-f418-4baa-8175-e2a00bac4301',
} as const;

export type DirectoryRole = keyof typeof ROLE_TEMPLATE_IDS;

/**
 * Who may grant administrator consent to the delegated permissions Profile Editor asks for.
 * Not User Administrator.
 */
export const ADMIN_CONSENT_ROLES: readonly DirectoryRole[] = [
  'Global Administrator',
  'Privileged Role Administrator',
  'Cloud Application Administrator',
  'Application Administrator',
];

/**
 * Who may change another person's profile through a delegated `User.ReadWrite.All`: the
 * built-in roles whose permissions include `microsoft.directory/users/basic/update`.
 */
export const USER_WRITER_ROLES: readonly DirectoryRole[] = [
  'Global Administrator',
  'User Administrator',
  'Privileged Authentication Administrator',
  'Authentication Administrator',
  'Directory Writers',
];

/** What the signed-in person's directory roles allow, as far as the app can tell. */
export type RoleAccess =
  | {
      /** The ID token has no `wids` claim: the registration does not ask for directory roles. */
      known: false;
    }
  | {
      known: true;
      /** The roles of the table above that the person holds, by name. */
      roles: DirectoryRole[];
      mayChangeOtherUsers: boolean;
      mayGrantAdminConsent: boolean;
    };

/**
 * Reads the `wids` claim of an ID token. Entra puts it there when the registration's
 * `groupMembershipClaims` includes directory roles; it then always holds at least the
 * member role every user has, so a missing claim means "not asked for", not "no role".
 */
export function roleAccessFromClaims(claims: Record<string, unknown> | undefined): RoleAccess {
  const wids = claims?.wids;
  if (!Array.isArray(wids)) return { known: false };
  const ids = new Set(
    wids.filter((id): id is string => typeof id === 'string').map((id) => id.toLowerCase()),
  );
  const roles = (Object.keys(ROLE_TEMPLATE_IDS) as DirectoryRole[]).filter((role) =>
    ids.has(ROLE_TEMPLATE_IDS[role]),
  );
  return {
    known: true,
    roles,
    mayChangeOtherUsers: roles.some((role) => USER_WRITER_ROLES.includes(role)),
    mayGrantAdminConsent: roles.some((role) => ADMIN_CONSENT_ROLES.includes(role)),
  };
}

/**
 * True when the signed-in person holds a role that may change other users (MSAL:
 * `account.idTokenClaims`). No claims, or no `wids`, is false: the app then offers nothing
 * that only such a role could do, such as the Organisation area.
 */
export function mayChangeOtherUsers(
  claims: Readonly<Record<string, unknown>> | null | undefined,
): boolean {
  const access = roleAccessFromClaims(claims ?? undefined);
  return access.known && access.mayChangeOtherUsers;
}
