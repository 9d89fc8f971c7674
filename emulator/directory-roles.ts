/**
 * Microsoft Entra's built-in directory roles that matter to the profile editor, by name,
 * with their template ids (the values of the `wids` claim). Both the identity provider
 * (consent, tokens) and the Graph emulator (who may change whom) decide from this one
 * table. Source: Microsoft Entra built-in roles (learn.microsoft.com,
 * entra/identity/role-based-access-control/permissions-reference).
 */
export const ROLE_TEMPLATE_IDS = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'Privileged Authentication Administrator': '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  'Authentication Administrator': 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  'Directory Writers': '9360feb5-f418-4baa-8175-e2a00bac4301',
  'Helpdesk Administrator': '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  'Global Reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
} as const;

export type DirectoryRole = keyof typeof ROLE_TEMPLATE_IDS;

/**
 * The "User" role every member of a tenant holds. Entra lists it in `wids` beside any
 * administrator role, so a non-empty `wids` does not mean an administrator.
 */
export const MEMBER_ROLE_TEMPLATE_ID = 'b79fbf4d-3ef9-4689-8143-76b194e85509';

/**
 * Who may grant administrator consent to delegated permissions: Global Administrator and
 * Privileged Role Administrator for any permission, Cloud Application Administrator and
 * Application Administrator for delegated ones (all the editor asks for). Not User
 * Administrator.
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
 * (Authentication Administrators and Privileged Authentication Administrators hold it
 * too, as Microsoft's role reference lists; Helpdesk Administrator and Global Reader do not.)
 */
export const USER_WRITER_ROLES: readonly DirectoryRole[] = [
  'Global Administrator',
  'User Administrator',
  'Privileged Authentication Administrator',
  'Authentication Administrator',
  'Directory Writers',
];

const holdsAny = (roles: readonly string[], allowed: readonly string[]) =>
  roles.some((role) => allowed.includes(role));

export const mayGrantAdminConsent = (roles: readonly string[]): boolean =>
  holdsAny(roles, ADMIN_CONSENT_ROLES);

export const mayChangeOtherUsers = (roles: readonly string[]): boolean =>
  holdsAny(roles, USER_WRITER_ROLES);

export function isDirectoryRole(name: string): name is DirectoryRole {
  return Object.hasOwn(ROLE_TEMPLATE_IDS, name);
}

/** The `wids` claim for a user holding `roles`: their template ids, then the member role's. */
export function roleTemplateIds(roles: readonly string[]): string[] {
  const ids = roles.filter(isDirectoryRole).map((role) => ROLE_TEMPLATE_IDS[role]);
  return [...new Set([...ids, MEMBER_ROLE_TEMPLATE_ID])];
}
