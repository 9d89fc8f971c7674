import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeWritable, mergePatch } from '../../../emulator/model/work-position';
import {
  cleanCategories,
  toFormValues,
  toPositionDetail,
} from '../../../src/features/positions/utils/form-mapping';
import { sameValue } from '../../../src/features/positions/utils/same-value';
import { toPatch, type DirtyFields } from '../../../src/features/positions/utils/to-patch';
import type { Position } from '../../../src/features/positions/types';
import { dirtyFieldsOf, editArb, positionArb } from './arbitraries';

const auditor: Position = {
  id: 'p1',
  allowedAudiences: 'organization',
  isCurrent: true,
  categories: [],
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
    employeeId: 'E-17',
    layer: 3,
  },
};

function edit(position: Position, change: (values: ReturnType<typeof toFormValues>) => void) {
  const defaults = toFormValues(position);
  const values = structuredClone(defaults);
  change(values);
  return toPatch(dirtyFieldsOf(defaults, values) as DirtyFields, values, position);
}

describe('toPatch', () => {
  it('sends nothing when nothing changed', () => {
    expect(edit(auditor, () => undefined)).toEqual({});
  });

  it('sends nothing when every field is marked dirty but holds its original value', () => {
    const values = toFormValues(auditor);
    const allDirty = {
      detail: { jobTitle: true, company: { displayName: true } },
      isCurrent: true,
      categories: [true],
      allowedAudiences: true,
    };
    expect(toPatch(allDirty, values, auditor)).toEqual({});
  });

  it('sends a changed job title as the whole detail, with members the form does not show', () => {
    const patch = edit(auditor, (values) => {
      values.detail.jobTitle = 'Senior Auditor';
    });
    expect(Object.keys(patch)).toEqual(['detail']);
    expect(patch.detail).toEqual({ ...auditor.detail, jobTitle: 'Senior Auditor' });
  });

  it('sends only categories when only categories changed', () => {
    expect(
      edit(auditor, (values) => {
        values.categories = ['audit', 'finance'];
      }),
    ).toEqual({ categories: ['audit', 'finance'] });
  });

  it('sends only allowedAudiences when only the audience changed', () => {
    expect(
      edit(auditor, (values) => {
        values.allowedAudiences = 'me';
      }),
    ).toEqual({ allowedAudiences: 'me' });
  });

  it('sends isCurrent and a detail without the end date when a past position becomes current', () => {
    const past: Position = {
      ...auditor,
      isCurrent: false,
      detail: { ...auditor.detail, endMonthYear: '2004-06-01' },
    };
    const patch = edit(past, (values) => {
      values.isCurrent = true;
      values.detail.end = { month: '', year: '' };
    });
    expect(Object.keys(patch).sort()).toEqual(['detail', 'isCurrent']);
    expect(patch.isCurrent).toBe(true);
    expect(patch.detail?.endMonthYear).toBeNull();
    expect(patch.detail?.startMonthYear).toBe('2001-01-01');
  });

  it('treats a value edited and put back, or only re-spaced, as unchanged', () => {
    expect(
      edit(auditor, (values) => {
        values.detail.jobTitle = '  Auditor ';
      }),
    ).toEqual({});
  });

  it('keeps the stored day of a date whose month and year did not change', () => {
    const mid: Position = {
      ...auditor,
      detail: { ...auditor.detail, startMonthYear: '2001-01-15' },
    };
    const patch = edit(mid, (values) => {
      values.detail.summary = 'Audits.';
    });
    expect(patch.detail?.startMonthYear).toBe('2001-01-15');
  });

  it('clears a text member to null, not to an empty string', () => {
    const patch = edit(auditor, (values) => {
      values.detail.company.department = '   ';
    });
    expect(patch.detail?.company?.department).toBeNull();
  });
});

describe('toPatch, for any position and any edit of it (property)', () => {
  it("applied with the emulator's PATCH semantics gives exactly the edited position, and names only changed properties", () => {
    fc.assert(
      fc.property(
        positionArb.chain((original) =>
          editArb(toFormValues(original)).map((values) => ({ original, values })),
        ),
        ({ original, values }) => {
          const defaults = toFormValues(original);
          const patch = toPatch(dirtyFieldsOf(defaults, values) as DirtyFields, values, original);

          const stored = completeWritable(original as unknown as Record<string, unknown>);
          const result = mergePatch(stored, patch);
          const expected = completeWritable({
            ...original,
            detail: toPositionDetail(values.detail, original.detail),
            isCurrent:
              values.isCurrent === (original.isCurrent ?? false)
                ? original.isCurrent
                : values.isCurrent,
            categories: sameValue(values.categories, defaults.categories)
              ? original.categories
              : cleanCategories(values.categories),
            allowedAudiences: values.allowedAudiences,
          });
          expect(sameValue(result, expected)).toBe(true);
          for (const property of Object.keys(patch)) {
            expect(
              sameValue(stored[property], expected[property]),
              `${property} is in the patch but did not change`,
            ).toBe(false);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
