import { describe, expect, it, vi } from 'vitest';
import type { TokenOptions } from '../../../src/auth/tokens';
import type { ScopeSet } from '../../../src/auth/scopes';
import { createGraphClient } from '../../../src/graph/client';
import { GraphError, NETWORK_ERROR } from '../../../src/graph/graph-error';

const BASE = 'https://graph.example.test/beta';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Call {
  url: string;
  init: RequestInit;
  headers: Record<string, string>;
}

/** A fake fetch answering with `responses` in turn, recording each call. */
function fakeFetch(...responses: (Response | Error | (() => Response))[]) {
  const calls: Call[] = [];
  const fetchImpl = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      url: input instanceof Request ? input.url : input.toString(),
      init: init ?? {},
      headers: { ...(init?.headers as Record<string, string>) },
    });
    const next = responses.shift();
    if (!next) return Promise.reject(new Error('fake fetch: no response left'));
    if (next instanceof Error) return Promise.reject(next);
    return Promise.resolve(typeof next === 'function' ? next() : next);
  });
  return { fetchImpl: fetchImpl as unknown as typeof fetch, calls, spy: fetchImpl };
}

function fakeTokens() {
  const calls: { scopeSet: ScopeSet; options?: TokenOptions }[] = [];
  let issued = 0;
  const getToken = (scopeSet: ScopeSet, options?: TokenOptions) => {
    calls.push({ scopeSet, options });
    issued += 1;
    return Promise.resolve(`token-${issued}`);
  };
  return { getToken, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
const graphError = (status: number, code: string, message = `${code} happened.`) =>
  json(status, { error: { code, message } });

describe('createGraphClient', () => {
  it('sends a GET to baseUrl + path with a bearer token and a client request id', async () => {
    const { fetchImpl, calls } = fakeFetch(json(200, { value: [1, 2] }, { ETag: 'W/"1"' }));
    const tokens = fakeTokens();
    const client = createGraphClient({ baseUrl: BASE, getToken: tokens.getToken, fetchImpl });

    const response = await client.request('/me/profile/positions');

    expect(response.status).toBe(200);
    expect(response.data).toEqual({ value: [1, 2] });
    expect(response.headers.get('ETag')).toBe('W/"1"');
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(`${BASE}/me/profile/positions`);
    expect(calls[0].init.method).toBe('GET');
    expect(calls[0].init.body).toBeUndefined();
    expect(calls[0].headers.Authorization).toBe('Bearer token-1');
    expect(calls[0].headers['client-request-id']).toMatch(UUID);
    expect(calls[0].headers['Content-Type']).toBeUndefined();
    expect(tokens.calls).toEqual([{ scopeSet: 'self', options: { forceRefresh: false } }]);
  });

  it('sends a JSON body with its content type, the method, extra headers and the scope set', async () => {
    const { fetchImpl, calls } = fakeFetch(json(201, { id: 'new' }));
    const tokens = fakeTokens();
    const client = createGraphClient({ baseUrl: BASE, getToken: tokens.getToken, fetchImpl });
    const controller = new AbortController();

    const response = await client.request('/users/u1/profile/positions', {
      method: 'POST',
      body: { detail: { jobTitle: 'Auditor' } },
      headers: { 'If-Match': 'W/"1"' },
      scopes: 'others',
      signal: controller.signal,
    });

    expect(response).toMatchObject({ status: 201, data: { id: 'new' } });
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.body).toBe(JSON.stringify({ detail: { jobTitle: 'Auditor' } }));
    expect(calls[0].init.signal).toBe(controller.signal);
    expect(calls[0].headers).toMatchObject({
      'Content-Type': 'application/json',
      'If-Match': 'W/"1"',
      Authorization: 'Bearer token-1',
    });
    expect(tokens.calls[0].scopeSet).toBe('others');
  });

  it('uses a fresh client request id for every request', async () => {
    const { fetchImpl, calls } = fakeFetch(json(200, {}), json(200, {}));
    const client = createGraphClient({ baseUrl: BASE, getToken: fakeTokens().getToken, fetchImpl });
    await client.request('/me');
    await client.request('/me');
    expect(calls[0].headers['client-request-id']).not.toBe(calls[1].headers['client-request-id']);
  });

  it('gives undefined data for 204 No Content', async () => {
    const { fetchImpl } = fakeFetch(new Response(null, { status: 204 }));
    const client = createGraphClient({ baseUrl: BASE, getToken: fakeTokens().getToken, fetchImpl });
    const response = await client.request('/me/profile/positions/p1', { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.data).toBeUndefined();
  });

  it('gives undefined data for a 200 with an empty body (reported of writes), not a failure', async () => {
    const { fetchImpl } = fakeFetch(
      new Response('', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    const client = createGraphClient({ baseUrl: BASE, getToken: fakeTokens().getToken, fetchImpl });
    const response = await client.request('/me/profile/positions/p1', {
      method: 'PATCH',
      body: { isCurrent: true },
    });
    expect(response.status).toBe(200);
    expect(response.data).toBeUndefined();
  });

  it('renews the token once after a 401 and retries with it', async () => {
    const { fetchImpl, calls } = fakeFetch(
      graphError(401, 'InvalidAuthenticationToken'),
      json(200, { ok: true }),
    );
    const tokens = fakeTokens();
    const client = createGraphClient({ baseUrl: BASE, getToken: tokens.getToken, fetchImpl });

    const response = await client.request('/me', {
      method: 'PATCH',
      body: { a: 1 },
      scopes: 'others',
    });

    expect(response.data).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    expect(tokens.calls).toEqual([
      { scopeSet: 'others', options: { forceRefresh: false } },
      { scopeSet: 'others', options: { forceRefresh: true } },
    ]);
    expect(calls[0].headers.Authorization).toBe('Bearer token-1');
    expect(calls[1].headers.Authorization).toBe('Bearer token-2');
    expect(calls[1].url).toBe(calls[0].url);
    expect(calls[1].init.method).toBe('PATCH');
    expect(calls[1].init.body).toBe(JSON.stringify({ a: 1 }));
  });

  it('throws a GraphError after a second 401, without trying a third time', async () => {
    const { fetchImpl, calls } = fakeFetch(
      graphError(401, 'InvalidAuthenticationToken'),
      graphError(401, 'InvalidAuthenticationToken', 'Token expired.'),
    );
    const tokens = fakeTokens();
    const client = createGraphClient({ baseUrl: BASE, getToken: tokens.getToken, fetchImpl });

    const error = await client.request('/me').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Token expired.',
    });
    expect(calls).toHaveLength(2);
    expect(tokens.calls.map((call) => call.options?.forceRefresh)).toEqual([false, true]);
  });

  it('answers a claims challenge (CAE) with a token for those claims, and retries once', async () => {
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1764237600"}}}';
    const challenge = `Bearer realm="", authorization_uri="https://login.example.test/auth", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="${btoa(claims)}"`;
    const challenged = new Response(
      JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'Challenged.' } }),
      { status: 401, headers: { 'WWW-Authenticate': challenge } },
    );
    const { fetchImpl, calls } = fakeFetch(challenged, json(200, { id: 'me' }));
    const tokens = fakeTokens();
    const client = createGraphClient({ baseUrl: BASE, getToken: tokens.getToken, fetchImpl });

    const response = await client.request('/me', { scopes: 'others' });

    expect(response.data).toEqual({ id: 'me' });
    expect(tokens.calls).toEqual([
      { scopeSet: 'others', options: { forceRefresh: false } },
      { scopeSet: 'others', options: { claims } },
    ]);
    expect(calls.map((call) => call.headers.Authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('does not take a 401 without insufficient_claims, or with claims that are not JSON, for a challenge', async () => {
    for (const header of [
      'Bearer realm="", error="invalid_token"',
      `Bearer error="insufficient_claims", claims="${btoa('not json')}"`,
      'Bearer error="insufficient_claims", claims="%%%"',
    ]) {
      const tokens = fakeTokens();
      const client = createGraphClient({
        baseUrl: BASE,
        getToken: tokens.getToken,
        fetchImpl: fakeFetch(
          new Response(null, { status: 401, headers: { 'WWW-Authenticate': header } }),
          json(200, {}),
        ).fetchImpl,
      });
      await client.request('/me');
      expect(
        tokens.calls.map((call) => call.options),
        header,
      ).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
    }
  });

  it("throws a GraphError with Graph's code for any other non-2xx, without retrying", async () => {
    for (const [status, code] of [
      [400, 'invalidRequest'],
      [403, 'accessDenied'],
      [404, 'itemNotFound'],
      [412, 'preconditionFailed'],
      [503, 'serviceNotAvailable'],
    ] as const) {
      const { fetchImpl, calls } = fakeFetch(
        json(status, {
          error: { code, message: 'no', innerError: { 'request-id': `req-${status}` } },
        }),
      );
      const tokens = fakeTokens();
      const client = createGraphClient({ baseUrl: BASE, getToken: tokens.getToken, fetchImpl });
      const error = await client.request('/me').catch((e: unknown) => e);
      expect(error, String(status)).toBeInstanceOf(GraphError);
      expect(error, String(status)).toMatchObject({ status, code, requestId: `req-${status}` });
      expect(calls, String(status)).toHaveLength(1);
      expect(tokens.calls, String(status)).toHaveLength(1);
    }
  });

  it('turns a fetch rejection into a networkError carrying the client request id', async () => {
    const { fetchImpl, calls } = fakeFetch(new TypeError('fetch failed'));
    const client = createGraphClient({ baseUrl: BASE, getToken: fakeTokens().getToken, fetchImpl });

    const error = await client.request('/me').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 0, code: NETWORK_ERROR });
    expect((error as GraphError).clientRequestId).toBe(calls[0].headers['client-request-id']);
  });

  it('passes an abort through as it is, not as a network error', async () => {
    const controller = new AbortController();
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    const fetchImpl = (() => {
      controller.abort();
      return Promise.reject(abort);
    }) as unknown as typeof fetch;
    const client = createGraphClient({ baseUrl: BASE, getToken: fakeTokens().getToken, fetchImpl });
    await expect(client.request('/me', { signal: controller.signal })).rejects.toBe(abort);
  });

  it('follows an absolute URL under baseUrl (a nextLink) as it is', async () => {
    const next = `${BASE}/me/profile/positions?$skiptoken=abc`;
    const { fetchImpl, calls } = fakeFetch(json(200, { value: [] }));
    const client = createGraphClient({ baseUrl: BASE, getToken: fakeTokens().getToken, fetchImpl });
    await client.request(next);
    expect(calls[0].url).toBe(next);
    expect(calls[0].headers.Authorization).toBe('Bearer token-1');
  });

  it.each([
    'https://evil.example.com/beta/me',
    'https://graph.example.test/v1.0/me',
    'https://graph.example.test/beta-evil/me',
    'https://graph.example.test/betame',
    'https://graph.example.test.evil.com/beta/me',
    'http://graph.example.test/beta/me',
    BASE,
    'me/profile',
  ])('refuses %j without asking for a token or calling fetch', async (url) => {
    const { fetchImpl, spy } = fakeFetch(json(200, {}));
    const getToken = vi.fn(() => Promise.resolve('secret'));
    const client = createGraphClient({ baseUrl: BASE, getToken, fetchImpl });
    await expect(client.request(url)).rejects.toThrow(
      `Refusing to call ${url}: it is not under ${BASE}.`,
    );
    expect(spy).not.toHaveBeenCalled();
    expect(getToken).not.toHaveBeenCalled();
  });

  it('uses the global fetch when none is given', async () => {
    const { fetchImpl, calls } = fakeFetch(json(200, { hello: 'world' }));
    vi.stubGlobal('fetch', fetchImpl);
    try {
      const client = createGraphClient({ baseUrl: BASE, getToken: fakeTokens().getToken });
      expect((await client.request('/me')).data).toEqual({ hello: 'world' });
      expect(calls).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
