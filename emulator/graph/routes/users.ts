import type { DirectoryUser } from '../../store/directory-store.js';
import type { OrgContact } from '../../store/org-contact-store.js';
import {
  advancedQueryRequired,
  pageOf,
  parseDirectoryFilter,
  USER_FILTERS,
  type Filterable,
} from '../directory-query.js';
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
  'companyName',
  'officeLocation',
  'businessPhones',
  'mobilePhone',
  'preferredLanguage',
] as const;
/** What Graph returns without `$select`; `companyName` only on `$select`. */
const DEFAULT_USER_PROPERTIES = USER_PROPERTIES.filter((name) => name !== 'companyName');
const CONTACT_PROPERTIES = [
  'id',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'jobTitle',
  'department',
  'companyName',
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
  const names = select
    ? ['id', ...select.filter((name) => name !== 'id')]
    : DEFAULT_USER_PROPERTIES;
  return Object.fromEntries(names.map((name) => [name, user[name as keyof DirectoryUser] ?? null]));
}

/** A contact among directoryObjects: the selected properties it has (a user's others it lacks). */
function presentContact(contact: OrgContact, select?: string[]): Record<string, unknown> {
  const names = (select ? ['id', ...select] : CONTACT_PROPERTIES).filter((name) =>
    (CONTACT_PROPERTIES as readonly string[]).includes(name),
  );
  return Object.fromEntries(
    [...new Set(names)].map((name) => [name, contact[name as keyof OrgContact] ?? null]),
  );
}

/** `users(displayName,jobTitle)` after `$select`, as Graph writes a context URL (positions.ts). */
const selection = (select?: string[]) => (select ? `(${select.join(',')})` : '');

const isEventual = (ctx: RequestContext) =>
  String(ctx.req.headers.consistencylevel ?? '').toLowerCase() === 'eventual';

/**
 * `$count=true` asks for `@odata.count`; Graph honours it only with `ConsistencyLevel:
 * eventual` and otherwise ignores it (concepts/aad-advanced-queries.md).
 */
function parseCount(ctx: RequestContext): { advanced: boolean; counted: boolean } {
  const raw = ctx.url.searchParams.get('$count');
  if (raw !== null && raw !== 'true' && raw !== 'false')
    throw badRequest(`Invalid value '${raw}' for query option '$count': expected true or false.`);
  const eventual = isEventual(ctx);
  return { advanced: eventual && raw === 'true', counted: eventual && raw === 'true' };
}

/** Sends one page of a directory collection, with `@odata.count` and `@odata.nextLink`. */
function sendPage(
  ctx: RequestContext,
  items: Record<string, unknown>[],
  contextPath: string,
  counted: boolean,
): void {
  const top = parseTop(ctx.url.searchParams);
  const page = pageOf(items, ctx.url, top);
  sendJson(
    ctx.res,
    200,
    {
      '@odata.context': `${ctx.services.publicBaseUrl}/$metadata#${contextPath}`,
      ...(counted ? { '@odata.count': items.length } : {}),
      ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
      value: page.items,
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

/**
 * `GET /users/{id}/manager` (and `/me/manager`): the user's manager, a directoryObject (a
 * user here), or 404 `Request_ResourceNotFound` for someone without one, as Graph answers.
 * The manager is another person: reading them takes a scope that reaches others, and with
 * `User.ReadBasic.All` alone they show their basic profile.
 */
export function getManager(ctx: RequestContext, subject: Subject): void {
  assertKnownOptions(ctx.url.searchParams, ['$select']);
  authorizeOthers(ctx.principal, 'read', "Reading a user's manager");
  const select = parseSelect(ctx.url.searchParams, USER_PROPERTIES, TYPE);
  const managerId = subject.record.managerId;
  const manager = managerId ? ctx.services.directory.find(managerId) : undefined;
  if (!manager)
    throw new GraphError(
      404,
      'Request_ResourceNotFound',
      "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
    );
  sendJson(
    ctx.res,
    200,
    {
      '@odata.context': `${ctx.services.publicBaseUrl}/$metadata#directoryObjects${selection(select)}/$entity`,
      '@odata.type': '#microsoft.graph.user',
      ...present(visibleUser(ctx, manager.user), select),
    },
    ctx.responseHeaders,
  );
}

/**
 * A manager's direct reports are directoryObjects: users and organisational contacts,
 * each with its `@odata.type`, paged like /users.
 */
export function listDirectReports(ctx: RequestContext, subject: Subject): void {
  const params = ctx.url.searchParams;
  assertKnownOptions(params, ['$select', '$top', '$count', '$skiptoken']);
  // Reports are other people: reading them needs the `.All` scope even from /me.
  authorizeOthers(ctx.principal, 'read', 'Listing direct reports');
  const select = parseSelect(
    params,
    [...new Set<string>([...USER_PROPERTIES, ...CONTACT_PROPERTIES])],
    'microsoft.graph.directoryObject',
  );
  const { counted } = parseCount(ctx);
  const managerId = subject.record.user.id;
  const reports = [
    ...ctx.services.directory.directReports(managerId).map((record) => ({
      name: record.user.displayName,
      id: record.user.id,
      body: {
        '@odata.type': '#microsoft.graph.user',
        ...present(visibleUser(ctx, record.user), select),
      },
    })),
    ...ctx.services.orgContacts.directReports(managerId).map((record) => ({
      name: record.contact.displayName,
      id: record.contact.id,
      body: {
        '@odata.type': '#microsoft.graph.orgContact',
        ...presentContact(record.contact, select),
      },
    })),
  ].sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1));
  sendPage(
    ctx,
    reports.map((report) => report.body),
    `directoryObjects${selection(select)}`,
    counted,
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
    const property = match.at(1) ?? 'displayName';
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
  assertKnownOptions(params, [
    '$select',
    '$top',
    '$filter',
    '$search',
    '$count',
    '$orderby',
    '$skiptoken',
  ]);
  authorizeOthers(ctx.principal, 'read', 'Listing users');
  if (params.has('$search') && !isEventual(ctx)) {
    throw new GraphError(
      400,
      'Request_UnsupportedQuery',
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  }
  const { advanced, counted } = parseCount(ctx);
  const select = parseSelect(params, USER_PROPERTIES, TYPE);
  const orderBy = params.get('$orderby');
  if (orderBy !== null && !/^displayName(\s+asc)?$/i.test(orderBy.trim()))
    throw badRequest(`'$orderby' on users supports only 'displayName', not '${orderBy}'.`);
  const filterText = params.get('$filter');
  const filter = filterText === null ? undefined : parseDirectoryFilter(filterText, USER_FILTERS);
  if (filter?.advancedBecause && !advanced) throw advancedQueryRequired(filter.advancedBecause);
  if (filter && orderBy !== null && !advanced)
    throw advancedQueryRequired("Using '$filter' and '$orderby' in the same query");
  const searchText = params.get('$search');
  const search = searchText === null ? undefined : parseSearch(searchText);
  const users = ctx.services.directory
    .all()
    .map((record) => record.user)
    .filter(
      (user) =>
        (!filter || filter.matches(user as unknown as Filterable)) && (!search || search(user)),
    );
  sendPage(
    ctx,
    users.map((user) => ({
      '@odata.type': '#microsoft.graph.user',
      ...present(visibleUser(ctx, user), select),
    })),
    `users${selection(select)}`,
    counted,
  );
}
