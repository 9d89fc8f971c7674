import { describe, expect, it } from 'vitest';
import type { Position } from '../../../src/features/positions/types';
import { toFormValues } from '../../../src/features/positions/utils/form-mapping';
import {
  changedFields,
  describeFieldValue,
  fieldValue,
  graphPathOf,
  POSITION_FIELDS,
  positionFields,
  propertyOf,
  sameFieldValue,
} from '../../../src/features/positions/utils/position-fields';
import { toPatch } from '../../../src/features/positions/utils/to-patch';

/** The form's fields as paths: a month-and-year pair and an array each count as one. */
function formLeaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  const keys = Object.keys(value);
  if (keys.sort().join() === 'month,year') return [prefix];
  return keys.flatMap((key) =>
    formLeaves((value as Record<string, unknown>)[key], prefix ? `${prefix}.${key}` : key),
  );
}

const auditor: Position = {
  id: 'p1',
  allowedAudiences: 'organization',
  isCurrent: false,
  categories: ['audit'],
  detail: {
    jobTitle: 'Auditor',
    startMonthYear: '2001-01-01',
    endMonthYear: '2004-06-01',
    company: { displayName: 'Contoso Ltd.', address: { type: 'business' } },
  },
};

describe('the field table', () => {
  it('describes every field the form holds, each once', () => {
    const paths = POSITION_FIELDS.map((field) => field.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(formLeaves(toFormValues()).sort()).toEqual([...paths].sort());
  });

  it('names each field once for Graph, and each belongs to a property a PATCH may carry', () => {
    const graphPaths = POSITION_FIELDS.map(graphPathOf);
    expect(new Set(graphPaths).size).toBe(graphPaths.length);
    for (const field of POSITION_FIELDS)
      expect([
        'detail',
        'isCurrent',
        'categories',
        'allowedAudiences',
        'manager',
        'colleagues',
      ]).toContain(propertyOf(field));
  });

  it('reads a field’s value from form values', () => {
    const values = toFormValues(auditor);
    expect(fieldValue(values, positionFields.company)).toBe('Contoso Ltd.');
    expect(fieldValue(values, positionFields.start)).toEqual({ month: '1', year: '2001' });
    expect(fieldValue(values, positionFields.addressType)).toBe('business');
  });
});

describe('one notion of the same value', () => {
  it('does not count spaces around text', () => {
    expect(sameFieldValue(positionFields.jobTitle, 'Auditor', '  Auditor ')).toBe(true);
    expect(sameFieldValue(positionFields.webUrl, '', '   ')).toBe(true);
    expect(sameFieldValue(positionFields.jobTitle, 'Auditor', 'auditor')).toBe(false);
  });

  it('counts a half-entered date as a change, but not spaces around its year', () => {
    const none = { month: '', year: '' };
    expect(sameFieldValue(positionFields.end, none, { month: '3', year: '' })).toBe(false);
    expect(
      sameFieldValue(
        positionFields.end,
        { month: '3', year: '2004' },
        { month: '3', year: ' 2004' },
      ),
    ).toBe(true);
  });

  it('counts categories exactly (the form only adds trimmed tags)', () => {
    expect(sameFieldValue(positionFields.categories, ['a'], ['a'])).toBe(true);
    expect(sameFieldValue(positionFields.categories, [' ', 'a'], ['a'])).toBe(false);
    expect(sameFieldValue(positionFields.categories, ['a', 'b'], ['b', 'a'])).toBe(false);
  });

  it('lists changed fields in the table’s order', () => {
    const after = toFormValues(auditor);
    after.detail.company.address.city = 'Pittsburgh';
    after.detail.jobTitle = 'Senior Auditor';
    after.isCurrent = true;
    expect(changedFields(toFormValues(auditor), after)).toEqual([
      positionFields.jobTitle,
      positionFields.isCurrent,
      positionFields.city,
    ]);
  });

  it('a whitespace-only edit is no change for dirty tracking and for Save alike', () => {
    const values = toFormValues(auditor);
    values.detail.jobTitle = 'Auditor ';
    values.detail.company.department = '  ';
    expect(changedFields(toFormValues(auditor), values)).toEqual([]);
    expect(toPatch(values, auditor)).toEqual({});
  });
});

describe('describeFieldValue (the conflict view)', () => {
  it.each([
    ['jobTitle', 'Auditor', 'Auditor'],
    ['jobTitle', '  ', '(empty)'],
    ['start', { month: '3', year: '2004' }, 'March 2004'],
    ['start', { month: '3', year: '' }, '(none)'],
    ['isCurrent', true, 'Yes'],
    ['isCurrent', false, 'No'],
    ['allowedAudiences', 'me', 'Only me'],
    [
      'allowedAudiences',
      'organization,federatedOrganizations',
      'Everyone in my organization and people in trusted organizations',
    ],
    [
      'allowedAudiences',
      'unknownFutureValue',
      'A setting newer than this app (unknownFutureValue)',
    ],
    [
      'allowedAudiences',
      'friendsOfFriends',
      'A setting this app does not know ("friendsOfFriends")',
    ],
    ['allowedAudiences', '', 'Not set'],
    ['addressType', 'business', 'Business'],
    ['addressType', '', 'Not set'],
    ['categories', ['audit', 'risk'], 'audit, risk'],
    ['categories', [], '(none)'],
  ] as const)('%s: %j is shown as %j', (name, value, words) => {
    expect(describeFieldValue(positionFields[name], value, 'en-GB')).toBe(words);
  });
});
