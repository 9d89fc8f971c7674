import { audienceLabel } from '../types';
import type { MonthYear, PositionFormValues } from './form-mapping';
import { valueAtPath } from './changed-paths';

/**
 * The form's fields as a person sees them: one entry per thing they can change, with its
 * label. A date (month and year) and the categories each count as one field.
 */
export const FORM_FIELDS = [
  { path: 'detail.jobTitle', label: 'Job title' },
  { path: 'detail.company.displayName', label: 'Company' },
  { path: 'detail.company.department', label: 'Department' },
  { path: 'detail.company.officeLocation', label: 'Office location' },
  { path: 'detail.company.webUrl', label: 'Company web address' },
  { path: 'detail.company.pronunciation', label: 'Company pronunciation' },
  { path: 'detail.start', label: 'Start date' },
  { path: 'detail.end', label: 'End date' },
  { path: 'isCurrent', label: 'I currently work in this role' },
  { path: 'allowedAudiences', label: 'Visible to' },
  { path: 'categories', label: 'Categories' },
  { path: 'detail.description', label: 'Description' },
  { path: 'detail.summary', label: 'Summary' },
  { path: 'detail.company.address.street', label: 'Street' },
  { path: 'detail.company.address.city', label: 'City' },
  { path: 'detail.company.address.state', label: 'State or province' },
  { path: 'detail.company.address.postalCode', label: 'Postal code' },
  { path: 'detail.company.address.countryOrRegion', label: 'Country or region' },
  { path: 'detail.company.address.postOfficeBox', label: 'Post office box' },
  { path: 'detail.company.address.type', label: 'Address type' },
] as const;

export type FormFieldPath = (typeof FORM_FIELDS)[number]['path'];

export const fieldValue = (values: PositionFormValues, path: FormFieldPath): unknown =>
  valueAtPath(values, path);

const normalize = (value: unknown): unknown => {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value))
    return (value as unknown[])
      .map((item) => (typeof item === 'string' ? item.trim() : item))
      .filter((item) => item !== '');
  if (value && typeof value === 'object') {
    const { month, year } = value as MonthYear;
    return `${year.trim()}-${month}`;
  }
  return value;
};

/** Two values of one field mean the same to Graph (spaces around text do not count). */
export function sameField(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

/** A field's value in words, for showing two versions side by side. */
export function describeFieldValue(path: FormFieldPath, value: unknown, locale?: string): string {
  if (path === 'detail.start' || path === 'detail.end') {
    const { month, year } = value as MonthYear;
    if (!month || !year.trim()) return '(none)';
    return new Intl.DateTimeFormat(locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(Number(year), Number(month) - 1, 1)));
  }
  if (path === 'isCurrent') return value ? 'Yes' : 'No';
  if (path === 'allowedAudiences') return audienceLabel(value as string);
  if (path === 'categories')
    return (value as string[]).length ? (value as string[]).join(', ') : '(none)';
  return typeof value === 'string' && value.trim() ? value : '(empty)';
}
