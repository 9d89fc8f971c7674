import type { FieldPath, FieldPathByValue } from 'react-hook-form';
import { ADDRESS_TYPE_OPTIONS, AUDIENCE_OPTIONS, describeAudience } from '../types';
import type { MonthYear, PositionFormValues } from './form-mapping';
import { firstOfMonth } from './graph-dates';
import {
  comparablePeople,
  MAX_COLLEAGUES,
  personLabel,
  type PersonRelationship,
  type PersonValue,
} from './related-people';

/**
 * The one description of what a person can change about a position. Each entry says
 * where the form keeps the field, what it is called, its limits and whether it is
 * required, which Graph property it is (for errors Graph names), and, through its kind,
 * how it is validated, compared and shown in the conflict view. The labels of the form's
 * controls, validation, the mapping of Graph's error targets, the three-way merge and the
 * conflict view all read this table.
 *
 * To add a field: add its member to PositionFormValues and to toFormValues /
 * toPositionDetail (form-mapping.ts), an entry here, and a control in the form that takes
 * the entry. tests/unit/positions/position-fields.test.ts checks that the table and the
 * form's values cover each other, and limits-parity.test.ts that the limits are Graph's.
 */

type FormPath = FieldPath<PositionFormValues>;

/** Form paths that hold text (the form keeps Graph's text members under `detail`). */
export type TextPath = Extract<FieldPathByValue<PositionFormValues, string>, `detail.${string}`>;

interface FieldCommon {
  /** What the form calls it: its label, and its name in the conflict view. */
  label: string;
  /** Graph's property path, when it is not the form's (Graph's error `target` names it). */
  graphPath?: string;
  /** The control an error from Graph is shown on, when not the field itself. */
  errorPath?: FormPath;
}

/** Free text, trimmed when saved; Graph stores an empty value as null. */
export interface TextField extends FieldCommon {
  kind: 'text';
  path: TextPath;
  maxLength: number;
  /** What a length message calls it, when not its label ("Company name"). */
  messageName?: string;
  /** The message when it is left empty; absent: it may stay empty. */
  required?: string;
}

/** A web address: text that must be an absolute http(s) URL. */
export interface WebUrlField extends FieldCommon {
  kind: 'webUrl';
  path: TextPath;
  maxLength: number;
  messageName: string;
}

/** A month and a year (Graph's Edm.Date, by convention the first of the month). */
export interface MonthYearField extends FieldCommon {
  kind: 'monthYear';
  path: 'detail.start' | 'detail.end';
  /** The word messages use: "Enter the start year." */
  word: string;
  /** False when the field does not apply (the end of a current position): nothing is checked. */
  appliesTo?: (values: PositionFormValues) => boolean;
}

export interface FlagField extends FieldCommon {
  kind: 'flag';
  path: 'isCurrent';
}

/** One value of a fixed list. */
export interface ChoiceField extends FieldCommon {
  kind: 'choice';
  path: 'allowedAudiences' | 'detail.company.address.type';
  options: readonly { value: string; label: string }[];
  /** The message when nothing is chosen; absent: it may stay unset. */
  required?: string;
  /** A value in words, when it may be other than one of `options` (Graph's flags, unknown values). */
  describe?: (value: string) => string;
}

/** Tags, in order; saved trimmed, with empty ones dropped. */
export interface CategoriesField extends FieldCommon {
  kind: 'categories';
  path: 'categories';
  maxItems: number;
  maxLength: number;
}

/** A whole number (Graph's Int32), typed as text; empty for none. */
export interface WholeNumberField extends FieldCommon {
  kind: 'wholeNumber';
  path: 'detail.layer';
  max: number;
}

/**
 * People from the directory or free names, in the user's order, each stored as a
 * relatedPerson with `relationship`. The manager is a list of at most one, like the
 * picker's selection; a changed one is sent whole, as its own top-level property.
 */
export interface PeopleField extends FieldCommon {
  kind: 'people';
  path: 'manager' | 'colleagues';
  relationship: PersonRelationship;
  maxItems: number;
}

export type PositionField =
  | TextField
  | WebUrlField
  | MonthYearField
  | FlagField
  | ChoiceField
  | CategoriesField
  | WholeNumberField
  | PeopleField;

/**
 * Every field, in the order a person meets them. Limits follow Microsoft Entra's for the
 * matching user attributes, as Graph enforces them (limits-parity.test.ts checks them
 * against the emulator).
 */
