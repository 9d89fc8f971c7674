import { AUDIENCE_OPTIONS } from '../../positions/types';
import { positionFields } from '../../positions/utils/position-fields';

/** The company members a bulk change can set on current positions. */
export const TEXT_TARGETS = {
  company: { label: 'Company name', member: 'displayName', field: positionFields.company },
  department: { label: 'Department', member: 'department', field: positionFields.department },
  officeLocation: {
    label: 'Office location',
    member: 'officeLocation',
    field: positionFields.officeLocation,
  },
} as const;

export type TextTarget = keyof typeof TEXT_TARGETS;

/**
 * One change applied to every selected person's current positions. `replaceText` changes
 * only positions whose value is `from` (trimmed, any letter case); `setText` every one.
 */
export type BulkChange =
  | { kind: 'setText'; target: TextTarget; value: string }
  | { kind: 'replaceText'; target: TextTarget; from: string; value: string }
  | { kind: 'setAudience'; value: string }
  | { kind: 'addCategory'; value: string }
  | { kind: 'removeCategory'; value: string }
  /** Ends each current position at a month (`YYYY-MM`): no longer current, that end date. */
  | { kind: 'endCurrent'; month: string };

const audienceLabel = (value: string) =>
  AUDIENCE_OPTIONS.find((option) => option.value === value)?.label ?? value;

function monthName(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, number - 1, 1)),
  );
}

/** The change in words: "Replace the company name “Contoso” with “Contoso Group”". */
export function describeChange(change: BulkChange): string {
  switch (change.kind) {
    case 'setText':
      return `Set the ${TEXT_TARGETS[change.target].label.toLowerCase()} to “${change.value.trim()}”`;
    case 'replaceText':
      return `Replace the ${TEXT_TARGETS[change.target].label.toLowerCase()} “${change.from.trim()}” with “${change.value.trim()}”`;
    case 'setAudience':
      return `Make current positions visible to: ${audienceLabel(change.value)}`;
    case 'addCategory':
      return `Add the category “${change.value.trim()}”`;
    case 'removeCategory':
      return `Remove the category “${change.value.trim()}”`;
    case 'endCurrent':
      return `End current positions in ${monthName(change.month)}`;
  }
}

/**
 * What is wrong with a change before anything is planned, by the form's own limits
 * (position-fields); an empty list when it can run.
 */
export function checkChange(change: BulkChange): string[] {
  const problems: string[] = [];
  switch (change.kind) {
    case 'setText':
    case 'replaceText': {
      const { field, label } = TEXT_TARGETS[change.target];
      const value = change.value.trim();
      if (change.kind === 'replaceText' && !change.from.trim())
        problems.push(`Enter the ${label.toLowerCase()} to replace.`);
      if ('required' in field && !value) problems.push(field.required);
      if (value.length > field.maxLength)
        problems.push(
          `${label} can be at most ${field.maxLength} characters (it has ${value.length}).`,
        );
      return problems;
    }
    case 'setAudience':
      if (!AUDIENCE_OPTIONS.some((option) => option.value === change.value))
        problems.push(positionFields.allowedAudiences.required);
      return problems;
    case 'addCategory':
    case 'removeCategory': {
      const value = change.value.trim();
      const { maxLength } = positionFields.categories;
      if (!value) problems.push('Enter a category.');
      else if (value.length > maxLength)
        problems.push(
          `A category can be at most ${maxLength} characters (it has ${value.length}).`,
        );
      return problems;
    }
    case 'endCurrent': {
      const match = /^(\d{4})-(\d{2})$/.exec(change.month);
      const year = Number(match?.[1]);
      const month = Number(match?.[2]);
      const maxYear = new Date().getFullYear() + 10;
      if (!match || month < 1 || month > 12 || year < 1900 || year > maxYear)
        problems.push(`Choose the end month, from 1900 to ${maxYear}.`);
      return problems;
    }
  }
}
