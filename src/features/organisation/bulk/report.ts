import Papa from 'papaparse';
import type { JobRecord, PersonEntry, PersonState, WriteOutcome } from './journal';

/** Each state and result in words, as the report shows them. */
export const RESULT_WORDS: Record<PersonState | WriteOutcome['result'], string> = {
  waiting: 'Waiting',
  reading: 'Reading',
  writing: 'Writing',
  done: 'Changed',
  skipped: 'Skipped',
  failed: 'Failed',
  cancelled: 'Not changed (cancelled)',
  updated: 'Changed',
  created: 'Added',
  confirmed: 'Changed (confirmed after its answer was lost)',
};

/** The report as CSV: a line per position touched (or per person, when none was). */
export function reportToCsv(job: JobRecord, people: readonly PersonEntry[]): string {
  const fields = [
    'job',
    'name',
    'userPrincipalName',
    'userId',
    'personResult',
    'position',
    'positionId',
    'line',
    'result',
    'requestId',
    'message',
  ];
  const data = people.flatMap((person) => {
    const base = [
      job.title,
      person.name,
      person.userPrincipalName,
      person.userId,
      RESULT_WORDS[person.state],
    ];
    if (person.outcomes.length === 0) return [[...base, '', '', '', '', '', '']];
    return person.outcomes.map((outcome) => [
      ...base,
      outcome.label,
      outcome.positionId ?? '',
      outcome.rowNumber === undefined ? '' : String(outcome.rowNumber),
      RESULT_WORDS[outcome.result],
      outcome.requestId ?? '',
      outcome.message ?? '',
    ]);
  });
  return Papa.unparse({ fields, data }, { escapeFormulae: true, newline: '\r\n' });
}
