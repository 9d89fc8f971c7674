import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORG_CONTACTS } from '../../emulator/store/demo-directory.js';
import { DEMO_USERS } from '../../emulator/store/demo-directory.js';
import { startEmulator, type EmulatorHarness, type Persona } from './harness';
import {
  expectGraphError,
  ids,
  listOf,
  seedPosition,
  snapshot,
  snapshotAll,
  store,
  UPN,
} from './helpers';

/**
 * The delegated permission matrix of graph-profile-api.md, for every route × own/other
 * (other addressed by id and by upn) × persona × scope set. The expected status comes from
 * the rules below, written out here independently of the emulator's own tables.
 */

let emulator: EmulatorHarness;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

type Actor = 'megan' | 'diego' | 'alex' | 'adele' | 'patti';
const ACTORS: Actor[] = ['megan', 'diego', 'alex', 'adele', 'patti'];
/**
 * Demo people whose directory role may change other users: Megan and Diego are User
 * Administrators, Patti is the Global Administrator.
 */
const USER_WRITERS = new Set<Persona>(['megan', 'diego', 'patti']);
/** Whose data "someone else's" means for each actor. Megan's other is her report Adele. */
const OTHER: Record<Actor, Persona> = {
  megan: 'adele',
  diego: 'lee',
  alex: 'adele',
  adele: 'alex',
  patti: 'isaiah',
};
const DIRECT_REPORTS: Record<Actor, string[]> = {
  // Megan's reports include an organisational contact (a directoryObject, not a user).
  megan: [ids.adele, ids.alex, DEMO_ORG_CONTACTS[0].id].sort(),
  diego: [],
  alex: [],
  adele: [],
  patti: [],
};

const SCOPE_SETS: string[][] = [
  [],
  ['User.Read'],
  ['User.ReadWrite'],
  ['User.ReadBasic.All'],
  ['User.Read.All'],
  ['User.ReadWrite.All'],
  ['User.Read.All', 'User.ReadWrite'],
  ['User.ReadBasic.All', 'User.ReadWrite'],
];

type Addressing = 'me' | 'own id' | 'own upn' | 'other id' | 'other upn';
type Operation =
  | 'get user'
  | 'list users'
  | 'direct reports'
  | 'list positions'
  | 'get position'
  | 'create position'
  | 'update position'
  | 'delete position';
interface Route {
  name: string;
  operation: Operation;
  addressing: Addressing;
}

const WRITES: Operation[] = ['create position', 'update position', 'delete position'];
const ADDRESSINGS: Addressing[] = ['me', 'own id', 'own upn', 'other id', 'other upn'];

function prefix(addressing: Addressing): string {
  return {
    me: '/me',
    'own id': '/users/{own id}',
    'own upn': '/users/{OWN UPN}',
    'other id': '/users/{other id}',
    'other upn': '/users/{other upn}',
  }[addressing];
}

const ROUTES: Route[] = [
  ...ADDRESSINGS.map((addressing): Route => ({
    name: `GET ${prefix(addressing)}`,
    operation: 'get user',
    addressing,
  })),
  { name: 'GET /users', operation: 'list users', addressing: 'me' },
  { name: 'GET /me/directReports', operation: 'direct reports', addressing: 'me' },
  ...ADDRESSINGS.flatMap((addressing): Route[] => [
    {
      name: `GET ${prefix(addressing)}/profile/positions`,
      operation: 'list positions',
      addressing,
    },
    {
      name: `GET ${prefix(addressing)}/profile/positions/{id}`,
      operation: 'get position',
      addressing,
    },
    {
      name: `POST ${prefix(addressing)}/profile/positions`,
      operation: 'create position',
      addressing,
    },
    {
      name: `PATCH ${prefix(addressing)}/profile/positions/{id}`,
      operation: 'update position',
      addressing,
    },
    {
      name: `DELETE ${prefix(addressing)}/profile/positions/{id}`,
      operation: 'delete position',
      addressing,
    },
  ]),
];

const SUCCESS: Record<Operation, number> = {
  'get user': 200,
  'list users': 200,
  'direct reports': 200,
  'list positions': 200,
  'get position': 200,
  'create position': 201,
  'update position': 200,
  'delete position': 204,
};

/** Why a request is refused: no scope for it, or the scope without a role that may change users. */
type Refusal = 'Authorization_RequestDenied' | 'ErrorAccessDeniedForRole';

