import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryStore } from '../../emulator/store/directory-store.js';
import { DEMO_ORG_CONTACTS } from '../../emulator/store/demo-directory.js';
import { startEmulator, type EmulatorHarness } from './harness';
import {
  DISPLAY_NAME,
  expectGraphError,
  followPages,
  GRAPH_TIMESTAMP,
  ids,
  jsonOf,
  type Json,
  listOf,
  seedPosition,
  snapshot,
  store,
  UPN,
  UUID,
} from './helpers';

let emulator: EmulatorHarness;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

const READ = ['User.Read'];
const READ_ALL = ['User.Read.All'];
const WRITE = ['User.ReadWrite'];
const WRITE_ALL = ['User.ReadWrite.All'];

type Position = Record<string, unknown> & {
  id: string;
  detail: Record<string, unknown> & { jobTitle: string };
};
interface ListBody {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  value: Position[];
}
/** A whole position in a response, as far as these tests read it. */
type PositionJson = Position & {
  createdBy: { user: Json | null };
  lastModifiedBy: { user: Json | null };
  createdDateTime: string;
  lastModifiedDateTime: string;
  detail: { company: Json | null };
};
const positionOf = async (response: Response) => (await response.json()) as PositionJson;

const titles = (positions: Position[]) => positions.map((position) => position.detail.jobTitle);

/** Adele's seeded positions. */
const [A, R, S, D] = ['Auditor', 'Retail Manager', 'Sales Associate', 'Regional Retail Lead'];
/** Graph's default order, createdDateTime: the directory's position says 0001-01-01T00:00:00Z. */
const DEFAULT_ORDER = [D, A, R, S];
const q = (value: string) => encodeURIComponent(value);

/** Every property a whole workPosition carries in a response (no etag: Graph shows none). */
const ENTITY_KEYS = [
  '@odata.context',
  'id',
  'allowedAudiences',
  'categories',
  'colleagues',
  'detail',
  'inference',
  'isCurrent',
  'isSearchable',
  'manager',
  'createdBy',
  'createdDateTime',
  'lastModifiedBy',
  'lastModifiedDateTime',
  'source',
].sort();
const DETAIL_KEYS = [
  'company',
  'description',
  'employeeId',
  'employeeType',
  'endMonthYear',
  'jobTitle',
  'layer',
  'level',
  'role',
  'secondaryJobTitle',
  'secondaryRole',
  'startMonthYear',
  'summary',
].sort();

async function list(
  path: string,
  persona: 'adele' | 'megan' | 'lee' = 'adele',
  scopes = READ_ALL,
): Promise<ListBody> {
  const response = await emulator.call(persona, scopes, path);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as ListBody;
}

