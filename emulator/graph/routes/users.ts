import type { DirectoryUser, UserRecord } from '../../store/directory-store.js';
import { badRequest, GraphError } from '../graph-error.js';
import { sendJson } from '../http.js';
import { assertKnownOptions, parseSelect, parseTop, splitOutsideQuotes } from '../odata.js';
import { authorizeOthers, readsBasicProfileOnly } from '../permissions.js';
import type { RequestContext, Subject } from '../request-context.js';

const TYPE = 'microsoft.graph.user';
const USER_PROPERTIES = [
  'id',
  'displayName',
  'givenName',
  'surname',
  'userPrincipalName',
  'mail',
  'jobTitle',
  'department',
  'officeLocation',
  'businessPhones',
  'mobilePhone',
  'preferredLanguage',
] as const;
const SEARCHABLE = [
  'displayName',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  'jobTitle',
  'department',
];

/** The basic profile (Graph's permissions reference for User.ReadBasic.All). */
const BASIC_PROFILE = ['id', 'displayName', 'givenName', 'surname', 'mail', 'userPrincipalName'];

/**
 * A user as the caller may see them: another person read with `User.ReadBasic.All` alone
 * shows the basic profile, the rest null (or an empty list), as users report
 * (microsoftgraph/microsoft-graph-docs#4993).
 */
function visibleUser(ctx: RequestContext, user: DirectoryUser): DirectoryUser {
  const isSelf = user.id === ctx.principal.record.user.id;
  if (isSelf || !readsBasicProfileOnly(ctx.principal)) return user;
  return Object.fromEntries(
    Object.entries(user).map(([name, value]) => [
      name,
      BASIC_PROFILE.includes(name) ? value : Array.isArray(value) ? [] : null,
    ]),
  ) as unknown as DirectoryUser;
}

function present(user: DirectoryUser, select?: string[]): Record<string, unknown> {
  if (!select) return { ...user };
  return Object.fromEntries(
    ['id', ...select.filter((name) => name !== 'id')].map((name) => [
      name,
      user[name as keyof DirectoryUser] ?? null,
    ]),
  );
}

/** `users(displayName,jobTitle)` after `$select`, as Graph writes a context URL (positions.ts). */
const selection = (select?: string[]) => (select ? `(${select.join(',')})` : '');

function sendUserList(ctx: RequestContext, records: UserRecord[], contextPath: string): void {
  const params = ctx.url.searchParams;
  const select = parseSelect(params, USER_PROPERTIES, TYPE);
  const top = parseTop(params) ?? 100;
  const page = records.slice(0, top);
  const wantsCount = params.get('$count') === 'true';
  sendJson(
    ctx.res,
    200,
    {
      '@odata.context': `${ctx.services.publicBaseUrl}/$metadata#${contextPath}${selection(select)}`,
      ...(wantsCount ? { '@odata.count': records.length } : {}),
      value: page.map((record) => ({
        '@odata.type': '#microsoft.graph.user',
        ...present(visibleUser(ctx, record.user), select),
      })),
    },
    ctx.responseHeaders,
  );
}

export function getUser(ctx: RequestContext, subject: Subject): void {
  assertKnownOptions(ctx.url.searchParams, ['$select']);
  const select = parseSelect(ctx.url.searchParams, USER_PROPERTIES, TYPE);
  sendJson(
    ctx.res,
    200,
    {
      '@odata.context': `${ctx.services.publicBaseUrl}/$metadata#users${selection(select)}/$entity`,
      ...present(visibleUser(ctx, subject.record.user), select),
    },
    ctx.responseHeaders,
  );
}

export function listDirectReports(ctx: RequestContext, subject: Subject): void {
  assertKnownOptions(ctx.url.searchParams, ['$select', '$top']);
  // Reports are other people: reading them needs the `.All` scope even from /me.
  authorizeOthers(ctx.principal, 'read', 'Listing direct reports');
  sendUserList(
    ctx,
    ctx.services.directory.directReports(subject.record.user.id),
    'directoryObjects',
  );
}

/** `startswith(property,'text')`, joined by `or`. */
function parseStartsWith(raw: string): (user: DirectoryUser) => boolean {
  const clauses = splitOutsideQuotes(raw, /\s+or\s+/gi).map((clause) => {
    const match = /^\s*startswith\(\s*(\w+)\s*,\s*'((?:[^']|'')*)'\s*\)\s*$/i.exec(clause);
    if (!match)
      throw badRequest(
        `Unsupported '$filter' expression '${clause.trim()}': the emulator supports startswith(property,'text') joined by 'or'.`,
      );
    if (!SEARCHABLE.includes(match[1]))
      throw badRequest(
        `'$filter' does not support '${match[1]}' on users; supported: ${SEARCHABLE.join(', ')}.`,
      );
    return {
      property: match[1] as keyof DirectoryUser,
      prefix: match[2].replace(/''/g, "'").toLowerCase(),
    };
  });
  return (user) =>
    clauses.some(({ property, prefix }) =>
      String(user[property] ?? '')
        .toLowerCase()
        .startsWith(prefix),
    );
}

/** `"property:text"` clauses joined by OR; a word of the property must start with the text. */
function parseSearch(raw: string): (user: DirectoryUser) => boolean {
  const clauses = splitOutsideQuotes(raw, /\s+OR\s+/g, '"').map((clause) => {
    const match = /^\s*"(?:(\w+):)?([^"]*)"\s*$/.exec(clause);
    if (!match)
      throw badRequest(
        `Syntax error in '$search' clause '${clause.trim()}': expected "property:text" in double quotes.`,
      );
    const property = (match[1] as string | undefined) ?? 'displayName';
    if (!SEARCHABLE.includes(property))
      throw badRequest(
        `'$search' does not support '${property}'; supported: ${SEARCHABLE.join(', ')}.`,
      );
    return { property: property as keyof DirectoryUser, term: match[2].trim().toLowerCase() };
  });
  return (user) =>
    clauses.some(({ property, term }) => {
      const words = String(user[property] ?? '')
        .toLowerCase()
        .split(/[\s.@_-]+/);
      return (
        term === '' ||
        words.some((word) => word.startsWith(term)) ||
        String(user[property] ?? '')
          .toLowerCase()
          .startsWith(term)
      );
    });
}

export function listUsers(ctx: RequestContext): void {
  const params = ctx.url.searchParams;
  assertKnownOptions(params, ['$select', '$top', '$filter', '$search', '$count', '$orderby']);
  authorizeOthers(ctx.principal, 'read', 'Listing users');
  const eventual = String(ctx.req.headers.consistencylevel ?? '').toLowerCase() === 'eventual';
  if ((params.has('$search') || params.has('$count')) && !eventual) {
    throw new GraphError(
      400,
      'Request_UnsupportedQuery',
      "Request with $search or $count query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  }
  const orderBy = params.get('$orderby');
  if (orderBy !== null && !/^displayName(\s+asc)?$/i.test(orderBy.trim()))
    throw badRequest(`'$orderby' on users supports only 'displayName', not '${orderBy}'.`);
  const rawFilter = params.get('$filter');
  const rawSearch = params.get('$search');
  const filter = rawFilter === null ? undefined : parseStartsWith(rawFilter);
  const search = rawSearch === null ? undefined : parseSearch(rawSearch);
  const records = ctx.services.directory
    .all()
    .filter((record) => (!filter || filter(record.user)) && (!search || search(record.user)));
  sendUserList(ctx, records, 'users');
}
