import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHarness, type Persona } from './harness';
import { expectGraphError, ids, GRAPH_TIMESTAMP, sleep, snapshot, store } from './helpers';

/**
 * PATCH as graph-profile-api.md decides: each top-level property in the body replaces the
 * stored one; a complex value replaces wholesale (members left out become null); a
 * collection replaces; absent top-level properties keep their value.
 */

let emulator: EmulatorHarness;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

const WRITE = ['User.ReadWrite'];
type Json = Record<string, unknown>;

// ---- An independent model of the writable types (from graph-profile-api.md), for expected values.
type Model = 'scalar' | { members: Record<string, Model> } | { items: Model };
const S = 'scalar' as const;
const ADDRESS: Model = {
  members: {
    city: S,
    countryOrRegion: S,
    postalCode: S,
    postOfficeBox: S,
    state: S,
    street: S,
    type: S,
  },
};
const COMPANY: Model = {
  members: {
    address: ADDRESS,
    companyCode: S,
    costCenter: S,
    department: S,
    displayName: S,
    division: S,
    officeLocation: S,
    pronunciation: S,
    secondaryDepartment: S,
    webUrl: S,
  },
};
const DETAIL: Model = {
  members: {
    company: COMPANY,
    description: S,
    employeeId: S,
    employeeType: S,
    endMonthYear: S,
    jobTitle: S,
    layer: S,
    level: S,
    role: S,
    secondaryJobTitle: S,
    secondaryRole: S,
    startMonthYear: S,
    summary: S,
  },
};
const RELATED_PERSON: Model = {
  members: { displayName: S, relationship: S, userId: S, userPrincipalName: S },
};
const INFERENCE: Model = { members: { confidenceScore: S, userHasVerifiedAccuracy: S } };
const WORK_POSITION: Record<string, Model> = {
  allowedAudiences: S,
  categories: { items: S },
  colleagues: { items: RELATED_PERSON },
  detail: DETAIL,
  inference: INFERENCE,
  isCurrent: S,
  isSearchable: S,
  manager: RELATED_PERSON,
};

/** A value with its full shape: every member of every complex value present, absent ones null. */
function completeModel(model: Model, value: unknown): unknown {
  if (model === 'scalar') return value === undefined ? null : value;
  if ('items' in model)
    return value == null
      ? []
      : (value as unknown[]).map((item) => completeModel(model.items, item));
  if (value == null) return null;
  return Object.fromEntries(
    Object.entries(model.members).map(([name, member]) => [
      name,
      completeModel(member, (value as Json)[name]),
    ]),
  );
}

/** The stored position expected after `patch`: each top-level property in it replaced, completed. */
function expectedAfterPatch(original: Json, patch: Json): Json {
  const next = { ...original };
  for (const [name, value] of Object.entries(patch))
    next[name] = completeModel(WORK_POSITION[name], value);
  return next;
}

const SERVER_SET = [
  'id',
  'createdBy',
  'createdDateTime',
  'lastModifiedBy',
  'lastModifiedDateTime',
  'source',
];
const withoutAnnotations = (entity: Json) =>
  Object.fromEntries(Object.entries(entity).filter(([name]) => !name.startsWith('@odata.')));
const withoutLastModified = (entity: Json) => {
  const { lastModifiedBy: _by, lastModifiedDateTime: _at, ...rest } = entity;
  return rest;
};

async function patch(
  persona: Persona,
  scopes: string[],
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return emulator.call(persona, scopes, path, { method: 'PATCH', json: body, headers });
}

