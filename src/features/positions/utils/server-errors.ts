import type { GraphError } from '../../../graph/graph-error';
import { graphPathOf, POSITION_FIELDS } from './position-fields';

/**
 * The form control a Graph error `target` names (`detail.startMonthYear` → the start
 * year), or undefined when no field of the form is that property. An index on a
 * collection (`categories[3]`) names the collection; a member of a person
 * (`colleagues[2].relationship`, `manager.userId`) names the people field.
 */
export function fieldForTarget(target: string | undefined): string | undefined {
  if (!target) return undefined;
  const property = target.replace(/\[\d+\]$/, '');
  const person = /^(manager|colleagues)(\[\d+\])?\./.exec(target)?.[1];
  const field = POSITION_FIELDS.find(
    (candidate) =>
      graphPathOf(candidate) === property ||
      (candidate.kind === 'people' && candidate.path === person),
  );
  return field && (field.errorPath ?? field.path);
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
