import type { ScopeSet } from '../../../auth/scopes';
import type { OwnerId } from '../types';

/** Where an owner's positions live in Graph. */
export const positionsPath = (owner: OwnerId): string =>
  owner === 'me'
    ? '/me/profile/positions'
    : `/users/${encodeURIComponent(owner)}/profile/positions`;

export const positionPath = (owner: OwnerId, id: string): string =>
  `${positionsPath(owner)}/${encodeURIComponent(id)}`;

/**
 * The mutation scope of one position: its saves and its delete run one after another,
 * in the order they were made.
 */
export const positionScope = (owner: OwnerId, id: string) => ({ id: `position:${owner}:${id}` });

/** Someone else's positions need the `.All` permission. */
export const scopesFor = (owner: OwnerId): ScopeSet => (owner === 'me' ? 'self' : 'others');