export const positionFields = {
  jobTitle: {
    kind: 'text',
    path: 'detail.jobTitle',
    label: 'Job title',
    maxLength: 128,
    required: 'Enter a job title.',
  },
  company: {
    kind: 'text',
    path: 'detail.company.displayName',
    label: 'Company',
    messageName: 'Company name',
    maxLength: 256,
    required: 'Enter the company name.',
  },
  department: {
    kind: 'text',
    path: 'detail.company.department',
    label: 'Department',
    maxLength: 64,
  },
  officeLocation: {
    kind: 'text',
    path: 'detail.company.officeLocation',
    label: 'Office location',
    maxLength: 128,
  },
  webUrl: {
    kind: 'webUrl',
    path: 'detail.company.webUrl',
    label: 'Company web address',
    messageName: 'Web address',
    maxLength: 2048,
  },
  pronunciation: {
    kind: 'text',
    path: 'detail.company.pronunciation',
    label: 'Company pronunciation',
    messageName: 'Pronunciation',
    maxLength: 256,
  },
  start: {
    kind: 'monthYear',
    path: 'detail.start',
    label: 'Start date',
    word: 'start',
    graphPath: 'detail.startMonthYear',
    errorPath: 'detail.start.year',
  },
  end: {
    kind: 'monthYear',
    path: 'detail.end',
    label: 'End date',
    word: 'end',
    graphPath: 'detail.endMonthYear',
    errorPath: 'detail.end.year',
    appliesTo: (values: PositionFormValues) => !values.isCurrent,
  },
  isCurrent: { kind: 'flag', path: 'isCurrent', label: 'I currently work in this role' },
  allowedAudiences: {
    kind: 'choice',
    path: 'allowedAudiences',
    label: 'Visible to',
    options: AUDIENCE_OPTIONS,
    required: 'Choose who can see this position.',
    describe: describeAudience,
  },
  categories: {
    kind: 'categories',
    path: 'categories',
    label: 'Categories',
    maxItems: 50,
    maxLength: 100,
  },
  description: { kind: 'text', path: 'detail.description', label: 'Description', maxLength: 2000 },
  summary: { kind: 'text', path: 'detail.summary', label: 'Summary', maxLength: 2000 },
  street: { kind: 'text', path: 'detail.company.address.street', label: 'Street', maxLength: 1024 },
  city: { kind: 'text', path: 'detail.company.address.city', label: 'City', maxLength: 128 },
  state: {
    kind: 'text',
    path: 'detail.company.address.state',
    label: 'State or province',
    maxLength: 128,
  },
  postalCode: {
    kind: 'text',
    path: 'detail.company.address.postalCode',
    label: 'Postal code',
    maxLength: 40,
  },
  countryOrRegion: {
    kind: 'text',
    path: 'detail.company.address.countryOrRegion',
    label: 'Country or region',
    maxLength: 128,
  },
  postOfficeBox: {
    kind: 'text',
    path: 'detail.company.address.postOfficeBox',
    label: 'Post office box',
    maxLength: 40,
  },
  addressType: {
    kind: 'choice',
    path: 'detail.company.address.type',
    label: 'Address type',
    options: ADDRESS_TYPE_OPTIONS,
  },
  manager: {
    kind: 'people',
    path: 'manager',
    label: 'Manager',
    relationship: 'manager',
    maxItems: 1,
  },
  colleagues: {
    kind: 'people',
    path: 'colleagues',
    label: 'Colleagues',
    relationship: 'colleague',
    maxItems: MAX_COLLEAGUES,
  },
  // "More details": what HR systems keep about a position (collapsed unless one holds a value).
  role: { kind: 'text', path: 'detail.role', label: 'Role', maxLength: 128 },
  secondaryJobTitle: {
    kind: 'text',
    path: 'detail.secondaryJobTitle',
    label: 'Second job title',
    maxLength: 128,
  },
  secondaryRole: {
    kind: 'text',
    path: 'detail.secondaryRole',
    label: 'Second role',
    maxLength: 128,
  },
  level: { kind: 'text', path: 'detail.level', label: 'Level', maxLength: 64 },
  layer: { kind: 'wholeNumber', path: 'detail.layer', label: 'Layer', max: 2_147_483_647 },
  employeeId: { kind: 'text', path: 'detail.employeeId', label: 'Employee ID', maxLength: 64 },
  employeeType: {
    kind: 'text',
    path: 'detail.employeeType',
    label: 'Employee type',
    maxLength: 64,
  },
  division: { kind: 'text', path: 'detail.company.division', label: 'Division', maxLength: 128 },
  secondaryDepartment: {
    kind: 'text',
    path: 'detail.company.secondaryDepartment',
    label: 'Second department',
    maxLength: 64,
  },
  costCenter: {
    kind: 'text',
    path: 'detail.company.costCenter',
    label: 'Cost center',
    maxLength: 64,
  },
  companyCode: {
    kind: 'text',
    path: 'detail.company.companyCode',
    label: 'Company code',
    maxLength: 64,
  },
} as const satisfies Record<string, PositionField>;

