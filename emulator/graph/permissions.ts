import { isAdministrator } from '../store/directory-store.js';
import type { Principal } from './authenticate.js';
import { authorizationDenied } from './graph-error.js';

/**
 * The delegated permission table of graph-profile-api.md. A `*.All` scope reaches other
 * people only as far as the signed-in user's own rights: writing someone else's profile
 * also needs an administrator role.
 */
export const SCOPES = {
  readSelf: ['User.Read', 'User.ReadWrite', 'User.Read.All', 'User.ReadWrite.All'],
  writeSelf: ['User.ReadWrite', 'User.ReadWrite.All'],
  readOthers: ['User.Read.All', 'User.ReadWrite.All'],
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

/** Someone else's data: the `.All` scope, and for a change an administrator role as well. */
export function authorizeOthers(principal: Principal, access: Access, action: string): void {
  requireOneOf(principal, access === 'read' ? SCOPES.readOthers : SCOPES.writeOthers, action);
  if (access === 'write' && !isAdministrator(principal.record)) {
    throw authorizationDenied(
      `${action} for another user needs an administrator role (such as User Administrator) as well as User.ReadWrite.All.`,
    );
  }
}
