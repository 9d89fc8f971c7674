import { WHOLE_NUMBER, type MonthYear, type PositionFormValues } from './form-mapping';
import {
  changedFields,
  fieldValue,
  POSITION_FIELDS,
  positionFields,
  type MonthYearField,
  type PositionField,
} from './position-fields';
import type { PersonValue } from './related-people';
import { safeWebUrl } from './safe-url';

/** Field path (as react-hook-form names it) → message. */
export type FieldErrors = Record<string, string>;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MIN_YEAR = 1900;

const lengthMessage = (name: string, max: number, length: number) =>
  `${name} can be at most ${max} characters (it has ${length}).`;

function checkMonthYear(errors: FieldErrors, field: MonthYearField, { month, year }: MonthYear) {
  const maxYear = new Date().getFullYear() + 10;
  const trimmedYear = year.trim();
  const { path, word } = field;
  if (!month && !trimmedYear) {
    errors[`${path}.month`] = `Enter the ${word} month and year.`;
    return;
  }
  if (!month) errors[`${path}.month`] = `Choose the ${word} month.`;
  if (!trimmedYear) errors[`${path}.year`] = `Enter the ${word} year.`;
  else if (
    !/^\d{4}$/.test(trimmedYear) ||
    Number(trimmedYear) < MIN_YEAR ||
    Number(trimmedYear) > maxYear
  ) {
    errors[`${path}.year`] =
      `Enter the ${word} year as four digits, from ${MIN_YEAR} to ${maxYear}.`;
  }
}

/** What one field's kind and limits say about its value. */
function checkField(errors: FieldErrors, field: PositionField, values: PositionFormValues) {
  const value = fieldValue(values, field);
  switch (field.kind) {
    case 'text': {
      const text = (value as string).trim();
      if (field.required && !text) errors[field.path] = field.required;
      else if (text.length > field.maxLength)
        errors[field.path] = lengthMessage(
          field.messageName ?? field.label,
          field.maxLength,
          text.length,
        );
      return;
    }
    case 'webUrl': {
      const url = (value as string).trim();
      if (!url) return;
      if (url.length > field.maxLength)
        errors[field.path] = `${field.messageName} can be at most ${field.maxLength} characters.`;
      else if (!safeWebUrl(url))
        errors[field.path] = 'Enter a full web address that starts with https:// or http://.';
      return;
    }
    case 'monthYear':
      if (field.appliesTo?.(values) !== false) checkMonthYear(errors, field, value as MonthYear);
      return;
    case 'choice':
      if (field.required && !value) errors[field.path] = field.required;
      return;
    case 'categories': {
      const categories = (value as string[]).map((category) => category.trim()).filter(Boolean);
      if (categories.length > field.maxItems)
        errors[field.path] = `A position can have at most ${field.maxItems} categories.`;
      const tooLong = categories.find((category) => category.length > field.maxLength);
      if (tooLong)
        errors[field.path] =
          `Each category can be at most ${field.maxLength} characters; "${tooLong.slice(0, 24)}…" is longer.`;
      return;
    }
    case 'wholeNumber': {
      const text = (value as string).trim();
      if (text && (!WHOLE_NUMBER.test(text) || Number(text) > field.max))
        errors[field.path] =
          `Enter the ${field.label.toLowerCase()} as a whole number, like 3 (no letters, signs or decimals).`;
      return;
    }
    case 'people': {
      const people = value as PersonValue[];
      if (people.length > field.maxItems)
        errors[field.path] =
          field.maxItems === 1
            ? `A position has one ${field.label.toLowerCase()}.`
            : `A position can name at most ${field.maxItems} ${field.label.toLowerCase()}.`;
      else if (people.some((person) => person.displayName.trim().length > 256))
        errors[field.path] = 'Each name can be at most 256 characters.';
      return;
    }
    case 'flag':
      return;
  }
}

/**
 * Everything the form checks before it sends anything: each field as the field table
 * describes it, then the rules between fields. Messages say what to do. Runs on every
 * change after the first submit, so it stays cheap.
 *
 * With `unchanged` (the values of the version being edited), only what the user touched
 * is judged, as Graph judges a write by what it sends: a position from the directory
 * with no dates, an empty company name and a web address without a scheme can have its
 * visibility changed without the user inventing the rest. Whether the end applies
 * depends on "current", so changing that judges the end too. Without `unchanged` (a new
 * position) every field is judged.
 */
export function validatePosition(
  values: PositionFormValues,
  unchanged?: PositionFormValues,
): FieldErrors {
  const touched = new Set(unchanged ? changedFields(unchanged, values) : POSITION_FIELDS);
  const judged = (field: PositionField) =>
    touched.has(field) || (field === positionFields.end && touched.has(positionFields.isCurrent));
  const errors: FieldErrors = {};
  for (const field of POSITION_FIELDS) if (judged(field)) checkField(errors, field, values);

  // The end is not before the start (both complete, and the end applies), once either is touched.
  if (!judged(positionFields.start) && !judged(positionFields.end)) return errors;
  const { start, end } = values.detail;
  const dateProblem = [
    'detail.start.month',
    'detail.start.year',
    'detail.end.month',
    'detail.end.year',
  ].some((path) => path in errors);
  const complete = (date: MonthYear) => date.month !== '' && /^\d{4}$/.test(date.year.trim());
  if (positionFields.end.appliesTo(values) && !dateProblem && complete(start) && complete(end)) {
    const startKey = Number(start.year) * 12 + Number(start.month);
    const endKey = Number(end.year) * 12 + Number(end.month);
    if (endKey < startKey)
      errors['detail.end.month'] =
        `The end (${MONTHS[Number(end.month) - 1]} ${end.year}) can't be before the start (${MONTHS[Number(start.month) - 1]} ${start.year}).`;
  }
  return errors;
}
