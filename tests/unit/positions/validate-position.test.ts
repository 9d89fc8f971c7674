import { describe, expect, it } from 'vitest';
import {
  toFormValues,
  type PositionFormValues,
} from '../../../src/features/positions/utils/form-mapping';
import { positionFields } from '../../../src/features/positions/utils/position-fields';
import { validatePosition } from '../../../src/features/positions/utils/validate-position';
import type { Position } from '../../../src/features/positions/types';

const MAX_YEAR = new Date().getFullYear() + 10;
const YEAR_MESSAGE = (label: string) =>
  `Enter the ${label} year as four digits, from 1900 to ${MAX_YEAR}.`;

const valid: Position = {
  id: 'p1',
  allowedAudiences: 'organization',
  isCurrent: false,
  categories: ['Finance'],
  detail: {
    jobTitle: 'Auditor',
    startMonthYear: '2001-01-01',
    endMonthYear: '2004-06-01',
    company: { displayName: 'Contoso Ltd.', webUrl: 'https://contoso.com' },
  },
};

/** Valid form values with `change` applied. */
function values(change?: (form: PositionFormValues) => void): PositionFormValues {
  const form = toFormValues(valid);
  change?.(form);
  return form;
}

const errorsOf = (change: (form: PositionFormValues) => void) => validatePosition(values(change));

