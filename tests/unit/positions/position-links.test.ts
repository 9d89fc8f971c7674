import { describe, expect, it } from 'vitest';
import {
  newPositionLink,
  positionLink,
  positionListLink,
} from '../../../src/features/positions/position-links';

describe('where an owner’s positions are in the app', () => {
  it('puts my own under My profile', () => {
    expect(positionListLink('me')).toEqual({ to: '/' });
    expect(newPositionLink('me')).toEqual({ to: '/positions/new' });
    expect(positionLink('me', 'p1')).toEqual({
      to: '/positions/$positionId',
      params: { positionId: 'p1' },
    });
  });

  it("puts someone else's under People, by their user id", () => {
    expect(positionListLink('u-1')).toEqual({ to: '/people/$userId', params: { userId: 'u-1' } });
    expect(newPositionLink('u-1')).toEqual({
      to: '/people/$userId/positions/new',
      params: { userId: 'u-1' },
    });
    expect(positionLink('u-1', 'p1')).toEqual({
      to: '/people/$userId/positions/$positionId',
      params: { userId: 'u-1', positionId: 'p1' },
    });
  });
});
