import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../emulator/store/database.js';
import { DEMO_ORG_CONTACTS, DEMO_USERS } from '../../emulator/store/demo-directory.js';
import { DirectoryStore, type DirectoryUser } from '../../emulator/store/directory-store.js';
import {
  directoryScaleFromEnv,
  ensureGeneratedDirectory,
  generateDirectory,
  type GeneratedDirectory,
} from '../../emulator/store/generated-directory.js';
import { ensureSeeded } from '../../emulator/store/seed.js';
import { startEmulator, type EmulatorHarness } from './harness';
import { expectGraphError, ids } from './helpers';

/**
 * The generated directory (EMULATOR_DIRECTORY_SIZE) and the directory queries Graph
 * answers over it: `$filter`, `$count`, `$top`, `$orderby`, `$search` and
 * `@odata.nextLink` paging, and direct reports that include organisational contacts.
 * A small directory here; 10,000 people are for the benchmark (one seeding-time check).
 */

const SCALE = { size: 200, seed: 7 };
console.info(`directory-scale: generated directory of ${SCALE.size} people, seed ${SCALE.seed}`);
const TOTAL = SCALE.size + DEMO_USERS.length;

let emulator: EmulatorHarness;
let generated: GeneratedDirectory;
beforeAll(async () => {
  emulator = await startEmulator({ directory: SCALE });
  generated = generateDirectory(SCALE);
});
afterAll(async () => {
  await emulator.close();
});

const READ_ALL = ['User.Read.All'];
const EVENTUAL = { ConsistencyLevel: 'eventual' };
const q = encodeURIComponent;

