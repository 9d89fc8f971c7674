import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../emulator/store/demo-directory';
import { startEmulator, type EmulatorHarness } from './harness';
import { expectGraphError, ids, jsonOf, snapshot, type Json } from './helpers';

/**
 * Manager and colleagues (relatedPerson) as Graph stores them, the directory's own
 * manager relation (`/users/{id}/manager`), and the people search the picker makes with
 * `User.ReadBasic.All`.
 */
let emulator: EmulatorHarness;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

const WRITE = ['User.ReadWrite'];
const BASIC = ['User.ReadWrite', 'User.ReadBasic.All'];

async function adelesPositions(): Promise<Json[]> {
  const response = await emulator.call('adele', WRITE, '/me/profile/positions');
  return (await jsonOf(response)).value as Json[];
}

const pathOf = (position: Json) => `/me/profile/positions/${String(position.id)}`;

describe('relatedPerson on a position', () => {
  it('seeds managers and colleagues, some from the directory and some free names', async () => {
    const positions = await adelesPositions();
    const retail = positions.find(
      (position) => (position.detail as Json).jobTitle === 'Retail Manager',
    );
    expect(retail?.colleagues).toEqual([
      {
        displayName: 'Alex Wilber',
        relationship: 'colleague',
        userId: ids.alex,
        userPrincipalName: 'alex@contoso.com',
      },
    ]);
    const fabrikam = positions.find(
      (position) => (position.detail as Json).jobTitle === 'Sales Associate',
    );
    expect(fabrikam?.manager).toEqual({
      displayName: 'Karen Berg',
      relationship: 'manager',
      userId: null,
      userPrincipalName: null,
    });
  });

  it('stores a userId that is not in the directory as given (Graph does not check it), inventing nobody', async () => {
    const [position] = await adelesPositions();
    const stranger = {
      displayName: 'Someone Elsewhere',
      relationship: 'colleague',
      userId: '00000000-0000-0000-0000-00000000beef',
    };
    const response = await emulator.call('adele', WRITE, pathOf(position), {
      method: 'PATCH',
      json: { colleagues: [stranger] },
    });
    expect(response.status).toBe(200);
    expect((await jsonOf(response)).colleagues).toEqual([{ ...stranger, userPrincipalName: null }]);
    const users = await jsonOf(
      await emulator.call('adele', BASIC, '/users?$select=id', {
        headers: { ConsistencyLevel: 'eventual' },
      }),
    );
    expect((users.value as Json[]).length).toBe(DEMO_USERS.length);
  });

  it.each([
    [
      'an unknown relationship',
      { manager: { displayName: 'Megan', relationship: 'boss' } },
      'manager.relationship',
    ],
    ['a number for a name', { manager: { displayName: 42 } }, 'manager.displayName'],
    ['a colleague that is not an object', { colleagues: ['Lee Gu'] }, 'colleagues[0]'],
    ['a manager that is a list', { manager: [{ displayName: 'Megan' }] }, 'manager'],
    [
      'an unknown member',
      { colleagues: [{ displayName: 'Lee', mood: 'happy' }] },
      'colleagues[0].mood',
    ],
  ])('refuses %s with Graph’s error shape and changes nothing', async (_, body, target) => {
    const [position] = await adelesPositions();
    const before = snapshot(emulator, ids.adele);
    const response = await emulator.call('adele', WRITE, pathOf(position), {
      method: 'PATCH',
      json: body,
    });
    const error = await expectGraphError(response, 400, null);
    const targets = [error.target, ...(error.details ?? []).map((detail) => detail.target)];
    expect(targets).toContain(target);
    expect(snapshot(emulator, ids.adele)).toEqual(before);
  });
});

describe('a user’s manager in the directory', () => {
  it('answers /users/{id}/manager and /me/manager with the manager', async () => {
    const manager = await jsonOf(
      await emulator.call('megan', ['User.ReadWrite.All'], `/users/${ids.adele}/manager`),
    );
    expect(manager).toMatchObject({
      '@odata.type': '#microsoft.graph.user',
      id: ids.megan,
      displayName: 'Megan Bowen',
      userPrincipalName: 'megan@contoso.com',
    });
    const mine = await jsonOf(
      await emulator.call('adele', BASIC, '/me/manager?$select=id,displayName'),
    );
    expect(mine).toMatchObject({ id: ids.megan, displayName: 'Megan Bowen' });
  });

  it('answers 404 Request_ResourceNotFound for someone without a manager', async () => {
    await expectGraphError(
      await emulator.call('megan', ['User.ReadWrite.All'], `/users/${ids.patti}/manager`),
      404,
      'Request_ResourceNotFound',
    );
  });

  it('needs a scope that reaches other people', async () => {
    await expectGraphError(
      await emulator.call('adele', WRITE, '/me/manager'),
      403,
      'Authorization_RequestDenied',
    );
  });
});

describe('the people search with User.ReadBasic.All', () => {
  it('finds people by name with $search and gives their basic profile only', async () => {
    const response = await emulator.call(
      'adele',
      BASIC,
      '/users?$search="displayName:meg"&$select=id,displayName,userPrincipalName,jobTitle&$top=8',
      { headers: { ConsistencyLevel: 'eventual' } },
    );
    const body = await jsonOf(response);
    expect(body.value).toEqual([
      {
        '@odata.type': '#microsoft.graph.user',
        id: ids.megan,
        displayName: 'Megan Bowen',
        userPrincipalName: 'megan@contoso.com',
        // Not part of the basic profile: null with User.ReadBasic.All alone.
        jobTitle: null,
      },
    ]);
  });

  it('refuses $search without ConsistencyLevel: eventual', async () => {
    await expectGraphError(
      await emulator.call('adele', BASIC, '/users?$search="displayName:meg"'),
      400,
      'Request_UnsupportedQuery',
    );
  });

  it('refuses the search without a scope that reaches other people', async () => {
    await expectGraphError(
      await emulator.call('adele', WRITE, '/users?$search="displayName:meg"', {
        headers: { ConsistencyLevel: 'eventual' },
      }),
      403,
      'Authorization_RequestDenied',
    );
  });
});
