import { describe, expect, it } from 'vitest';
import { completeWritable, mergePatch } from '../../../emulator/model/work-position';
import {
  checkChange,
  describeChange,
  type BulkChange,
} from '../../../src/features/organisation/bulk/change';
import { planChange } from '../../../src/features/organisation/bulk/plan';
import type { Position } from '../../../src/features/positions/types';

const current: Position = {
  id: 'current',
  isCurrent: true,
  allowedAudiences: 'organization',
  categories: ['mentoring'],
  detail: {
    jobTitle: 'Sales Manager',
    startMonthYear: '2020-03-01',
    endMonthYear: null,
    employeeId: 'E100',
    company: {
      displayName: 'Contoso',
      department: 'Sales',
      officeLocation: '12/1110',
      address: { city: 'Pittsburgh', street: null },
    },
  },
};
const past: Position = {
  id: 'past',
  isCurrent: false,
  allowedAudiences: 'organization',
  categories: null,
  detail: { jobTitle: 'Clerk', company: { displayName: 'Contoso' }, startMonthYear: '2010-01-01' },
};

/** The stored position after a PATCH, as the emulator (and Graph, strictly read) applies it. */
const afterPatch = (position: Position, body: Record<string, unknown>) =>
  mergePatch(completeWritable(position), body);

describe('planChange', () => {
  it('renames the company of current positions only: detail whole, nothing else', () => {
    const change: BulkChange = {
      kind: 'replaceText',
      target: 'company',
      from: 'contoso ',
      value: 'Contoso Group',
    };
    const plan = planChange(change, [current, past]);
    expect(plan.skips).toEqual([]);
    expect(plan.writes).toEqual([
      {
        kind: 'update',
        positionId: 'current',
        label: 'Sales Manager at Contoso',
        body: {
          detail: {
            ...current.detail,
            company: { ...current.detail!.company, displayName: 'Contoso Group' },
          },
        },
      },
    ]);
    // Applied as Graph applies a PATCH, only the company name changed.
    const stored = afterPatch(current, plan.writes[0].body);
    expect(stored).toEqual({
      ...completeWritable(current),
      detail: completeWritable({
        detail: {
          ...current.detail,
          company: { ...current.detail!.company, displayName: 'Contoso Group' },
        },
      }).detail,
    });
  });

  it('skips a position that has the value already, or another value than the one replaced', () => {
    expect(
      planChange({ kind: 'setText', target: 'department', value: ' Sales ' }, [current]),
    ).toEqual({
      writes: [],
      skips: [
        {
          positionId: 'current',
          label: 'Sales Manager at Contoso',
          reason: 'Department is already “Sales”.',
          alreadyDone: true,
        },
      ],
    });
    const other = planChange(
      { kind: 'replaceText', target: 'company', from: 'Fabrikam', value: 'Contoso' },
      [current],
    );
    expect(other.writes).toEqual([]);
    expect(other.skips[0]).toMatchObject({
      alreadyDone: true,
      reason: 'Company name is already “Contoso”.',
    });
    const notIt = planChange(
      { kind: 'replaceText', target: 'company', from: 'Fabrikam', value: 'Litware' },
      [current],
    );
    expect(notIt.skips[0]).toMatchObject({
      alreadyDone: false,
      reason: 'Company name is “Contoso”, not “Fabrikam”.',
    });
  });

  it('skips people without a current position', () => {
    expect(planChange({ kind: 'setAudience', value: 'everyone' }, [past])).toEqual({
      writes: [],
      skips: [
        {
          label: 'No current position',
          reason: 'They have no current position.',
          alreadyDone: false,
        },
      ],
    });
  });

  it('sets an office where the position has no company at all', () => {
    const bare: Position = {
      id: 'b',
      isCurrent: true,
      detail: { jobTitle: 'Intern', company: null },
    };
    const plan = planChange({ kind: 'setText', target: 'officeLocation', value: '2/101' }, [bare]);
    expect(plan.writes[0].body).toEqual({
      detail: { jobTitle: 'Intern', company: { officeLocation: '2/101' } },
    });
  });

  it('does not change the details of a position without a job title (Graph would refuse)', () => {
    const untitled: Position = {
      id: 'u',
      isCurrent: true,
      detail: { jobTitle: '', company: { displayName: 'X' } },
    };
    const plan = planChange({ kind: 'setText', target: 'company', value: 'Y' }, [untitled]);
    expect(plan.writes).toEqual([]);
    expect(plan.skips[0].reason).toMatch(/no job title/);
  });

  it('sets the visibility, sending allowedAudiences alone', () => {
    const flags = { ...current, allowedAudiences: 'organization,federatedOrganizations' };
    expect(
      planChange({ kind: 'setAudience', value: 'organization' }, [flags]).writes[0].body,
    ).toEqual({
      allowedAudiences: 'organization',
    });
    expect(planChange({ kind: 'setAudience', value: 'organization' }, [current]).writes).toEqual(
      [],
    );
  });

  it('adds and removes a category, sending categories whole (null read as none)', () => {
    expect(
      planChange({ kind: 'addCategory', value: ' ms graph ' }, [current]).writes[0].body,
    ).toEqual({
      categories: ['mentoring', 'ms graph'],
    });
    expect(planChange({ kind: 'addCategory', value: 'MENTORING' }, [current]).writes).toEqual([]);
    expect(
      planChange({ kind: 'removeCategory', value: 'Mentoring' }, [current]).writes[0].body,
    ).toEqual({
      categories: [],
    });
    const none = { ...current, categories: null };
    expect(planChange({ kind: 'removeCategory', value: 'x' }, [none]).skips[0]).toMatchObject({
      alreadyDone: true,
    });
    expect(planChange({ kind: 'addCategory', value: 'x' }, [none]).writes[0].body).toEqual({
      categories: ['x'],
    });
  });

  it('ends current positions at a month, unless they start after it', () => {
    const plan = planChange({ kind: 'endCurrent', month: '2026-06' }, [current, past]);
    expect(plan.writes[0].body).toEqual({
      isCurrent: false,
      detail: { ...current.detail, endMonthYear: '2026-06-01' },
    });
    expect(planChange({ kind: 'endCurrent', month: '2019-12' }, [current]).skips[0].reason).toMatch(
      /starts in 2020-03/,
    );
    // A "no date" start never blocks the end.
    const sentinel = { ...current, detail: { ...current.detail, startMonthYear: '0001-01-01' } };
    expect(planChange({ kind: 'endCurrent', month: '2019-12' }, [sentinel]).writes).toHaveLength(1);
  });

  it('finds nothing to send once the change went through (a lost answer is recognised)', () => {
    const changes: BulkChange[] = [
      { kind: 'setText', target: 'company', value: 'Contoso Group' },
      { kind: 'replaceText', target: 'department', from: 'sales', value: 'Sales & Marketing' },
      { kind: 'setAudience', value: 'everyone' },
      { kind: 'addCategory', value: 'ms graph' },
      { kind: 'removeCategory', value: 'mentoring' },
      { kind: 'endCurrent', month: '2026-01' },
    ];
    for (const change of changes) {
      const first = planChange(change, [current, past]);
      expect(first.writes, describeChange(change)).toHaveLength(1);
      const stored = { ...afterPatch(current, first.writes[0].body), id: 'current' } as Position;
      const again = planChange(change, [stored, past]);
      expect(again.writes, describeChange(change)).toEqual([]);
      expect(
        again.skips.every((skip) => skip.alreadyDone),
        describeChange(change),
      ).toBe(true);
    }
  });
});