type Entry = Record<string, unknown> & { id: string; displayName: string };
interface Collection {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: Entry[];
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Collection> {
  const response = await emulator.call('diego', READ_ALL, path, { headers });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as Collection;
}

/** Follows `@odata.nextLink` as given, sending the same headers each time. */
async function everyPage(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ pages: Collection[]; all: Entry[] }> {
  const pages = [await get(path, headers)];
  for (
    let link = pages[0]['@odata.nextLink'];
    link;
    link = pages[pages.length - 1]['@odata.nextLink']
  ) {
    expect(link.startsWith(emulator.baseUrl)).toBe(true);
    expect(link).toContain('%24skiptoken=');
    expect(link).not.toMatch(/[?&]%24skip=/);
    pages.push(await get(link.slice(emulator.baseUrl.length), headers));
    if (pages.length > 100) throw new Error('nextLink paging does not end');
  }
  return { pages, all: pages.flatMap((page) => page.value) };
}

/** Everyone, generated and demo, as the emulator stores them. */
const everyone = (): DirectoryUser[] =>
  new DirectoryStore(emulator.stack.db).all().map((record) => record.user);
const sortedNames = (users: { displayName: string }[]) =>
  users.map((user) => user.displayName).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('the generated directory', () => {
  it('is the same for the same size and seed, and another for another seed', () => {
    expect(generateDirectory(SCALE)).toEqual(generated);
    const other = generateDirectory({ ...SCALE, seed: SCALE.seed + 1 });
    expect(other.people[0].user.id).not.toBe(generated.people[0].user.id);
  });

  it('has one management tree, 1 to 5 positions each with the first current, and contacts', () => {
    const { people, contacts } = generated;
    expect(people).toHaveLength(SCALE.size);
    const index = new Map(people.map((person, i) => [person.user.id, i]));
    expect(people[0].managerId).toBeNull();
    for (const [i, person] of people.entries()) {
      if (i > 0) expect(index.get(person.managerId ?? '')).toBeLessThan(i);
      expect(person.positions.length).toBeGreaterThanOrEqual(1);
      expect(person.positions.length).toBeLessThanOrEqual(5);
      expect(person.positions.map((position) => position.body.isCurrent)).toEqual(
        person.positions.map((_, n) => n === 0),
      );
    }
    expect(new Set(people.map((person) => person.user.userPrincipalName)).size).toBe(SCALE.size);
    expect(new Set(people.map((person) => person.user.department)).size).toBeGreaterThan(8);
    expect(contacts.length).toBeGreaterThanOrEqual(1);
    for (const contact of contacts) expect(index.has(contact.managerId ?? '')).toBe(true);
  });

  it('holds every kind of untidy data real tenants do', () => {
    const positions = generated.people.flatMap((person) => person.positions.map((p) => p.body));
    const detail = (body: Record<string, unknown>) =>
      body.detail as {
        startMonthYear: string | null;
        endMonthYear: string | null;
        company: { displayName: string | null; webUrl: string | null };
      };
    const some = (test: (body: Record<string, unknown>) => boolean) => positions.some(test);
    expect(some((body) => detail(body).company.displayName === '')).toBe(true);
    expect(some((body) => detail(body).startMonthYear === '0001-01-01')).toBe(true);
    expect(some((body) => detail(body).endMonthYear === '0001-01-01')).toBe(true);
    expect(some((body) => body.categories === null && body.colleagues === null)).toBe(true);
    expect(some((body) => body.allowedAudiences === 'organization,federatedOrganizations')).toBe(
      true,
    );
    expect(some((body) => body.allowedAudiences === 'unknownFutureValue')).toBe(true);
    expect(some((body) => body.source === null)).toBe(true);
    for (const origin of ['AAD', 'UPA'])
      expect(
        some(
          (body) =>
            (body.createdBy as { application: { displayName: string } }).application.displayName ===
            origin,
        ),
      ).toBe(true);
    expect(some((body) => detail(body).company.webUrl === 'contoso.com')).toBe(true);
    expect(some((body) => body.lastModifiedDateTime === '0001-01-01T00:00:00Z')).toBe(true);
    const users = generated.people.map((person) => person.user);
    expect(users.some((user) => user.companyName === '')).toBe(true);
    expect(users.some((user) => user.companyName === null)).toBe(true);
    expect(users.some((user) => user.jobTitle === null)).toBe(true);
  });

  it('is stored beside the demo directory, whose people are unchanged; generated people cannot sign in', () => {
    const directory = new DirectoryStore(emulator.stack.db);
    expect(directory.count()).toBe(TOTAL);
    for (const demo of DEMO_USERS)
      expect(directory.verifyPassword(demo.userPrincipalName, 'Passw0rd!').ok).toBe(true);
    const { userPrincipalName } = generated.people[5].user;
    for (const password of ['', 'Passw0rd!'])
      expect(directory.verifyPassword(userPrincipalName, password)).toEqual({
        ok: false,
        reason: 'wrongPassword',
      });
  });

  it('survives POST /_emulator/reset, back as generated', async () => {
    const person = generated.people[3];
    const target = person.positions[0];
    const patch = await emulator.call(
      'diego',
      ['User.ReadWrite.All'],
      `/users/${person.user.id}/profile/positions/${target.id}`,
      { method: 'PATCH', json: { categories: ['edited before the reset'] } },
    );
    expect(patch.status).toBe(200);
    expect((await emulator.control('/reset')).status).toBe(204);
    expect(new DirectoryStore(emulator.stack.db).count()).toBe(TOTAL);
    const list = await get(`/users/${person.user.id}/profile/positions`);
    expect(list.value.map((position) => position.id).sort()).toEqual(
      person.positions.map((p) => p.id).sort(),
    );
    expect(list.value.find((position) => position.id === target.id)?.categories).toEqual(
      target.body.categories,
    );
  });

  it('a new size or seed replaces the generated people and leaves the demo ones', () => {
    const db = openDatabase({ kind: 'memory' });
    try {
      ensureSeeded(db);
      const directory = new DirectoryStore(db);
      expect(ensureGeneratedDirectory(db, { size: 30, seed: 1 }).seededInMs).not.toBeNull();
      expect(directory.count()).toBe(30 + DEMO_USERS.length);
      expect(ensureGeneratedDirectory(db, { size: 30, seed: 1 }).seededInMs).toBeNull();
      ensureGeneratedDirectory(db, { size: 12, seed: 2 });
      expect(directory.count()).toBe(12 + DEMO_USERS.length);
      ensureGeneratedDirectory(db, { size: 0, seed: 2 });
      expect(directory.count()).toBe(DEMO_USERS.length);
      expect((db.prepare('SELECT COUNT(*) AS n FROM positions').get() as { n: number }).n).toBe(
        DEMO_USERS.reduce((sum, user) => sum + user.positions.length, 0),
      );
      expect((db.prepare('SELECT COUNT(*) AS n FROM org_contacts').get() as { n: number }).n).toBe(
        0,
      );
    } finally {
      db.close();
    }
  });

  // How fast 10,000 people are seeded is the benchmark's to measure, not a test's.
  it('seeds the requested number of people, every one with one to five positions', () => {
    const db = openDatabase({ kind: 'memory' });
    try {
      ensureSeeded(db);
      ensureGeneratedDirectory(db, { size: 1_000, seed: 1 });
      expect(new DirectoryStore(db).count()).toBe(1_000 + DEMO_USERS.length);
      const perPerson = db
        .prepare(
          'SELECT MIN(n) AS least, MAX(n) AS most FROM (SELECT COUNT(*) AS n FROM positions GROUP BY user_id)',
        )
        .get() as { least: number; most: number };
      expect(perPerson.least).toBeGreaterThanOrEqual(1);
      expect(perPerson.most).toBeLessThanOrEqual(5);
    } finally {
      db.close();
    }
  });

  it('reads its settings from EMULATOR_DIRECTORY_SIZE and EMULATOR_DIRECTORY_SEED', () => {
    expect(directoryScaleFromEnv({})).toEqual({ size: 0, seed: 1 });
    expect(
      directoryScaleFromEnv({ EMULATOR_DIRECTORY_SIZE: '10000', EMULATOR_DIRECTORY_SEED: '42' }),
    ).toEqual({ size: 10_000, seed: 42 });
    expect(() => directoryScaleFromEnv({ EMULATOR_DIRECTORY_SIZE: 'many' })).toThrow(
      /EMULATOR_DIRECTORY_SIZE/,
    );
    expect(() => directoryScaleFromEnv({ EMULATOR_DIRECTORY_SIZE: '-1' })).toThrow(
      /EMULATOR_DIRECTORY_SIZE/,
    );
    expect(() => directoryScaleFromEnv({ EMULATOR_DIRECTORY_SEED: '1.5' })).toThrow(
      /EMULATOR_DIRECTORY_SEED/,
    );
  });
});

describe('GET /users paging', () => {
  it('answers 100 at a time by default and pages through everyone with @odata.nextLink', async () => {
    const { pages, all } = await everyPage('/users');
    expect(pages[0].value).toHaveLength(100);
    expect(pages.length).toBe(Math.ceil(TOTAL / 100));
    expect(all).toHaveLength(TOTAL);
    expect(new Set(all.map((user) => user.id)).size).toBe(TOTAL);
    expect(all.map((user) => user.displayName)).toEqual(sortedNames(everyone()));
  });

  it('$top sets the page size, up to 999', async () => {
    const { pages, all } = await everyPage('/users?$top=37&$select=id,displayName');
    expect(pages.slice(0, -1).every((page) => page.value.length === 37)).toBe(true);
    expect(all).toHaveLength(TOTAL);
    expect(Object.keys(all[0]).sort()).toEqual(['@odata.type', 'displayName', 'id']);
    expect((await get('/users?$top=999')).value).toHaveLength(TOTAL);
    await expectGraphError(
      await emulator.call('diego', READ_ALL, '/users?$top=1000'),
      400,
      'BadRequest',
      { mentions: ['$top'] },
    );
  });

  it('a $skiptoken the emulator did not give is 400', async () => {
    for (const token of [
      'abc',
      'RFNwdAnotbase64',
      'RFNwdA' + Buffer.from('{"offset":-3}').toString('base64url'),
    ])
      await expectGraphError(
        await emulator.call('diego', READ_ALL, `/users?$skiptoken=${q(token)}`),
        400,
        'BadRequest',
        { mentions: ['$skiptoken'] },
      );
  });

  it('$skip is not a directory option', async () => {
    await expectGraphError(
      await emulator.call('diego', READ_ALL, '/users?$skip=10'),
      400,
      'BadRequest',
      {
        mentions: ['$skip'],
      },
    );
  });

  it('$search pages too, with its ConsistencyLevel header sent on every page', async () => {
    const term = generated.people[0].user.givenName ?? '';
    const { pages, all } = await everyPage(
      `/users?$search=${q(`"displayName:${term}"`)}&$top=2`,
      EVENTUAL,
    );
    const expected = everyone().filter((user) =>
      user.displayName
        .toLowerCase()
        .split(/\s+/)
        .some((word) => word.startsWith(term.toLowerCase())),
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(pages.length).toBe(Math.ceil(expected.length / 2));
    expect(sortedNames(all)).toEqual(sortedNames(expected));
  });
});

describe('GET /users?$filter on department, company and job title', () => {
  const matching = (test: (user: DirectoryUser) => boolean) => sortedNames(everyone().filter(test));
  const names = async (query: string, headers: Record<string, string> = {}) =>
    sortedNames((await everyPage(`/users?${query}`, headers)).all);

  it("department eq 'Sales' (default query, any letter case)", async () => {
    const expected = matching((user) => user.department === 'Sales');
    expect(expected.length).toBeGreaterThan(5);
    expect(await names(`$filter=${q("department eq 'Sales'")}`)).toEqual(expected);
    expect(await names(`$filter=${q("department eq 'sALES'")}`)).toEqual(expected);
  });

  it("startswith(department,'Res') and startswith(jobTitle,'Senior')", async () => {
    expect(await names(`$filter=${q("startswith(department,'Res')")}`)).toEqual(
      matching((user) => user.department === 'Research & Development'),
    );
    const seniors = matching((user) => user.jobTitle?.startsWith('Senior') ?? false);
    expect(seniors.length).toBeGreaterThan(0);
    expect(await names(`$filter=${q("startswith(jobTitle,'senior')")}`)).toEqual(seniors);
  });

  it("jobTitle eq, joined with 'and' and 'or'", async () => {
    const title = generated.people.find((person) => person.user.jobTitle?.startsWith('Senior'))!
      .user.jobTitle!;
    expect(await names(`$filter=${q(`jobTitle eq '${title}'`)}`)).toEqual(
      matching((user) => user.jobTitle === title),
    );
    expect(
      await names(`$filter=${q("department eq 'Sales' and startswith(jobTitle,'Senior')")}`),
    ).toEqual(
      matching(
        (user) => user.department === 'Sales' && (user.jobTitle?.startsWith('Senior') ?? false),
      ),
    );
    expect(
      await names(
        `$filter=${q("department eq 'Legal' or department eq 'HR' and jobTitle eq 'Recruiter'")}`,
      ),
    ).toEqual(
      matching(
        (user) =>
          user.department === 'Legal' ||
          (user.department === 'HR' && user.jobTitle === 'Recruiter'),
      ),
    );
  });

  it('companyName needs an advanced query: ConsistencyLevel: eventual and $count=true', async () => {
    const filter = `$filter=${q("companyName eq 'Fabrikam, Inc.'")}`;
    for (const [query, headers] of [
      [filter, {}],
      [filter, EVENTUAL],
      [`${filter}&$count=true`, {}],
    ] as const) {
      const response = await emulator.call('diego', READ_ALL, `/users?${query}`, { headers });
      await expectGraphError(response, 400, 'Request_UnsupportedQuery', {
        mentions: ['companyName', 'ConsistencyLevel: eventual', '$count=true'],
      });
    }
    const expected = matching((user) => user.companyName === 'Fabrikam, Inc.');
    expect(expected.length).toBeGreaterThan(0);
    const { pages, all } = await everyPage(
      `/users?${filter}&$count=true&$top=3&$select=id,displayName,companyName`,
      EVENTUAL,
    );
    expect(sortedNames(all)).toEqual(expected);
    for (const page of pages) expect(page['@odata.count']).toBe(expected.length);
    for (const user of all) expect(user.companyName).toBe('Fabrikam, Inc.');
  });

  it("an empty companyName is a value of its own; 'eq null' and 'ne' are advanced", async () => {
    const advanced = (filter: string) => `$filter=${q(filter)}&$count=true`;
    expect(await names(advanced("companyName eq ''"), EVENTUAL)).toEqual(
      matching((user) => user.companyName === ''),
    );
    expect(await names(advanced('companyName eq null'), EVENTUAL)).toEqual(
      matching((user) => user.companyName === null || user.companyName === undefined),
    );
    expect(await names(advanced("department ne 'Sales'"), EVENTUAL)).toEqual(
      matching((user) => user.department !== 'Sales'),
    );
    for (const filter of ["department ne 'Sales'", 'department eq null'])
      await expectGraphError(
        await emulator.call('diego', READ_ALL, `/users?$filter=${q(filter)}`),
        400,
        'Request_UnsupportedQuery',
      );
  });

  it('$filter with $orderby needs an advanced query', async () => {
    const filter = `$filter=${q("department eq 'Sales'")}&$orderby=displayName`;
    await expectGraphError(
      await emulator.call('diego', READ_ALL, `/users?${filter}`),
      400,
      'Request_UnsupportedQuery',
      { mentions: ['$orderby'] },
    );
    expect(await names(`${filter}&$count=true`, EVENTUAL)).toEqual(
      matching((user) => user.department === 'Sales'),
    );
  });

  it('$count=true without ConsistencyLevel is ignored, as Graph documents; with it, counts everything', async () => {
    const ignored = await get('/users?$count=true&$top=5');
    expect(ignored).not.toHaveProperty('@odata.count');
    const counted = await get('/users?$count=true&$top=5', EVENTUAL);
    expect(counted['@odata.count']).toBe(TOTAL);
    expect(counted.value).toHaveLength(5);
    await expectGraphError(
      await emulator.call('diego', READ_ALL, '/users?$count=yes'),
      400,
      'BadRequest',
      { mentions: ['$count'] },
    );
  });

  it('companyName is returned only when selected', async () => {
    const [first] = (await get('/users?$top=1')).value;
    expect(first).not.toHaveProperty('companyName');
    const [selected] = (await get('/users?$top=1&$select=displayName,companyName')).value;
    expect(selected).toHaveProperty('companyName');
  });

  it.each([
    ["department gt 'A'", 'Unsupported'],
    ["(department eq 'Sales')", 'Unsupported'],
    ["not(department eq 'Sales')", 'Unsupported'],
    ["salary eq '1'", "'salary'"],
    ['department eq Sales', 'Unsupported'],
  ])('$filter=%s is 400 naming the problem', async (filter, mention) => {
    await expectGraphError(
      await emulator.call('diego', READ_ALL, `/users?$filter=${q(filter)}`),
      400,
      'BadRequest',
      { mentions: [mention] },
    );
  });
});

describe('direct reports: directoryObjects, paged', () => {
  const managerWithContact = () => {
    const { managerId } = generated.contacts[0];
    return generated.people.find((person) => person.user.id === managerId)!;
  };

  it("a generated manager's reports: users and an organisational contact, page by page", async () => {
    const manager = managerWithContact();
    const reports = generated.people.filter((person) => person.managerId === manager.user.id);
    const contacts = generated.contacts.filter((contact) => contact.managerId === manager.user.id);
    const { pages, all } = await everyPage(`/users/${manager.user.id}/directReports?$top=2`);
    expect(pages.length).toBe(Math.ceil((reports.length + contacts.length) / 2));
    expect(all.map((entry) => entry.id).sort()).toEqual(
      [...reports.map((person) => person.user.id), ...contacts.map((c) => c.contact.id)].sort(),
    );
    const types = new Map(all.map((entry) => [entry.id, entry['@odata.type']]));
    for (const person of reports) expect(types.get(person.user.id)).toBe('#microsoft.graph.user');
    for (const { contact } of contacts)
      expect(types.get(contact.id)).toBe('#microsoft.graph.orgContact');
    expect(pages[0]['@odata.context']).toMatch(/\$metadata#directoryObjects$/);
  });

  it("/me/directReports pages the same way: Megan's three, one at a time", async () => {
    const response = await emulator.call('megan', READ_ALL, '/me/directReports?$top=1');
    const first = (await response.json()) as Collection;
    expect(first.value).toHaveLength(1);
    const seen = [...first.value];
    for (let link = first['@odata.nextLink']; link;) {
      const next = (await (
        await emulator.call('megan', READ_ALL, link.slice(emulator.baseUrl.length))
      ).json()) as Collection;
      seen.push(...next.value);
      link = next['@odata.nextLink'];
    }
    expect(seen.map((entry) => entry.id).sort()).toEqual(
      [ids.adele, ids.alex, DEMO_ORG_CONTACTS[0].id].sort(),
    );
  });

  it('$select on directoryObjects: a contact has no userPrincipalName, and $count counts both kinds', async () => {
    const body = (await (
      await emulator.call(
        'megan',
        READ_ALL,
        '/me/directReports?$select=displayName,userPrincipalName,companyName&$count=true',
        { headers: EVENTUAL },
      )
    ).json()) as Collection;
    expect(body['@odata.count']).toBe(3);
    const contact = body.value.find(
      (entry) => entry['@odata.type'] === '#microsoft.graph.orgContact',
    )!;
    expect(contact).toEqual({
      '@odata.type': '#microsoft.graph.orgContact',
      id: DEMO_ORG_CONTACTS[0].id,
      displayName: DEMO_ORG_CONTACTS[0].displayName,
      companyName: DEMO_ORG_CONTACTS[0].companyName,
    });
    const adele = body.value.find((entry) => entry.id === ids.adele)!;
    expect(adele).toEqual({
      '@odata.type': '#microsoft.graph.user',
      id: ids.adele,
      displayName: 'Adele Vance',
      userPrincipalName: 'adele@contoso.com',
      companyName: null,
    });
  });

  it('an organisational contact is not a user: no /users/{id}, no profile', async () => {
    const { id } = DEMO_ORG_CONTACTS[0];
    await expectGraphError(
      await emulator.call('diego', READ_ALL, `/users/${id}`),
      404,
      'itemNotFound',
    );
    await expectGraphError(
      await emulator.call('diego', READ_ALL, `/users/${id}/profile/positions`),
      404,
      'itemNotFound',
    );
  });
});