/** The rules, as the brief and graph-profile-api.md state them; undefined when allowed. */
function refusalOf(route: Route, actor: Actor, scopes: string[]): Refusal | undefined {
  const has = (...accepted: string[]) => accepted.some((scope) => scopes.includes(scope));
  const scopeRule = (allowed: boolean) => (allowed ? undefined : 'Authorization_RequestDenied');
  if (route.operation === 'list users' || route.operation === 'direct reports')
    return scopeRule(has('User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All'));
  const own = !route.addressing.startsWith('other');
  const write = WRITES.includes(route.operation);
  if (own && !write)
    return scopeRule(
      has(
        'User.Read',
        'User.ReadWrite',
        'User.ReadBasic.All',
        'User.Read.All',
        'User.ReadWrite.All',
      ),
    );
  if (own && write) return scopeRule(has('User.ReadWrite', 'User.ReadWrite.All'));
  if (!write) return scopeRule(has('User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All'));
  if (!has('User.ReadWrite.All')) return 'Authorization_RequestDenied';
  return USER_WRITERS.has(actor) ? undefined : 'ErrorAccessDeniedForRole';
}

/** Graph lists positions by createdDateTime by default; the store keeps creation order for ties. */
function inDefaultOrder(positions: { body: Record<string, unknown> }[]): string[] {
  const created = (position: { body: Record<string, unknown> }) =>
    Date.parse(position.body.createdDateTime as string);
  return [...positions]
    .sort((a, b) => created(a) - created(b))
    .map((position) => position.body.id as string);
}

function subjectOf(route: Route, actor: Actor): Persona {
  return route.addressing.startsWith('other') ? OTHER[actor] : actor;
}

function basePath(route: Route, actor: Actor): string {
  const other = OTHER[actor];
  switch (route.addressing) {
    case 'me':
      return '/me';
    case 'own id':
      return `/users/${ids[actor]}`;
    case 'own upn':
      return `/users/${UPN[actor].toUpperCase()}`;
    case 'other id':
      return `/users/${ids[other]}`;
    case 'other upn':
      return `/users/${UPN[other]}`;
  }
}

interface Case {
  actor: Actor;
  scopes: string[];
  allowed: boolean;
  refusal?: Refusal;
  title: string;
}

function casesFor(route: Route): Case[] {
  return ACTORS.flatMap((actor) =>
    SCOPE_SETS.map((scopes) => {
      const refusal = refusalOf(route, actor, scopes);
      const outcome = refusal ? `403 ${refusal}` : String(SUCCESS[route.operation]);
      return {
        actor,
        scopes,
        allowed: refusal === undefined,
        refusal,
        title: `${actor}${USER_WRITERS.has(actor) ? ' (may change users)' : ''} with [${scopes.join(', ')}] → ${outcome}`,
      };
    }),
  );
}

/** One token per actor and scope set: minting an RS256 token per request is most of the cost. */
const tokens = new Map<string, Promise<string>>();
function tokenFor(actor: Actor, scopes: string[]): Promise<string> {
  const key = `${actor} ${scopes.join(' ')}`;
  if (!tokens.has(key)) tokens.set(key, emulator.token(actor, scopes));
  return tokens.get(key)!;
}

