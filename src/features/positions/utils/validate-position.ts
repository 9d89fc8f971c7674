import { POSITION_LIMITS } from './position-limits';
import type { PositionFormValues } from './form-mapping';
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

function checkLength(errors: FieldErrors, path: string, label: string, value: string, max: number) {
  if (value.trim().length > max)
    errors[path] = `${label} can be at most ${max} characters (it has ${value.trim().length}).`;
}

function checkMonthYear(
  errors: FieldErrors,
  prefix: 'detail.start' | 'detail.end',
  label: string,
  month: string,
  year: string,
  required: boolean,
) {
  const maxYear = new Date().getFullYear() + 10;
  const trimmedYear = year.trim();
  if (!month && !trimmedYear) {
    if (required) errors[`${prefix}.month`] = `Enter the ${label} month and year.`;
    return;
  }
  if (!month) errors[`${prefix}.month`] = `Choose the ${label} month.`;
  if (!trimmedYear) errors[`${prefix}.year`] = `Enter the ${label} year.`;
  else if (
    !/^\d{4}$/.test(trimmedYear) ||
    Number(trimmedYear) < MIN_YEAR ||
    Number(trimmedYear) > maxYear
  ) {
    errors[`${prefix}.year`] =
      `Enter the ${label} year as four digits, from ${MIN_YEAR} to ${maxYear}.`;
  }
}

/**
 * Everything the form checks before it sends anything. Messages say what to do.
 * Runs on every change after the first submit, so it stays cheap.
 */
export function validatePosition(values: PositionFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const { detail } = values;
  const { company } = detail;
  const { address } = company;

  if (!detail.jobTitle.trim()) errors['detail.jobTitle'] = 'Enter a job title.';
  if (!company.displayName.trim()) errors['detail.company.displayName'] = 'Enter the company name.';
  checkLength(errors, 'detail.jobTitle', 'Job title', detail.jobTitle, POSITION_LIMITS.jobTitle);
  checkLength(
    errors,
    'detail.company.displayName',
    'Company name',
    company.displayName,
    POSITION_LIMITS.companyName,
  );
  checkLength(
    errors,
    'detail.company.department',
    'Department',
    company.department,
    POSITION_LIMITS.department,
  );
  checkLength(
    errors,
    'detail.company.officeLocation',
    'Office location',
    company.officeLocation,
    POSITION_LIMITS.officeLocation,
  );
  checkLength(
    errors,
    'detail.company.pronunciation',
    'Pronunciation',
    company.pronunciation,
    POSITION_LIMITS.pronunciation,
  );
  checkLength(
    errors,
    'detail.company.address.street',
    'Street',
    address.street,
    POSITION_LIMITS.street,
  );
  checkLength(errors, 'detail.company.address.city', 'City', address.city, POSITION_LIMITS.city);
  checkLength(
    errors,
    'detail.company.address.state',
    'State or province',
    address.state,
    POSITION_LIMITS.state,
  );
  checkLength(
    errors,
    'detail.company.address.postalCode',
    'Postal code',
    address.postalCode,
    POSITION_LIMITS.postalCode,
  );
  checkLength(
    errors,
    'detail.company.address.countryOrRegion',
    'Country or region',
    address.countryOrRegion,
    POSITION_LIMITS.countryOrRegion,
  );
  checkLength(
    errors,
    'detail.company.address.postOfficeBox',
    'Post office box',
    address.postOfficeBox,
    POSITION_LIMITS.postOfficeBox,
  );
  checkLength(
    errors,
    'detail.description',
    'Description',
    detail.description,
    POSITION_LIMITS.description,
  );
  checkLength(errors, 'detail.summary', 'Summary', detail.summary, POSITION_LIMITS.summary);

  const webUrl = company.webUrl.trim();
  if (webUrl) {
    if (webUrl.length > POSITION_LIMITS.webUrl)
      errors['detail.company.webUrl'] =
        `Web address can be at most ${POSITION_LIMITS.webUrl} characters.`;
    else if (!safeWebUrl(webUrl))
      errors['detail.company.webUrl'] =
        'Enter a full web address that starts with https:// or http://.';
  }

  checkMonthYear(errors, 'detail.start', 'start', detail.start.month, detail.start.year, true);
  if (!values.isCurrent)
    checkMonthYear(errors, 'detail.end', 'end', detail.end.month, detail.end.year, true);
  const startKey = Number(detail.start.year) * 12 + Number(detail.start.month);
  const endKey = Number(detail.end.year) * 12 + Number(detail.end.month);
  if (
    !values.isCurrent &&
    !errors['detail.start.month'] &&
    !errors['detail.start.year'] &&
    !errors['detail.end.month'] &&
    !errors['detail.end.year'] &&
    endKey < startKey
  ) {
    errors['detail.end.month'] =
      `The end (${MONTHS[Number(detail.end.month) - 1]} ${detail.end.year}) can't be before the start (${MONTHS[Number(detail.start.month) - 1]} ${detail.start.year}).`;
  }

  const categories = values.categories.map((category) => category.trim()).filter(Boolean);
  if (categories.length > POSITION_LIMITS.categoryCount)
    errors.categories = `A position can have at most ${POSITION_LIMITS.categoryCount} categories.`;
  const tooLong = categories.find((category) => category.length > POSITION_LIMITS.category);
  if (tooLong)
    errors.categories = `Each category can be at most ${POSITION_LIMITS.category} characters; "${tooLong.slice(0, 24)}…" is longer.`;

  if (!values.allowedAudiences) errors.allowedAudiences = 'Choose who can see this position.';
  return errors;
}
