import Papa from 'papaparse';
import type { Position } from '../../positions/types';
import {
  checkHeader,
  CSV_HEADER,
  positionToRecord,
  readImportRow,
  type ImportedRow,
  type PersonRef,
} from './position-columns';

/**
 * Positions as a CSV file, and a CSV file read back as rows to import. papaparse writes
 * and reads the format (quotes, line breaks in cells, a byte-order mark); a cell that a
 * spreadsheet would run as a formula is written with a leading apostrophe, which the
 * import takes off again.
 */
export function positionsToCsv(
  people: readonly { person: PersonRef; positions: readonly Position[] }[],
): string {
  const records = people.flatMap(({ person, positions }) =>
    positions.map((position) => positionToRecord(person, position)),
  );
  return Papa.unparse(
    {
      fields: [...CSV_HEADER],
      data: records.map((record) => CSV_HEADER.map((name) => record[name])),
    },
    { escapeFormulae: true, newline: '\r\n' },
  );
}

export interface ReadImport {
  /** Problems with the file as a whole (its header, its format); nothing is imported then. */
  fileProblems: string[];
  rows: ImportedRow[];
}

/** Lets the page paint and answer input between slices of work. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Rows checked between two yields to the page. */
const SLICE = 200;

/**
 * Reads a CSV file (or its text) and checks every row by the form's rules, a slice at a
 * time with the page free in between, so a large file with broken rows never freezes it.
 * `onProgress` hears how many rows are checked.
 */
export async function readImportFile(
  source: File | string,
  { onProgress }: { onProgress?: (checked: number, total: number) => void } = {},
): Promise<ReadImport> {
  const parsed = await new Promise<Papa.ParseResult<Record<string, string>>>((resolve, reject) => {
    const data: Record<string, string>[] = [];
    const errors: Papa.ParseError[] = [];
    let fields: string[] = [];
    const config = {
      header: true,
      skipEmptyLines: 'greedy' as const,
      transformHeader: (name: string) => name.trim(),
      chunkSize: 64 * 1024,
      chunk: (results: Papa.ParseResult<Record<string, string>>) => {
        data.push(...results.data);
        errors.push(...results.errors);
        if (results.meta.fields) fields = results.meta.fields;
      },
      complete: () => resolve({ data, errors, meta: { fields } as Papa.ParseMeta }),
      error: (error: Error) => reject(error),
    };
    // A file is read a chunk at a time, with the page free in between; text at once.
    if (typeof source === 'string') Papa.parse<Record<string, string>>(source, config);
    else Papa.parse<Record<string, string>, File>(source, config);
  });
  const header = parsed.meta.fields ?? [];
  const fileProblems = checkHeader(header);
  if (fileProblems.length > 0) return { fileProblems, rows: [] };
  const rowErrors = new Map<number, string[]>();
  for (const error of parsed.errors) {
    if (error.row === undefined) continue;
    const messages = rowErrors.get(error.row) ?? [];
    messages.push(`The line is not well-formed CSV (${error.message}).`);
    rowErrors.set(error.row, messages);
  }
  const rows: ImportedRow[] = [];
  for (let start = 0; start < parsed.data.length; start += SLICE) {
    const end = Math.min(parsed.data.length, start + SLICE);
    for (let index = start; index < end; index++) {
      // Line numbers as a spreadsheet shows them: the header is line 1.
      const row = readImportRow(parsed.data[index], header, index + 2);
      row.problems.unshift(...(rowErrors.get(index) ?? []));
      rows.push(row);
    }
    onProgress?.(end, parsed.data.length);
    if (end < parsed.data.length) await yieldToPage();
  }
  return { fileProblems: [], rows };
}
