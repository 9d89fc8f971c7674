import * as z from 'zod/mini';
import type { CompanyDetail, PhysicalAddress, Position, PositionDetail } from '../types';
import { readMonthYear } from './graph-dates';
import { toColleaguesValue, toManagerValue } from './related-people';

/** Text the form holds: never null; missing (a draft from an older version) reads as empty. */
const formText = z._default(z.string(), '');

/** Month ('' or '1'–'12') and year ('' or four digits) as the form holds them. */
const monthYearSchema = z.object({ month: formText, year: formText });
export type MonthYear = z.infer<typeof monthYearSchema>;

/** A person as the form holds them (related-people.ts). */
const personSchema = z.object({
  displayName: formText,
  userId: formText,
  userPrincipalName: formText,
});

/**
 * The form's model of a position, and the check of one read back from storage (a draft).
 * It keeps Graph's top-level grouping (detail, isCurrent, categories, allowedAudiences,
 * manager, colleagues)
 * so a changed field maps straight onto the property a PATCH carries. Every value is a
 * string, boolean or array, never null or undefined, so comparing values is exact.
 */
export const positionFormSchema = z.object({
  detail: z.object({
    jobTitle: formText,
    description: formText,
    summary: formText,
    role: formText,
    level: formText,
    /** Graph's Int32, as typed: '' for none (validate-position.ts checks it is a whole number). */
    layer: formText,
    employeeId: formText,
    employeeType: formText,
    secondaryJobTitle: formText,
    secondaryRole: formText,
    start: monthYearSchema,
    end: monthYearSchema,
    company: z.object({
      displayName: formText,
      department: formText,
      officeLocation: formText,
      webUrl: formText,
      pronunciation: formText,
      division: formText,
      secondaryDepartment: formText,
      costCenter: formText,
      companyCode: formText,
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
  /** None or one: the manager as the people picker selects them. */
  manager: z._default(z.array(personSchema), []),
  colleagues: z._default(z.array(personSchema), []),
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
      role: toFormText(detail.role),
      level: toFormText(detail.level),
      layer: toLayerText(detail.layer),
      employeeId: toFormText(detail.employeeId),
      employeeType: toFormText(detail.employeeType),
      secondaryJobTitle: toFormText(detail.secondaryJobTitle),
      secondaryRole: toFormText(detail.secondaryRole),
      start: toMonthYear(detail.startMonthYear),
      end: toMonthYear(detail.endMonthYear),
      company: {
        displayName: toFormText(company.displayName),
        department: toFormText(company.department),
        officeLocation: toFormText(company.officeLocation),
        webUrl: toFormText(company.webUrl),
        pronunciation: toFormText(company.pronunciation),
        division: toFormText(company.division),
        secondaryDepartment: toFormText(company.secondaryDepartment),
        costCenter: toFormText(company.costCenter),
        companyCode: toFormText(company.companyCode),
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
    manager: toManagerValue(position?.manager),
    colleagues: toColleaguesValue(position?.colleagues),
  };
}

/** Graph's layer (Int32) as the form holds it. */
export const toLayerText = (layer: number | null | undefined): string =>
  layer === null || layer === undefined ? '' : String(layer);

/** A whole number as typed ("3", " 12 "); anything else is not one. */
export const WHOLE_NUMBER = /^\s*\d+\s*$/;

/**
 * The layer Graph should store: left as it was, exactly the stored value; empty, null; a
 * whole number, that number. Validation refuses anything else before a save; should it
 * get here, the stored value stays.
 */
function mergeLayer(formValue: string, original: number | null | undefined): number | null {
  if (formValue.trim() === toLayerText(original)) return original ?? null;
  if (formValue.trim() === '') return null;
  return WHOLE_NUMBER.test(formValue) ? Number(formValue.trim()) : (original ?? null);
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
    role: form.role,
    level: form.level,
    employeeId: form.employeeId,
    employeeType: form.employeeType,
    secondaryJobTitle: form.secondaryJobTitle,
    secondaryRole: form.secondaryRole,
  });
  detail.layer = mergeLayer(form.layer, original?.layer);
  // No company before and none entered: keep it absent rather than an object of nulls.
  detail.company = originalCompany || hasValue(company) ? company : null;
  detail.startMonthYear = mergeDate(form.start, original?.startMonthYear) ?? null;
  detail.endMonthYear = mergeDate(form.end, original?.endMonthYear) ?? null;
  return detail;
}

/** Categories as Graph should store them: trimmed, no empties. */
export const cleanCategories = (categories: string[]): string[] =>
  categories.map((category) => category.trim()).filter(Boolean);
