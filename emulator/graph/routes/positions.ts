import type { StoredPosition } from '../../store/positions-store.js';
import {
  checkConsistency,
  checkWriteBody,
  completeWritable,
  mergePatch,
  READ_ONLY_PROPERTIES,
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

function contextUrl(ctx: RequestContext, subject: Subject, entity: boolean): string {
  return `${ctx.services.publicBaseUrl}/$metadata#users('${subject.record.user.id}')/profile/positions${entity ? '/$entity' : ''}`;
}

/** A stored position as Graph returns it: annotations first, then every property. */
function present(position: StoredPosition, select?: string[]): Record<string, unknown> {
  const properties = select
    ? Object.fromEntries(
        ['id', ...select.filter((name) => name !== 'id')].map((name) => [
          name,
          position.body[name] ?? null,
        ]),
      )
    : position.body;
  return { '@odata.etag': position.etag, ...properties };
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
    { '@odata.context': contextUrl(ctx, subject, true), ...present(position) },
    { ...ctx.responseHeaders, ETag: position.etag, ...headers },
  );
}

function ifMatch(ctx: RequestContext): string | undefined {
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
      '@odata.context': contextUrl(ctx, subject, false),
      value: page.map((position) => present(position, select)),
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
  if (!select) return sendEntity(ctx, subject, position, 200);
  sendJson(
    ctx.res,
    200,
    { '@odata.context': contextUrl(ctx, subject, true), ...present(position, select) },
    ctx.responseHeaders,
  );
}

export async function createPosition(ctx: RequestContext, subject: Subject): Promise<void> {
  assertKnownOptions(ctx.url.searchParams, []);
  const body = await readJsonBody(ctx.req);
  const problems = checkWriteBody(body, 'create');
  if (problems.length) throw invalidRequest(problems);
  const props = completeWritable(body as Record<string, unknown>);
  const consistency = checkConsistency(props);
  if (consistency.length) throw invalidRequest(consistency);
  const now = new Date().toISOString();
  const who = identity(ctx);
  const created = ctx.services.positions.create(subject.record.user.id, () => ({
    ...props,
    createdBy: who,
    createdDateTime: now,
    lastModifiedBy: who,
    lastModifiedDateTime: now,
    source: { type: ['User'] },
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
  const outcome = ctx.services.positions.update(
    subject.record.user.id,
    id,
    ifMatch(ctx),
    (current) => {
      const merged = mergePatch(current, body as Record<string, unknown>);
      const consistency = checkConsistency(merged);
      // Throwing inside the store's transaction leaves the stored position as it was.
      if (consistency.length) throw invalidRequest(consistency);
      return {
        ...merged,
        id: current.id,
        lastModifiedBy: identity(ctx),
        lastModifiedDateTime: new Date().toISOString(),
      };
    },
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
