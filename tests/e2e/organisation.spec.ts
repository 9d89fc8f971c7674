import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { expectAccessible } from './support/axe';
import { expect, test } from './support/fixtures';
import type { LocalServer } from './support/local-server';
import { recordBatches, type BatchedCall } from './support/batch-recorder';
import { PERSONAS } from './support/personas';

/**
 * The Organisation area against a generated directory of 300 people (HR then holds 51:
 * 50 generated and Diego Siciliani), with Graph's rate limit turned low so that every
 * bulk run meets throttling.
 */
test.use({ serverEnv: { EMULATOR_DIRECTORY_SIZE: '300', EMULATOR_DIRECTORY_SEED: '1' } });

interface StoredPosition {
  id: string;
  userId: string;
  isCurrent: boolean;
  company: string | null;
  department: string | null;
  body: Record<string, unknown>;
}

/** The emulator's positions as stored (its SQLite file, read-only), for people of a department. */
function storedPositions(server: LocalServer, department?: string): StoredPosition[] {
  const db = new Database(join(server.dataDir, 'emulator.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT p.id, p.user_id AS userId, p.body FROM positions p JOIN users u ON u.id = p.user_id
         WHERE ? IS NULL OR json_extract(u.body, '$.department') = ?`,
      )
      .all(department ?? null, department ?? null) as {
      id: string;
      userId: string;
      body: string;
    }[];
    return rows.map((row) => {
      const body = JSON.parse(row.body) as {
        isCurrent?: boolean;
        detail?: { company?: { displayName?: string | null; department?: string | null } | null };
      };
      return {
        id: row.id,
        userId: row.userId,
        isCurrent: body.isCurrent === true,
        company: body.detail?.company?.displayName ?? null,
        department: body.detail?.company?.department ?? null,
        body,
      };
    });
  } finally {
    db.close();
  }
}

const positionIdOf = (url: string) => decodeURIComponent(url.split('/').at(-1) ?? '');

async function filterDepartment(page: Page, department: string, expected: string) {
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Department').fill(department);
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('status').filter({ hasText: expected })).toBeVisible();
}

async function openOrganisation(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Organisation' })
    .click();
  await expect(page.getByRole('heading', { name: 'Organisation', level: 1 })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'People in the directory' })).toBeVisible();
}

async function chooseRename(page: Page, from: string, to: string) {
  await page.getByRole('link', { name: 'Change selected…' }).click();
  await expect(page.getByRole('heading', { name: 'Change positions' })).toBeVisible();
  await page.getByLabel('What to change').selectOption({ label: 'Replace a company name' });
  await page.getByLabel('Company name to replace').fill(from);
  await page.getByLabel('New company name').fill(to);
  await page.getByRole('button', { name: 'Preview' }).click();
}

const finished = (page: Page) => page.getByText(/^Finished in /);
const count = (page: Page, label: string) =>
  page
    .getByRole('list', { name: 'Counts' })
    .getByRole('listitem')
    .filter({ hasText: new RegExp(`^${label}:`) });

test.describe('Organisation', () => {
  test('an administrator filters a department, previews and runs a company rename under throttling; each change is stored once', async ({
    page,
    signedIn,
    emulator,
    localServer,
  }) => {
    test.setTimeout(120_000);
    const before = storedPositions(localServer, 'HR');
    const targets = before.filter(
      (position) =>
        position.isCurrent &&
        position.company?.trim().toLowerCase() === 'contoso' &&
        typeof (position.body.detail as { jobTitle?: unknown } | null)?.jobTitle === 'string',
    );
    expect(targets.length).toBeGreaterThan(30);
    const batches = recordBatches(page).calls;

    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('patti');
    await openOrganisation(page);
    await filterDepartment(page, 'HR', '51 people.');
    const grid = page.getByRole('grid', { name: 'People in the directory' });
    await expect(grid.getByRole('row', { name: /Diego Siciliani/ })).toBeVisible();
    // Positions of the rows in view come through batches of at most 20.
    await expect(grid.getByRole('row').nth(1).getByRole('gridcell').nth(5)).not.toHaveText('…');
    await page.getByRole('button', { name: 'Select all shown' }).click();
    await expect(page.getByText('51 people selected')).toBeVisible();

    await chooseRename(page, 'Contoso', 'Contoso Group');
    const preview = page.getByRole('list', { name: 'Preview by person' });
    await expect(preview.getByRole('group', { name: /^PATCH body for / }).first()).toContainText(
      '"displayName": "Contoso Group"',
    );
    // Graph's rate limit, low: the run meets 429s and waits as told.
    await emulator.setRateLimit({ capacity: 15, refillPerSecond: 15 });
    await page.getByRole('button', { name: 'Run the change for 51 people' }).click();
    await expect(page.getByRole('progressbar', { name: /of 51 people$/ })).toBeVisible();
    await expect(count(page, 'Waiting on throttling')).toBeVisible();
    await expect(finished(page)).toBeVisible({ timeout: 90_000 });
    await expect(count(page, 'Done')).toHaveText(`Done: ${targets.length}`);
    await expect(count(page, 'Failed')).toHaveText('Failed: 0');
    await expect(page.getByRole('table', { name: 'Report by person' })).toContainText(
      'Diego Siciliani',
    );

    const after = new Map(
      storedPositions(localServer, 'HR').map((position) => [position.id, position]),
    );
    for (const target of targets) expect(after.get(target.id)?.company).toBe('Contoso Group');
    for (const position of before.filter((candidate) => !targets.includes(candidate)))
      expect(after.get(position.id)?.body).toEqual(position.body);
    const patches = batches.filter((call) => call.method === 'PATCH');
    expect(batches.some((call) => call.status === 429)).toBe(true);
    const stored = patches
      .filter((call) => call.status === 200)
      .map((call) => positionIdOf(call.url));
    expect(stored.sort()).toEqual(targets.map((target) => target.id).sort());
    // Only the company name changed in each: every other member went back as read.
    const sample = patches.find((call) => call.status === 200)!;
    const original = before.find((position) => position.id === positionIdOf(sample.url))!;
    expect(sample.body).toEqual({
      detail: {
        ...(original.body.detail as object),
        company: {
          ...(original.body.detail as { company: object }).company,
          displayName: 'Contoso Group',
        },
      },
    });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the report (CSV)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^bulk-report-.*\.csv$/);
  });

  test('a job interrupted by a reload resumes and finishes without doubles', async ({
    page,
    signedIn,
    emulator,
    localServer,
  }) => {
    test.setTimeout(120_000);
    const before = storedPositions(localServer, 'Finance');
    const targets = before.filter(
      (p) => p.isCurrent && p.company?.trim().toLowerCase() === 'contoso',
    );
    const batches = recordBatches(page).calls;
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('patti');
    await openOrganisation(page);
    await filterDepartment(page, 'Finance', '45 people.');
    await page.getByRole('button', { name: 'Select all shown' }).click();
    await chooseRename(page, 'contoso', 'Contoso Finance');
    await expect(page.getByRole('group', { name: /^PATCH body for / }).first()).toBeVisible();
    await emulator.setRateLimit({ capacity: 6, refillPerSecond: 6 });
    await page.getByRole('button', { name: 'Run the change for 45 people' }).click();
    await expect
      .poll(async () => Number((await count(page, 'Done').textContent())?.replace(/\D/g, '')), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(8);

    await page.reload();
    await expect(page.getByText('This change stopped before it finished')).toBeVisible();
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(finished(page)).toBeVisible({ timeout: 90_000 });

    const after = new Map(storedPositions(localServer, 'Finance').map((p) => [p.id, p]));
    for (const target of targets) expect(after.get(target.id)?.company).toBe('Contoso Finance');
    // No write Graph answered was ever sent again; one whose answer the reload lost was
    // checked by reading first, so none was stored twice.
    const patches = batches.filter((call) => call.method === 'PATCH');
    const answered = new Map<string, number>();
    for (const call of patches.filter((call) => call.status === 200))
      answered.set(positionIdOf(call.url), (answered.get(positionIdOf(call.url)) ?? 0) + 1);
    expect([...answered.values()].every((count) => count === 1)).toBe(true);
    const sentPerPosition = new Map<string, BatchedCall[]>();
    for (const call of patches)
      sentPerPosition.set(positionIdOf(call.url), [
        ...(sentPerPosition.get(positionIdOf(call.url)) ?? []),
        call,
      ]);
    for (const [id, calls] of sentPerPosition)
      if (calls.length > 1)
        expect(
          // Sent again only after a 429 (not carried out) or an answer the reload lost.
          calls.slice(0, -1).every((call) => call.status === undefined || call.status === 429),
          `position ${id}`,
        ).toBe(true);
    expect(new Set([...answered.keys(), ...sentPerPosition.keys()]).size).toBeLessThanOrEqual(
      targets.length,
    );
  });

  test('a running change is paused, resumed and cancelled; the report (and its CSV) says what happened to each person', async ({
    page,
    signedIn,
    emulator,
    localServer,
  }) => {
    test.setTimeout(120_000);
    const before = storedPositions(localServer, 'HR');
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('patti');
    await openOrganisation(page);
    await filterDepartment(page, 'HR', '51 people.');
    await page.getByRole('button', { name: 'Select all shown' }).click();
    await page.getByRole('link', { name: 'Change selected…' }).click();
    await page.getByLabel('What to change').selectOption({ label: 'Set the office location' });
    await page.getByLabel('Office location').fill('Building 7');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('group', { name: /^PATCH body for / }).first()).toBeVisible();
    // Slow enough to act while it runs: three requests a second.
    await emulator.setRateLimit({ capacity: 3, refillPerSecond: 3 });
    await page.getByRole('button', { name: 'Run the change for 51 people' }).click();
    await expect(page.getByText(/^About .* left \(/)).toBeVisible({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByText('Paused.')).toBeVisible();
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect
      .poll(async () => Number((await count(page, 'Done').textContent())?.replace(/\D/g, '')), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: 'Cancel the rest' }).click();
    await expect(page.getByText(/^Cancelled in /)).toBeVisible({ timeout: 60_000 });
    await expect(count(page, 'Cancelled')).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the report (CSV)' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    const report = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(report.errors).toEqual([]);
    const byPerson = new Map(report.data.map((row) => [row.userId, row]));
    expect(byPerson.size).toBe(51);
    // What the report says is what Graph holds: changed people have it, cancelled ones not.
    const after = new Map(storedPositions(localServer, 'HR').map((p) => [p.id, p]));
    const office = (id: string) =>
      (after.get(id)?.body.detail as { company?: { officeLocation?: string } } | null)?.company
        ?.officeLocation;
    const changed = report.data.filter((row) => row.result === 'Changed');
    expect(changed.length).toBeGreaterThan(0);
    for (const row of changed) {
      expect(row.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(office(row.positionId)).toBe('Building 7');
    }
    const cancelled = report.data.filter((row) => row.personResult === 'Not changed (cancelled)');
    expect(cancelled.length).toBeGreaterThan(0);
    // Only a write whose answer never came is left to check; the others were never sent.
    for (const row of cancelled.filter((line) => !line.message.includes('check their positions')))
      for (const position of before.filter((p) => p.userId === row.userId))
        expect(after.get(position.id)?.body).toEqual(position.body);
  });

  test('"has no current position" reads everyone\'s positions and keeps exactly the people without one; sorting by positions follows', async ({
    page,
    signedIn,
    emulator,
    localServer,
  }) => {
    test.setTimeout(90_000);
    const withoutCurrent = () => {
      const db = new Database(join(localServer.dataDir, 'emulator.sqlite'), { readonly: true });
      try {
        return (
          db
            .prepare(
              `SELECT json_extract(u.body, '$.displayName') AS name FROM users u
               WHERE NOT EXISTS (SELECT 1 FROM positions p WHERE p.user_id = u.id
                 AND json_extract(p.body, '$.isCurrent') = 1)`,
            )
            .all() as { name: string }[]
        ).map((row) => row.name);
      } finally {
        db.close();
      }
    };
    // Graph's own pace (an earlier test of this worker may have turned the limit low).
    await emulator.setRateLimit({ enabled: true, capacity: 300, refillPerSecond: 30 });
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('patti');
    await openOrganisation(page);
    // Legal's current positions end this month: people without a current one, made here.
    await filterDepartment(page, 'Legal', '3 people.');
    await page.getByRole('button', { name: 'Select all shown' }).click();
    await page.getByRole('link', { name: 'Change selected…' }).click();
    await page
      .getByLabel('What to change')
      .selectOption({ label: 'End current positions at a month' });
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Run the change for 3 people' }).click();
    await expect(finished(page)).toBeVisible({ timeout: 30_000 });
    const expected = withoutCurrent();
    expect(expected.length).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Back to Organisation' }).click();
    const filters = page.getByRole('form', { name: 'Filters' });
    await filters.getByLabel('Has no current position').check();
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    const shown = expected.length === 1 ? '1 has' : `${expected.length} have`;
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: new RegExp(`: ${shown} no current position\\.$`) }),
    ).toBeVisible({ timeout: 60_000 });
    const grid = page.getByRole('grid', { name: 'People in the directory' });
    const names = async () =>
      (await grid.getByRole('row').allTextContents()).slice(1).map((text) => text.trim());
    // Every row is one of them (the grid shows what fits; the status counts them all).
    for (const row of await names())
      expect(
        expected.some((name) => row.includes(name)),
        row,
      ).toBe(true);
    await page.getByLabel('Sort by').selectOption({ label: 'Positions, descending' });
    await expect(grid.getByRole('columnheader', { name: /Positions/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    const counts = (await grid.getByRole('row').all())
      .slice(1)
      .map(async (row) =>
        Number((await row.getByRole('gridcell').nth(5).textContent())?.match(/^\d+/)?.[0]),
      );
    const numbers = await Promise.all(counts);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  test('an import with broken rows shows them and applies the rest', async ({
    page,
    signedIn,
    emulator,
    localServer,
  }) => {
    test.setTimeout(90_000);
    const hr = storedPositions(localServer, 'HR')
      .filter((p) => {
        const detail = p.body.detail as { jobTitle?: string; startMonthYear?: string } | null;
        return (
          p.isCurrent &&
          p.company?.trim() &&
          detail?.jobTitle &&
          detail.startMonthYear &&
          detail.startMonthYear !== '0001-01-01'
        );
      })
      .slice(0, 3);
    expect(hr).toHaveLength(3);
    const detail = (p: StoredPosition) =>
      p.body.detail as { jobTitle: string; startMonthYear: string };
    const csv = [
      'userId,positionId,isCurrent,detail.jobTitle,detail.company.displayName,detail.company.department,detail.startMonthYear,detail.endMonthYear',
      // Lines 2–4 move three people to another department; line 5 adds a position.
      ...hr.map(
        (p) =>
          `${p.userId},${p.id},true,"${detail(p).jobTitle}","${p.company ?? ''}",People Operations,${detail(p).startMonthYear},`,
      ),
      `${hr[0].userId},,false,Volunteer,Contoso Foundation,,2015-03,2016-09`,
      // Lines 6–8 are broken: no job title, a department too long, a bad flag and month.
      `${hr[1].userId},,false,,Contoso,,2015-03,2016-09`,
      `${hr[1].userId},${hr[1].id},true,"${detail(hr[1]).jobTitle}",Contoso,${'x'.repeat(65)},${detail(hr[1]).startMonthYear},`,
      `${hr[2].userId},,maybe,Mentor,Contoso,,2015-13,`,
    ].join('\n');
    // A User Administrator, once the organisation has consented for them.
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('diego', { path: '/organisation/import' });
    await expect(page.getByRole('heading', { name: 'Import positions' })).toBeVisible();
    const batches = recordBatches(page).calls;
    await page.getByLabel('CSV file').setInputFiles({
      name: 'positions.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await expect(page.getByText('7 rows: 4 ready, 3 with problems.')).toBeVisible();
    const problems = page.getByRole('list', { name: 'Rows with problems' });
    await expect(problems.getByRole('listitem')).toHaveText([
      /^Line 6.*detail\.jobTitle: Enter a job title\./,
      /^Line 7.*Department can be at most 64 characters/,
      /^Line 8.*isCurrent: enter true or false.*detail\.startMonthYear: enter a month/,
    ]);
    // Nothing was sent for checking the file.
    expect(batches).toEqual([]);
    await page.getByRole('button', { name: 'Apply 4 rows' }).click();
    await expect(finished(page)).toBeVisible({ timeout: 60_000 });

    const after = storedPositions(localServer);
    for (const p of hr)
      expect(after.find((a) => a.id === p.id)?.department).toBe('People Operations');
    const added = after.filter(
      (a) => a.userId === hr[0].userId && a.company === 'Contoso Foundation',
    );
    expect(added).toHaveLength(1);
    expect(after.some((a) => a.department === 'x'.repeat(65))).toBe(false);
    expect(
      after.some(
        (a) =>
          a.userId === hr[2].userId &&
          a.company === 'Contoso' &&
          !a.isCurrent &&
          (a.body.detail as { jobTitle?: string }).jobTitle === 'Mentor',
      ),
    ).toBe(false);
    // A request throttled inside a batch (429) was not carried out and goes again.
    const carriedOut = batches.filter((call) => call.status !== 429);
    expect(carriedOut.filter((call) => call.method === 'POST')).toHaveLength(1);
    expect(carriedOut.filter((call) => call.method === 'PATCH')).toHaveLength(3);
  });

  test('before the organisation has granted it, a Global Administrator is offered the grant and comes back to the table', async ({
    page,
    signedIn,
    request,
  }) => {
    test.setTimeout(60_000);
    await signedIn.as('patti');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Organisation' })
      .click();
    const explanation = page.getByRole('region', {
      name: 'Organisation needs a permission from an administrator',
    });
    await expect(explanation).toContainText('User.ReadWrite.All');
    await expect(page.getByRole('grid')).toHaveCount(0);
    await expectAccessible(page, 'permission needed');
    await explanation.getByRole('button', { name: 'Grant for the organisation' }).click();
    // The provider asks who is granting when this browser has no session with it.
    const account = page.getByRole('button', { name: 'Sign in as Patti Fernandez' });
    const acceptForAll = page.getByText('Accept for your organization');
    await expect(account.or(acceptForAll).first()).toBeVisible();
    if (await account.isVisible()) await account.click();
    await expect(acceptForAll).toBeVisible();
    await page.getByRole('button', { name: 'Accept' }).click();
    await expect(page).toHaveURL(/\/organisation$/);
    await expect(
      page.getByRole('status').filter({ hasText: 'Permission granted for your organisation' }),
    ).toBeVisible();
    await expect(page.getByRole('grid', { name: 'People in the directory' })).toBeVisible();
    const consents = (await (await request.get('/_emulator/consents')).json()) as {
      organization: string[];
    };
    expect(consents.organization).toEqual(['User.ReadWrite.All']);
  });

  test('a person without a role that may change users does not see the area, nor reach it by address', async ({
    page,
    signedIn,
  }) => {
    await signedIn.as('alex');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'People' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Organisation' })).toHaveCount(0);
    const directoryCalls: string[] = [];
    page.on('request', (request) => {
      if (/\/\$batch|\/users\?/.test(request.url())) directoryCalls.push(request.url());
    });
    for (const path of [
      '/organisation',
      '/organisation/change',
      '/organisation/import',
      '/organisation/jobs/x',
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expect(nav.getByRole('link', { name: 'Organisation' })).toHaveCount(0);
    }
    expect(directoryCalls).toEqual([]);
  });
  test('axe finds nothing on the Organisation screens, light and dark themes', async ({
    page,
    signedIn,
    emulator,
  }) => {
    test.setTimeout(90_000);
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('patti');
    await openOrganisation(page);
    await expect(
      page.getByRole('grid').getByRole('row').nth(1).getByRole('gridcell').nth(5),
    ).not.toHaveText('…');
    await expectAccessible(page, 'review');
    await filterDepartment(page, 'Legal', '3 people.');
    await page.getByRole('button', { name: 'Select all shown' }).click();
    await chooseRename(page, 'Contoso', 'Contoso Legal');
    await expect(page.getByRole('group', { name: /^PATCH body for / }).first()).toBeVisible();
    await expectAccessible(page, 'change preview');
    await page.getByRole('button', { name: 'Run the change for 3 people' }).click();
    await expect(finished(page)).toBeVisible({ timeout: 30_000 });
    await expectAccessible(page, 'job report');
    await page.goto('/organisation/import');
    await page.getByLabel('CSV file').setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`userId,positionId,detail.jobTitle\n${PERSONAS.adele.id},,\n`, 'utf8'),
    });
    await expect(page.getByRole('list', { name: 'Rows with problems' })).toBeVisible();
    await expectAccessible(page, 'import with problems');
  });
});
