import { describe, expect, it } from 'vitest';
import type { Position } from '../../../src/features/positions/types';
import {
  describeLastEdit,
  formatEditedDate,
  formatPositionDates,
} from '../../../src/features/positions/utils/format-dates';

const withDates = (
  start: string | null,
  end: string | null,
  isCurrent: boolean | null = false,
): Position => ({
  id: 'p',
  isCurrent,
  detail: { startMonthYear: start, endMonthYear: end },
});

// Midday UTC, so the calendar date is the same in every time zone from UTC−11 to UTC+11.
const EDITED = '2026-11-27T12:00:00Z';

describe('formatPositionDates', () => {
  it('shows a current position as running to the present', () => {
    expect(formatPositionDates(withDates('2001-01-01', null, true), 'en-US')).toBe(
      'Jan 2001 – Present',
    );
  });

  it('shows Present for a current position even if an end date is stored', () => {
    expect(formatPositionDates(withDates('2001-01-01', '2003-04-01', true), 'en-US')).toBe(
      'Jan 2001 – Present',
    );
  });

  it('shows a past range by month and year', () => {
    expect(formatPositionDates(withDates('1998-06-01', '2000-12-01'), 'en-US')).toBe(
      'Jun 1998 – Dec 2000',
    );
  });

  it('ignores the day and does not shift the month by time zone', () => {
    expect(formatPositionDates(withDates('1998-06-30', '2000-12-31'), 'en-US')).toBe(
      'Jun 1998 – Dec 2000',
    );
  });

  it('says when the start or end is not set', () => {
    expect(formatPositionDates(withDates(null, '2000-12-01'), 'en-US')).toBe(
      'No start date – Dec 2000',
    );
    expect(formatPositionDates(withDates('1998-06-01', null), 'en-US')).toBe(
      'Jun 1998 – No end date',
    );
    expect(formatPositionDates(withDates(null, null), 'en-US')).toBe('No start date – No end date');
    expect(formatPositionDates(withDates(null, null, true), 'en-US')).toBe(
      'No start date – Present',
    );
    expect(formatPositionDates({ id: 'no-detail' }, 'en-US')).toBe('No start date – No end date');
  });

  it('shows the "no value" sentinel and unreadable dates as no date, never as a year 1 or 1901', () => {
    expect(formatPositionDates(withDates('0001-01-01', '0001-01-01', true), 'en-US')).toBe(
      'No start date – Present',
    );
    expect(formatPositionDates(withDates('0001-01-01', '0001-01-01'), 'en-US')).toBe(
      'No start date – No end date',
    );
    for (const unreadable of ['2020-13-01', '2020-1-1', 'garbage', '', '0099-05-01'])
      expect(formatPositionDates(withDates(unreadable, '2000-12-01'), 'en-US')).toBe(
        'No start date – Dec 2000',
      );
  });

  it('follows the locale', () => {
    expect(formatPositionDates(withDates('2001-01-01', '2002-03-01'), 'de-DE')).toBe(
      'Jan. 2001 – März 2002',
    );
  });
});

describe('formatEditedDate', () => {
  it('formats an ISO timestamp as a medium date', () => {
    expect(formatEditedDate(EDITED, 'en-US')).toBe('Nov 27, 2026');
    expect(formatEditedDate(EDITED, 'en-GB')).toBe('27 Nov 2026');
  });

  it('gives nothing for missing or invalid input', () => {
    expect(formatEditedDate(null, 'en-US')).toBeUndefined();
    expect(formatEditedDate(undefined, 'en-US')).toBeUndefined();
    expect(formatEditedDate('', 'en-US')).toBeUndefined();
    expect(formatEditedDate('not a date', 'en-US')).toBeUndefined();
    expect(formatEditedDate('2026-13-45T99:00:00Z', 'en-US')).toBeUndefined();
  });

  it('gives nothing for the "no value" timestamp real tenants send', () => {
    expect(formatEditedDate('0001-01-01T00:00:00Z', 'en-US')).toBeUndefined();
    expect(formatEditedDate('0001-01-01T00:00:00.0000000Z', 'en-US')).toBeUndefined();
  });
});

describe('describeLastEdit', () => {
  it('names the user and the date', () => {
    expect(
      describeLastEdit(
        {
          id: 'p',
          lastModifiedDateTime: EDITED,
          lastModifiedBy: {
            user: { displayName: 'Megan Bowen' },
            application: { displayName: 'Profile Editor' },
          },
        },
        'en-US',
      ),
    ).toBe('Last edited by Megan Bowen on Nov 27, 2026');
  });

  it('names the application when no user name is given', () => {
    expect(
      describeLastEdit(
        {
          id: 'p',
          lastModifiedDateTime: EDITED,
          lastModifiedBy: { application: { displayName: 'Profile Editor' } },
        },
        'en-US',
      ),
    ).toBe('Last edited by Profile Editor on Nov 27, 2026');
    expect(
      describeLastEdit(
        {
          id: 'p',
          lastModifiedBy: { user: { displayName: null }, application: { displayName: 'Sync' } },
        },
        'en-US',
      ),
    ).toBe('Last edited by Sync');
  });

  it('gives only the date when nobody is named', () => {
    expect(describeLastEdit({ id: 'p', lastModifiedDateTime: EDITED }, 'en-GB')).toBe(
      'Last edited on 27 Nov 2026',
    );
  });

  it('gives only the name when the date is missing or invalid', () => {
    expect(
      describeLastEdit(
        {
          id: 'p',
          lastModifiedDateTime: 'garbage',
          lastModifiedBy: { user: { displayName: 'Megan Bowen' } },
        },
        'en-US',
      ),
    ).toBe('Last edited by Megan Bowen');
  });

  it('a position from the directory: the application, and no "on" for the sentinel timestamp', () => {
    expect(
      describeLastEdit(
        {
          id: 'p',
          lastModifiedDateTime: '0001-01-01T00:00:00Z',
          lastModifiedBy: { user: null, application: { id: null, displayName: 'AAD' } },
        },
        'en-US',
      ),
    ).toBe('Last edited by AAD');
  });

  it('gives nothing when neither who nor when is known', () => {
    expect(describeLastEdit({ id: 'p' }, 'en-US')).toBeUndefined();
    expect(
      describeLastEdit(
        { id: 'p', lastModifiedDateTime: null, lastModifiedBy: { user: null, application: null } },
        'en-US',
      ),
    ).toBeUndefined();
    expect(
      describeLastEdit({ id: 'p', lastModifiedDateTime: 'nope', lastModifiedBy: {} }, 'en-US'),
    ).toBeUndefined();
  });
});
