import { badRequest } from './graph-error.js';

/** OData's system query options, as Graph knows them. */
const SYSTEM_OPTIONS = [
  'select',
  'expand',
  'filter',
  'orderby',
  'top',
  'skip',
  'skiptoken',
  'count',
  'search',
  'format',
];

/**
 * On the beta endpoint a system query option may drop its `$` ("Use query parameters to
 * customize responses": "On the beta endpoint, the `$` prefix is optional. For example,
 * instead of `$filter`, you can use `filter`"). Renames `select=…` to `$select=…` and so on
 * in `url`, so the routes and `@odata.nextLink` see one spelling; other names stay as they are.
 */
export function withSystemQueryOptions(url: URL): void {
  const names = [...url.searchParams.keys()];
  if (!names.some((name) => SYSTEM_OPTIONS.includes(name))) return;
  const normalized = new URLSearchParams();
  for (const [name, value] of url.searchParams)
    normalized.append(SYSTEM_OPTIONS.includes(name) ? `$${name}` : name, value);
  url.search = normalized.toString();
}

/** System query options a route understands; any other `$option` is refused, not ignored. */
export function assertKnownOptions(params: URLSearchParams, allowed: readonly string[]): void {
  for (const name of new Set(params.keys())) {
    if (!name.startsWith('$')) continue;
    if (!allowed.includes(name)) {
      throw badRequest(
        `Query option '${name}' is not supported here; supported: ${allowed.join(', ') || 'none'}.`,
      );
    }
    if (params.getAll(name).length > 1)
      throw badRequest(`Query option '${name}' is given more than once.`);
  }
}

export function parseTop(params: URLSearchParams, max = 999): number | undefined {
  const raw = params.get('$top');
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw badRequest(
      `Invalid value '${raw}' for query option '$top': expected a whole number from 1 to ${max}.`,
    );
  }
  return Number(raw);
}

export function parseSkip(params: URLSearchParams): number {
  const raw = params.get('$skip');
  if (raw === null) return 0;
  if (!/^\d+$/.test(raw))
    throw badRequest(
      `Invalid value '${raw}' for query option '$skip': expected a whole number, 0 or more.`,
    );
  return Number(raw);
}

export function parseSelect(
  params: URLSearchParams,
  known: readonly string[],
  typeName: string,
): string[] | undefined {
  const raw = params.get('$select');
  if (raw === null) return undefined;
  const names = raw.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!known.includes(name))
      throw badRequest(
        `Could not find a property named '${name}' on type '${typeName}' for '$select'.`,
      );
  }
  return names;
}

export type OrderBy = { path: string; descending: boolean }[];

export function parseOrderBy(
  params: URLSearchParams,
  sortable: readonly string[],
): OrderBy | undefined {
  const raw = params.get('$orderby');
  if (raw === null) return undefined;
  return raw.split(',').map((clause) => {
    const match = /^\s*([\w/]+)(?:\s+(asc|desc))?\s*$/i.exec(clause);
    if (!match)
      throw badRequest(
        `Invalid '$orderby' clause '${clause.trim()}': expected 'property [asc|desc]'.`,
      );
    const path = match[1];
    // An optional group that did not take part is undefined, whatever the typings say.
    const direction = match[2] as string | undefined;
    if (!sortable.includes(path)) {
      throw badRequest(`'$orderby' does not support '${path}'; sortable: ${sortable.join(', ')}.`);
    }
    return { path, descending: direction?.toLowerCase() === 'desc' };
  });
}

/** Reads `a/b/c` from an object. */
export function valueAtPath(value: unknown, path: string): unknown {
  return path
    .split('/')
    .reduce<unknown>(
      (current, key) =>
        current && typeof current === 'object'
          ? (current as Record<string, unknown>)[key]
          : undefined,
      value,
    );
}

/** OData ordering: nulls sort lowest, strings by ordinal comparison. */
export function compareBy(orderBy: OrderBy) {
  return (a: unknown, b: unknown): number => {
    for (const { path, descending } of orderBy) {
      const left = valueAtPath(a, path) ?? null;
      const right = valueAtPath(b, path) ?? null;
      let result = 0;
      if (left === null || right === null) result = left === right ? 0 : left === null ? -1 : 1;
      else if (left < right) result = -1;
      else if (left > right) result = 1;
      if (result !== 0) return descending ? -result : result;
    }
    return 0;
  };
}

/** The link to the next page: the same request with `$skip` moved on. */
export function nextLink(url: URL, publicBase: string, nextSkip: number): string {
  const next = new URL(url.pathname + url.search, publicBase);
  next.searchParams.set('$skip', String(nextSkip));
  return next.toString();
}

/**
 * Splits on `separator` (a global regex) except inside quoted literals ('…' in `$filter`,
 * "…" in `$search`), so that `detail/jobTitle eq 'Sales and Marketing'` stays one clause.
 * A doubled quote inside a literal ('O''Brien') closes and reopens it, so it stays masked.
 */
export function splitOutsideQuotes(
  raw: string,
  separator: RegExp,
  quote: "'" | '"' = "'",
): string[] {
  const masked = raw.replace(new RegExp(`${quote}[^${quote}]*${quote}`, 'g'), (literal) =>
    '_'.repeat(literal.length),
  );
  const parts: string[] = [];
  let start = 0;
  for (const match of masked.matchAll(separator)) {
    parts.push(raw.slice(start, match.index));
    start = match.index + match[0].length;
  }
  parts.push(raw.slice(start));
  return parts;
}

type Literal = string | number | boolean | null;

function parseLiteral(raw: string): Literal {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return raw;
  const quoted = /^'((?:[^']|'')*)'$/.exec(raw);
  if (quoted) return quoted[1].replace(/''/g, "'");
  throw badRequest(`Invalid literal '${raw}' in '$filter'.`);
}

/** `$filter` of the form `path eq literal [and path eq literal ...]`, enough for the editor's lists. */
export function parseEqualityFilter(
  params: URLSearchParams,
  filterable: readonly string[],
): ((item: unknown) => boolean) | undefined {
  const raw = params.get('$filter');
  if (raw === null) return undefined;
  const clauses = splitOutsideQuotes(raw, /\s+and\s+/gi).map((clause) => {
    const match = /^\s*([\w/]+)\s+(eq|ne)\s+(.+?)\s*$/i.exec(clause);
    if (!match)
      throw badRequest(
        `Unsupported '$filter' expression '${clause.trim()}': the emulator supports 'property eq value' joined by 'and'.`,
      );
    if (!filterable.includes(match[1]))
      throw badRequest(
        `'$filter' does not support '${match[1]}'; filterable: ${filterable.join(', ')}.`,
      );
    return {
      path: match[1],
      negate: match[2].toLowerCase() === 'ne',
      value: parseLiteral(match[3]),
    };
  });
  return (item) =>
    clauses.every(
      ({ path, negate, value }) => ((valueAtPath(item, path) ?? null) === value) !== negate,
    );
}
