import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHarness, type Persona } from './harness';
import {
  expectGraphError,
  ids,
  INNER_ERROR_DATE,
  snapshot,
  snapshotAll,
  store,
  UUID,
} from './helpers';

/** JSON batching, `POST /$batch`, as concepts/json-batching.md describes it. */

let emulator: EmulatorHarness;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

const WRITE = ['User.ReadWrite'];
const WRITE_ALL = ['User.ReadWrite.All'];

interface InnerResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: Record<string, unknown> & {
    error?: { code: string; message: string; innerError: Record<string, string> };
  };
}

async function postBatch(
  persona: Persona | null,
  scopes: string[],
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return emulator.call(persona, scopes, '/$batch', {
    method: 'POST',
    ...(typeof body === 'string'
      ? { body, headers: { 'Content-Type': 'application/json', ...headers } }
      : { json: body, headers }),
  });
}

/** Posts a batch that must be accepted; returns its responses by id (each id exactly once). */
async function batch(
  persona: Persona,
  scopes: string[],
  requests: unknown[],
): Promise<Record<string, InnerResponse>> {
  const response = await postBatch(persona, scopes, { requests });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { responses: InnerResponse[] };
  expect(Object.keys(body)).toEqual(['responses']);
  const byId = Object.fromEntries(body.responses.map((inner) => [inner.id, inner]));
  expect(Object.keys(byId).sort()).toEqual(
    (requests as { id: string }[]).map((request) => request.id).sort(),
  );
  expect(body.responses).toHaveLength(requests.length);
  return byId;
}

/** An inner error: status, Graph's error shape, and its own request id in headers and body. */
function expectInnerError(inner: InnerResponse, status: number, code: string): void {
  expect(inner.status, JSON.stringify(inner.body)).toBe(status);
  expect(inner.headers['Content-Type']).toMatch(/^application\/json/);
  expect(inner.headers['request-id']).toMatch(UUID);
  const error = inner.body?.error;
  expect(error?.code).toBe(code);
  expect(error?.message).toMatch(/\S/);
  expect(error?.innerError.date).toMatch(INNER_ERROR_DATE);
  expect(error?.innerError['request-id']).toBe(inner.headers['request-id']);
  expect(error?.innerError['client-request-id']).toMatch(/\S/);
}

const positionOf = (persona: 'adele' | 'megan', index = 0) =>
  store(emulator).list(ids[persona])[index].body;
const jobTitleOf = (id: string, userId: string = ids.adele) =>
  (store(emulator).get(userId, id)?.body.detail as { jobTitle: string }).jobTitle;
const json = { 'Content-Type': 'application/json' };

