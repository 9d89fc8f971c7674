import type { ScopeSet } from '../auth/scopes';
import type { GetToken, TokenOptions } from '../auth/tokens';
import { claimsFromChallenge } from './claims-challenge';
import { graphErrorFromResponse, networkError } from './graph-error';

export interface GraphRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** Whose data: the signed-in user's own (default) or other people's. */
  scopes?: ScopeSet;
  signal?: AbortSignal;
}

/** Graph's answer as it came: `data` is unchecked JSON, for the caller to read with its schema. */
export interface GraphResponse {
  status: number;
  data: unknown;
  headers: Headers;
}

export interface GraphClient {
  request(pathOrUrl: string, init?: GraphRequest): Promise<GraphResponse>;
}

/**
 * The only Graph client: adds the bearer token, sends JSON, turns every non-2xx into a
 * GraphError. A 401 gets one new token and one retry: with the claims Graph asked for
 * when it sent a claims challenge (Continuous Access Evaluation), else a forced renewal.
 * No UI, no navigation.
 */
export function createGraphClient({
  baseUrl,
  getToken,
  fetchImpl = (...args) => fetch(...args),
}: {
  baseUrl: string;
  getToken: GetToken;
  fetchImpl?: typeof fetch;
}): GraphClient {
  function resolve(pathOrUrl: string): string {
    if (pathOrUrl.startsWith('/')) return `${baseUrl}${pathOrUrl}`;
    // Only links Graph gave us (nextLink, Location) are absolute; never send a token elsewhere.
    if (!pathOrUrl.startsWith(`${baseUrl}/`))
      throw new Error(`Refusing to call ${pathOrUrl}: it is not under ${baseUrl}.`);
    return pathOrUrl;
  }

  async function send(
    url: string,
    init: GraphRequest,
    tokenOptions: TokenOptions,
  ): Promise<Response> {
    const token = await getToken(init.scopes ?? 'self', tokenOptions);
    const clientRequestId = crypto.randomUUID();
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      'client-request-id': clientRequestId,
      ...init.headers,
    };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await fetchImpl(url, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal,
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw networkError(clientRequestId);
    }
  }

  return {
    async request(pathOrUrl: string, init: GraphRequest = {}): Promise<GraphResponse> {
      const url = resolve(pathOrUrl);
      let response = await send(url, init, { forceRefresh: false });
      if (response.status === 401) {
        // An access token can be refused before its stated expiry (revoked, clock skew, a
        // policy change): renew once, with the claims Graph asked for if it asked.
        const claims = claimsFromChallenge(response.headers.get('WWW-Authenticate'));
        await response.body?.cancel();
        response = await send(url, init, claims ? { claims } : { forceRefresh: true });
      }
      if (!response.ok) throw await graphErrorFromResponse(response);
      // 204, or a success with an empty body (reported of writes): no data, not a failure.
      const text = response.status === 204 ? '' : await response.text();
      const data: unknown = text.trim() === '' ? undefined : JSON.parse(text);
      return { status: response.status, data, headers: response.headers };
    },
  };
}