describe('validatePosition', () => {
  it('finds nothing wrong with a complete position', () => {
    expect(validatePosition(values())).toEqual({});
  });

  it('requires a job title and a company name on a new, empty form', () => {
    const errors = validatePosition(toFormValues());
    expect(errors['detail.jobTitle']).toBe('Enter a job title.');
    expect(errors['detail.company.displayName']).toBe('Enter the company name.');
    expect(errors['detail.start.month']).toBe('Enter the start month and year.');
    expect(errors['detail.end.month']).toBe('Enter the end month and year.');
    expect(errors.allowedAudiences).toBeUndefined();
  });

  it('treats a whitespace-only job title or company name as missing', () => {
    expect(
      errorsOf((form) => {
        form.detail.jobTitle = '   \t ';
      }),
    ).toEqual({ 'detail.jobTitle': 'Enter a job title.' });
    expect(
      errorsOf((form) => {
        form.detail.company.displayName = '  ';
      }),
    ).toEqual({ 'detail.company.displayName': 'Enter the company name.' });
  });

  it('requires an audience', () => {
    expect(
      errorsOf((form) => {
        form.allowedAudiences = '';
      }),
    ).toEqual({ allowedAudiences: 'Choose who can see this position.' });
  });

  describe('length limits', () => {
    interface Field {
      path: string;
      label: string;
      max: number;
      set: (form: PositionFormValues, value: string) => void;
    }
    const fields: Field[] = [
      {
        path: 'detail.jobTitle',
        label: 'Job title',
        max: positionFields.jobTitle.maxLength,
        set: (f, v) => {
          f.detail.jobTitle = v;
        },
      },
      {
        path: 'detail.company.displayName',
        label: 'Company name',
        max: positionFields.company.maxLength,
        set: (f, v) => {
          f.detail.company.displayName = v;
        },
      },
      {
        path: 'detail.company.department',
        label: 'Department',
        max: positionFields.department.maxLength,
        set: (f, v) => {
          f.detail.company.department = v;
        },
      },
      {
        path: 'detail.company.officeLocation',
        label: 'Office location',
        max: positionFields.officeLocation.maxLength,
        set: (f, v) => {
          f.detail.company.officeLocation = v;
        },
      },
      {
        path: 'detail.company.pronunciation',
        label: 'Pronunciation',
        max: positionFields.pronunciation.maxLength,
        set: (f, v) => {
          f.detail.company.pronunciation = v;
        },
      },
      {
        path: 'detail.company.address.street',
        label: 'Street',
        max: positionFields.street.maxLength,
        set: (f, v) => {
          f.detail.company.address.street = v;
        },
      },
      {
        path: 'detail.company.address.city',
        label: 'City',
        max: positionFields.city.maxLength,
        set: (f, v) => {
          f.detail.company.address.city = v;
        },
      },
      {
        path: 'detail.company.address.state',
        label: 'State or province',
        max: positionFields.state.maxLength,
        set: (f, v) => {
          f.detail.company.address.state = v;
        },
      },
      {
        path: 'detail.company.address.postalCode',
        label: 'Postal code',
        max: positionFields.postalCode.maxLength,
        set: (f, v) => {
          f.detail.company.address.postalCode = v;
        },
      },
      {
        path: 'detail.company.address.countryOrRegion',
        label: 'Country or region',
        max: positionFields.countryOrRegion.maxLength,
        set: (f, v) => {
          f.detail.company.address.countryOrRegion = v;
        },
      },
      {
        path: 'detail.company.address.postOfficeBox',
        label: 'Post office box',
        max: positionFields.postOfficeBox.maxLength,
        set: (f, v) => {
          f.detail.company.address.postOfficeBox = v;
        },
      },
      {
        path: 'detail.description',
        label: 'Description',
        max: positionFields.description.maxLength,
        set: (f, v) => {
          f.detail.description = v;
        },
      },
      {
        path: 'detail.summary',
        label: 'Summary',
        max: positionFields.summary.maxLength,
        set: (f, v) => {
          f.detail.summary = v;
        },
      },
    ];

    it.each(fields)('$path passes at exactly $max characters', ({ max, set }) => {
      expect(errorsOf((form) => set(form, 'x'.repeat(max)))).toEqual({});
    });

    it.each(fields)(
      '$path fails one character over $max, with its label and both counts',
      ({ path, label, max, set }) => {
        expect(errorsOf((form) => set(form, 'x'.repeat(max + 1)))).toEqual({
          [path]: `${label} can be at most ${max} characters (it has ${max + 1}).`,
        });
      },
    );

    it('counts characters after trimming surrounding whitespace', () => {
      expect(
        errorsOf((form) => {
          form.detail.jobTitle = `  ${'x'.repeat(positionFields.jobTitle.maxLength)}  `;
        }),
      ).toEqual({});
    });

    it('reports several over-long fields at once', () => {
      const errors = errorsOf((form) => {
        form.detail.company.address.city = 'c'.repeat(positionFields.city.maxLength + 5);
        form.detail.company.address.postalCode = '1'.repeat(
          positionFields.postalCode.maxLength + 1,
        );
      });
      expect(Object.keys(errors).sort()).toEqual([
        'detail.company.address.city',
        'detail.company.address.postalCode',
      ]);
      expect(errors['detail.company.address.city']).toBe(
        `City can be at most ${positionFields.city.maxLength} characters (it has ${positionFields.city.maxLength + 5}).`,
      );
    });

    it('limits the web address length, exactly at the limit passing', () => {
      const prefix = 'https://example.com/';
      const atLimit = prefix + 'a'.repeat(positionFields.webUrl.maxLength - prefix.length);
      expect(atLimit).toHaveLength(positionFields.webUrl.maxLength);
      expect(
        errorsOf((form) => {
          form.detail.company.webUrl = atLimit;
        }),
      ).toEqual({});
      expect(
        errorsOf((form) => {
          form.detail.company.webUrl = `${atLimit}a`;
        }),
      ).toEqual({
        'detail.company.webUrl': `Web address can be at most ${positionFields.webUrl.maxLength} characters.`,
      });
    });
  });

  describe('web address', () => {
    const WEB_MESSAGE = 'Enter a full web address that starts with https:// or http://.';

    it.each([
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<b>hi</b>',
      'ftp://example.com/file',
      '/relative/path',
      'example.com',
      'www.example.com',
    ])('refuses %j', (webUrl) => {
      expect(
        errorsOf((form) => {
          form.detail.company.webUrl = webUrl;
        }),
      ).toEqual({ 'detail.company.webUrl': WEB_MESSAGE });
    });

    it.each(['http://example.com', 'https://example.com/jobs?id=1#top', '  https://contoso.com  '])(
      'accepts %j',
      (webUrl) => {
        expect(
          errorsOf((form) => {
            form.detail.company.webUrl = webUrl;
          }),
        ).toEqual({});
      },
    );

    it('is optional: empty or blank passes', () => {
      expect(
        errorsOf((form) => {
          form.detail.company.webUrl = '';
        }),
      ).toEqual({});
      expect(
        errorsOf((form) => {
          form.detail.company.webUrl = '   ';
        }),
      ).toEqual({});
    });
  });

  describe('dates', () => {
    it('requires the start month and year', () => {
      expect(
        errorsOf((form) => {
          form.detail.start = { month: '', year: '' };
        }),
      ).toEqual({ 'detail.start.month': 'Enter the start month and year.' });
    });

    it('asks for the year when only the month is given', () => {
      expect(
        errorsOf((form) => {
          form.detail.start = { month: '3', year: '' };
        }),
      ).toEqual({ 'detail.start.year': 'Enter the start year.' });
      expect(
        errorsOf((form) => {
          form.detail.end = { month: '3', year: '  ' };
        }),
      ).toEqual({ 'detail.end.year': 'Enter the end year.' });
    });

    it('asks for the month when only the year is given', () => {
      expect(
        errorsOf((form) => {
          form.detail.start = { month: '', year: '2001' };
        }),
      ).toEqual({ 'detail.start.month': 'Choose the start month.' });
      expect(
        errorsOf((form) => {
          form.detail.end = { month: '', year: '2004' };
        }),
      ).toEqual({ 'detail.end.month': 'Choose the end month.' });
    });

    it.each(['01', '201', '20011', 'abcd', '2001.5', '1899', String(MAX_YEAR + 1)])(
      'refuses the start year %j',
      (year) => {
        expect(
          errorsOf((form) => {
            form.detail.start = { month: '1', year };
          }),
        ).toEqual({ 'detail.start.year': YEAR_MESSAGE('start') });
      },
    );

    it('refuses a bad end year with the end label', () => {
      expect(
        errorsOf((form) => {
          form.detail.end = { month: '1', year: '99' };
        }),
      ).toEqual({ 'detail.end.year': YEAR_MESSAGE('end') });
    });

    it('accepts the bounds of the year range, and a year with surrounding spaces', () => {
      expect(
        errorsOf((form) => {
          form.detail.start = { month: '1', year: '1900' };
        }),
      ).toEqual({});
      expect(
        errorsOf((form) => {
          form.detail.start = { month: '1', year: ' 2001 ' };
        }),
      ).toEqual({});
      expect(
        errorsOf((form) => {
          form.detail.start = { month: '1', year: String(MAX_YEAR) };
          form.detail.end = { month: '2', year: String(MAX_YEAR) };
        }),
      ).toEqual({});
    });

    it('requires the end of a past position', () => {
      expect(
        errorsOf((form) => {
          form.detail.end = { month: '', year: '' };
        }),
      ).toEqual({ 'detail.end.month': 'Enter the end month and year.' });
    });

    it('refuses an end before the start, naming both months', () => {
      expect(
        errorsOf((form) => {
          form.detail.start = { month: '6', year: '2004' };
          form.detail.end = { month: '3', year: '2004' };
        }),
      ).toEqual({
        'detail.end.month': "The end (March 2004) can't be before the start (June 2004).",
      });
      expect(
        errorsOf((form) => {
          form.detail.start = { month: '1', year: '2001' };
          form.detail.end = { month: '12', year: '2000' };
        }),
      ).toEqual({
        'detail.end.month': "The end (December 2000) can't be before the start (January 2001).",
      });
    });

    it('accepts an end in the same month as the start', () => {
      expect(
        errorsOf((form) => {
          form.detail.start = { month: '7', year: '2010' };
          form.detail.end = { month: '7', year: '2010' };
        }),
      ).toEqual({});
    });

    it('does not compare the dates while either is incomplete or invalid', () => {
      expect(
        errorsOf((form) => {
          form.detail.start = { month: '6', year: '2004' };
          form.detail.end = { month: '3', year: '99' };
        }),
      ).toEqual({ 'detail.end.year': YEAR_MESSAGE('end') });
    });

    it('skips every end check for a current position', () => {
      for (const end of [
        { month: '', year: '' },
        { month: '1', year: '' },
        { month: '', year: 'abcd' },
        { month: '1', year: '1990' },
      ]) {
        expect(
          errorsOf((form) => {
            form.isCurrent = true;
            form.detail.end = end;
          }),
          JSON.stringify(end),
        ).toEqual({});
      }
    });

    it('still checks the start of a current position', () => {
      expect(
        errorsOf((form) => {
          form.isCurrent = true;
          form.detail.start = { month: '', year: '' };
        }),
      ).toEqual({ 'detail.start.month': 'Enter the start month and year.' });
    });
  });

  describe('categories', () => {
    const COUNT_MESSAGE = `A position can have at most ${positionFields.categories.maxItems} categories.`;

    it(`accepts exactly ${positionFields.categories.maxItems} categories`, () => {
      expect(
        errorsOf((form) => {
          form.categories = Array.from(
            { length: positionFields.categories.maxItems },
            (_, i) => `c${i}`,
          );
        }),
      ).toEqual({});
    });

    it(`refuses more than ${positionFields.categories.maxItems} categories`, () => {
      expect(
        errorsOf((form) => {
          form.categories = Array.from(
            { length: positionFields.categories.maxItems + 1 },
            (_, i) => `c${i}`,
          );
        }),
      ).toEqual({ categories: COUNT_MESSAGE });
    });

    it('does not count empty or blank categories', () => {
      expect(
        errorsOf((form) => {
          form.categories = [
            ...Array.from({ length: positionFields.categories.maxItems }, (_, i) => `c${i}`),
            '',
            '   ',
          ];
        }),
      ).toEqual({});
    });

    it(`accepts a category of exactly ${positionFields.categories.maxLength} characters and refuses one longer, quoting its start`, () => {
      expect(
        errorsOf((form) => {
          form.categories = ['x'.repeat(positionFields.categories.maxLength)];
        }),
      ).toEqual({});
      const long = `Long category ${'y'.repeat(positionFields.categories.maxLength)}`;
      expect(
        errorsOf((form) => {
          form.categories = ['ok', long];
        }),
      ).toEqual({
        categories: `Each category can be at most ${positionFields.categories.maxLength} characters; "${long.slice(0, 24)}…" is longer.`,
      });
    });

    it('reports the over-long category when there are also too many', () => {
      const errors = errorsOf((form) => {
        form.categories = [
          ...Array.from({ length: positionFields.categories.maxItems + 1 }, (_, i) => `c${i}`),
          'z'.repeat(positionFields.categories.maxLength + 1),
        ];
      });
      expect(errors.categories).toMatch(
        /^Each category can be at most 100 characters; "z{24}…" is longer\.$/,
      );
    });
  });

  it('reports problems in different fields together', () => {
    const errors = errorsOf((form) => {
      form.detail.jobTitle = '';
      form.detail.company.webUrl = 'javascript:alert(1)';
      form.detail.start = { month: '', year: '2001' };
      form.categories = ['q'.repeat(101)];
    });
    expect(Object.keys(errors).sort()).toEqual([
      'categories',
      'detail.company.webUrl',
      'detail.jobTitle',
      'detail.start.month',
    ]);
  });
});