describe('checkChange', () => {
  it('holds a change to the form’s limits', () => {
    expect(checkChange({ kind: 'setText', target: 'company', value: ' ' })).toEqual([
      'Enter the company name.',
    ]);
    expect(checkChange({ kind: 'setText', target: 'department', value: '' })).toEqual([]);
    expect(
      checkChange({ kind: 'setText', target: 'department', value: 'x'.repeat(65) })[0],
    ).toMatch(/at most 64/);
    expect(checkChange({ kind: 'replaceText', target: 'company', from: '', value: 'A' })).toEqual([
      'Enter the company name to replace.',
    ]);
    expect(checkChange({ kind: 'setAudience', value: 'unknownFutureValue' })).toHaveLength(1);
    expect(checkChange({ kind: 'addCategory', value: '' })).toEqual(['Enter a category.']);
    expect(checkChange({ kind: 'endCurrent', month: '2026-13' })).toHaveLength(1);
    expect(checkChange({ kind: 'endCurrent', month: '2026-02' })).toEqual([]);
  });

  it('says what a change does', () => {
    expect(
      describeChange({
        kind: 'replaceText',
        target: 'company',
        from: 'Contoso',
        value: 'Contoso Group',
      }),
    ).toBe('Replace the company name “Contoso” with “Contoso Group”');
    expect(describeChange({ kind: 'endCurrent', month: '2026-06' })).toBe(
      'End current positions in June 2026',
    );
  });
});