async function runCase(route: Route, { actor, scopes, allowed, refusal }: Case): Promise<void> {
  const subject = subjectOf(route, actor);
  const subjectId = ids[subject];
  const base = basePath(route, actor);
  const authorization = `Bearer ${await tokenFor(actor, scopes)}`;
  const call = (path: string, init: Parameters<EmulatorHarness['call']>[3] = {}) =>
    emulator.call(null, [], path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), Authorization: authorization },
    });
  const denied = async (response: Response): Promise<void> => {
    if (refusal === 'ErrorAccessDeniedForRole')
      await expectGraphError(response, 403, refusal, { mentions: ['Access is denied', 'role'] });
    else
      await expectGraphError(response, 403, 'Authorization_RequestDenied', {
        mentions: ['Insufficient privileges'],
      });
  };
  const expectSuccess = async (response: Response) => {
    const text = await response.text();
    expect(response.status, text).toBe(SUCCESS[route.operation]);
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  };

  switch (route.operation) {
    case 'get user': {
      const response = await call(base);
      if (!allowed) return denied(response);
      expect((await expectSuccess(response))!.id).toBe(subjectId);
      return;
    }
    case 'list users': {
      const response = await call('/users');
      if (!allowed) return denied(response);
      expect(((await expectSuccess(response))!.value as unknown[]).length).toBe(DEMO_USERS.length);
      return;
    }
    case 'direct reports': {
      const response = await call('/me/directReports');
      if (!allowed) return denied(response);
      const reports = (await expectSuccess(response))!.value as { id: string }[];
      expect(reports.map((user) => user.id).sort()).toEqual(DIRECT_REPORTS[actor]);
      return;
    }
    case 'list positions': {
      const response = await call(`${base}/profile/positions`);
      if (!allowed) return denied(response);
      const listed = (await expectSuccess(response))!.value as { id: string }[];
      expect(listed.map((position) => position.id)).toEqual(
        inDefaultOrder(store(emulator).list(subjectId)),
      );
      return;
    }
    case 'get position': {
      const [target] = store(emulator).list(subjectId);
      const response = await call(`${base}/profile/positions/${target.body.id}`);
      if (!allowed) return denied(response);
      expect((await expectSuccess(response))!.id).toBe(target.body.id);
      return;
    }
    case 'create position': {
      const before = snapshotAll(emulator);
      const response = await call(`${base}/profile/positions`, {
        method: 'POST',
        json: { detail: { jobTitle: `Created by ${actor}` } },
      });
      if (!allowed) {
        await denied(response);
        expect(snapshotAll(emulator)).toEqual(before);
        return;
      }
      const created = (await expectSuccess(response))!;
      const after = snapshot(emulator, subjectId);
      expect(after).toHaveLength(before[subjectId].length + 1);
      expect(after[after.length - 1].body).toMatchObject({
        id: created.id,
        createdBy: { user: { id: ids[actor] } },
      });
      return;
    }
    case 'update position': {
      const target = seedPosition(emulator, subjectId, 'Matrix target');
      const before = snapshotAll(emulator);
      const response = await call(`${base}/profile/positions/${target.body.id}`, {
        method: 'PATCH',
        json: { detail: { jobTitle: `Changed by ${actor}` } },
      });
      if (!allowed) {
        await denied(response);
        expect(snapshotAll(emulator)).toEqual(before);
        return;
      }
      await expectSuccess(response);
      const stored = store(emulator).get(subjectId, target.body.id)!;
      expect(stored.body).toMatchObject({
        detail: { jobTitle: `Changed by ${actor}` },
        lastModifiedBy: { user: { id: ids[actor] } },
      });
      return;
    }
    case 'delete position': {
      const target = seedPosition(emulator, subjectId, 'Matrix target');
      const before = snapshotAll(emulator);
      const response = await call(`${base}/profile/positions/${target.body.id}`, {
        method: 'DELETE',
      });
      if (!allowed) {
        await denied(response);
        expect(snapshotAll(emulator)).toEqual(before);
        return;
      }
      await expectSuccess(response);
      expect(store(emulator).get(subjectId, target.body.id)).toBeUndefined();
      expect(snapshot(emulator, subjectId)).toHaveLength(before[subjectId].length - 1);
      return;
    }
  }
}

describe.each(ROUTES.map((route) => [route.name, route] as const))('%s', (_name, route) => {
  // Each route starts from the demo data, so snapshots stay small and cases stay independent of other routes.
  beforeAll(async () => {
    expect((await emulator.control('/reset')).status).toBe(204);
  });
  it.each(casesFor(route).map((testCase) => [testCase.title, testCase] as const))(
    '%s',
    async (_title, testCase) => {
      await runCase(route, testCase);
    },
  );
});

describe('the matrix itself', () => {
  it('covers every route × persona × scope set, and both outcomes for each route', () => {
    expect(ROUTES).toHaveLength(32);
    for (const route of ROUTES) {
      const cases = casesFor(route);
      expect(cases).toHaveLength(ACTORS.length * SCOPE_SETS.length);
      expect(cases.some((testCase) => testCase.allowed)).toBe(true);
      expect(cases.some((testCase) => !testCase.allowed)).toBe(true);
    }
  });

  it('writes to another person are refused both for a missing scope and for a missing role', () => {
    for (const route of ROUTES.filter(
      (candidate) =>
        WRITES.includes(candidate.operation) && candidate.addressing.startsWith('other'),
    )) {
      const refusals = new Set(casesFor(route).map((testCase) => testCase.refusal));
      expect(refusals).toEqual(
        new Set([undefined, 'Authorization_RequestDenied', 'ErrorAccessDeniedForRole']),
      );
    }
  });
});