async function get(path: string, persona: Persona = 'adele'): Promise<Json> {
  const response = await emulator.call(persona, ['User.Read.All'], path);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

/** Adele's Auditor position (Microsoft's example, seeded), fresh. */
function auditor() {
  const position = store(emulator)
    .list(ids.adele)
    .find((candidate) => (candidate.body.detail as Json).jobTitle === 'Auditor')!;
  return { ...position, path: `/me/profile/positions/${position.body.id}` };
}

beforeEach(async () => {
  expect((await emulator.control('/reset')).status).toBe(204);
});

describe('PATCH semantics', () => {
  it('detail replaces wholesale: a PATCH of detail with only jobTitle loses company and dates', async () => {
    const { body: original, path } = auditor();
    expect((original.detail as Json).company).not.toBeNull();
    const response = await patch('adele', WRITE, path, { detail: { jobTitle: 'Senior Auditor' } });
    expect(response.status).toBe(200);
    const updated = (await response.json()) as Json;
    expect(updated.detail).toEqual({
      company: null,
      description: null,
      employeeId: null,
      employeeType: null,
      endMonthYear: null,
      jobTitle: 'Senior Auditor',
      layer: null,
      level: null,
      role: null,
      secondaryJobTitle: null,
      secondaryRole: null,
      startMonthYear: null,
      summary: null,
    });
    expect((await get(path)).detail).toEqual(updated.detail);
  });

  it('a nested complex value replaces wholesale too: company without address loses the address', async () => {
    const { body: original, path } = auditor();
    const company = { displayName: 'Contoso Ltd.', department: 'Audit' };
    const detail = { ...(original.detail as Json), company };
    const updated = (await (await patch('adele', WRITE, path, { detail })).json()) as Json;
    expect((updated.detail as Json).company).toEqual({
      address: null,
      companyCode: null,
      costCenter: null,
      department: 'Audit',
      displayName: 'Contoso Ltd.',
      division: null,
      officeLocation: null,
      pronunciation: null,
      secondaryDepartment: null,
      webUrl: null,
    });
    expect((updated.detail as Json).startMonthYear).toBe('2001-01-01');
  });

  it('sending the whole current detail back with one member changed keeps every other member', async () => {
    const { body: original, path } = auditor();
    const detail = { ...(original.detail as Json), jobTitle: 'Lead Auditor' };
    const updated = (await (await patch('adele', WRITE, path, { detail })).json()) as Json;
    expect(updated.detail).toEqual(detail);
  });

  it('collections replace: categories and colleagues (items completed with nulls)', async () => {
    const { path } = auditor();
    await patch('adele', WRITE, path, {
      categories: ['a', 'b', 'c'],
      colleagues: [{ displayName: 'Lee Gu' }, { displayName: 'Alex Wilber' }],
    });
    const response = await patch('adele', WRITE, path, {
      categories: ['z'],
      colleagues: [{ displayName: 'Diego', relationship: 'colleague' }],
    });
    const updated = (await response.json()) as Json;
    expect(updated.categories).toEqual(['z']);
    expect(updated.colleagues).toEqual([
      { displayName: 'Diego', relationship: 'colleague', userId: null, userPrincipalName: null },
    ]);
    const emptied = (await (
      await patch('adele', WRITE, path, { categories: [], colleagues: [] })
    ).json()) as Json;
    expect(emptied).toMatchObject({ categories: [], colleagues: [] });
    expect(await get(path)).toMatchObject({ categories: [], colleagues: [] });
  });

  it('manager replaces wholesale and can be cleared with null', async () => {
    const { path } = auditor();
    await patch('adele', WRITE, path, {
      manager: { displayName: 'Megan Bowen', userId: ids.megan, relationship: 'manager' },
    });
    const updated = (await (
      await patch('adele', WRITE, path, { manager: { displayName: 'Megan B.' } })
    ).json()) as Json;
    expect(updated.manager).toEqual({
      displayName: 'Megan B.',
      relationship: null,
      userId: null,
      userPrincipalName: null,
    });
    const cleared = (await (await patch('adele', WRITE, path, { manager: null })).json()) as Json;
    expect(cleared.manager).toBeNull();
  });

  it('top-level properties absent from the body keep their value', async () => {
    const { body: original, path } = auditor();
    const updated = withoutAnnotations(
      (await (await patch('adele', WRITE, path, { isSearchable: true })).json()) as Json,
    );
    expect(withoutLastModified(updated)).toEqual(
      withoutLastModified({ ...original, isSearchable: true }),
    );
  });

  it('lastModifiedBy/lastModifiedDateTime change; createdBy/createdDateTime and source do not', async () => {
    const { body: original, path } = auditor();
    const before = Date.now();
    const updated = (await (await patch('adele', WRITE, path, { isCurrent: true })).json()) as Json;
    expect(updated.createdBy).toEqual(original.createdBy);
    expect(updated.createdDateTime).toBe(original.createdDateTime);
    expect(updated.source).toEqual(original.source);
    expect(updated.id).toBe(original.id);
    expect(updated.lastModifiedBy).toEqual({
      user: { id: ids.adele, displayName: 'Adele Vance' },
      application: { id: 'profile-editor-local', displayName: 'Profile Editor' },
      device: null,
    });
    expect(updated.lastModifiedBy).not.toEqual(original.lastModifiedBy);
    expect(updated.lastModifiedDateTime).toMatch(GRAPH_TIMESTAMP);
    expect(Date.parse(updated.lastModifiedDateTime as string)).toBeGreaterThanOrEqual(
      before - 1000,
    );
    expect(updated.lastModifiedDateTime).not.toBe(original.lastModifiedDateTime);
  });

  it('a position created by one user and changed by an administrator names each in the right place', async () => {
    const created = (await (
      await emulator.call('lee', WRITE, '/me/profile/positions', {
        method: 'POST',
        json: { detail: { jobTitle: 'Researcher' } },
      })
    ).json()) as Json;
    await sleep(5);
    const updated = (await (
      await patch(
        'diego',
        ['User.ReadWrite.All'],
        `/users/${ids.lee}/profile/positions/${created.id as string}`,
        { isCurrent: false },
      )
    ).json()) as Json;
    expect((updated.createdBy as { user: Json }).user).toEqual({
      id: ids.lee,
      displayName: 'Lee Gu',
    });
    expect((updated.lastModifiedBy as { user: Json }).user).toEqual({
      id: ids.diego,
      displayName: 'Diego Siciliani',
    });
    expect(updated.createdDateTime).toBe(created.createdDateTime);
    expect(Date.parse(updated.lastModifiedDateTime as string)).toBeGreaterThan(
      Date.parse(created.lastModifiedDateTime as string),
    );
  });

  it("Microsoft's example body, with isCurrent as a real Boolean and no trailing comma, is accepted", async () => {
    const { path } = auditor();
    const example = {
      categories: [],
      allowedAudiences: 'organization',
      detail: {
        description: null,
        endMonthYear: null,
        jobTitle: 'Auditor',
        startMonthYear: '2001-01-01',
        summary: null,
        company: {
          displayName: 'Contoso Ltd.',
          pronunciation: null,
          department: 'Finance',
          officeLocation: '12/1110',
          webUrl: null,
          address: {
            type: 'business',
            postOfficeBox: null,
            street: '30 Isabella St., Second Floor',
            city: 'Pittsburgh',
            state: 'PA',
            countryOrRegion: 'US',
            postalCode: '15212',
          },
        },
      },
      manager: null,
      colleagues: [],
      isCurrent: true,
    };
    const response = await patch('adele', WRITE, path, example);
    expect(response.status).toBe(200);
    const updated = (await response.json()) as Json;
    for (const [name, value] of Object.entries(example))
      expect(updated[name]).toEqual(completeModel(WORK_POSITION[name], value));
  });
});

describe('concurrency as on Graph (the default): no etags, last writer wins', () => {
  it('positions carry no @odata.etag and responses no ETag header', async () => {
    const { path } = auditor();
    const read = await emulator.call('adele', WRITE, path);
    expect(read.headers.get('etag')).toBeNull();
    expect(await read.json()).not.toHaveProperty('@odata.etag');
    const list = (await (await emulator.call('adele', WRITE, '/me/profile/positions')).json()) as {
      value: Json[];
    };
    for (const position of list.value) expect(position).not.toHaveProperty('@odata.etag');
    const written = await patch('adele', WRITE, path, { isSearchable: true });
    expect(written.headers.get('etag')).toBeNull();
    expect(await written.json()).not.toHaveProperty('@odata.etag');
    const created = await emulator.call('adele', WRITE, '/me/profile/positions', {
      method: 'POST',
      json: { detail: { jobTitle: 'No etag' } },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBeNull();
    expect(await created.json()).not.toHaveProperty('@odata.etag');
  });

  it('If-Match is ignored: a PATCH and a DELETE with a stale or made-up etag succeed', async () => {
    const { etag, path, body } = auditor();
    expect((await patch('adele', WRITE, path, { isSearchable: true })).status).toBe(200);
    const response = await patch(
      'adele',
      WRITE,
      path,
      { detail: { jobTitle: 'Last writer' } },
      { 'If-Match': etag },
    );
    expect(response.status).toBe(200);
    expect(((await get(path)).detail as Json).jobTitle).toBe('Last writer');
    const deleted = await emulator.call('adele', WRITE, path, {
      method: 'DELETE',
      headers: { 'If-Match': 'W/"made-up"' },
    });
    expect(deleted.status).toBe(204);
    expect(store(emulator).get(ids.adele, body.id)).toBeUndefined();
  });

  it("a write from an old copy of detail silently reverts another writer's change", async () => {
    const { body: original, path } = auditor();
    const mine = { ...(original.detail as Json), jobTitle: 'Mine' };
    const theirs = { ...(original.detail as Json), role: 'Theirs' };
    expect(
      (
        await patch('megan', ['User.ReadWrite.All'], `/users/${ids.adele}${path.slice(3)}`, {
          detail: theirs,
        })
      ).status,
    ).toBe(200);
    expect((await patch('adele', WRITE, path, { detail: mine })).status).toBe(200);
    expect((await get(path)).detail).toEqual(mine);
  });
});

describe('If-Match in our strict etag mode (EMULATOR_ETAGS=strict)', () => {
  beforeEach(async () => {
    expect((await emulator.control('/settings', { etags: 'strict' })).status).toBe(200);
  });

  it('the etag changes on every write, even one that sets the same value', async () => {
    const { etag, path } = auditor();
    const seen = new Set([etag]);
    for (let round = 0; round < 3; round += 1) {
      const response = await patch('adele', WRITE, path, { categories: ['same'] });
      const body = (await response.json()) as Json;
      expect(response.headers.get('etag')).toBe(body['@odata.etag']);
      seen.add(body['@odata.etag'] as string);
    }
    expect(seen.size).toBe(4);
    expect((await get(path))['@odata.etag']).toBe([...seen][3]);
  });

  it('with the current etag succeeds', async () => {
    const { etag, path } = auditor();
    const response = await patch(
      'adele',
      WRITE,
      path,
      { isSearchable: true },
      { 'If-Match': etag },
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as Json)['@odata.etag']).not.toBe(etag);
  });

  it('with a stale etag is 412 preconditionFailed and changes nothing', async () => {
    const { etag, path } = auditor();
    expect(
      (await patch('adele', WRITE, path, { isSearchable: true }, { 'If-Match': etag })).status,
    ).toBe(200);
    const before = snapshot(emulator, ids.adele);
    const response = await patch(
      'adele',
      WRITE,
      path,
      { detail: { jobTitle: 'Overwritten' } },
      { 'If-Match': etag },
    );
    await expectGraphError(response, 412, 'preconditionFailed', { mentions: ['If-Match'] });
    expect(snapshot(emulator, ids.adele)).toEqual(before);
  });

  it('with an etag of another position is 412', async () => {
    const [other] = store(emulator)
      .list(ids.adele)
      .filter((position) => (position.body.detail as Json).jobTitle !== 'Auditor');
    const { path } = auditor();
    const before = snapshot(emulator, ids.adele);
    await expectGraphError(
      await patch('adele', WRITE, path, { isSearchable: true }, { 'If-Match': other.etag }),
      412,
      'preconditionFailed',
    );
    expect(snapshot(emulator, ids.adele)).toEqual(before);
  });

  it('If-Match: * succeeds', async () => {
    const { path } = auditor();
    const response = await patch(
      'adele',
      WRITE,
      path,
      { isSearchable: false },
      { 'If-Match': '*' },
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as Json).isSearchable).toBe(false);
  });

  it('a list of etags that includes the current one succeeds', async () => {
    const { etag, path } = auditor();
    expect(
      (
        await patch(
          'adele',
          WRITE,
          path,
          { isSearchable: true },
          { 'If-Match': `W/"old", ${etag}` },
        )
      ).status,
    ).toBe(200);
  });

  it('an invalid body with a stale etag is refused for the body (checked first) and changes nothing', async () => {
    const { path } = auditor();
    const before = snapshot(emulator, ids.adele);
    const response = await patch(
      'adele',
      WRITE,
      path,
      { isCurrent: 'yes' },
      { 'If-Match': 'W/"stale"' },
    );
    await expectGraphError(response, 400, 'invalidRequest', { mentions: ["'isCurrent'"] });
    expect(snapshot(emulator, ids.adele)).toEqual(before);
  });

  it('DELETE with a stale etag is 412 and the position stays; with the current one it is 204', async () => {
    const { etag, path, body } = auditor();
    const changed = (await (
      await patch('adele', WRITE, path, { isSearchable: true })
    ).json()) as Json;
    const before = snapshot(emulator, ids.adele);
    await expectGraphError(
      await emulator.call('adele', WRITE, path, {
        method: 'DELETE',
        headers: { 'If-Match': etag },
      }),
      412,
      'preconditionFailed',
    );
    expect(snapshot(emulator, ids.adele)).toEqual(before);
    const deleted = await emulator.call('adele', WRITE, path, {
      method: 'DELETE',
      headers: { 'If-Match': changed['@odata.etag'] as string },
    });
    expect(deleted.status).toBe(204);
    expect(store(emulator).get(ids.adele, body.id)).toBeUndefined();
  });

  it('DELETE with If-Match: * succeeds', async () => {
    const { path, body } = auditor();
    expect(
      (
        await emulator.call('adele', WRITE, path, {
          method: 'DELETE',
          headers: { 'If-Match': '*' },
        })
      ).status,
    ).toBe(204);
    expect(store(emulator).get(ids.adele, body.id)).toBeUndefined();
  });

  it('If-Match on a position that does not exist is 404, not 412', async () => {
    await expectGraphError(
      await patch(
        'adele',
        WRITE,
        '/me/profile/positions/00000000-0000-4000-8000-000000000000',
        { isCurrent: true },
        { 'If-Match': '*' },
      ),
      404,
      'itemNotFound',
    );
  });
});

// ---- Property-based: random valid patches.

const AUDIENCES = [
  'me',
  'family',
  'contacts',
  'groupMembers',
  'organization',
  'federatedOrganizations',
  'everyone',
];
const RELATIONSHIPS = [
  'manager',
  'colleague',
  'directReport',
  'dotLineReport',
  'assistant',
  'dotLineManager',
  'alternateContact',
  'friend',
  'spouse',
  'sibling',
  'child',
  'parent',
  'sponsor',
  'emergencyContact',
  'other',
];

/** Strings within a limit counted in UTF-16 units (a code point is at most two). */
const text = (limit: number) =>
  fc.string({ unit: 'binary', maxLength: Math.min(Math.floor(limit / 2), 24) });
const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const edmDate = fc
  .date({
    min: new Date('1950-01-01T00:00:00Z'),
    max: new Date('2099-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

const address = fc.record(
  {
    city: nullable(text(128)),
    countryOrRegion: nullable(text(128)),
    postalCode: nullable(text(40)),
    postOfficeBox: nullable(text(40)),
    state: nullable(text(128)),
    street: nullable(text(1024)),
    type: nullable(fc.constantFrom('unknown', 'home', 'business', 'other')),
  },
  { requiredKeys: [] },
);

const company = fc.record(
  {
    address: nullable(address),
    companyCode: nullable(text(64)),
    costCenter: nullable(text(64)),
    department: nullable(text(64)),
    displayName: nullable(text(256)),
    division: nullable(text(128)),
    officeLocation: nullable(text(128)),
    pronunciation: nullable(text(256)),
    secondaryDepartment: nullable(text(64)),
    webUrl: nullable(text(2048)),
  },
  { requiredKeys: [] },
);

const detail = fc
  .record(
    {
      company: nullable(company),
      description: nullable(text(2000)),
      employeeId: nullable(text(64)),
      employeeType: nullable(text(64)),
      endMonthYear: nullable(edmDate),
      jobTitle: text(128).filter((value) => value.trim().length > 0),
      layer: nullable(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
      level: nullable(text(64)),
      role: nullable(text(128)),
      secondaryJobTitle: nullable(text(128)),
      secondaryRole: nullable(text(128)),
      startMonthYear: nullable(edmDate),
      summary: nullable(text(2000)),
    },
    { requiredKeys: ['jobTitle'] },
  )
  .map((value) => {
    // A valid detail ends no earlier than it starts.
    if (value.startMonthYear && value.endMonthYear && value.endMonthYear < value.startMonthYear) {
      return { ...value, startMonthYear: value.endMonthYear, endMonthYear: value.startMonthYear };
    }
    return value;
  });

const relatedPerson = fc.record(
  {
    displayName: nullable(text(256)),
    relationship: nullable(fc.constantFrom(...RELATIONSHIPS)),
    userId: nullable(text(64)),
    userPrincipalName: nullable(text(256)),
  },
  { requiredKeys: [] },
);

const inference = fc.record(
  {
    confidenceScore: nullable(fc.double({ noNaN: true, noDefaultInfinity: true })),
    userHasVerifiedAccuracy: nullable(fc.boolean()),
  },
  { requiredKeys: [] },
);

const BASE_BODY = {
  allowedAudiences: 'contacts',
  categories: ['base', 'category'],
  colleagues: [
    {
      displayName: 'Lee Gu',
      relationship: 'colleague',
      userId: ids.lee,
      userPrincipalName: 'lee@contoso.com',
    },
  ],
  detail: {
    jobTitle: 'Base Title',
    startMonthYear: '2010-01-01',
    endMonthYear: '2012-06-01',
    description: 'base',
    layer: 3,
    company: {
      displayName: 'Base Co',
      department: 'R&D',
      address: { city: 'Oslo', type: 'business' },
    },
  },
  inference: { confidenceScore: 0.5, userHasVerifiedAccuracy: true },
  isCurrent: false,
  isSearchable: true,
  manager: { displayName: 'Megan Bowen', relationship: 'manager', userId: ids.megan },
};

const validPatch = fc
  .record(
    {
      allowedAudiences: fc.constantFrom(...AUDIENCES),
      categories: fc.array(text(100), { maxLength: 50 }),
      colleagues: fc.array(relatedPerson, { maxLength: 4 }),
      detail,
      inference: nullable(inference),
      isCurrent: nullable(fc.boolean()),
      isSearchable: nullable(fc.boolean()),
      manager: nullable(relatedPerson),
    },
    { requiredKeys: [] },
  )
  .filter((value) => Object.keys(value).length > 0)
  .map((value): Json => {
    // Keep the merged position consistent: a current position has no end date.
    if (value.isCurrent !== true) return value;
    if (value.detail) return { ...value, detail: { ...value.detail, endMonthYear: null } };
    return { ...value, isCurrent: false };
  });

describe('PATCH property: random valid patches', () => {
  it('the stored result is the original with each patched top-level property replaced (completed with nulls)', async () => {
    await fc.assert(
      fc.asyncProperty(
        validPatch,
        fc.constantFrom<Persona>('lee', 'diego'),
        async (patchBody, editor) => {
          const createdResponse = await emulator.call('lee', WRITE, '/me/profile/positions', {
            method: 'POST',
            json: BASE_BODY,
          });
          expect(createdResponse.status).toBe(201);
          const created = (await createdResponse.json()) as Json;
          const original = withoutAnnotations(created);
          const path = `/users/${ids.lee}/profile/positions/${created.id as string}`;
          const scopes = editor === 'lee' ? WRITE : ['User.ReadWrite.All'];

          const response = await patch(editor, scopes, path, patchBody);
          const responseText = await response.text();
          expect(response.status, responseText).toBe(200);
          const returned = JSON.parse(responseText) as Json;
          const stored = await get(path, 'lee');
          expect(stored).toEqual(returned);

          // The patch as the server received it (JSON turns -0 into 0).
          const sent = JSON.parse(JSON.stringify(patchBody)) as Json;
          const expected = expectedAfterPatch(original, sent);
          expect(withoutLastModified(withoutAnnotations(stored))).toEqual(
            withoutLastModified(expected),
          );
          for (const name of SERVER_SET.filter((property) => !property.startsWith('lastModified')))
            expect(stored[name]).toEqual(original[name]);
          expect((stored.lastModifiedBy as { user: Json }).user.id).toBe(ids[editor]);
          expect(
            (stored.lastModifiedDateTime as string) >= (original.lastModifiedDateTime as string),
          ).toBe(true);
          expect(stored).not.toHaveProperty('@odata.etag');
          expect(store(emulator).get(ids.lee, created.id as string)!.body).toEqual(
            withoutAnnotations(stored),
          );

          expect((await emulator.call('lee', WRITE, path, { method: 'DELETE' })).status).toBe(204);
        },
      ),
      { numRuns: 60 },
    );
  });
});
