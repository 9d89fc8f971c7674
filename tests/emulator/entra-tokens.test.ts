import { describe, expect, it } from 'vitest';
import { MEMBER_ROLE_TEMPLATE_ID, ROLE_TEMPLATE_IDS } from '../../emulator/directory-roles.js';
import type { Persona } from '../../emulator/store/demo-directory.js';
import {
  authorizationRequest,
  claimsOf,
  logIn,
  person,
  redeem,
  useIdentityStack,
  type TokenSet,
} from './entra-harness';

/** Tokens as Entra issues them: `wids` (directory role template ids) in access and ID tokens. */

const idp = useIdentityStack();

async function signIn(persona: Persona): Promise<TokenSet> {
  const request = authorizationRequest(idp, { scopes: ['User.ReadWrite'] });
  let outcome = await logIn(await idp.browser().navigate(request.url), persona);
  if (outcome.kind === 'page') outcome = await outcome.page.submit('Accept');
  return redeem(idp, request, outcome);
}

describe('wids', () => {
  it.each([
    ['patti', [ROLE_TEMPLATE_IDS['Global Administrator']]],
    ['megan', [ROLE_TEMPLATE_IDS['User Administrator']]],
    ['diego', [ROLE_TEMPLATE_IDS['User Administrator']]],
    ['adele', []],
    ['alex', []],
  ] as const)(
    "%s's access and ID tokens list their roles' template ids and the member role's",
    async (persona, roles) => {
      const tokens = await signIn(persona);
      const expected = [...roles, MEMBER_ROLE_TEMPLATE_ID];
      expect(claimsOf(tokens.access_token).wids).toEqual(expected);
      expect(claimsOf(tokens.id_token!).wids).toEqual(expected);
      expect(claimsOf(tokens.access_token).oid).toBe(person(persona).id);
    },
  );

  it('follows the directory: a role given later is in the next token', async () => {
    idp.stack.db
      .prepare('UPDATE users SET roles = ? WHERE id = ?')
      .run(JSON.stringify(['Application Administrator']), person('lee').id);
    const tokens = await signIn('lee');
    expect(claimsOf(tokens.access_token).wids).toEqual([
      ROLE_TEMPLATE_IDS['Application Administrator'],
      MEMBER_ROLE_TEMPLATE_ID,
    ]);
  });

  it('the README template ids are the ones Microsoft documents', () => {
    expect(ROLE_TEMPLATE_IDS).toMatchObject({
      'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
      'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
      'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
      'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
      'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
    });
  });
});
