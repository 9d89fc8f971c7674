import type { StoredPosition } from '../../store/positions-store.js';
import { complete } from '../../model/shape.js';
import { graphTimestamp } from '../../model/timestamp.js';
import {
  checkWriteBody,
  completeWritable,
  mergePatch,
  READ_ONLY_PROPERTIES,
  personDataSources,
  workPositionWritable,
} from '../../model/work-position.js';
import { invalidRequest, itemNotFound, preconditionFailed } from '../graph-error.js';
import { readJsonBody, sendEmpty, sendJson } from '../http.js';
import {
  assertKnownOptions,
  compareBy,
  nextLink,
  parseEqualityFilter,
  parseOrderBy,
  parseSelect,
  parseSkip,
  parseTop,
} from '../odata.js';
import type { RequestContext, Subject } from '../request-context.js';

const TYPE = 'microsoft.graph.workPosition';
const PROPERTIES = [...READ_ONLY_PROPERTIES, ...Object.keys(workPositionWritable.members)];
const SORTABLE = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'isCurrent',
  'allowedAudiences',
  'detail/jobTitle',
  'detail/startMonthYear',
  'detail/endMonthYear',
  'detail/company/displayName',
];
const FILTERABLE = [
  'isCurrent',
  'allowedAudiences',
  'detail/jobTitle',
  'detail/company/displayName',
];
/** Server-side page size when the client gives no `$top`. */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * The context URL. After `$select` it lists the selection as the request gave it, as
 * Graph does (Microsoft's example for listing messages with `$select=sender,subject`:
 * `$metadata#users('…')/messages(sender,subject)`).
 */
function contextUrl(
  ctx: RequestContext,
  subject: Subject,
  entity: boolean,
  select?: string[],
): string {
  const selection = select ? `(${select.join(',')})` : '';
  return `${ctx.services.publicBaseUrl}/$metadata#users('${subject.record.user.id}')/profile/positions${selection}${entity ? '/$entity' : ''}`;
}

const strict = (ctx: RequestContext) => ctx.services.behaviour.etags === 'strict';

/** A stored position as Graph returns it: annotations first (the etag in our strict mode only), then its properties. */
function present(
  ctx: RequestContext,
  position: StoredPosition,
  select?: string[],
): Record<string, unknown> {
  const properties = select
    ? Object.fromEntries(
        ['id', ...select.filter((name) => name !== 'id')].map((name) => [
          name,
          position.body[name] ?? null,
        ]),
      )
    : position.body;
  return strict(ctx) ? { '@odata.etag': position.etag, ...properties } : properties;
}

function sendEntity(
  ctx: RequestContext,
  subject: Subject,
  position: StoredPosition,
  status: number,
  headers: Record<string, string> = {},
) {
  sendJson(
    ctx.res,
    status,
    { '@odata.context': contextUrl(ctx, subject, true), ...present(ctx, position) },
    { ...ctx.responseHeaders, ...(strict(ctx) ? { ETag: position.etag } : {}), ...headers },
  );
}

/** `If-Match` counts in our strict mode only; Graph's profile API ignores it. */
function ifMatch(ctx: RequestContext): string | undefined {
  if (!strict(ctx)) return undefined;
  const value = ctx.req.headers['if-match'];
  return Array.isArray(value) ? value.join(',') : value;
}

function identity(ctx: RequestContext) {
  const { user } = ctx.principal.record;
  return {
    user: { id: user.id, displayName: user.displayName },
    application: ctx.principal.application,
    device: null,
  };
}

