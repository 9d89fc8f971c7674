import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { behaviourFromEnv } from '../../emulator/graph/behaviour.js';
import { graphTimestamp } from '../../emulator/model/timestamp.js';
import { NO_DATE } from '../../emulator/model/work-position.js';
import { NO_DATE_TIME } from '../../emulator/store/demo-directory.js';
import { startEmulator, type EmulatorHarness, type Persona } from './harness';
import { expectGraphError, GRAPH_TIMESTAMP, ids, snapshotAll, store, UPN } from './helpers';

/**
 * The emulator's default is the real service as Microsoft documents it and users report
 * it (graph-profile-api.md, "Concurrency" and "Data as real tenants hold it"); our stricter
 * options are named as ours.
 */

let emulator: EmulatorHarness;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  expect((await emulator.control('/reset')).status).toBe(204);
});

type Json = Record<string, unknown>;
const READ = ['User.Read'];
const WRITE = ['User.ReadWrite'];

async function json(response: Response): Promise<Json> {
  const text = await response.text();
  expect(response.status, text).toBeLessThan(300);
  return JSON.parse(text) as Json;
}

function storedByTitle(persona: Persona, jobTitle: string) {
  const position = store(emulator)
    .list(ids[persona])
    .find((candidate) => (candidate.body.detail as Json).jobTitle === jobTitle);
  if (!position) throw new Error(`${persona} has no seeded position '${jobTitle}'`);
  return { ...position, path: `/users/${ids[persona]}/profile/positions/${position.body.id}` };
}

const patch = (persona: Persona, scopes: string[], path: string, body: unknown) =>
  emulator.call(persona, scopes, path, { method: 'PATCH', json: body });

