import { describe, expect, it } from 'vitest';
import { roleAccessFromClaims } from '../../../src/auth/directory-roles';
import { DEMO_PEOPLE } from '../../support/demo-people';
import {
  mayChangeOtherUsers,
  mayGrantAdminConsent,
  ROLE_TEMPLATE_IDS,
  roleTemplateIds,
  type DirectoryRole,
} from '../../../emulator/directory-roles';

const MEMBER = 'b79fbf4d-3ef9-4689-8143-76b194e85509';

describe('roleAccessFromClaims', () => {
  it('knows nothing when the ID token has no wids claim (the registration does not ask for roles)', () => {
    expect(roleAccessFromClaims({ name: 'Adele' })).toEqual({ known: false });
    expect(roleAccessFromClaims(undefined)).toEqual({ known: false });
  });

  it('a member without an administrator role may neither change others nor grant consent', () => {
    expect(roleAccessFromClaims({ wids: [MEMBER] })).toEqual({
      known: true,
      roles: [],
      mayChangeOtherUsers: false,
      mayGrantAdminConsent: false,
    });
  });

  it('reads each demo person as the local provider writes their wids', () => {
    const access = (persona: keyof typeof DEMO_PEOPLE) =>
      roleAccessFromClaims({ wids: roleTemplateIds(DEMO_PEOPLE[persona].roles) });
    expect(access('megan')).toMatchObject({
      roles: ['User Administrator'],
      mayChangeOtherUsers: true,
      mayGrantAdminConsent: false,
    });
    expect(access('diego')).toMatchObject({
      mayChangeOtherUsers: true,
      mayGrantAdminConsent: false,
    });
    expect(access('patti')).toMatchObject({
      roles: ['Global Administrator'],
      mayChangeOtherUsers: true,
      mayGrantAdminConsent: true,
    });
    expect(access('alex')).toMatchObject({
      mayChangeOtherUsers: false,
      mayGrantAdminConsent: false,
    });
  });

  it('an Application Administrator grants consent but changes nobody; ids it does not know are ignored', () => {
    expect(
      roleAccessFromClaims({ wids: ['9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', 'not-a-role', 42] }),
    ).toEqual({
      known: true,
      roles: ['Application Administrator'],
      mayChangeOtherUsers: false,
      mayGrantAdminConsent: true,
    });
  });

  it('decides as the local provider and Graph emulator do, role by role (the two copies agree)', () => {
    for (const role of Object.keys(ROLE_TEMPLATE_IDS) as DirectoryRole[]) {
      const access = roleAccessFromClaims({ wids: roleTemplateIds([role]) });
      expect(access, role).toMatchObject({
        mayChangeOtherUsers: mayChangeOtherUsers([role]),
        mayGrantAdminConsent: mayGrantAdminConsent([role]),
      });
    }
  });
});