/** A position from the directory, as real tenants hold it (the seed's "Regional Retail Lead"). */
const fromTheDirectory: Position = {
  id: 'aad',
  allowedAudiences: 'organization,federatedOrganizations',
  isCurrent: false,
  categories: null,
  detail: {
    jobTitle: 'Regional Retail Lead',
    startMonthYear: '0001-01-01',
    endMonthYear: '0001-01-01',
    company: { displayName: '', department: 'Retail', webUrl: 'contoso.com' },
  },
};

describe('validatePosition, judging what the user touched (an existing position)', () => {
  const stored = toFormValues(fromTheDirectory);
  const edited = (change: (form: PositionFormValues) => void) => {
    const form = structuredClone(stored);
    change(form);
    return validatePosition(form, stored);
  };

  it('the untidy position as stored is judged whole (as new) but not as edited', () => {
    expect(Object.keys(validatePosition(stored)).sort()).toEqual([
      'detail.company.displayName',
      'detail.company.webUrl',
      'detail.end.month',
      'detail.start.month',
    ]);
    expect(validatePosition(stored, stored)).toEqual({});
  });

  it('changing only the visibility or the categories finds nothing to fix', () => {
    expect(edited((form) => (form.allowedAudiences = 'me'))).toEqual({});
    expect(edited((form) => (form.categories = ['retail']))).toEqual({});
  });

  it('changing the job title judges the job title only', () => {
    expect(edited((form) => (form.detail.jobTitle = 'Retail Lead'))).toEqual({});
    expect(edited((form) => (form.detail.jobTitle = ' '))).toEqual({
      'detail.jobTitle': 'Enter a job title.',
    });
  });

  it('a touched field is judged in full: clearing a company name, a web address without a scheme', () => {
    const named = {
      ...fromTheDirectory,
      detail: { ...fromTheDirectory.detail, company: { displayName: 'Contoso' } },
    };
    const namedValues = toFormValues(named);
    const cleared = structuredClone(namedValues);
    cleared.detail.company.displayName = '';
    expect(validatePosition(cleared, namedValues)).toEqual({
      'detail.company.displayName': 'Enter the company name.',
    });
    expect(edited((form) => (form.detail.company.webUrl = 'fabrikam.com'))).toEqual({
      'detail.company.webUrl': 'Enter a full web address that starts with https:// or http://.',
    });
  });

  it('a date the user enters is judged, and the order with the other date once both are complete', () => {
    expect(edited((form) => (form.detail.start = { month: '3', year: '' }))).toEqual({
      'detail.start.year': 'Enter the start year.',
    });
    expect(edited((form) => (form.detail.start = { month: '3', year: '2010' }))).toEqual({});
    expect(
      edited((form) => {
        form.detail.start = { month: '3', year: '2010' };
        form.detail.end = { month: '1', year: '2009' };
      }),
    ).toEqual({
      'detail.end.month': "The end (January 2009) can't be before the start (March 2010).",
    });
  });

  it('unticking "current" judges the end, which applies again', () => {
    const current = { ...fromTheDirectory, isCurrent: true };
    const currentValues = toFormValues(current);
    const unticked = structuredClone(currentValues);
    unticked.isCurrent = false;
    expect(validatePosition(unticked, currentValues)).toEqual({
      'detail.end.month': 'Enter the end month and year.',
    });
  });
});

describe('validatePosition, the details HR keeps', () => {
  it.each(['', '0', '3', ' 12 ', '2147483647'])('accepts the layer %j', (layer) => {
    expect(
      validatePosition(
        values((form) => {
          form.detail.layer = layer;
        }),
      )['detail.layer'],
    ).toBeUndefined();
  });

  it.each(['3.5', '-1', 'three', '1e3', '+2', '2147483648'])(
    'says next to the field that the layer %j is not a whole number',
    (layer) => {
      expect(
        validatePosition(
          values((form) => {
            form.detail.layer = layer;
          }),
        )['detail.layer'],
      ).toBe('Enter the layer as a whole number, like 3 (no letters, signs or decimals).');
    },
  );

  it('caps the colleagues with a message, and takes one manager', () => {
    const person = (index: number) => ({
      displayName: `Person ${index}`,
      userId: '',
      userPrincipalName: '',
    });
    const errors = validatePosition(
      values((form) => {
        form.colleagues = Array.from({ length: 26 }, (_, index) => person(index));
        form.manager = [person(1), person(2)];
      }),
    );
    expect(errors.colleagues).toBe('A position can name at most 25 colleagues.');
    expect(errors.manager).toBe('A position has one manager.');
  });
});
