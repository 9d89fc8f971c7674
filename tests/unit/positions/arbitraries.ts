import fc from 'fast-check';
import type { Position } from '../../../src/features/positions/types';
import type { PositionFormValues } from '../../../src/features/positions/utils/form-mapping';
import type { PersonValue } from '../../../src/features/positions/utils/related-people';

const AUDIENCES = [
  'me',
  'family',
  'contacts',
  'groupMembers',
  'organization',
  'federatedOrganizations',
  'everyone',
] as const;

const text = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.constant('  spaced  '),
  fc.string({ maxLength: 12 }),
);
export const isoDate = fc
  .record({
    year: fc.integer({ min: 1950, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(
    ({ year, month, day }) =>
      `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );

/**
 * A date as real tenants store it: a real one, the "no value" sentinel, or one the form
 * cannot read (graph-profile-api.md, "Data as real tenants hold it").
 */
const storedDate = fc.oneof(
  { weight: 4, arbitrary: isoDate },
  { weight: 1, arbitrary: fc.constantFrom('0001-01-01', '2020-13-01') },
);

const address = fc.option(
  fc.record({
    street: text,
    city: text,
    state: text,
    postalCode: text,
    countryOrRegion: text,
    postOfficeBox: text,
    type: fc.constantFrom(null, 'business', 'home', 'other', 'unknown'),
  }),
);

const company = fc.option(
  fc.record({
    displayName: text,
    department: text,
    officeLocation: text,
    webUrl: text,
    pronunciation: text,
    address,
    companyCode: text,
    costCenter: text,
    division: text,
    secondaryDepartment: text,
  }),
);

const RELATIONSHIPS = ['manager', 'colleague', 'dotLineManager', 'other', null] as const;

/** Someone a position names: from the directory, a free name, or untidy (no name, an odd relationship). */
const relatedPerson = fc.oneof(
  fc.record({
    displayName: fc.constantFrom('Megan Bowen', 'Lee Gu', 'Alex Wilber'),
    relationship: fc.constantFrom(...RELATIONSHIPS),
    userId: fc.constantFrom('u-megan', 'u-lee', 'u-alex'),
    userPrincipalName: fc.constantFrom('megan@contoso.com', null),
  }),
  fc.record({
    displayName: fc.oneof(text, fc.constantFrom('Sam Free', 'Jo Outside')),
    relationship: fc.constantFrom(...RELATIONSHIPS),
  }),
);

/**
 * Any position Graph could hand us, including members the form never shows and untidy
 * data: sentinel and unreadable dates, null categories, flags and unknown audiences.
 */
export const positionArb: fc.Arbitrary<Position> = fc.record({
  id: fc.uuid(),
  allowedAudiences: fc.constantFrom(
    ...AUDIENCES,
    'organization,federatedOrganizations',
    'unknownFutureValue',
  ),
  isCurrent: fc.constantFrom(true, false, null),
  manager: fc.option(relatedPerson),
  colleagues: fc.option(fc.array(relatedPerson, { maxLength: 4 })),
  categories: fc.option(fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 })),
  detail: fc.record({
    jobTitle: text,
    description: text,
    summary: text,
    company,
    startMonthYear: fc.option(storedDate),
    endMonthYear: fc.option(storedDate),
    employeeId: text,
    employeeType: text,
    layer: fc.option(fc.integer({ min: 0, max: 10 })),
    level: text,
    role: text,
    secondaryJobTitle: text,
    secondaryRole: text,
  }),
});

const editText = (current: string) =>
  fc.oneof(
    fc.constant(current),
    fc.constant(''),
    fc.constant(` ${current} `),
    fc.string({ maxLength: 10 }),
  );
const editMonthYear = (current: { month: string; year: string }) =>
  fc.oneof(
    fc.constant(current),
    fc.constant({ month: '', year: '' }),
    fc.record({
      month: fc.integer({ min: 1, max: 12 }).map(String),
      year: fc.integer({ min: 1950, max: 2030 }).map(String),
    }),
  );

/**
 * What the tag picker can do to categories: remove any, add trimmed ones that are not
 * there yet (ignoring case), at the end.
 */
const editCategories = (current: string[]) =>
  fc
    .tuple(
      fc.subarray(current),
      fc.array(
        fc
          .string({ maxLength: 8 })
          .map((text) => text.trim())
          .filter(Boolean),
        { maxLength: 3 },
      ),
    )
    .map(([kept, added]) =>
      added.reduce(
        (tags, tag) =>
          tags.some((existing) => existing.toLowerCase() === tag.toLowerCase())
            ? tags
            : [...tags, tag],
        kept,
      ),
    );

const personValue = fc.oneof(
  fc.record({
    displayName: fc.constantFrom('Megan Bowen', 'Lee Gu', 'Diego Siciliani'),
    userId: fc.constantFrom('u-megan', 'u-lee', 'u-diego'),
    userPrincipalName: fc.constantFrom('megan@contoso.com', 'lee@contoso.com'),
  }),
  fc.record({
    displayName: fc.constantFrom('Sam Free', 'Jo Outside', ' Spaced Name '),
    userId: fc.constant(''),
    userPrincipalName: fc.constant(''),
  }),
);

/** What the picker can do to a list of people: remove any, reorder, add new ones. */
const editPeople = (current: PersonValue[], max: number) =>
  fc
    .tuple(fc.shuffledSubarray(current), fc.array(personValue, { maxLength: 2 }))
    .map(([kept, added]) => [...kept, ...added].slice(0, max));

const editLayer = (current: string) => fc.constantFrom(current, '', '4', ` ${current} `);

/** Any edit a user could make of the form, starting from `values`. */
export function editArb(values: PositionFormValues): fc.Arbitrary<PositionFormValues> {
  const { detail } = values;
  const { company } = detail;
  const { address: a } = company;
  return fc.record({
    detail: fc.record({
      jobTitle: editText(detail.jobTitle),
      description: editText(detail.description),
      summary: editText(detail.summary),
      role: editText(detail.role),
      level: editText(detail.level),
      layer: editLayer(detail.layer),
      employeeId: editText(detail.employeeId),
      employeeType: editText(detail.employeeType),
      secondaryJobTitle: editText(detail.secondaryJobTitle),
      secondaryRole: editText(detail.secondaryRole),
      start: editMonthYear(detail.start),
      end: editMonthYear(detail.end),
      company: fc.record({
        displayName: editText(company.displayName),
        department: editText(company.department),
        officeLocation: editText(company.officeLocation),
        webUrl: editText(company.webUrl),
        pronunciation: editText(company.pronunciation),
        division: editText(company.division),
        secondaryDepartment: editText(company.secondaryDepartment),
        costCenter: editText(company.costCenter),
        companyCode: editText(company.companyCode),
        address: fc.record({
          street: editText(a.street),
          city: editText(a.city),
          state: editText(a.state),
          postalCode: editText(a.postalCode),
          countryOrRegion: editText(a.countryOrRegion),
          postOfficeBox: editText(a.postOfficeBox),
          type: fc.constantFrom(a.type, '', 'business', 'home'),
        }),
      }),
    }),
    isCurrent: fc.boolean(),
    categories: fc.oneof(fc.constant(values.categories), editCategories(values.categories)),
    allowedAudiences: fc.constantFrom(values.allowedAudiences, ...AUDIENCES),
    manager: fc.oneof(fc.constant(values.manager), editPeople(values.manager, 1)),
    colleagues: fc.oneof(fc.constant(values.colleagues), editPeople(values.colleagues, 25)),
  });
}