describe('POST /$batch runs each request as if sent alone', () => {
  it('reads, a PATCH, a create and a delete: each answers with its own status, headers and body', async () => {
    const [first, second] = [positionOf('adele', 0), positionOf('adele', 1)];
    const responses = await batch('adele', WRITE, [
      { id: 'me', method: 'GET', url: '/me' },
      { id: 'list', method: 'GET', url: 'me/profile/positions?$top=1' },
      {
        id: 'patch',
        method: 'PATCH',
        url: `/me/profile/positions/${first.id}`,
        headers: json,
        body: { detail: { ...(first.detail as object), jobTitle: 'Batched auditor' } },
      },
      {
        id: 'create',
        method: 'POST',
        url: '/me/profile/positions',
        headers: json,
        body: { detail: { jobTitle: 'Made in a batch' } },
      },
      { id: 'delete', method: 'DELETE', url: `/users/${ids.adele}/profile/positions/${second.id}` },
    ]);

    expect(responses.me.status).toBe(200);
    expect(responses.me.body).toMatchObject({ id: ids.adele, displayName: 'Adele Vance' });
    expect(responses.me.headers['Content-Type']).toMatch(/^application\/json/);
    expect(responses.list.status).toBe(200);
    expect(responses.list.body?.value).toHaveLength(1);
    expect(responses.list.body?.['@odata.nextLink']).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/beta\/me\/profile\/positions\?/,
    );

    expect(responses.patch.status).toBe(200);
    expect(responses.patch.body).toMatchObject({
      id: first.id,
      detail: { jobTitle: 'Batched auditor' },
    });
    expect(jobTitleOf(first.id)).toBe('Batched auditor');

    expect(responses.create.status).toBe(201);
    const createdId = responses.create.body?.id as string;
    expect(responses.create.headers.Location).toBe(
      `${emulator.baseUrl}/users/${ids.adele}/profile/positions/${createdId}`,
    );
    expect(jobTitleOf(createdId)).toBe('Made in a batch');

    expect(responses.delete.status).toBe(204);
    expect(responses.delete.body).toBeUndefined();
    expect(store(emulator).get(ids.adele, second.id)).toBeUndefined();

    // Each inner request has a request id of its own.
    const requestIds = Object.values(responses).map((inner) => inner.headers['request-id']);
    for (const id of requestIds) expect(id).toMatch(UUID);
    expect(new Set(requestIds).size).toBe(requestIds.length);
  });

  it('answers in an order of its own: a client must match responses to requests by id', async () => {
    const response = await postBatch('adele', WRITE, {
      requests: ['a', 'b', 'c'].map((id) => ({ id, method: 'GET', url: '/me' })),
    });
    const { responses } = (await response.json()) as { responses: InnerResponse[] };
    expect(responses.map((inner) => inner.id)).not.toEqual(['a', 'b', 'c']);
    expect(responses.map((inner) => inner.id).sort()).toEqual(['a', 'b', 'c']);
  });

  it("keeps an inner request's client-request-id, and otherwise the batch's", async () => {
    const response = await postBatch(
      'adele',
      WRITE,
      {
        requests: [
          { id: '1', method: 'GET', url: '/me', headers: { 'client-request-id': 'inner-one' } },
          { id: '2', method: 'GET', url: '/me' },
        ],
      },
      { 'client-request-id': 'outer' },
    );
    const { responses } = (await response.json()) as { responses: InnerResponse[] };
    const byId = Object.fromEntries(responses.map((inner) => [inner.id, inner]));
    expect(byId['1'].headers['client-request-id']).toBe('inner-one');
    expect(byId['2'].headers['client-request-id']).toBe('outer');
  });

  it('authorises each request on its own: an error inside is in Graph’s shape and the rest still run', async () => {
    const adeles = positionOf('adele');
    const megans = positionOf('megan');
    const before = snapshot(emulator, ids.adele);
    const responses = await batch('alex', WRITE, [
      {
        id: 'not-his',
        method: 'PATCH',
        url: `/users/${ids.adele}/profile/positions/${adeles.id}`,
        headers: json,
        body: { categories: ['not allowed'] },
      },
      { id: 'own', method: 'GET', url: '/me/profile/positions' },
      { id: 'nowhere', method: 'GET', url: '/me/photos' },
      {
        id: 'bad-body',
        method: 'POST',
        url: '/me/profile/positions',
        headers: json,
        body: { detail: { jobTitle: 'x' }, isCurrent: 'True' },
      },
      {
        id: 'wrong-type',
        method: 'POST',
        url: '/me/profile/positions',
        headers: { 'Content-Type': 'text/plain' },
        body: 'eyJkZXRhaWwiOnt9fQ',
      },
      { id: 'megans', method: 'GET', url: `/users/${ids.megan}/profile/positions/${megans.id}` },
    ]);
    expectInnerError(responses['not-his'], 403, 'Authorization_RequestDenied');
    expect(responses.own.status).toBe(200);
    expectInnerError(responses.nowhere, 400, 'BadRequest');
    expect(responses.nowhere.body?.error?.message).toContain('photos');
    expectInnerError(responses['bad-body'], 400, 'invalidRequest');
    expectInnerError(responses['wrong-type'], 400, 'BadRequest');
    expectInnerError(responses.megans, 403, 'Authorization_RequestDenied');
    expect(snapshot(emulator, ids.adele)).toEqual(before);
  });

  it('an administrator changes several people in one batch', async () => {
    const targets = (['adele', 'megan'] as const).map((persona) => ({
      userId: ids[persona],
      position: positionOf(persona),
    }));
    const responses = await batch(
      'diego',
      WRITE_ALL,
      targets.map(({ userId, position }, index) => ({
        id: String(index),
        method: 'PATCH',
        url: `/users/${userId}/profile/positions/${position.id}`,
        headers: json,
        body: { categories: ['renamed in bulk'] },
      })),
    );
    for (const [index, { userId, position }] of targets.entries()) {
      expect(responses[String(index)].status).toBe(200);
      expect(store(emulator).get(userId, position.id)?.body.categories).toEqual([
        'renamed in bulk',
      ]);
    }
  });
});

