import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeWritable, mergePatch } from '../../../emulator/model/work-position';
import {
  cleanCategories,
  toFormValues,
  toPositionDetail,
} from '../../../src/features/positions/utils/form-mapping';
import {
  changedFields,
  positionFields,
  sameFieldValue,
} from '../../../src/features/positions/utils/position-fields';
import {
  fromColleaguesValue,
  fromManagerValue,
} from '../../../src/features/positions/utils/related-people';
import { toPatch } from '../../../src/features/positions/utils/to-patch';
import type { Position } from '../../../src/features/positions/types';
import { editArb, positionArb } from './arbitraries';

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
  const values = toFormValues(position);
  change(values);
  return toPatch(values, position);
}

describe('toPatch', () => {
  it('sends nothing when nothing changed', () => {
    expect(edit(auditor, () => undefined)).toEqual({});
  });

  it('sends nothing when every field was edited but holds its original value, spaces aside', () => {
    expect(
      edit(auditor, (values) => {
        values.detail.jobTitle = 'Auditor ';
        values.detail.company.displayName = ' Contoso Ltd.';
        values.detail.company.webUrl = '   ';
        values.detail.start = { month: '1', year: ' 2001 ' };
        values.categories = [];
        values.allowedAudiences = 'organization';
      }),
    ).toEqual({});
  });

  it('sends a removed blank category that came from Graph (the form cannot add one)', () => {
    const untidy: Position = { ...auditor, categories: [' ', 'audit'] };
    expect(
      edit(untidy, (values) => {
        values.categories = ['audit'];
      }),
    ).toEqual({ categories: ['audit'] });
  });

  it('sends a changed job title as the whole detail, with members the form does not show', () => {
    const withUnknown = {
      ...auditor,
      detail: { ...auditor.detail, futureMember: 'kept' },
    } as Position;
    const patch = edit(withUnknown, (values) => {
      values.detail.jobTitle = 'Senior Auditor';
    });
    expect(Object.keys(patch)).toEqual(['detail']);
    // Members Graph left out come back as null (what the strict emulator stores anyway).
    expect(patch.detail).toEqual({
      ...withUnknown.detail,
      jobTitle: 'Senior Auditor',
      employeeType: null,
      level: null,
      role: null,
      secondaryJobTitle: null,
      secondaryRole: null,
      company: {
        ...auditor.detail?.company,
        companyCode: null,
        costCenter: null,
        division: null,
        secondaryDepartment: null,
      },
    });
  });

  it('sends a changed cost center as the whole detail, every other member kept', () => {
    const patch = edit(auditor, (values) => {
      values.detail.company.costCenter = ' CC-1010 ';
    });
    expect(Object.keys(patch)).toEqual(['detail']);
    expect(patch.detail?.company).toMatchObject({
      ...auditor.detail?.company,
      costCenter: 'CC-1010',
    });
    expect(patch.detail).toMatchObject({ employeeId: 'E-17', layer: 3, jobTitle: 'Auditor' });
  });

  it('sends a changed layer as a number inside the whole detail; untouched, it stays as stored', () => {
    expect(edit(auditor, (values) => (values.detail.layer = ' 4 ')).detail?.layer).toBe(4);
    expect(edit(auditor, (values) => (values.detail.layer = '')).detail?.layer).toBeNull();
    expect(edit(auditor, (values) => (values.detail.layer = '3 '))).toEqual({});
  });

  it('sends a new manager alone, whole, with the relationship manager', () => {
    expect(
      edit(auditor, (values) => {
        values.manager = [
          { displayName: 'Megan Bowen', userId: 'u-megan', userPrincipalName: 'megan@contoso.com' },
        ];
      }),
    ).toEqual({
      manager: {
        displayName: 'Megan Bowen',
        relationship: 'manager',
        userId: 'u-megan',
        userPrincipalName: 'megan@contoso.com',
      },
    });
  });

  it('sends colleagues alone, whole, in the order the user chose', () => {
    const withColleagues: Position = {
      ...auditor,
      colleagues: [
        {
          displayName: 'Lee Gu',
          relationship: 'colleague',
          userId: 'u-lee',
          userPrincipalName: null,
        },
        { displayName: 'Old Friend', relationship: 'other' },
      ],
    };
    const patch = edit(withColleagues, (values) => {
      values.colleagues = [
        values.colleagues[1],
        { displayName: ' Sam Outside ', userId: '', userPrincipalName: '' },
        values.colleagues[0],
      ];
    });
    expect(patch).toEqual({
      colleagues: [
        { displayName: 'Old Friend', relationship: 'other' },
        { displayName: 'Sam Outside', relationship: 'colleague' },
        {
          displayName: 'Lee Gu',
          relationship: 'colleague',
          userId: 'u-lee',
          userPrincipalName: null,
        },
      ],
    });
  });

  it('sends a removed manager as null', () => {
    const managed: Position = {
      ...auditor,
      manager: { displayName: 'Megan Bowen', relationship: 'manager', userId: 'u-megan' },
    };
    expect(edit(managed, (values) => (values.manager = []))).toEqual({ manager: null });
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

/** A position from the directory with every kind of untidiness real tenants show. */
const untidy: Position = {
  id: 'aad',
  allowedAudiences: 'organization,federatedOrganizations',
  isCurrent: true,
  categories: null,
  colleagues: null,
  source: null,
  detail: {
    jobTitle: 'Regional Retail Lead',
    startMonthYear: '0001-01-01',
    endMonthYear: '2019-13-01',
    company: { displayName: '', department: 'Retail', webUrl: 'contoso.com' },
    employeeId: 'AAD-1',
  },
};

describe('toPatch on untidy data', () => {
  it('a visibility change sends allowedAudiences alone', () => {
    expect(edit(untidy, (values) => (values.allowedAudiences = 'me'))).toEqual({
      allowedAudiences: 'me',
    });
  });

  it('a categories change sends categories alone (null before)', () => {
    expect(edit(untidy, (values) => (values.categories = ['retail']))).toEqual({
      categories: ['retail'],
    });
  });

  it('a flags audience is not sent unless changed', () => {
    const patch = edit(untidy, (values) => (values.detail.summary = 'Leads the region'));
    expect(Object.keys(patch)).toEqual(['detail']);
  });

  it('an edit inside detail sends back, untouched, the sentinel date, a date the form cannot read, an empty company name and a web address without a scheme', () => {
    const patch = edit(untidy, (values) => (values.detail.jobTitle = 'Regional Lead'));
    expect(patch).toEqual({
      detail: {
        ...untidy.detail,
        jobTitle: 'Regional Lead',
        description: null,
        summary: null,
        employeeType: null,
        layer: null,
        level: null,
        role: null,
        secondaryJobTitle: null,
        secondaryRole: null,
        company: {
          displayName: '',
          department: 'Retail',
          webUrl: 'contoso.com',
          officeLocation: null,
          pronunciation: null,
          division: null,
          secondaryDepartment: null,
          costCenter: null,
          companyCode: null,
          address: null,
        },
      },
    });
  });

  it('a date the user enters replaces the sentinel', () => {
    const patch = edit(untidy, (values) => (values.detail.start = { month: '4', year: '2012' }));
    expect(patch.detail?.startMonthYear).toBe('2012-04-01');
    expect(patch.detail?.endMonthYear).toBe('2019-13-01');
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
          const patch = toPatch(values, original);

          const stored = completeWritable(original);
          const result = mergePatch(stored, patch);
          const categoriesChanged = !sameFieldValue(
            positionFields.categories,
            values.categories,
            defaults.categories,
          );
          const expected = completeWritable({
            ...original,
            detail: toPositionDetail(values.detail, original.detail),
            isCurrent:
              values.isCurrent === (original.isCurrent ?? false)
                ? original.isCurrent
                : values.isCurrent,
            categories: categoriesChanged
              ? cleanCategories(values.categories)
              : original.categories,
            allowedAudiences: values.allowedAudiences,
            manager: sameFieldValue(positionFields.manager, values.manager, defaults.manager)
              ? original.manager
              : fromManagerValue(values.manager, original.manager),
            colleagues: sameFieldValue(
              positionFields.colleagues,
              values.colleagues,
              defaults.colleagues,
            )
              ? original.colleagues
              : fromColleaguesValue(values.colleagues, original.colleagues),
          });
          expect(result).toEqual(expected);
          for (const property of Object.keys(patch)) {
            expect(stored[property], `${property} is in the patch but did not change`).not.toEqual(
              expected[property],
            );
          }
          // Save and dirty tracking agree: a request exactly when the form counts a change.
          expect(Object.keys(patch).length > 0).toBe(changedFields(defaults, values).length > 0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