export function listPositions(ctx: RequestContext, subject: Subject): void {
  const params = ctx.url.searchParams;
  assertKnownOptions(params, ['$select', '$top', '$skip', '$orderby', '$filter']);
  const select = parseSelect(params, PROPERTIES, TYPE);
  const top = parseTop(params);
  const skip = parseSkip(params);
  const orderBy = parseOrderBy(params, SORTABLE) ?? [
    { path: 'createdDateTime', descending: false },
  ];
  const filter = parseEqualityFilter(params, FILTERABLE);

  // The store keeps creation order, so a stable sort by createdDateTime keeps ties in it.
  const all = ctx.services.positions
    .list(subject.record.user.id)
    .filter((position) => !filter || filter(position.body))
    .sort((a, b) => compareBy(orderBy)(a.body, b.body));
  const pageSize = top ?? DEFAULT_PAGE_SIZE;
  const page = all.slice(skip, skip + pageSize);
  const more = skip + page.length < all.length;
  sendJson(
    ctx.res,
    200,
    {
      '@odata.context': contextUrl(ctx, subject, false, select),
      value: page.map((position) => present(ctx, position, select)),
      ...(more
        ? { '@odata.nextLink': nextLink(ctx.url, ctx.services.publicBaseUrl, skip + page.length) }
        : {}),
    },
    ctx.responseHeaders,
  );
}

export function getPosition(ctx: RequestContext, subject: Subject, id: string): void {
  assertKnownOptions(ctx.url.searchParams, ['$select']);
  const select = parseSelect(ctx.url.searchParams, PROPERTIES, TYPE);
  const position = ctx.services.positions.get(subject.record.user.id, id);
  if (!position) throw itemNotFound(`Position '${id}'`);
  if (!select) {
    sendEntity(ctx, subject, position, 200);
    return;
  }
  sendJson(
    ctx.res,
    200,
    { '@odata.context': contextUrl(ctx, subject, true, select), ...present(ctx, position, select) },
    ctx.responseHeaders,
  );
}

export async function createPosition(ctx: RequestContext, subject: Subject): Promise<void> {
  assertKnownOptions(ctx.url.searchParams, []);
  const body = await readJsonBody(ctx.req);
  const problems = checkWriteBody(body, 'create');
  if (problems.length) throw invalidRequest(problems);
  const { source, ...sent } = body as Record<string, unknown>;
  const props = completeWritable(sent);
  const now = graphTimestamp();
  const who = identity(ctx);
  const created = ctx.services.positions.create(subject.record.user.id, () => ({
    ...props,
    createdBy: who,
    createdDateTime: now,
    lastModifiedBy: who,
    lastModifiedDateTime: now,
    // As given on create (profile-post-positions.md); null otherwise, as in Microsoft's examples.
    source: complete(personDataSources, source),
  }));
  const location = `${ctx.services.publicBaseUrl}/users/${subject.record.user.id}/profile/positions/${created.body.id}`;
  sendEntity(ctx, subject, created, 201, { Location: location });
}

export async function updatePosition(
  ctx: RequestContext,
  subject: Subject,
  id: string,
): Promise<void> {
  assertKnownOptions(ctx.url.searchParams, []);
  const body = await readJsonBody(ctx.req);
  const problems = checkWriteBody(body, 'update');
  if (problems.length) throw invalidRequest(problems);
  // Judged on what it sends only (checkWriteBody): the stored position is merged, not re-checked.
  const outcome = ctx.services.positions.update(
    subject.record.user.id,
    id,
    ifMatch(ctx),
    (current) => ({
      ...mergePatch(current, body as Record<string, unknown>),
      id: current.id,
      lastModifiedBy: identity(ctx),
      lastModifiedDateTime: graphTimestamp(),
    }),
  );
  if (outcome.status === 'notFound') throw itemNotFound(`Position '${id}'`);
  if (outcome.status === 'preconditionFailed') throw preconditionFailed();
  sendEntity(ctx, subject, outcome.position, 200);
}

export function deletePosition(ctx: RequestContext, subject: Subject, id: string): void {
  assertKnownOptions(ctx.url.searchParams, []);
  const outcome = ctx.services.positions.delete(subject.record.user.id, id, ifMatch(ctx));
  if (outcome.status === 'notFound') throw itemNotFound(`Position '${id}'`);
  if (outcome.status === 'preconditionFailed') throw preconditionFailed();
  sendEmpty(ctx.res, 204, ctx.responseHeaders);
}
