import type { GraphError } from '../../../graph/graph-error';

/** Graph's property paths (`detail.startMonthYear`) as the form's field names. */
const TARGET_TO_FIELD: Record<string, string> = {
  'detail.startMonthYear': 'detail.start.year',
  'detail.endMonthYear': 'detail.end.year',
};

const FORM_FIELDS = new Set([
  'detail.jobTitle',
  'detail.description',
  'detail.summary',
  'detail.company.displayName',
  'detail.company.department',
  'detail.company.officeLocation',
  'detail.company.webUrl',
  'detail.company.pronunciation',
  'detail.company.address.street',
  'detail.company.address.city',
  'detail.company.address.state',
  'detail.company.address.postalCode',
  'detail.company.address.countryOrRegion',
  'detail.company.address.postOfficeBox',
  'detail.company.address.type',
  'detail.start.year',
  'detail.end.year',
  'isCurrent',
  'categories',
  'allowedAudiences',
]);

export function fieldForTarget(target: string | undefined): string | undefined {
  if (!target) return undefined;
  const base = target.replace(/\[\d+\]$/, '');
  const field = TARGET_TO_FIELD[base] ?? base;
  return FORM_FIELDS.has(field) ? field : undefined;
}

/** The form fields a Graph error names, with its message for each. */
export function fieldErrorsFromGraph(error: GraphError): { field: string; message: string }[] {
  const named = [
    ...(error.target ? [{ target: error.target, message: error.message }] : []),
    ...error.details,
  ];
  const seen = new Set<string>();
  const result: { field: string; message: string }[] = [];
  for (const { target, message } of named) {
    const field = fieldForTarget(target);
    if (field && !seen.has(field)) {
      seen.add(field);
      result.push({ field, message });
    }
  }
  return result;
}
