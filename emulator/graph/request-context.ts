import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DirectoryStore, UserRecord } from '../store/directory-store.js';
import type { OrgContactStore } from '../store/org-contact-store.js';
import type { PositionsStore } from '../store/positions-store.js';
import type { Principal } from './authenticate.js';
import type { GraphBehaviour } from './behaviour.js';
import { itemNotFound } from './graph-error.js';
import { authorizeOthers, authorizeSelf, type Access } from './permissions.js';

export interface GraphServices {
  directory: DirectoryStore;
  positions: PositionsStore;
  /** Organisational contacts, which appear among a manager's direct reports. */
  orgContacts: OrgContactStore;
  /** Public base of the API, e.g. https://localhost:5174/beta, for contexts and links. */
  publicBaseUrl: string;
  /** Read on every request: the `/_emulator/settings` control changes it at run time. */
  behaviour: GraphBehaviour;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** The request's public URL (with the mount path). */
  url: URL;
  principal: Principal;
  services: GraphServices;
  responseHeaders: Record<string, string>;
}

export interface Subject {
  record: UserRecord;
  isSelf: boolean;
}

/**
 * Finds whose data a request is about: `me`, or `users/{id or upn}`. Permission is checked
 * before the lookup, so someone without the right scopes cannot even learn who exists.
 */
export function resolveSubject(
  ctx: RequestContext,
  /** `me`, an id or a user principal name. */
  key: string,
  access: Access,
  action: string,
): Subject {
  const self = ctx.principal.record;
  const isSelf =
    key === 'me' ||
    key.toLowerCase() === self.user.id ||
    key.toLowerCase() === self.user.userPrincipalName.toLowerCase();
  if (isSelf) {
    authorizeSelf(ctx.principal, access, action);
    return { record: self, isSelf: true };
  }
  authorizeOthers(ctx.principal, access, action);
  const record = ctx.services.directory.find(key);
  if (!record) throw itemNotFound(`User '${key}'`);
  return { record, isSelf: false };
}