describe('directory routes', () => {
  it('GET /me returns the signed-in user with an @odata.context and request ids', async () => {
    const response = await emulator.call('megan', READ, '/me', {
      headers: { 'client-request-id': 'me-check-1' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(UUID);
    expect(response.headers.get('client-request-id')).toBe('me-check-1');
    const body = await jsonOf(response);
    expect(body).toMatchObject({
      id: ids.megan,
      displayName: 'Megan Bowen',
      userPrincipalName: UPN.megan,
      mail: UPN.megan,
    });
    expect(body['@odata.context']).toBe(`${emulator.baseUrl}/$metadata#users/$entity`);
  });

  it('GET /users/{id} returns the same user as that user gets from /me', async () => {
    const byId = await jsonOf(await emulator.call('megan', READ_ALL, `/users/${ids.adele}`));
    const own = await jsonOf(await emulator.call('adele', READ, '/me'));
    expect(byId).toEqual(own);
    expect(byId.id).toBe(ids.adele);
  });

  it.each([
    ['lower case', 'adele@contoso.com'],
    ['upper case', 'ADELE@CONTOSO.COM'],
    ['mixed case', 'Adele@Contoso.Com'],
    ['percent-encoded @', 'adele%40contoso.com'],
    ['the id in upper case', ids.adele.toUpperCase()],
  ])('GET /users/{key} finds the same user by %s', async (_name, key) => {
    const expected = await jsonOf(await emulator.call('megan', READ_ALL, `/users/${ids.adele}`));
    const response = await emulator.call('megan', READ_ALL, `/users/${key}`);
    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toEqual(expected);
  });

  it("GET /users/{upn} of oneself in another letter case is one's own record, readable with User.Read", async () => {
    const response = await emulator.call('alex', READ, '/users/ALEX@Contoso.COM');
    expect(response.status).toBe(200);
    expect((await jsonOf(response)).id).toBe(ids.alex);
  });

  it('GET /users/{id}?$select= returns only id and the selected properties', async () => {
    const body = await jsonOf(
      await emulator.call('megan', READ_ALL, `/users/${ids.lee}?$select=displayName,jobTitle`),
    );
    const { '@odata.context': context, ...rest } = body;
    // The selection is listed in the context, as Graph writes it.
    expect(context).toBe(`${emulator.baseUrl}/$metadata#users(displayName,jobTitle)/$entity`);
    expect(rest).toEqual({ id: ids.lee, displayName: 'Lee Gu', jobTitle: 'Director' });
  });

  it('GET /me/directReports: Megan sees Adele and Alex, and an organisational contact', async () => {
    const response = await emulator.call('megan', READ_ALL, '/me/directReports');
    expect(response.status).toBe(200);
    const body = await listOf(response);
    expect(body['@odata.context']).toMatch(/\$metadata#directoryObjects$/);
    const [contact] = DEMO_ORG_CONTACTS;
    expect(body.value.map((report) => report.id).sort()).toEqual(
      [ids.adele, ids.alex, contact.id].sort(),
    );
    const byType = (type: string) =>
      body.value
        .filter((report) => report['@odata.type'] === type)
        .map((report) => report.displayName);
    expect(byType('#microsoft.graph.user')).toEqual(['Adele Vance', 'Alex Wilber']);
    expect(byType('#microsoft.graph.orgContact')).toEqual([contact.displayName]);
  });

  it('GET /me/directReports is empty for someone without reports', async () => {
    const body = await listOf(await emulator.call('diego', READ_ALL, '/me/directReports'));
    expect(body.value).toEqual([]);
  });

  it('GET /users lists the whole directory by displayName', async () => {
    const body = await listOf(await emulator.call('alex', READ_ALL, '/users'));
    expect(body['@odata.context']).toMatch(/\$metadata#users$/);
    expect(body.value.map((user) => user.displayName)).toEqual(Object.values(DISPLAY_NAME).sort());
  });

  it.each([
    ["startswith(displayName,'A')", ['Adele Vance', 'Alex Wilber']],
    ["startswith(displayName,'a')", ['Adele Vance', 'Alex Wilber']],
    ["startswith(displayName,'Ale')", ['Alex Wilber']],
    ["startswith(displayName,'Lee Gu')", ['Lee Gu']],
    ["startswith(displayName,'Zz')", []],
    [
      "startswith(displayName,'Meg') or startswith(displayName,'Die')",
      ['Diego Siciliani', 'Megan Bowen'],
    ],
  ])('GET /users?$filter=%s', async (filter, expected) => {
    const response = await emulator.call('alex', READ_ALL, `/users?$filter=${q(filter)}`);
    expect(response.status).toBe(200);
    expect((await listOf(response)).value.map((user) => user.displayName)).toEqual(expected);
  });

  it("GET /users: ' or ' inside a $filter literal, ' OR ' inside a $search term, a doubled quote", async () => {
    const insert = new DirectoryStore(emulator.stack.db);
    const base = {
      givenName: null,
      surname: null,
      mail: null,
      jobTitle: null,
      department: null,
      officeLocation: null,
      businessPhones: [],
      mobilePhone: null,
      preferredLanguage: null,
    };
    insert.insert(
      {
        user: {
          ...base,
          id: '00000000-0000-4000-8000-000000000001',
          displayName: 'Rock or Roll Band',
          userPrincipalName: 'band@contoso.com',
        },
        managerId: null,
        roles: [],
      },
      'x',
    );
    insert.insert(
      {
        user: {
          ...base,
          id: '00000000-0000-4000-8000-000000000002',
          displayName: "Ann O'Hara",
          userPrincipalName: 'ann@contoso.com',
        },
        managerId: null,
        roles: [],
      },
      'x',
    );
    try {
      const names = async (filter: string) => {
        const response = await emulator.call('alex', READ_ALL, `/users?$filter=${q(filter)}`);
        const text = await response.text();
        expect(response.status, text).toBe(200);
        return (JSON.parse(text) as { value: { displayName: string }[] }).value.map(
          (user) => user.displayName,
        );
      };
      expect(await names("startswith(displayName,'Rock or Roll')")).toEqual(['Rock or Roll Band']);
      expect(
        await names("startswith(displayName,'Ann O''H') or startswith(displayName,'Lee')"),
      ).toEqual(["Ann O'Hara", 'Lee Gu']);
      const search = async (term: string) => {
        const response = await emulator.call('alex', READ_ALL, `/users?$search=${q(term)}`, {
          headers: { ConsistencyLevel: 'eventual' },
        });
        const text = await response.text();
        expect(response.status, text).toBe(200);
        return (JSON.parse(text) as { value: { displayName: string }[] }).value.map(
          (user) => user.displayName,
        );
      };
      expect(await search('"displayName:Rock OR Roll"')).toEqual(['Rock or Roll Band']);
      expect(await search('"displayName:Rock OR Roll" OR "displayName:Lee"')).toEqual([
        'Lee Gu',
        'Rock or Roll Band',
      ]);
    } finally {
      emulator.stack.db
        .prepare("DELETE FROM users WHERE upn IN ('band@contoso.com', 'ann@contoso.com')")
        .run();
    }
  });

  it.each([
    ['"displayName:Al"', ['Alex Wilber']],
    ['"displayName:wil"', ['Alex Wilber']],
    ['"displayName:v"', ['Adele Vance']],
    ['"displayName:nobody"', []],
  ])('GET /users?$search=%s with ConsistencyLevel: eventual', async (search, expected) => {
    const response = await emulator.call('megan', READ_ALL, `/users?$search=${q(search)}`, {
      headers: { ConsistencyLevel: 'eventual' },
    });
    expect(response.status).toBe(200);
    expect((await listOf(response)).value.map((user) => user.displayName)).toEqual(expected);
  });

  it('GET /users?$search without ConsistencyLevel: eventual is 400 Request_UnsupportedQuery', async () => {
    const response = await emulator.call(
      'megan',
      READ_ALL,
      `/users?$search=${q('"displayName:Al"')}`,
    );
    await expectGraphError(response, 400, 'Request_UnsupportedQuery', {
      mentions: ['ConsistencyLevel: eventual'],
    });
  });

  it('GET /users?$count=true with ConsistencyLevel: eventual returns @odata.count', async () => {
    const response = await emulator.call(
      'megan',
      READ_ALL,
      `/users?$count=true&$top=2&$filter=${q("startswith(displayName,'A')")}`,
      {
        headers: { ConsistencyLevel: 'eventual' },
      },
    );
    const body = await listOf(response);
    expect(body['@odata.count']).toBe(2);
    expect(body.value).toHaveLength(2);
  });

  it('GET /users?$top=2 returns the first two users', async () => {
    const body = await listOf(await emulator.call('megan', READ_ALL, '/users?$top=2'));
    expect(body.value.map((user) => user.displayName)).toEqual(
      Object.values(DISPLAY_NAME).sort().slice(0, 2),
    );
  });

  it('GET /users?$filter with $top and $select combines them', async () => {
    const body = await listOf(
      await emulator.call(
        'megan',
        READ_ALL,
        `/users?$filter=${q("startswith(displayName,'A')")}&$top=1&$select=displayName`,
      ),
    );
    expect(body.value).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: ids.adele, displayName: 'Adele Vance' },
    ]);
  });

  it('an unknown path segment is 400 BadRequest naming the segment', async () => {
    await expectGraphError(
      await emulator.call('megan', READ_ALL, '/me/photos'),
      400,
      'BadRequest',
      { mentions: ["'photos'"] },
    );
    await expectGraphError(await emulator.call('megan', READ_ALL, '/groups'), 400, 'BadRequest', {
      mentions: ["'groups'"],
    });
  });

  it('a badly percent-encoded path is 400 BadRequest', async () => {
    await expectGraphError(
      await emulator.call('megan', READ_ALL, '/users/%E0%A4%A'),
      400,
      'BadRequest',
      { mentions: ['not correctly encoded'] },
    );
  });

  it('a method a route does not have is 405', async () => {
    const response = await emulator.call('megan', WRITE_ALL, '/me', { method: 'DELETE' });
    await expectGraphError(response, 405, 'BadRequest', { mentions: ['DELETE'] });
    const put = await emulator.call('megan', WRITE_ALL, '/me/profile/positions', {
      method: 'PUT',
      json: { detail: { jobTitle: 'x' } },
    });
    await expectGraphError(put, 405, 'BadRequest', { mentions: ['PUT'] });
  });
});

describe('profile positions routes', () => {
  beforeEach(async () => {
    expect((await emulator.control('/reset')).status).toBe(204);
  });

  it('lists own positions under /me by createdDateTime (the directory one, created 0001-01-01, first), with @odata.context and no etag', async () => {
    const body = await list('/me/profile/positions', 'adele', READ);
    expect(body['@odata.context']).toBe(
      `${emulator.baseUrl}/$metadata#users('${ids.adele}')/profile/positions`,
    );
    expect(titles(body.value)).toEqual(DEFAULT_ORDER);
    expect(body['@odata.nextLink']).toBeUndefined();
    for (const position of body.value) {
      expect(position).not.toHaveProperty('@odata.etag');
      expect(position.id).toMatch(UUID);
    }
  });

  it('lists the same positions under /users/{id} and /users/{upn} (any case)', async () => {
    const own = await list('/me/profile/positions', 'adele', READ);
    for (const key of [ids.adele, UPN.adele, UPN.adele.toUpperCase()]) {
      const other = await list(`/users/${key}/profile/positions`, 'megan', READ_ALL);
      expect(other.value).toEqual(own.value);
      expect(other['@odata.context']).toBe(own['@odata.context']);
    }
  });

  it('$select returns id and the selected properties only, and the context lists the selection', async () => {
    const body = await list('/me/profile/positions?$select=detail,isCurrent', 'adele', READ);
    expect(body['@odata.context']).toBe(
      `${emulator.baseUrl}/$metadata#users('${ids.adele}')/profile/positions(detail,isCurrent)`,
    );
    expect(body.value).toHaveLength(4);
    for (const position of body.value)
      expect(Object.keys(position).sort()).toEqual(['detail', 'id', 'isCurrent']);
    expect(titles(body.value)).toEqual(DEFAULT_ORDER);
  });

  it('$top, $skip and both together', async () => {
    const all = (await list('/me/profile/positions', 'adele', READ)).value;
    const top = await list('/me/profile/positions?$top=2', 'adele', READ);
    expect(top.value).toEqual(all.slice(0, 2));
    expect(top['@odata.nextLink']).toBeDefined();
    const skip = await list('/me/profile/positions?$skip=1', 'adele', READ);
    expect(skip.value).toEqual(all.slice(1));
    expect(skip['@odata.nextLink']).toBeUndefined();
    const both = await list('/me/profile/positions?$top=1&$skip=1', 'adele', READ);
    expect(both.value).toEqual(all.slice(1, 2));
    const past = await list('/me/profile/positions?$skip=10', 'adele', READ);
    expect(past.value).toEqual([]);
  });

  // A: Auditor, R: Retail Manager, S: Sales Associate, D: the directory's Regional Retail Lead
  // (sentinel dates 0001-01-01, company name '').
  it.each([
    ['detail/startMonthYear', [D, S, A, R]],
    ['detail/startMonthYear asc', [D, S, A, R]],
    ['detail/startMonthYear desc', [R, A, S, D]],
    ['detail/jobTitle', [A, D, R, S]],
    ['detail/jobTitle desc', [S, R, D, A]],
    // '' is a string, not null: lowest of the names, last when descending.
    ['detail/company/displayName desc,detail/jobTitle', [S, A, R, D]],
    ['isCurrent,detail/jobTitle desc', [S, R, D, A]],
    // null end dates sort lowest, ties in creation order
    ['detail/endMonthYear desc', [S, D, A, R]],
  ])('$orderby=%s', async (orderBy, expected) => {
    expect(
      titles((await list(`/me/profile/positions?$orderby=${q(orderBy)}`, 'adele', READ)).value),
    ).toEqual(expected);
  });

  it.each([
    ['isCurrent eq true', [D, A, R]],
    ['isCurrent eq false', [S]],
    ["detail/jobTitle eq 'Auditor'", [A]],
    ["detail/jobTitle ne 'Auditor'", [D, R, S]],
    ["detail/company/displayName eq 'Contoso Ltd.'", [A]],
    ["detail/company/displayName eq ''", [D]],
    ["allowedAudiences eq 'organization'", [D, A, R, S]],
    ["isCurrent eq true and detail/company/displayName eq 'Contoso'", [R]],
    ["detail/jobTitle eq 'Nobody'", []],
  ])('$filter=%s', async (filter, expected) => {
    expect(
      titles((await list(`/me/profile/positions?$filter=${q(filter)}`, 'adele', READ)).value),
    ).toEqual(expected);
  });

  it("$filter with a string literal that contains ' and ' or a doubled quote", async () => {
    seedPosition(emulator, ids.adele, 'Sales and Marketing Lead');
    seedPosition(emulator, ids.adele, "O'Brien and Partners Liaison");
    expect(
      titles(
        (
          await list(
            `/me/profile/positions?$filter=${q("detail/jobTitle eq 'Sales and Marketing Lead'")}`,
            'adele',
            READ,
          )
        ).value,
      ),
    ).toEqual(['Sales and Marketing Lead']);
    expect(
      titles(
        (
          await list(
            `/me/profile/positions?$filter=${q("detail/jobTitle eq 'O''Brien and Partners Liaison' and isCurrent eq true")}`,
            'adele',
            READ,
          )
        ).value,
      ),
    ).toEqual(["O'Brien and Partners Liaison"]);
  });

  it('$top pages with @odata.nextLink: following the links as given yields every position once, in order', async () => {
    for (let index = 1; index <= 9; index += 1) seedPosition(emulator, ids.lee, `Extra ${index}`);
    const all = (await list('/me/profile/positions', 'lee', READ)).value;
    expect(all).toHaveLength(10);
    const { pages, links } = await followPages(
      emulator,
      'lee',
      READ,
      '/me/profile/positions?$top=3',
    );
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
    expect(links).toHaveLength(3);
    for (const link of links)
      expect(link.startsWith(`${emulator.baseUrl}/me/profile/positions?`)).toBe(true);
    expect(pages.flat()).toEqual(all);
    expect(new Set(pages.flat().map((position) => position.id)).size).toBe(10);
  });

  it('nextLink keeps $filter, $orderby and $select, under /users/{upn} too', async () => {
    for (let index = 1; index <= 6; index += 1)
      seedPosition(emulator, ids.lee, `Extra ${index}`, { isCurrent: index % 2 === 0 });
    const query = `$filter=${q('isCurrent eq true')}&$orderby=${q('detail/jobTitle desc')}&$select=detail&$top=2`;
    const expected = (
      await list(
        `/users/${UPN.lee}/profile/positions?$filter=${q('isCurrent eq true')}&$orderby=${q('detail/jobTitle desc')}&$select=detail`,
        'megan',
      )
    ).value;
    expect(titles(expected)).toEqual(['Extra 6', 'Extra 4', 'Extra 2', 'Director']);
    const { pages } = await followPages(
      emulator,
      'megan',
      READ_ALL,
      `/users/${UPN.lee}/profile/positions?${query}`,
    );
    expect(pages.map((page) => page.length)).toEqual([2, 2]);
    expect(pages.flat()).toEqual(expected);
  });

  it('without $top, the server pages at its own size and nextLink reaches every position', async () => {
    for (let index = 1; index <= 129; index += 1)
      seedPosition(emulator, ids.isaiah, `Bulk ${String(index).padStart(3, '0')}`);
    const expectedIds = store(emulator)
      .list(ids.isaiah)
      .map((position) => position.body.id);
    expect(expectedIds).toHaveLength(130);
    const { pages, links } = await followPages(emulator, 'isaiah', READ, '/me/profile/positions');
    expect(pages.map((page) => page.length)).toEqual([100, 30]);
    expect(links).toHaveLength(1);
    expect(pages.flat().map((position) => position.id)).toEqual(expectedIds);
  });

  it('GET a position by id, under /me and under /users/{upn}', async () => {
    const [first] = (await list('/me/profile/positions', 'adele', READ)).value;
    const response = await emulator.call('adele', READ, `/me/profile/positions/${first.id}`);
    expect(response.status).toBe(200);
    const body = await jsonOf(response);
    expect(body['@odata.context']).toBe(
      `${emulator.baseUrl}/$metadata#users('${ids.adele}')/profile/positions/$entity`,
    );
    expect(response.headers.get('etag')).toBeNull();
    const { '@odata.context': _context, ...entity } = body;
    expect(entity).toEqual(first);
    expect(Object.keys(body).sort()).toEqual(ENTITY_KEYS);
    const viaUpn = await jsonOf(
      await emulator.call('diego', READ_ALL, `/users/${UPN.adele}/profile/positions/${first.id}`),
    );
    expect(viaUpn).toEqual(body);
    const upperId = await emulator.call(
      'adele',
      READ,
      `/me/profile/positions/${first.id.toUpperCase()}`,
    );
    expect((await jsonOf(upperId)).id).toBe(first.id);
  });

  it('GET a position with $select', async () => {
    const [first] = (await list('/me/profile/positions', 'adele', READ)).value;
    const body = await jsonOf(
      await emulator.call('adele', READ, `/me/profile/positions/${first.id}?$select=categories`),
    );
    const { '@odata.context': context, ...rest } = body;
    expect(context).toBe(
      `${emulator.baseUrl}/$metadata#users('${ids.adele}')/profile/positions(categories)/$entity`,
    );
    expect(rest).toEqual({ id: first.id, categories: first.categories });
  });

  it('POST creates: 201, Location resolving to the object, the whole object with server-set properties', async () => {
    const before = Date.now();
    const response = await emulator.call('adele', WRITE, '/me/profile/positions', {
      method: 'POST',
      json: {
        detail: {
          jobTitle: 'Quality Lead',
          startMonthYear: '2024-02-01',
          company: { displayName: 'Northwind' },
        },
        isCurrent: true,
        categories: ['quality'],
      },
      headers: { 'client-request-id': 'create-1' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('request-id')).toMatch(UUID);
    expect(response.headers.get('client-request-id')).toBe('create-1');
    const created = await positionOf(response);
    expect(Object.keys(created).sort()).toEqual(ENTITY_KEYS);
    expect(created.id).toMatch(UUID);
    expect(response.headers.get('etag')).toBeNull();
    expect(created['@odata.context']).toBe(
      `${emulator.baseUrl}/$metadata#users('${ids.adele}')/profile/positions/$entity`,
    );
    const identity = {
      user: { id: ids.adele, displayName: 'Adele Vance' },
      application: { id: 'profile-editor-local', displayName: 'Profile Editor' },
      device: null,
    };
    expect(created.createdBy).toEqual(identity);
    expect(created.lastModifiedBy).toEqual(identity);
    // Seven fractional digits, as in Microsoft's examples ("2020-07-06T06:34:12.2294868Z").
    expect(created.createdDateTime).toMatch(GRAPH_TIMESTAMP);
    expect(Date.parse(created.createdDateTime)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(created.createdDateTime)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(created.lastModifiedDateTime).toBe(created.createdDateTime);
    // As in Microsoft's example for "Create workPosition": no source given, none stored;
    // no audience given, visible to the organization; a collection never given is null.
    expect(created.source).toBeNull();
    expect(created.allowedAudiences).toBe('organization');
    expect(created).toMatchObject({
      isCurrent: true,
      categories: ['quality'],
      colleagues: null,
      manager: null,
      inference: null,
      isSearchable: null,
    });
    expect(Object.keys(created.detail).sort()).toEqual(DETAIL_KEYS);
    expect(created.detail).toMatchObject({
      jobTitle: 'Quality Lead',
      startMonthYear: '2024-02-01',
      endMonthYear: null,
      summary: null,
    });
    expect(created.detail.company).toMatchObject({
      displayName: 'Northwind',
      department: null,
      address: null,
    });

    const location = response.headers.get('location')!;
    expect(location).toBe(`${emulator.baseUrl}/users/${ids.adele}/profile/positions/${created.id}`);
    const resolved = await fetch(location, {
      headers: { Authorization: `Bearer ${await emulator.token('adele', READ)}` },
    });
    expect(resolved.status).toBe(200);
    expect(await jsonOf(resolved)).toEqual(created);
    expect(titles((await list('/me/profile/positions', 'adele', READ)).value)).toEqual([
      ...DEFAULT_ORDER,
      'Quality Lead',
    ]);
  });

  it('POST under /users/{upn} by an administrator stores it for that user and names the administrator', async () => {
    const response = await emulator.call(
      'diego',
      WRITE_ALL,
      `/users/${UPN.lee}/profile/positions`,
      { method: 'POST', json: { detail: { jobTitle: 'Advisor' } } },
    );
    expect(response.status).toBe(201);
    const created = await positionOf(response);
    expect(created.createdBy.user).toEqual({ id: ids.diego, displayName: 'Diego Siciliani' });
    expect(store(emulator).get(ids.lee, created.id)).toBeDefined();
    expect(store(emulator).get(ids.diego, created.id)).toBeUndefined();
    const resolved = await fetch(response.headers.get('location')!, {
      headers: { Authorization: `Bearer ${await emulator.token('lee', READ)}` },
    });
    expect((await jsonOf(resolved)).id).toBe(created.id);
  });

  it('PATCH returns 200 with the whole updated object, which GET then returns', async () => {
    const [first] = (await list('/me/profile/positions', 'adele', READ)).value;
    const response = await emulator.call('adele', WRITE, `/me/profile/positions/${first.id}`, {
      method: 'PATCH',
      json: { categories: ['audit', 'finance'] },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(UUID);
    const updated = await jsonOf(response);
    expect(Object.keys(updated).sort()).toEqual(ENTITY_KEYS);
    expect(updated.categories).toEqual(['audit', 'finance']);
    expect(updated.detail).toEqual(first.detail);
    expect(response.headers.get('etag')).toBeNull();
    const fetched = await jsonOf(
      await emulator.call('adele', READ, `/me/profile/positions/${first.id}`),
    );
    expect(fetched).toEqual(updated);
  });

  it('PATCH under /users/{upn} by an administrator', async () => {
    const target = store(emulator).list(ids.alex)[0];
    const response = await emulator.call(
      'megan',
      WRITE_ALL,
      `/users/${UPN.alex.toUpperCase()}/profile/positions/${target.body.id}`,
      { method: 'PATCH', json: { isSearchable: true } },
    );
    expect(response.status).toBe(200);
    expect((await positionOf(response)).lastModifiedBy.user).toEqual({
      id: ids.megan,
      displayName: 'Megan Bowen',
    });
    expect(store(emulator).get(ids.alex, target.body.id)!.body.isSearchable).toBe(true);
  });

  it('DELETE: 204 with no body, then GET, PATCH and DELETE are 404 itemNotFound', async () => {
    const [first, ...rest] = (await list('/me/profile/positions', 'adele', READ)).value;
    const response = await emulator.call('adele', WRITE, `/me/profile/positions/${first.id}`, {
      method: 'DELETE',
      headers: { 'client-request-id': 'delete-1' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('request-id')).toMatch(UUID);
    expect(response.headers.get('client-request-id')).toBe('delete-1');
    expect(await response.text()).toBe('');
    await expectGraphError(
      await emulator.call('adele', READ, `/me/profile/positions/${first.id}`),
      404,
      'itemNotFound',
      { mentions: [first.id] },
    );
    await expectGraphError(
      await emulator.call('adele', WRITE, `/me/profile/positions/${first.id}`, {
        method: 'PATCH',
        json: { isCurrent: false },
      }),
      404,
      'itemNotFound',
    );
    await expectGraphError(
      await emulator.call('adele', WRITE, `/me/profile/positions/${first.id}`, {
        method: 'DELETE',
      }),
      404,
      'itemNotFound',
    );
    expect((await list('/me/profile/positions', 'adele', READ)).value).toEqual(rest);
  });

  it('DELETE under /users/{id} by an administrator', async () => {
    const target = store(emulator).list(ids.isaiah)[0];
    const response = await emulator.call(
      'diego',
      WRITE_ALL,
      `/users/${ids.isaiah}/profile/positions/${target.body.id}`,
      { method: 'DELETE' },
    );
    expect(response.status).toBe(204);
    expect(store(emulator).list(ids.isaiah)).toEqual([]);
  });

  it('every response, success or error, has a request-id and echoes client-request-id', async () => {
    // The 412 needs our strict etag mode; the reset before the next test undoes it.
    expect((await emulator.control('/settings', { etags: 'strict' })).status).toBe(200);
    const [first] = store(emulator).list(ids.adele);
    const cases: [string, () => Promise<Response>, number][] = [
      [
        'GET /me',
        () => emulator.call('adele', READ, '/me', { headers: { 'client-request-id': 'c-1' } }),
        200,
      ],
      [
        'GET list',
        () =>
          emulator.call('adele', READ, '/me/profile/positions', {
            headers: { 'client-request-id': 'c-2' },
          }),
        200,
      ],
      [
        'POST',
        () =>
          emulator.call('adele', WRITE, '/me/profile/positions', {
            method: 'POST',
            json: { detail: { jobTitle: 'x' } },
            headers: { 'client-request-id': 'c-3' },
          }),
        201,
      ],
      [
        'PATCH',
        () =>
          emulator.call('adele', WRITE, `/me/profile/positions/${first.body.id}`, {
            method: 'PATCH',
            json: { isSearchable: false },
            headers: { 'client-request-id': 'c-4' },
          }),
        200,
      ],
      [
        '400',
        () =>
          emulator.call('adele', WRITE, '/me/profile/positions', {
            method: 'POST',
            json: { nope: 1 },
            headers: { 'client-request-id': 'c-5' },
          }),
        400,
      ],
      [
        '401',
        () => emulator.call(null, [], '/me', { headers: { 'client-request-id': 'c-6' } }),
        401,
      ],
      [
        '403',
        () => emulator.call('adele', READ, '/users', { headers: { 'client-request-id': 'c-7' } }),
        403,
      ],
      [
        '404',
        () =>
          emulator.call('adele', READ, '/me/profile/positions/nope', {
            headers: { 'client-request-id': 'c-8' },
          }),
        404,
      ],
      [
        '405',
        () =>
          emulator.call('adele', READ, '/me', {
            method: 'POST',
            headers: { 'client-request-id': 'c-9' },
          }),
        405,
      ],
      [
        '412',
        () =>
          emulator.call('adele', WRITE, `/me/profile/positions/${first.body.id}`, {
            method: 'PATCH',
            json: { isSearchable: true },
            headers: { 'client-request-id': 'c-10', 'If-Match': 'W/"stale"' },
          }),
        412,
      ],
      [
        'DELETE',
        () =>
          emulator.call('adele', WRITE, `/me/profile/positions/${first.body.id}`, {
            method: 'DELETE',
            headers: { 'client-request-id': 'c-11' },
          }),
        204,
      ],
    ];
    const requestIds = new Set<string>();
    for (const [index, [name, send, status]] of cases.entries()) {
      const response = await send();
      expect(response.status, name).toBe(status);
      const requestId = response.headers.get('request-id');
      expect(requestId, name).toMatch(UUID);
      requestIds.add(requestId!);
      expect(response.headers.get('client-request-id'), name).toBe(`c-${index + 1}`);
      expect(response.headers.get('access-control-expose-headers'), name).toContain('request-id');
      if (status >= 400)
        await expectGraphError(response, status, null, {
          clientRequestId: `c-${index + 1}`,
        });
      else await response.arrayBuffer();
    }
    expect(requestIds.size).toBe(cases.length);
  });

  it('without client-request-id, the response still carries request-id and a client-request-id', async () => {
    const response = await emulator.call('adele', READ, '/me');
    expect(response.headers.get('request-id')).toMatch(UUID);
    expect(response.headers.get('client-request-id')).toBeTruthy();
  });

  it('POST /_emulator/reset puts the demo data back', async () => {
    await emulator.call('adele', WRITE, '/me/profile/positions', {
      method: 'POST',
      json: { detail: { jobTitle: 'Temporary' } },
    });
    expect(snapshot(emulator, ids.adele)).toHaveLength(5);
    expect((await emulator.control('/reset')).status).toBe(204);
    expect(titles((await list('/me/profile/positions', 'adele', READ)).value)).toEqual(
      DEFAULT_ORDER,
    );
  });
});
