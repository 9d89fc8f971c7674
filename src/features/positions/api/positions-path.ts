import type { ScopeSet } from '../../../auth/scopes';
import type { OwnerId } from '../types';

/** Where an owner's positions live in Graph. */
export const positionsPath = (owner: OwnerId): string =>
  owner === 'me'
    ? '/me/profile/positions'
    : `/users/${encodeURIComponent(owner)}/profile/positions`;

export const positionPath = (owner: OwnerId, id: string): string =>
  `${positionsPath(owner)}/${encodeURIComponent(id)}`;

/** Someone else's positions need the `.All` permission. */
export const scopesFor = (owner: OwnerId): ScopeSet => (owner === 'me' ? 'self' : 'others');