describe('etags: none by default, strict as our option', () => {
  it('GET /_emulator/settings starts as Graph: no etags', async () => {
    const response = await emulator.control('/settings', undefined, 'GET');
    expect(await response.json()).toEqual({ etags: 'none' });
  });

  it('POST /_emulator/settings {"etags":"strict"} turns etags and 412 on at once; reset turns them off', async () => {
    const { path, etag } = storedByTitle('adele', 'Auditor');
    const strict = await emulator.control('/settings', { etags: 'strict' });
    expect(await strict.json()).toEqual({ etags: 'strict' });
    const read = await emulator.call('adele', READ, path);
    expect(read.headers.get('etag')).toBe(etag);
    expect((await json(read))['@odata.etag']).toBe(etag);
    const list = await json(await emulator.call('adele', READ, '/me/profile/positions'));
    for (const position of list.value as Json[])
      expect(position['@odata.etag']).toMatch(/^W\/".+"$/);
    expect((await patch('adele', WRITE, path, { isSearchable: true })).status).toBe(200);
    const stale = await emulator.call('adele', WRITE, path, {
      method: 'PATCH',
      json: { isSearchable: false },
      headers: { 'If-Match': etag },
    });
    await expectGraphError(stale, 412, 'preconditionFailed');

    expect((await emulator.control('/reset')).status).toBe(204);
    expect(await (await emulator.control('/settings', undefined, 'GET')).json()).toEqual({
      etags: 'none',
    });
    // A reset seeds afresh: new ids.
    const after = await emulator.call('adele', READ, storedByTitle('adele', 'Auditor').path);
    expect(after.headers.get('etag')).toBeNull();
    expect(await json(after)).not.toHaveProperty('@odata.etag');
  });

  it.each([
    ['an unknown mode', { etags: 'loose' }, 'loose'],
    ['an unknown setting', { concurrency: 'strict' }, 'concurrency'],
    ['not an object', [], 'JSON object'],
    ['not JSON', '{"etags":', 'not valid JSON'],
  ])('refuses %s with 400 and changes nothing', async (_name, body, mention) => {
    await emulator.control('/settings', { etags: 'strict' });
    const response = await emulator.control('/settings', body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(mention);
    expect(await (await emulator.control('/settings', undefined, 'GET')).json()).toEqual({
      etags: 'strict',
    });
  });

  it('a run started with EMULATOR_ETAGS=strict stays strict across resets', async () => {
    expect(behaviourFromEnv({ EMULATOR_ETAGS: 'strict' })).toEqual({ etags: 'strict' });
    expect(behaviourFromEnv({ EMULATOR_ETAGS: ' ' })).toEqual({ etags: 'none' });
    expect(behaviourFromEnv({})).toEqual({ etags: 'none' });
    expect(() => behaviourFromEnv({ EMULATOR_ETAGS: 'yes' })).toThrow(/EMULATOR_ETAGS.*yes/);
    const strict = await startEmulator({
      behaviour: behaviourFromEnv({ EMULATOR_ETAGS: 'strict' }),
    });
    try {
      await strict.control('/settings', { etags: 'none' });
      expect((await strict.control('/reset')).status).toBe(204);
      const response = await strict.call('adele', READ, '/me/profile/positions');
      const body = (await response.json()) as { value: Json[] };
      expect(body.value[0]['@odata.etag']).toMatch(/^W\//);
    } finally {
      await strict.close();
    }
  });
});

describe('untidy data, as real tenants hold it', () => {
  it("Adele's position from the directory comes back exactly as stored", async () => {
    const { path } = storedByTitle('adele', 'Regional Retail Lead');
    const position = await json(await emulator.call('adele', READ, path));
    const fromTheDirectory = {
      user: null,
      application: { id: null, displayName: 'AAD' },
      device: null,
    };
    expect(position).toMatchObject({
      createdBy: fromTheDirectory,
      lastModifiedBy: fromTheDirectory,
      createdDateTime: NO_DATE_TIME,
      lastModifiedDateTime: NO_DATE_TIME,
      source: null,
      categories: null,
      colleagues: null,
      isCurrent: true,
      allowedAudiences: 'organization',
    });
    expect(position.detail).toMatchObject({
      jobTitle: 'Regional Retail Lead',
      startMonthYear: NO_DATE,
      endMonthYear: NO_DATE,
      company: { displayName: '', department: 'Retail', webUrl: 'contoso.com' },
    });
  });

  it('Adele keeps her three positions entered by herself, as Microsoft’s examples show them', async () => {
    const body = await json(await emulator.call('adele', READ, '/me/profile/positions'));
    const own = (body.value as Json[]).filter(
      (position) => position.source === null && (position.createdBy as Json).user !== null,
    );
    expect(own.map((position) => (position.detail as Json).jobTitle)).toEqual([
      'Auditor',
      'Retail Manager',
      'Sales Associate',
    ]);
    for (const position of own)
      expect(position.createdBy).toEqual({
        user: { id: ids.adele, displayName: 'Adele Vance' },
        application: null,
        device: null,
      });
  });

  it('others have a flags audience, an unknown one, and a position from SharePoint (UPA)', async () => {
    const megan = await json(await emulator.call('megan', READ, '/me/profile/positions'));
    const [manager, brand] = megan.value as Json[];
    expect(manager.allowedAudiences).toBe('organization,federatedOrganizations');
    expect(brand).toMatchObject({
      source: { type: ['UPA'] },
      createdBy: { user: null, application: { displayName: 'UPA' } },
    });
    const diego = await json(await emulator.call('diego', READ, '/me/profile/positions'));
    expect((diego.value as Json[])[0].allowedAudiences).toBe('unknownFutureValue');
  });
});

describe('writes are judged on what they send, not on the stored position', () => {
  it('a categories-only PATCH of the untidy position succeeds and leaves everything else as it was', async () => {
    const { path, body: before } = storedByTitle('adele', 'Regional Retail Lead');
    const updated = await json(await patch('adele', WRITE, path, { categories: ['retail'] }));
    expect(updated.categories).toEqual(['retail']);
    const { categories: _c, lastModifiedBy: _b, lastModifiedDateTime: _t, ...rest } = before;
    expect(updated).toMatchObject(rest);
    expect(updated.lastModifiedDateTime).toMatch(GRAPH_TIMESTAMP);
  });

  it.each([
    ['isCurrent', { isCurrent: false }],
    ['allowedAudiences', { allowedAudiences: 'everyone' }],
    ['a flags allowedAudiences', { allowedAudiences: 'organization,federatedOrganizations' }],
    ['manager', { manager: { displayName: 'Megan Bowen', relationship: 'manager' } }],
  ])('a PATCH of %s alone on the untidy position succeeds', async (_name, body) => {
    const { path } = storedByTitle('adele', 'Regional Retail Lead');
    const updated = await json(await patch('adele', WRITE, path, body));
    expect(updated).toMatchObject(body);
    expect(updated.detail).toMatchObject({ startMonthYear: NO_DATE, company: { displayName: '' } });
  });

  it('sending the untidy detail back unchanged (sentinel dates, empty company, schemeless web address) succeeds', async () => {
    const { path, body } = storedByTitle('adele', 'Regional Retail Lead');
    const updated = await json(
      await patch('adele', WRITE, path, { detail: body.detail, isCurrent: true }),
    );
    expect(updated.detail).toEqual(body.detail);
  });

  it('the sentinel counts as no date: a real start with a 0001-01-01 end is not "end before start"', async () => {
    const { path } = storedByTitle('adele', 'Auditor');
    const detail = { jobTitle: 'Auditor', startMonthYear: '2001-01-01', endMonthYear: NO_DATE };
    expect((await json(await patch('adele', WRITE, path, { detail }))).detail).toMatchObject(
      detail,
    );
  });

  it("a stored current position's end date and a stored ended position's isCurrent are not held against a write", async () => {
    const current = storedByTitle('adele', 'Auditor');
    const withEnd = {
      jobTitle: 'Auditor',
      startMonthYear: '2001-01-01',
      endMonthYear: '2005-01-01',
    };
    expect((await patch('adele', WRITE, current.path, { detail: withEnd })).status).toBe(200);
    const ended = storedByTitle('adele', 'Sales Associate');
    const updated = await json(await patch('adele', WRITE, ended.path, { isCurrent: true }));
    expect(updated).toMatchObject({ isCurrent: true, detail: { endMonthYear: '2000-12-01' } });
  });

  it('a PATCH that leaves an unknown audience alone keeps it', async () => {
    const { path } = storedByTitle('diego', 'HR Manager');
    const updated = await json(await patch('diego', WRITE, path, { categories: ['people', 'hr'] }));
    expect(updated.allowedAudiences).toBe('unknownFutureValue');
  });

  it('a flags audience may be written and reads back as sent', async () => {
    const created = await json(
      await emulator.call('lee', WRITE, '/me/profile/positions', {
        method: 'POST',
        json: {
          detail: { jobTitle: 'Visiting Researcher' },
          allowedAudiences: 'contacts,groupMembers,organization',
        },
      }),
    );
    expect(created.allowedAudiences).toBe('contacts,groupMembers,organization');
  });

  it('still refuses what the request itself gets wrong, and changes nothing', async () => {
    const { path } = storedByTitle('adele', 'Regional Retail Lead');
    const before = snapshotAll(emulator);
    await expectGraphError(
      await patch('adele', WRITE, path, {
        categories: ['ok'],
        allowedAudiences: 'unknownFutureValue',
      }),
      400,
      'invalidRequest',
      { mentions: ["'allowedAudiences'"] },
    );
    await expectGraphError(
      await patch('adele', WRITE, path, {
        detail: { jobTitle: 'x', startMonthYear: '2010-01-01', endMonthYear: '2009-01-01' },
      }),
      400,
      'invalidRequest',
      { mentions: ['before'] },
    );
    expect(snapshotAll(emulator)).toEqual(before);
  });
});

describe('documented details', () => {
  it('source may be set on create (profile-post-positions.md) and is returned as given', async () => {
    const created = await json(
      await emulator.call('adele', WRITE, '/me/profile/positions', {
        method: 'POST',
        json: { detail: { jobTitle: 'Imported' }, source: { type: ['LinkedIn'] } },
      }),
    );
    expect(created.source).toEqual({ type: ['LinkedIn'] });
    expect(store(emulator).get(ids.adele, created.id as string)!.body.source).toEqual({
      type: ['LinkedIn'],
    });
  });

  it('timestamps have seven fractional digits', () => {
    expect(graphTimestamp(1594017252229486800n)).toBe('2020-07-06T06:34:12.2294868Z');
    expect(graphTimestamp(1594017252000000000n)).toBe('2020-07-06T06:34:12.0000000Z');
    expect(graphTimestamp()).toMatch(GRAPH_TIMESTAMP);
  });

  describe('query options without the $ prefix (beta)', () => {
    const q = encodeURIComponent;

    it('select, top, skip, filter and orderby answer as their $ forms', async () => {
      const bare = `select=detail&top=2&skip=1&filter=${q('isCurrent eq true')}&orderby=${q('detail/jobTitle desc')}`;
      const prefixed = bare.replace(/(^|&)(\w+)=/g, '$1$$$2=');
      const withoutDollar = await json(
        await emulator.call('adele', READ, `/me/profile/positions?${bare}`),
      );
      const withDollar = await json(
        await emulator.call('adele', READ, `/me/profile/positions?${prefixed}`),
      );
      expect(withoutDollar).toEqual(withDollar);
      expect(
        (withoutDollar.value as Json[]).map((position) => (position.detail as Json).jobTitle),
      ).toEqual(['Regional Retail Lead', 'Auditor']);
      expect(withoutDollar['@odata.context']).toMatch(/positions\(detail\)$/);
    });

    it('the nextLink of a page asked for with top= leads on to the rest', async () => {
      const first = await json(await emulator.call('adele', READ, '/me/profile/positions?top=3'));
      const link = first['@odata.nextLink'] as string;
      expect(new URL(link).searchParams.get('$skip')).toBe('3');
      const rest = await fetch(link, {
        headers: { Authorization: `Bearer ${await emulator.token('adele', READ)}` },
      });
      const second = await json(rest);
      expect(second.value).toHaveLength(1);
      expect(second['@odata.nextLink']).toBeUndefined();
    });

    it('users too: select and top', async () => {
      const body = await json(
        await emulator.call('megan', ['User.Read.All'], '/users?select=displayName&top=1'),
      );
      expect(body.value).toEqual([
        { '@odata.type': '#microsoft.graph.user', id: ids.adele, displayName: 'Adele Vance' },
      ]);
      expect(body['@odata.context']).toMatch(/#users\(displayName\)$/);
    });

    it('an option given both ways is refused as given twice; an unsupported one by its $ name', async () => {
      await expectGraphError(
        await emulator.call('adele', READ, '/me/profile/positions?top=1&$top=2'),
        400,
        'BadRequest',
        {
          mentions: ["'$top'", 'more than once'],
        },
      );
      await expectGraphError(
        await emulator.call('adele', READ, '/me/profile/positions?expand=manager'),
        400,
        'BadRequest',
        {
          mentions: ["'$expand'"],
        },
      );
    });

    it('other parameters without $ are not options and change nothing', async () => {
      const plain = await json(await emulator.call('adele', READ, '/me/profile/positions'));
      const other = await json(await emulator.call('adele', READ, '/me/profile/positions?foo=bar'));
      expect(other).toEqual(plain);
    });
  });

  describe('User.ReadBasic.All', () => {
    const BASIC = ['User.ReadBasic.All'];

    it("reads another person's positions, and one position", async () => {
      const all = await json(
        await emulator.call('alex', BASIC, `/users/${UPN.adele}/profile/positions`),
      );
      expect(all.value).toHaveLength(4);
      const { path, body } = storedByTitle('adele', 'Auditor');
      expect((await json(await emulator.call('alex', BASIC, path))).id).toBe(body.id);
    });

    it('reads direct reports and other users with only their basic profile; oneself in full', async () => {
      const reports = await json(await emulator.call('megan', BASIC, '/me/directReports'));
      const adele = (reports.value as Json[]).find((user) => user.id === ids.adele)!;
      expect(adele).toMatchObject({
        displayName: 'Adele Vance',
        givenName: 'Adele',
        surname: 'Vance',
        mail: UPN.adele,
        userPrincipalName: UPN.adele,
        jobTitle: null,
        department: null,
        officeLocation: null,
        businessPhones: [],
      });
      const lee = await json(await emulator.call('megan', BASIC, `/users/${ids.lee}`));
      expect(lee).toMatchObject({ displayName: 'Lee Gu', jobTitle: null });
      const self = await json(await emulator.call('megan', BASIC, '/me'));
      expect(self.jobTitle).toBe('Marketing Manager');
      const full = await json(await emulator.call('megan', ['User.Read.All'], `/users/${ids.lee}`));
      expect(full.jobTitle).toBe('Director');
    });

    it("does not write another person's positions, nor one's own", async () => {
      const before = snapshotAll(emulator);
      const { path } = storedByTitle('adele', 'Auditor');
      await expectGraphError(
        await patch('megan', BASIC, path, { isSearchable: true }),
        403,
        'Authorization_RequestDenied',
      );
      const own = storedByTitle('megan', 'Marketing Manager');
      await expectGraphError(
        await patch('megan', BASIC, own.path, { isSearchable: true }),
        403,
        'Authorization_RequestDenied',
      );
      expect(snapshotAll(emulator)).toEqual(before);
    });
  });
});