describe('dependsOn', () => {
  it('runs a request after the ones it depends on', async () => {
    const target = positionOf('adele');
    const patch = (jobTitle: string) => ({
      method: 'PATCH',
      url: `/me/profile/positions/${target.id}`,
      headers: json,
      body: { detail: { ...(target.detail as object), jobTitle } },
    });
    // Listed last-first: only dependsOn puts them in order.
    const responses = await batch('adele', WRITE, [
      {
        id: 'read',
        dependsOn: ['second'],
        method: 'GET',
        url: `/me/profile/positions/${target.id}`,
      },
      { id: 'second', dependsOn: ['first'], ...patch('Second') },
      { id: 'first', ...patch('First') },
    ]);
    expect(responses.first.status).toBe(200);
    expect(responses.second.status).toBe(200);
    expect(responses.read.body).toMatchObject({ detail: { jobTitle: 'Second' } });
    expect(jobTitleOf(target.id)).toBe('Second');
  });

  it('a request whose dependency failed is not run and answers 424, and so on down the chain', async () => {
    const target = positionOf('adele');
    const before = snapshotAll(emulator);
    const responses = await batch('adele', WRITE, [
      { id: 'missing', method: 'GET', url: `/me/profile/positions/${ids.megan}` },
      {
        id: 'patch',
        dependsOn: ['missing'],
        method: 'PATCH',
        url: `/me/profile/positions/${target.id}`,
        headers: json,
        body: { categories: ['must not be stored'] },
      },
      {
        id: 'after',
        dependsOn: ['PATCH'],
        method: 'DELETE',
        url: `/me/profile/positions/${target.id}`,
      },
      { id: 'free', method: 'GET', url: '/me' },
    ]);
    expectInnerError(responses.missing, 404, 'itemNotFound');
    expectInnerError(responses.patch, 424, 'FailedDependency');
    expect(responses.patch.body?.error?.message).toContain("'missing'");
    expectInnerError(responses.after, 424, 'FailedDependency');
    expect(responses.free.status).toBe(200);
    expect(snapshotAll(emulator)).toEqual(before);
  });
});

