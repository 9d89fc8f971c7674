import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { positionsToCsv, readImportFile } from '../../../src/features/organisation/csv/csv-files';
import { planImport } from '../../../src/features/organisation/csv/plan-import';
import { CSV_HEADER } from '../../../src/features/organisation/csv/position-columns';
import type { Position } from '../../../src/features/positions/types';

const person = { id: 'u-1', userPrincipalName: 'adele@contoso.com' };
const auditor: Position = {
  id: 'p-1',
  isCurrent: true,
  allowedAudiences: 'organization,federatedOrganizations',
  categories: ['audit', 'ms graph'],
  colleagues: [
    { displayName: 'Lee Gu', relationship: 'colleague', userId: null, userPrincipalName: null },
  ],
  manager: {
    displayName: 'Megan Bowen',
    relationship: 'manager',
    userId: 'm-1',
    userPrincipalName: 'megan@contoso.com',
  },
  detail: {
    jobTitle: 'Auditor',
    startMonthYear: '2019-04-01',
    endMonthYear: null,
    layer: 2,
    description: 'Line one\nline two, with "quotes"',
    company: {
      displayName: 'Contoso Ltd.',
      department: 'Finance',
      officeLocation: '=HYPERLINK("x")',
      address: { city: 'Pittsburgh', type: 'business' },
    },
  },
  lastModifiedDateTime: '2026-01-01T00:00:00Z',
};
const past: Position = {
  id: 'p-2',
  isCurrent: false,
  allowedAudiences: 'organization',
  categories: null,
  detail: {
    jobTitle: 'Clerk',
    startMonthYear: '2010-01-01',
    endMonthYear: '2012-06-01',
    company: { displayName: 'Fabrikam, Inc.' },
  },
};

describe('CSV export', () => {
  it('writes one row per position: ids first, then every writable property by its Graph path', () => {
    const csv = positionsToCsv([{ person, positions: [auditor, past] }]);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
    expect(parsed.meta.fields).toEqual([...CSV_HEADER]);
    expect(parsed.data).toHaveLength(2);
    const [row] = parsed.data;
    expect(row).toMatchObject({
      userId: 'u-1',
      userPrincipalName: 'adele@contoso.com',
      positionId: 'p-1',
      isCurrent: 'true',
      allowedAudiences: 'organization,federatedOrganizations',
      categories: 'audit; ms graph',
      'detail.jobTitle': 'Auditor',
      'detail.description': 'Line one\nline two, with "quotes"',
      'detail.company.address.city': 'Pittsburgh',
      'detail.startMonthYear': '2019-04-01',
      'detail.endMonthYear': '',
      'detail.layer': '2',
      'manager.userPrincipalName': 'megan@contoso.com',
      // A spreadsheet would run it as a formula: written with a guard.
      'detail.company.officeLocation': `'=HYPERLINK("x")`,
    });
    expect(JSON.parse(row.colleagues)).toEqual(auditor.colleagues);
    expect(parsed.data[1].categories).toBe('');
  });
});