describe('whose position it is', () => {
  it("a position id of Adele's is 404 under /me for Alex and under /users/alex for Alex and an administrator", async () => {
    const [target] = store(emulator).list(ids.adele);
    const before = snapshotAll(emulator);
    const attempts: [Actor, string[], string][] = [
      ['alex', ['User.ReadWrite'], '/me'],
      ['alex', ['User.ReadWrite'], `/users/${ids.alex}`],
      ['alex', ['User.ReadWrite'], `/users/${UPN.alex}`],
      ['diego', ['User.ReadWrite.All'], `/users/${ids.alex}`],
      ['diego', ['User.ReadWrite.All'], `/users/${UPN.alex}`],
      ['diego', ['User.ReadWrite.All'], '/me'],
    ];
    for (const [actor, scopes, base] of attempts) {
      const path = `${base}/profile/positions/${target.body.id}`;
      await expectGraphError(await emulator.call(actor, scopes, path), 404, 'itemNotFound', {
        mentions: [target.body.id],
      });
      await expectGraphError(
        await emulator.call(actor, scopes, path, {
          method: 'PATCH',
          json: { detail: { jobTitle: 'Hijacked' } },
        }),
        404,
        'itemNotFound',
      );
      await expectGraphError(
        await emulator.call(actor, scopes, path, { method: 'DELETE' }),
        404,
        'itemNotFound',
      );
    }
    expect(snapshotAll(emulator)).toEqual(before);
    // Under Adele's own address it is there.
    expect(
      (
        await emulator.call(
          'diego',
          ['User.Read.All'],
          `/users/${ids.adele}/profile/positions/${target.body.id}`,
        )
      ).status,
    ).toBe(200);
  });

  it("Alex's list under /me never includes Adele's positions", async () => {
    const body = await listOf(await emulator.call('alex', ['User.Read'], '/me/profile/positions'));
    const adeles = new Set(
      store(emulator)
        .list(ids.adele)
        .map((position) => position.body.id),
    );
    for (const position of body.value) expect(adeles.has(position.id as string)).toBe(false);
  });
});

describe('unknown users and positions', () => {
  const UNKNOWN_ID = '11111111-2222-4333-8444-555555555555';

  it.each([
    ['GET /users/{unknown id}', 'GET', `/users/${UNKNOWN_ID}`],
    ['GET /users/{unknown upn}', 'GET', '/users/nobody@contoso.com'],
    ['GET /users/{unknown}/profile/positions', 'GET', `/users/${UNKNOWN_ID}/profile/positions`],
    [
      'GET /users/{unknown}/profile/positions/{id}',
      'GET',
      `/users/nobody@contoso.com/profile/positions/${UNKNOWN_ID}`,
    ],
    ['GET /users/{unknown}/directReports', 'GET', `/users/${UNKNOWN_ID}/directReports`],
  ])('%s with a .All scope is 404 itemNotFound', async (_name, method, path) => {
    await expectGraphError(
      await emulator.call('alex', ['User.Read.All'], path, { method }),
      404,
      'itemNotFound',
    );
  });

  it.each([
    ['POST', `/users/${UNKNOWN_ID}/profile/positions`],
    ['PATCH', `/users/nobody@contoso.com/profile/positions/${UNKNOWN_ID}`],
    ['DELETE', `/users/${UNKNOWN_ID}/profile/positions/${UNKNOWN_ID}`],
  ])(
    '%s %s by an administrator with User.ReadWrite.All is 404 itemNotFound and changes nothing',
    async (method, path) => {
      const before = snapshotAll(emulator);
      const init =
        method === 'DELETE' ? { method } : { method, json: { detail: { jobTitle: 'Ghost' } } };
      await expectGraphError(
        await emulator.call('diego', ['User.ReadWrite.All'], path, init),
        404,
        'itemNotFound',
      );
      expect(snapshotAll(emulator)).toEqual(before);
    },
  );

  it('without a .All scope an unknown user is 403, the same as a known one: existence is not revealed', async () => {
    await expectGraphError(
      await emulator.call('alex', ['User.ReadWrite'], `/users/${UNKNOWN_ID}`),
      403,
      'Authorization_RequestDenied',
    );
    await expectGraphError(
      await emulator.call('alex', ['User.ReadWrite'], `/users/${ids.lee}`),
      403,
      'Authorization_RequestDenied',
    );
    // A write to an unknown user by someone whose role may not change users is refused before any lookup.
    await expectGraphError(
      await emulator.call(
        'alex',
        ['User.ReadWrite.All'],
        `/users/${UNKNOWN_ID}/profile/positions`,
        { method: 'POST', json: { detail: { jobTitle: 'x' } } },
      ),
      403,
      'ErrorAccessDeniedForRole',
    );
  });

  it.each([
    ['/me', 'adele', ['User.ReadWrite']],
    [`/users/${ids.adele}`, 'diego', ['User.ReadWrite.All']],
    [`/users/${UPN.adele}`, 'megan', ['User.ReadWrite.All']],
  ] as const)(
    'an unknown position id under %s is 404 itemNotFound for GET, PATCH and DELETE',
    async (base, actor, scopes) => {
      const before = snapshotAll(emulator);
      for (const id of [UNKNOWN_ID, 'not-a-guid']) {
        const path = `${base}/profile/positions/${id}`;
        await expectGraphError(await emulator.call(actor, [...scopes], path), 404, 'itemNotFound', {
          mentions: [id],
        });
        await expectGraphError(
          await emulator.call(actor, [...scopes], path, {
            method: 'PATCH',
            json: { isCurrent: true },
          }),
          404,
          'itemNotFound',
        );
        await expectGraphError(
          await emulator.call(actor, [...scopes], path, { method: 'DELETE' }),
          404,
          'itemNotFound',
        );
      }
      expect(snapshotAll(emulator)).toEqual(before);
    },
  );
});