describe('a malformed batch is 400 and runs nothing', () => {
  const write = (id: string) => ({
    id,
    method: 'PATCH',
    url: `/me/profile/positions/${positionOf('adele').id}`,
    headers: json,
    body: { categories: [`from ${id}`] },
  });

  it.each<[string, () => unknown, string]>([
    [
      '21 requests',
      () => ({ requests: Array.from({ length: 21 }, (_, i) => write(String(i))) }),
      'limit is 20',
    ],
    ['no requests', () => ({ requests: [] }), 'no requests'],
    ['no requests property', () => ({ request: [write('1')] }), "'requests'"],
    ['requests not an array', () => ({ requests: write('1') }), "'requests'"],
    ['a JSON array', () => [write('1')], "'requests'"],
    ['malformed JSON', () => '{"requests": [', 'not valid JSON'],
    ['an unknown top-level property', () => ({ requests: [write('1')], atomic: true }), "'atomic'"],
    ['two requests with one id', () => ({ requests: [write('same'), write('same')] }), "'same'"],
    [
      'ids that differ only in case',
      () => ({ requests: [write('a'), write('A')] }),
      'more than once',
    ],
    ['a request without an id', () => ({ requests: [{ ...write('x'), id: undefined }] }), '.id'],
    ['an empty id', () => ({ requests: [write('')] }), '.id'],
    ['a numeric id', () => ({ requests: [{ ...write('x'), id: 1 }] }), '.id'],
    ['an unknown method', () => ({ requests: [{ ...write('x'), method: 'FETCH' }] }), 'FETCH'],
    ['no url', () => ({ requests: [{ ...write('x'), url: undefined }] }), '.url'],
    [
      'an absolute url',
      () => ({ requests: [{ ...write('x'), url: 'https://graph.microsoft.com/beta/me' }] }),
      'relative',
    ],
    [
      'a body without a Content-Type header',
      () => ({ requests: [{ ...write('x'), headers: undefined }] }),
      'Content-Type',
    ],
    [
      'a body whose headers name no Content-Type',
      () => ({ requests: [{ ...write('x'), headers: { ConsistencyLevel: 'eventual' } }] }),
      'Content-Type',
    ],
    [
      'headers not an object',
      () => ({ requests: [{ ...write('x'), headers: 'json' }] }),
      'headers',
    ],
    [
      'a header that is not a string',
      () => ({ requests: [{ ...write('x'), headers: { ...json, 'X-Count': 1 } }] }),
      'X-Count',
    ],
    [
      'an unknown request property',
      () => ({ requests: [{ ...write('x'), atomicityGroup: 'g' }] }),
      'atomicityGroup',
    ],
    [
      'dependsOn an id not in the batch',
      () => ({ requests: [write('1'), { ...write('2'), dependsOn: ['3'] }] }),
      "'3'",
    ],
    [
      'dependsOn not an array',
      () => ({ requests: [write('1'), { ...write('2'), dependsOn: '1' }] }),
      'dependsOn',
    ],
    [
      'a request that depends on itself',
      () => ({ requests: [{ ...write('1'), dependsOn: ['1'] }] }),
      'itself',
    ],
    [
      'requests that depend on each other in a circle',
      () => ({
        requests: [
          { ...write('1'), dependsOn: ['3'] },
          { ...write('2'), dependsOn: ['1'] },
          { ...write('3'), dependsOn: ['2'] },
        ],
      }),
      'circle',
    ],
  ])('%s', async (_name, build, mention) => {
    const before = snapshotAll(emulator);
    const response = await postBatch('adele', WRITE, build());
    await expectGraphError(response, 400, 'BadRequest', { mentions: [mention] });
    expect(snapshotAll(emulator)).toEqual(before);
  });

  it('a batch sent as text/plain is 400 and runs nothing', async () => {
    const before = snapshotAll(emulator);
    const response = await emulator.call('adele', WRITE, '/$batch', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ requests: [write('1')] }),
    });
    await expectGraphError(response, 400, 'BadRequest', { mentions: ['Content-Type'] });
    expect(snapshotAll(emulator)).toEqual(before);
  });

  it('a batch without a valid token is 401 and runs nothing', async () => {
    const before = snapshotAll(emulator);
    await expectGraphError(
      await postBatch(null, [], { requests: [write('1')] }),
      401,
      'InvalidAuthenticationToken',
    );
    expect(snapshotAll(emulator)).toEqual(before);
  });

  it('GET /$batch is 405', async () => {
    await expectGraphError(await emulator.call('adele', WRITE, '/$batch'), 405, 'BadRequest');
  });

  it('a batch inside a batch is refused for that request only', async () => {
    const responses = await batch('adele', WRITE, [
      { id: 'nested', method: 'POST', url: '/$batch', headers: json, body: { requests: [] } },
      { id: 'me', method: 'GET', url: '/me' },
    ]);
    expect(responses.nested.status).toBe(400);
    expect(responses.me.status).toBe(200);
  });
});
