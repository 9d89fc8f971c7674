import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  toFormValues,
  type PositionFormValues,
} from '../../../src/features/positions/utils/form-mapping';
import { mergeEdits, settleConflicts } from '../../../src/features/positions/utils/merge-edits';
import {
  fieldValue,
  POSITION_FIELDS,
  positionFields,
  sameFieldValue,
} from '../../../src/features/positions/utils/position-fields';
import type { Position } from '../../../src/features/positions/types';
import { editArb, positionArb } from './arbitraries';

const base: Position = {
  id: 'p',
  allowedAudiences: 'organization',
  isCurrent: false,
  categories: ['audit'],
  detail: {
    jobTitle: 'Auditor',
    startMonthYear: '2001-01-01',
    endMonthYear: '2004-06-01',
    company: { displayName: 'Contoso Ltd.', department: 'Finance' },
  },
};
const values = (change: (form: PositionFormValues) => void) => {
  const form = toFormValues(base);
  change(form);
  return form;
};

describe('mergeEdits', () => {
  it('takes each side where only that side changed a field, with no conflict', () => {
    const mine = values((form) => {
      form.detail.jobTitle = 'Senior Auditor';
    });
    const theirs = values((form) => {
      form.detail.company.department = 'Group Finance';
      form.categories = ['audit', 'risk'];
    });
    const { merged, conflicts } = mergeEdits(toFormValues(base), mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.detail.jobTitle).toBe('Senior Auditor');
    expect(merged.detail.company.department).toBe('Group Finance');
    expect(merged.categories).toEqual(['audit', 'risk']);
  });

  it('reports a conflict where both changed the same field differently, keeping mine until settled', () => {
    const mine = values((form) => {
      form.detail.jobTitle = 'Lead Auditor';
    });
    const theirs = values((form) => {
      form.detail.jobTitle = 'Chief Auditor';
    });
    const { merged, conflicts } = mergeEdits(toFormValues(base), mine, theirs);
    expect(conflicts).toEqual([
      {
        field: positionFields.jobTitle,
        mine: 'Lead Auditor',
        theirs: 'Chief Auditor',
      },
    ]);
    expect(merged.detail.jobTitle).toBe('Lead Auditor');
  });

  it('is no conflict when both made the same change, spaces aside', () => {
    const mine = values((form) => {
      form.detail.jobTitle = ' Chief Auditor ';
    });
    const theirs = values((form) => {
      form.detail.jobTitle = 'Chief Auditor';
    });
    expect(mergeEdits(toFormValues(base), mine, theirs).conflicts).toEqual([]);
  });

  it('treats a date as one field', () => {
    const mine = values((form) => {
      form.detail.end = { month: '7', year: '2004' };
    });
    const theirs = values((form) => {
      form.detail.end = { month: '6', year: '2005' };
    });
    expect(
      mergeEdits(toFormValues(base), mine, theirs).conflicts.map((conflict) => conflict.field),
    ).toEqual([positionFields.end]);
  });

  it('for any edits of both sides: unchanged fields follow the other side, and conflicts are exactly the fields both changed differently', () => {
    fc.assert(
      fc.property(
        positionArb.chain((original) => {
          const start = toFormValues(original);
          return fc.tuple(fc.constant(start), editArb(start), editArb(start));
        }),
        ([start, mine, theirs]) => {
          const { merged, conflicts } = mergeEdits(start, mine, theirs);
          for (const field of POSITION_FIELDS) {
            const [b, m, t, r] = [
              fieldValue(start, field),
              fieldValue(mine, field),
              fieldValue(theirs, field),
              fieldValue(merged, field),
            ];
            const same = (x: unknown, y: unknown) => sameFieldValue(field, x, y);
            const conflicted = conflicts.some((conflict) => conflict.field === field);
            expect(conflicted).toBe(!same(m, b) && !same(t, b) && !same(m, t));
            expect(same(r, same(m, b) ? t : m)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('settleConflicts', () => {
  const mine = values((form) => {
    form.detail.jobTitle = 'Lead Auditor';
  });
  const theirs = values((form) => {
    form.detail.jobTitle = 'Chief Auditor';
  });
  const { conflicts } = mergeEdits(toFormValues(base), mine, theirs);

  it("'theirs' takes the server's value", () => {
    expect(settleConflicts(mine, conflicts, { 'detail.jobTitle': 'theirs' }).detail.jobTitle).toBe(
      'Chief Auditor',
    );
  });

  it("'mine' keeps what the field holds now, even if edited since the conflict showed", () => {
    const handMerged = values((form) => {
      form.detail.jobTitle = 'Lead & Chief Auditor';
    });
    expect(
      settleConflicts(handMerged, conflicts, { 'detail.jobTitle': 'mine' }).detail.jobTitle,
    ).toBe('Lead & Chief Auditor');
  });
});