describe('CSV import', () => {
  it('reads an export back to nothing to send (a round trip changes nothing)', async () => {
    const csv = positionsToCsv([{ person, positions: [auditor, past] }]);
    const { fileProblems, rows } = await readImportFile(csv);
    expect(fileProblems).toEqual([]);
    expect(rows.map((row) => row.problems)).toEqual([[], []]);
    expect(rows[0].values['detail.company.officeLocation']).toBe('=HYPERLINK("x")');
    const plan = planImport(rows, [auditor, past]);
    expect(plan.writes).toEqual([]);
    expect(plan.skips.map((skip) => skip.alreadyDone)).toEqual([true, true]);
  });

  it('sends only the top-level properties a row changes, detail whole from the fresh read', async () => {
    const csv = [
      'userId,positionId,detail.company.department,categories',
      'u-1,p-1,Internal Audit,audit; ms graph',
    ].join('\n');
    const { rows } = await readImportFile(csv);
    expect(rows[0].problems).toEqual([]);
    const plan = planImport(rows, [auditor, past]);
    expect(plan.writes).toEqual([
      {
        kind: 'update',
        positionId: 'p-1',
        label: 'Auditor at Contoso Ltd.',
        rowNumber: 2,
        body: {
          detail: {
            ...auditor.detail,
            company: { ...auditor.detail!.company, department: 'Internal Audit' },
          },
        },
      },
    ]);
  });

  it('creates a position from a row without an id, unless the person has it already', async () => {
    const csv = [
      'userId,positionId,isCurrent,detail.jobTitle,detail.company.displayName,detail.startMonthYear,detail.endMonthYear',
      'u-1,,false,Clerk,"Fabrikam, Inc.",2010-01,2012-06',
      'u-1,,true,Analyst,Contoso,2024-02,',
    ].join('\n');
    const { rows } = await readImportFile(csv);
    expect(rows.map((row) => row.problems)).toEqual([[], []]);
    const plan = planImport(rows, [auditor, past]);
    expect(plan.skips).toEqual([
      expect.objectContaining({
        rowNumber: 2,
        alreadyDone: true,
        reason: 'They already have this position.',
      }),
    ]);
    expect(plan.writes).toEqual([
      {
        kind: 'create',
        label: 'Analyst at Contoso',
        rowNumber: 3,
        body: {
          isCurrent: true,
          allowedAudiences: 'organization',
          detail: {
            jobTitle: 'Analyst',
            startMonthYear: '2024-02-01',
            endMonthYear: null,
            company: { displayName: 'Contoso' },
          },
        },
      },
    ]);
  });

  it('shows each broken row with its problems in the form’s words', async () => {
    const csv = [
      'userId,positionId,isCurrent,allowedAudiences,detail.jobTitle,detail.company.displayName,detail.startMonthYear,detail.endMonthYear,detail.layer,colleagues,categories',
      `u-1,p-1,maybe,friends,${'x'.repeat(129)},Contoso,2020-13,,two,{oops},ok`,
      ',,false,organization,,,,,,,',
      'u-1,p-2,false,organization,Clerk,Fabrikam,2012-01,2010-01,,,',
      'u-1,p-1,true,organization,Auditor,Contoso,2019-04,,,,',
    ].join('\n');
    const { rows } = await readImportFile(csv);
    expect(rows[0].problems).toEqual([
      'isCurrent: enter true or false, not “maybe”.',
      expect.stringMatching(/^allowedAudiences: “friends” is not one of /),
      'detail.startMonthYear: enter a month as YYYY-MM (or YYYY-MM-DD), not “2020-13”.',
      'detail.layer: enter a whole number, not “two”.',
      'colleagues: enter a JSON list, like [{"displayName":"…"}].',
      'detail.jobTitle: Job title can be at most 128 characters (it has 129).',
    ]);
    expect(rows[1].problems).toEqual([
      'userId: enter the person’s id (the export has it).',
      'detail.jobTitle: Enter a job title.',
      'detail.company.displayName: Enter the company name.',
      'detail.startMonthYear: Enter the start month and year.',
      'detail.endMonthYear: Enter the end month and year.',
    ]);
    expect(rows[2].problems).toEqual([
      'detail.endMonthYear: The end (January 2010) can’t be before the start (January 2012).'.replace(
        '’',
        "'",
      ),
    ]);
    expect(rows[3].problems).toEqual([]);
  });

  it('refuses a file without the userId column or with columns it does not know', async () => {
    expect((await readImportFile('name,jobTitle\nA,B')).fileProblems).toEqual([
      'The file has no userId column: export positions to see the shape it needs.',
      'Unknown columns: name, jobTitle. Columns are named as the export names them.',
      'The file has no column that describes a position.',
    ]);
  });

  it('leaves untidy values of an update as they are, and judges a cleared one once the position is read', async () => {
    // From a directory sync: an empty company name, no dates.
    const synced: Position = {
      id: 'p-3',
      isCurrent: true,
      allowedAudiences: 'organization',
      detail: {
        jobTitle: 'Clerk',
        startMonthYear: '0001-01-01',
        endMonthYear: '0001-01-01',
        company: { displayName: '', department: 'Retail' },
      },
    };
    const csv = [
      'userId,positionId,isCurrent,detail.company.displayName,detail.company.department,detail.startMonthYear,detail.endMonthYear',
      // As exported, with only the department changed.
      'u-1,p-3,true,,Sales,0001-01-01,0001-01-01',
      // The company name of a position that has one, cleared.
      'u-1,p-1,true,,Finance,2019-04,',
    ].join('\n');
    const { rows } = await readImportFile(csv);
    // Whether an empty cell changes anything is known only against the position.
    expect(rows.map((row) => row.problems)).toEqual([[], []]);
    const plan = planImport(rows, [auditor, synced]);
    expect(plan.writes).toEqual([
      {
        kind: 'update',
        positionId: 'p-3',
        label: 'Clerk',
        rowNumber: 2,
        body: { detail: { ...synced.detail, company: { displayName: '', department: 'Sales' } } },
      },
    ]);
    expect(plan.skips).toEqual([
      {
        positionId: 'p-1',
        label: 'Auditor at Contoso Ltd.',
        reason:
          'Not changed, by the form’s rules: detail.company.displayName: Enter the company name.',
        alreadyDone: false,
        problem: true,
        rowNumber: 3,
      },
    ]);
  });

  it('checks a thousand rows a slice at a time, reporting progress', async () => {
    const lines = ['userId,positionId,detail.jobTitle'];
    for (let index = 0; index < 1000; index++)
      lines.push(`u-${index},p-${index},${index % 100 === 0 ? 'x'.repeat(129) : `Title ${index}`}`);
    const progress: number[] = [];
    const { rows } = await readImportFile(lines.join('\n'), {
      onProgress: (checked) => progress.push(checked),
    });
    expect(rows).toHaveLength(1000);
    expect(rows.filter((row) => row.problems.length > 0)).toHaveLength(10);
    expect(progress).toEqual([200, 400, 600, 800, 1000]);
  });
});
