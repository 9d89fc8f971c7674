import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromMonthYear,
  toFormValues,
  toMonthYear,
  toPositionDetail,
} from '../../../src/features/positions/utils/form-mapping';
import { isoDate, positionArb } from './arbitraries';

describe('form mapping', () => {
  it('round-trips any position through the form unchanged', () => {
    fc.assert(
      fc.property(positionArb, (position) => {
        const values = toFormValues(position);
        expect(toPositionDetail(values.detail, position.detail)).toEqual(position.detail);
      }),
      { numRuns: 300 },
    );
  });

  it("maps Graph's null to the form's empty text and back", () => {
    const values = toFormValues({ id: 'x', detail: { jobTitle: null, company: null } });
    expect(values.detail.jobTitle).toBe('');
    expect(values.detail.company.address.city).toBe('');
    const detail = toPositionDetail(values.detail, { jobTitle: null, company: null });
    expect(detail.jobTitle).toBeNull();
    expect(detail.company).toBeNull();
  });

  it('gives a new position empty fields and a visible default audience', () => {
    const values = toFormValues();
    expect(values.detail.jobTitle).toBe('');
    expect(values.isCurrent).toBe(false);
    expect(values.categories).toEqual([]);
    expect(values.allowedAudiences).toBe('organization');
  });

  it('maps month and year both ways, first of the month', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        expect(fromMonthYear(toMonthYear(date))).toBe(`${date.slice(0, 7)}-01`);
      }),
    );
    expect(toMonthYear(null)).toEqual({ month: '', year: '' });
    expect(fromMonthYear({ month: '3', year: '' })).toBeNull();
    expect(fromMonthYear({ month: '', year: '2001' })).toBeNull();
  });
});
