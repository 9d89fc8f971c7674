import { isAdministrator } from '../store/directory-store.js';
import type { Principal } from './authenticate.js';
import { authorizationDenied, GraphError } from './graph-error.js';

/**
 * The delegated permission table of graph-profile-api.md. A `*.All` scope reaches other
 * people only as far as the signed-in user's own rights: writing someone else's profile
 * also needs an administrator role.
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

/** Own data: the matching self scope. */
export function authorizeSelf(principal: Principal, access: Access, action: string): void {
  requireOneOf(principal, access === 'read' ? SCOPES.readSelf : SCOPES.writeSelf, action);
}

/** Someone else's data: a `.All` scope, and for a change an administrator role as well. */
export function authorizeOthers(principal: Principal, access: Access, action: string): void {
  requireOneOf(principal, access === 'read' ? SCOPES.readOthers : SCOPES.writeOthers, action);
  if (access === 'write' && !isAdministrator(principal.record)) {
    const refusal = authorizationDenied(
      `${action} for another user needs an administrator role (such as User Administrator) as well as User.ReadWrite.All.`,
    );
    // Users of the API report this refusal as 403 ErrorAccessDeniedForRole (graph-profile-api.md).
    throw new GraphError(refusal.status, refusal.code, refusal.message, {
      vague: {
        code: 'ErrorAccessDeniedForRole',
        message: 'Access is denied. Check credentials and try again.',
      },
    });
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