/** The fields of "More details", in their order (the section opens when one holds a value). */
export const MORE_DETAIL_FIELDS = [
  positionFields.role,
  positionFields.secondaryJobTitle,
  positionFields.secondaryRole,
  positionFields.level,
  positionFields.layer,
  positionFields.employeeId,
  positionFields.employeeType,
  positionFields.division,
  positionFields.secondaryDepartment,
  positionFields.costCenter,
  positionFields.companyCode,
] as const;

/** The table as a list, in its order. */
export const POSITION_FIELDS: readonly PositionField[] = Object.values(positionFields);

/** The field's value in a set of form values. */
export function fieldValue(values: PositionFormValues, field: PositionField): unknown {
  return field.path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], values);
}

/** Graph's property path of a field, as Graph's errors name it. */
export const graphPathOf = (field: PositionField): string => field.graphPath ?? field.path;

/** The top-level property of the workPosition a field belongs to (what a PATCH sends whole). */
export const propertyOf = (field: PositionField): string => graphPathOf(field).split('.')[0];

/**
 * A value as it counts for "is this a change?": text trimmed (Graph stores it trimmed), a
 * date as its month and trimmed year (a half-entered date counts, so that input is not
 * lost unasked), anything else as it is. Categories count exactly: the form only ever
 * adds trimmed tags, so a difference is one the user made (removing a blank tag that came
 * from Graph included).
 */
function comparable(field: PositionField, value: unknown): unknown {
  switch (field.kind) {
    case 'text':
    case 'webUrl':
    case 'wholeNumber':
      return (value as string).trim();
    case 'people':
      return comparablePeople(value as PersonValue[]);
    case 'monthYear': {
      const { month, year } = value as MonthYear;
      return `${year.trim()}-${month}`;
    }
    case 'categories':
      return JSON.stringify(value);
    case 'flag':
    case 'choice':
      return value;
  }
}

/**
 * The one notion of "the same value" for the form: what dirty tracking, the leave prompt,
 * Save, drafts and the three-way merge all use. Spaces around text do not count.
 */
export function sameFieldValue(field: PositionField, a: unknown, b: unknown): boolean {
  return comparable(field, a) === comparable(field, b);
}

/** The fields whose values differ between two sets of form values, in the table's order. */
export function changedFields(
  before: PositionFormValues,
  after: PositionFormValues,
): PositionField[] {
  return POSITION_FIELDS.filter(
    (field) => !sameFieldValue(field, fieldValue(before, field), fieldValue(after, field)),
  );
}

/** A field's value in words, for showing two versions side by side. */
export function describeFieldValue(field: PositionField, value: unknown, locale?: string): string {
  switch (field.kind) {
    case 'monthYear': {
      const { month, year } = value as MonthYear;
      if (!month || !/^\d{4}$/.test(year.trim())) return '(none)';
      return new Intl.DateTimeFormat(locale, {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(firstOfMonth(Number(year), Number(month)));
    }
    case 'flag':
      return value ? 'Yes' : 'No';
    case 'choice':
      if (field.describe) return field.describe(value as string);
      return field.options.find((option) => option.value === value)?.label ?? 'Not set';
    case 'categories': {
      const categories = value as string[];
      return categories.length ? categories.join(', ') : '(none)';
    }
    case 'people': {
      const people = value as PersonValue[];
      return people.length ? people.map(personLabel).join(', ') : '(none)';
    }
    case 'text':
    case 'webUrl':
    case 'wholeNumber':
      return (value as string).trim() ? (value as string) : '(empty)';
  }
}
