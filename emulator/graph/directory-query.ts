import { badRequest, GraphError } from './graph-error.js';
import { splitOutsideQuotes } from './odata.js';

/**
 * Directory queries as Graph answers them (concepts/aad-advanced-queries.md and its
 * table of filter support per user property): `$filter` with `eq`, `ne` and
 * `startswith` joined by `and`/`or`; `$count`; `$top` up to 999 and `@odata.nextLink`
 * paging with an opaque `$skiptoken`. Some queries work only as "advanced queries", with
 * the header `ConsistencyLevel: eventual` and `$count=true`: any filter on `companyName`
 * or `officeLocation`, `ne`, `eq null`, and `$filter` together with `$orderby`. Without
 * them Graph answers 400 `Request_UnsupportedQuery`, and so does the emulator.
 */

/** How a property may be filtered: by default, or only in an advanced query. */
type FilterSupport = 'default' | 'advanced';

/** User properties and their `eq`/`startswith` support (Microsoft's table, as of 2025). */
export const USER_FILTERS: Record<string, FilterSupport> = {
  displayName: 'default',
  givenName: 'default',
  surname: 'default',
  mail: 'default',
  userPrincipalName: 'default',
  jobTitle: 'default',
  department: 'default',
  companyName: 'advanced',
  officeLocation: 'advanced',
};

export type Filterable = Record<string, unknown>;

export interface ParsedFilter {
  matches: (item: Filterable) => boolean;
  /** Why the filter is an advanced query, or null when it works by default. */
  advancedBecause: string | null;
}

type Clause =
  | { kind: 'startswith'; property: string; text: string }
  | { kind: 'eq' | 'ne'; property: string; value: string | null };

const STARTSWITH = /^startswith\(\s*(\w+)\s*,\s*'((?:[^']|'')*)'\s*\)$/i;
const COMPARISON = /^(\w+)\s+(eq|ne)\s+(null|'(?:[^']|'')*')$/i;

function unsupported(text: string): GraphError {
  return badRequest(
    `Unsupported '$filter' expression '${text}': the emulator supports startswith(property,'text'), property eq 'text', property ne 'text' and eq/ne null, joined by 'and' or 'or', without parentheses.`,
  );
}

function parseClause(raw: string, supported: Record<string, FilterSupport>): Clause {
  const text = raw.trim();
  const known = (property: string) => {
    if (!(property in supported))
      throw badRequest(
        `'$filter' does not support '${property}' on users; supported: ${Object.keys(supported).join(', ')}.`,
      );
    return property;
  };
  const startsWith = STARTSWITH.exec(text);
  if (startsWith)
    return {
      kind: 'startswith',
      property: known(startsWith[1]),
      text: startsWith[2].replace(/''/g, "'"),
    };
  const comparison = COMPARISON.exec(text);
  if (!comparison) throw unsupported(text);
  const [, property, operator, literal] = comparison;
  return {
    kind: operator.toLowerCase() === 'ne' ? 'ne' : 'eq',
    property: known(property),
    value: literal.toLowerCase() === 'null' ? null : literal.slice(1, -1).replace(/''/g, "'"),
  };
}

function advancedReason(clause: Clause, supported: Record<string, FilterSupport>): string | null {
  if (supported[clause.property] === 'advanced') return `Filtering users on '${clause.property}'`;
  if (clause.kind === 'ne') return "The 'ne' operator";
  if (clause.kind === 'eq' && clause.value === null) return "Comparing with 'null'";
  return null;
}

/** Directory string comparisons ignore case; a missing value never equals a string. */
function test(clause: Clause, item: Filterable): boolean {
  const raw = item[clause.property];
  const value = typeof raw === 'string' ? raw.toLowerCase() : null;
  if (clause.kind === 'startswith') return value?.startsWith(clause.text.toLowerCase()) ?? false;
  const equal =
    clause.value === null
      ? raw === null || raw === undefined
      : value === clause.value.toLowerCase();
  return clause.kind === 'eq' ? equal : !equal;
}

/** `$filter`: clauses joined by `and`, groups of them joined by `or` (`and` binds tighter). */
export function parseDirectoryFilter(
  raw: string,
  supported: Record<string, FilterSupport>,
): ParsedFilter {
  if (/^\s*$/.test(raw)) throw badRequest("The '$filter' query option is empty.");
  const groups = splitOutsideQuotes(raw, /\s+or\s+/gi).map((group) =>
    splitOutsideQuotes(group, /\s+and\s+/gi).map((clause) => parseClause(clause, supported)),
  );
  const advancedBecause =
    groups
      .flat()
      .reduce<string | null>(
        (reason, clause) => reason ?? advancedReason(clause, supported),
        null,
      ) ?? null;
  return {
    matches: (item) => groups.some((group) => group.every((clause) => test(clause, item))),
    advancedBecause,
  };
}

/** The 400 Graph gives an advanced query sent without its parameters. */
export function advancedQueryRequired(reason: string): GraphError {
  return new GraphError(
    400,
    'Request_UnsupportedQuery',
    `${reason} is supported only in advanced queries: add the $count=true query parameter and the header 'ConsistencyLevel: eventual'. Refer to https://aka.ms/graph-docs/advanced-queries for more information.`,
  );
}

// --- paging ---------------------------------------------------------------------------

const SKIPTOKEN_PREFIX = 'RFNwdA';

/** An opaque `$skiptoken`, as Graph's are: clients follow `@odata.nextLink`, never build one. */
function encodeSkipToken(offset: number): string {
  return `${SKIPTOKEN_PREFIX}${Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url')}`;
}

function decodeSkipToken(token: string): number {
  const invalid = () =>
    badRequest(
      `The '$skiptoken' value is not valid. Follow '@odata.nextLink' exactly as it was given.`,
    );
  if (!token.startsWith(SKIPTOKEN_PREFIX)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      Buffer.from(token.slice(SKIPTOKEN_PREFIX.length), 'base64url').toString('utf8'),
    );
  } catch {
    throw invalid();
  }
  const offset = (parsed as { offset?: unknown } | null)?.offset;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw invalid();
  return offset;
}

export interface Page<T> {
  items: T[];
  nextLink?: string;
}

/**
 * One page of `items`: `$top` of them (default `defaultTop`) from where `$skiptoken` says,
 * with a link to the next page when there is more. The link repeats the request (its
 * other options included) with a new `$skiptoken`.
 */
export function pageOf<T>(
  items: T[],
  url: URL,
  top: number | undefined,
  defaultTop = 100,
): Page<T> {
  const token = url.searchParams.get('$skiptoken');
  const offset = token === null ? 0 : decodeSkipToken(token);
  const size = top ?? defaultTop;
  const page = items.slice(offset, offset + size);
  const nextOffset = offset + page.length;
  if (nextOffset >= items.length || page.length === 0) return { items: page };
  const next = new URL(url);
  next.searchParams.set('$skiptoken', encodeSkipToken(nextOffset));
  return { items: page, nextLink: next.toString() };
}