describe('roles, not reporting lines, grant writes to others', () => {
  const setRoles = (persona: Persona, roles: string[]) =>
    emulator.stack.db
      .prepare('UPDATE users SET roles = ? WHERE id = ?')
      .run(JSON.stringify(roles), ids[persona]);

  it("a manager without an administrator role cannot change a report's positions, even with User.ReadWrite.All", async () => {
    setRoles('megan', []);
    try {
      const target = seedPosition(emulator, ids.adele, 'Report position');
      const before = snapshotAll(emulator);
      const path = `/users/${ids.adele}/profile/positions/${target.body.id}`;
      await expectGraphError(
        await emulator.call('megan', ['User.ReadWrite.All'], path, {
          method: 'PATCH',
          json: { isCurrent: false },
        }),
        403,
        'ErrorAccessDeniedForRole',
        { mentions: ['User Administrator', 'Global Administrator'] },
      );
      await expectGraphError(
        await emulator.call('megan', ['User.ReadWrite.All'], path, { method: 'DELETE' }),
        403,
        'ErrorAccessDeniedForRole',
      );
      await expectGraphError(
        await emulator.call(
          'megan',
          ['User.ReadWrite.All'],
          `/users/${ids.adele}/profile/positions`,
          { method: 'POST', json: { detail: { jobTitle: 'x' } } },
        ),
        403,
        'ErrorAccessDeniedForRole',
      );
      expect(snapshotAll(emulator)).toEqual(before);
      // Reading is still fine with a .All scope.
      expect((await emulator.call('megan', ['User.ReadWrite.All'], path)).status).toBe(200);
    } finally {
      setRoles('megan', ['User Administrator']);
    }
  });

  it.each([
    ['Privileged Authentication Administrator', 200],
    ['Authentication Administrator', 200],
    ['Directory Writers', 200],
    ['Application Administrator', 403],
    ['Cloud Application Administrator', 403],
    ['Privileged Role Administrator', 403],
    ['Helpdesk Administrator', 403],
    ['Global Reader', 403],
  ] as const)(
    'with %s, a PATCH to someone else is %i: roles that may update users, not those that consent or only read',
    async (role, status) => {
      setRoles('lee', [role]);
      try {
        const target = seedPosition(emulator, ids.isaiah, `Changed by a ${role}`);
        const response = await emulator.call(
          'lee',
          ['User.ReadWrite.All'],
          `/users/${ids.isaiah}/profile/positions/${target.body.id}`,
          { method: 'PATCH', json: { isCurrent: false } },
        );
        if (status === 200) expect(response.status).toBe(200);
        else await expectGraphError(response, 403, 'ErrorAccessDeniedForRole');
        expect(store(emulator).get(ids.isaiah, target.body.id)!.body.isCurrent).toBe(
          status !== 200,
        );
      } finally {
        setRoles('lee', []);
      }
    },
  );

  it("a Global Administrator may change someone else's positions", async () => {
    setRoles('lee', ['Global Administrator']);
    try {
      const target = seedPosition(emulator, ids.isaiah, 'Changed by a global admin');
      const response = await emulator.call(
        'lee',
        ['User.ReadWrite.All'],
        `/users/${UPN.isaiah}/profile/positions/${target.body.id}`,
        { method: 'PATCH', json: { isCurrent: false } },
      );
      expect(response.status).toBe(200);
      expect(store(emulator).get(ids.isaiah, target.body.id)!.body.isCurrent).toBe(false);
    } finally {
      setRoles('lee', []);
    }
  });
});
