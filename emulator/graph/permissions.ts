import { mayChangeOtherUsers, USER_WRITER_ROLES } from '../directory-roles.js';
import type { Principal } from './authenticate.js';
import { authorizationDenied, GraphError } from './graph-error.js';

/**
 * The delegated permission table of graph-profile-api.md. A delegated permission is the
 * intersection of what the app was granted and what the signed-in user may do: with
 * `User.ReadWrite.All` granted to the whole organisation every user's token carries it,
 * and reading other people works for all of them, but changing someone else's profile
 * also needs a directory role that may change users (directory-roles.ts).
 *
 * `User.ReadBasic.All` reads other people too: their positions ("List positions",
 * profile-list-positions.md), their directory entries and direct reports, but of a user
 * only the basic profile (the permissions reference: display name, first and last name,
 * email address, photo; see `readsBasicProfileOnly`).
 */
export const SCOPES = {
  readSelf: [
    'User.Read',
    'User.ReadWrite',
    'User.ReadBasic.All',
    'User.Read.All',
    'User.ReadWrite.All',
  ],
  writeSelf: ['User.ReadWrite', 'User.ReadWrite.All'],
  readOthers: ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All'],
  writeOthers: ['User.ReadWrite.All'],
} as const;

export type Access = 'read' | 'write';

function requireOneOf(principal: Principal, accepted: readonly string[], action: string): void {
  if (!accepted.some((scope) => principal.scopes.has(scope))) {
    throw authorizationDenied(
      `${action} needs one of these delegated permissions: ${accepted.join(', ')}.`,
    );
  }
}

/**
 * The scope is there but the user's role is not: the code Graph is reported to answer
 * when a write to another person is refused (graph-profile-api.md, "Data as real tenants
 * hold it").
 */
export const accessDeniedForRole = (action: string) =>
  new GraphError(
    403,
    'ErrorAccessDeniedForRole',
    `Access is denied. ${action} for another user needs a directory role that may change users (${USER_WRITER_ROLES.join(', ')}); the signed-in user holds none.`,
    // With vague errors on, the words users report, with nothing to go on.
    {
      vague: {
        code: 'ErrorAccessDeniedForRole',
        message: 'Access is denied. Check credentials and try again.',
      },
    },
  );

/** Own data: the matching self scope. */
export function authorizeSelf(principal: Principal, access: Access, action: string): void {
  requireOneOf(principal, access === 'read' ? SCOPES.readSelf : SCOPES.writeSelf, action);
}

/** Someone else's data: a scope that reaches others, and for a change a role as well. */
export function authorizeOthers(principal: Principal, access: Access, action: string): void {
  requireOneOf(principal, access === 'read' ? SCOPES.readOthers : SCOPES.writeOthers, action);
  if (access === 'write' && !mayChangeOtherUsers(principal.record.roles)) {
    throw accessDeniedForRole(action);
  }
}

/**
 * With `User.ReadBasic.All` and no fuller scope, another user's properties outside the
 * basic profile read as null, as users of the API report
 * (microsoftgraph/microsoft-graph-docs#4993: jobTitle, officeLocation, mobilePhone,
 * preferredLanguage null).
 */
export function readsBasicProfileOnly(principal: Principal): boolean {
  return !['User.Read.All', 'User.ReadWrite.All'].some((scope) => principal.scopes.has(scope));
}
