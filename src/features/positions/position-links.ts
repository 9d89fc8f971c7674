import { linkOptions } from '@tanstack/react-router';
import type { OwnerId } from './types';

/*
 * Where an owner's positions are in the app, by route: one's own under My profile, other
 * people's under People. Components link with these (`<Link {...positionLink(owner, id)}>`)
 * rather than being handed paths.
 */

export const positionListLink = (owner: OwnerId) =>
  owner === 'me'
    ? linkOptions({ to: '/' })
    : linkOptions({ to: '/people/$userId', params: { userId: owner } });

export const positionLink = (owner: OwnerId, positionId: string) =>
  owner === 'me'
    ? linkOptions({ to: '/positions/$positionId', params: { positionId } })
    : linkOptions({
        to: '/people/$userId/positions/$positionId',
        params: { userId: owner, positionId },
      });

export const newPositionLink = (owner: OwnerId) =>
  owner === 'me'
    ? linkOptions({ to: '/positions/new' })
    : linkOptions({ to: '/people/$userId/positions/new', params: { userId: owner } });
