import * as z from 'zod/mini';
import type { CompanyDetail, PhysicalAddress, Position, PositionDetail } from '../types';
import { readMonthYear } from './graph-dates';

/** Text the form holds: never null; missing (a draft from an older version) reads as empty. */
const formText = z._default(z.string(), '');

/** Month ('' or '1'–'12') and year ('' or four digits) as the form holds them. */
const monthYearSchema = z.object({ month: formText, year: formText });
export type MonthYear = z.infer<typeof monthYearSchema>;

/**
 * The form's model of a position, and the check of one read back from storage (a draft).
 * It keeps Graph's top-level grouping (detail, isCurrent, categories, allowedAudiences)
 * so a changed field maps straight onto the property a PATCH carries. Every value is a
 * string, boolean or array, never null or undefined, so comparing values is exact.
 */
export const positionFormSchema = z.object({
  detail: z.object({
    jobTitle: formText,
    description: formText,
    summary: formText,
    start: monthYearSchema,
    end: monthYearSchema,
    company: z.object({
      displayName: formText,
      department: formText,
      officeLocation: formText,
      webUrl: formText,
      pronunciation: formText,
      address: z.object({
        street: formText,
        city: formText,
        state: formText,
        postalCode: formText,
        countryOrRegion: formText,
        postOfficeBox: formText,
        type: formText,
      }),
    }),
  }),
  isCurrent: z.boolean(),
  categories: z.array(z.string()),
  allowedAudiences: z.string(),
});

export type PositionFormValues = z.infer<typeof positionFormSchema>;

/** The visibility a new position starts with (shown, and changeable, in the form). */
export const DEFAULT_AUDIENCE = 'organization';

/** Graph's null and the form's empty text are the same thing. */
export const toFormText = (value: string | null | undefined): string => value ?? '';

/** Text as Graph should store it: trimmed, and empty as null. */
export const fromFormText = (value: string): string | null =>
  value.trim() === '' ? null : value.trim();

const sameText = (formValue: string, original: string | null | undefined) =>
  fromFormText(formValue) === fromFormText(original ?? '');

/** A stored date as the form holds it; none, the sentinel `0001-01-01` or an unreadable date: empty. */
export function toMonthYear(date: string | null | undefined): MonthYear {
  const read = readMonthYear(date);
  return read ? { month: String(read.month), year: String(read.year) } : { month: '', year: '' };
}

/** Graph's convention: the first of the month. Incomplete input means no date. */
export function fromMonthYear({ month, year }: MonthYear): string | null {
  if (!month || !/^\d{4}$/.test(year.trim())) return null;
  return `${year.trim()}-${month.padStart(2, '0')}-01`;
}

export function toFormValues(position?: Partial<Position>): PositionFormValues {
  const detail = position?.detail ?? {};
  const company = detail.company ?? {};
  const address = company.address ?? {};
  return {
    detail: {
      jobTitle: toFormText(detail.jobTitle),
      description: toFormText(detail.description),
      summary: toFormText(detail.summary),
      start: toMonthYear(detail.startMonthYear),
      end: toMonthYear(detail.endMonthYear),
      company: {
        displayName: toFormText(company.displayName),
        department: toFormText(company.department),
        officeLocation: toFormText(company.officeLocation),
        webUrl: toFormText(company.webUrl),
        pronunciation: toFormText(company.pronunciation),
        address: {
          street: toFormText(address.street),
          city: toFormText(address.city),
          state: toFormText(address.state),
          postalCode: toFormText(address.postalCode),
          countryOrRegion: toFormText(address.countryOrRegion),
          postOfficeBox: toFormText(address.postOfficeBox),
          type: toFormText(address.type),
        },
      },
    },
    isCurrent: position?.isCurrent ?? false,
    categories: [...(position?.categories ?? [])],
    allowedAudiences: position?.allowedAudiences ?? DEFAULT_AUDIENCE,
  };
}

/** Each edited text member: the original value when the user left it as it was, else the new one. */
function mergeText<T extends object>(
  original: T | null | undefined,
  edits: Partial<Record<keyof T, string>>,
): T {
  const result = { ...(original ?? {}) } as Record<string, unknown>;
  for (const [name, formValue] of Object.entries(edits) as [string, string][]) {
    const before = (original as Record<string, string | null | undefined> | null | undefined)?.[
      name
    ];
    result[name] = sameText(formValue, before) ? (before ?? null) : fromFormText(formValue);
  }
  return result as T;
}

function mergeDate(
  formValue: MonthYear,
  original: string | null | undefined,
): string | null | undefined {
  // Left as it was: the stored value exactly as it came (its day, a sentinel `0001-01-01`,
  // even a date the form cannot read), so an edit elsewhere never rewrites it.
  const shown = toMonthYear(original);
  if (formValue.month === shown.month && formValue.year.trim() === shown.year) return original;
  return fromMonthYear(formValue);
}

const hasValue = (value: object) =>
  Object.values(value).some((member) => member !== null && member !== undefined);

/**
 * The whole `detail` for a PATCH or POST: the original's members (including any the form
 * does not show, and any Graph adds later) with the form's edits laid over them. A
 * complex value replaces the stored one wholesale, so nothing may be left out.
 */
export function toPositionDetail(
  form: PositionFormValues['detail'],
  original: PositionDetail | null | undefined,
): PositionDetail {
  const { address: addressForm, ...companyForm } = form.company;
  const originalCompany = original?.company;
  const address = mergeText<PhysicalAddress>(originalCompany?.address, addressForm);
  const company = mergeText<CompanyDetail>(originalCompany, companyForm);
  company.address = originalCompany?.address || hasValue(address) ? address : null;
  const detail = mergeText<PositionDetail>(original, {
    jobTitle: form.jobTitle,
    description: form.description,
    summary: form.summary,
  });
  // No company before and none entered: keep it absent rather than an object of nulls.
  detail.company = originalCompany || hasValue(company) ? company : null;
  detail.startMonthYear = mergeDate(form.start, original?.startMonthYear) ?? null;
  detail.endMonthYear = mergeDate(form.end, original?.endMonthYear) ?? null;
  return detail;
}

/** Categories as Graph should store them: trimmed, no empties. */
export const cleanCategories = (categories: string[]): string[] =>
  categories.map((category) => category.trim()).filter(Boolean);
