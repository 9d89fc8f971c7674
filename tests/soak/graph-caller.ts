import Database from 'better-sqlite3';
import type { JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { GRAPH_PATH, localEndpoints } from '../../emulator/endpoints.js';
import { DEMO_USER_IDS } from '../../emulator/store/demo-directory.js';
import {
  GraphError,
  graphErrorFromResponse,
  NETWORK_ERROR,
  networkError,
} from '../../src/graph/graph-error';
import { mintAccessToken } from '../support/mint-access-token';

export type Persona = keyof typeof DEMO_USER_IDS;
export { DEMO_USER_IDS };

/** What every writer of a phase adds to: HTTP traffic and how the client coped with it. */
export class PhaseStats {
  /** Every HTTP request sent to the Graph emulator by the writers (reads included). */
  requests = 0;
  writeRequests = 0;
  readRequests = 0;
  /** Answers by status ('201', '429', …) and 'network' for no answer at all. */
  answers: Partial<Record<string, number>> = {};
  timeouts = 0;
  /** Re-sends of a write after a transient failure (429/503/network), as the retry policy allows. */
  retries = 0;
  /** 412 answers to a PATCH or DELETE. */
  preconditionFailed = 0;
  /** 412 resolved by re-reading: the value was already there (an earlier attempt had landed). */
  reconciled412Applied = 0;
  /** 412 resolved by re-reading: the value was not there, re-sent with the fresh etag. */
  reconciled412Resent = 0;
  /** Lists of the user's positions made after a create failed without a clear answer. */
  createReconciliations = 0;
  createFoundByMarker = 0;
  createNotFoundByMarker = 0;
  /** DELETE retried after an uncertain failure and answered 404: the first attempt had landed. */
  delete404AfterRetry = 0;
  /** Uncertain failures with no answer (lost response) that reconciliation showed had landed. */
  lostResponseReconciliations = 0;
  /** Operations abandoned after the retry policy's last attempt (or a failed reconciliation). */
  gaveUp = 0;
  /** Things that must not happen (a 400, a 412 on a position nobody else writes, …). */
  unexpected: string[] = [];

  answer(key: string): void {
    this.answers[key] = (this.answers[key] ?? 0) + 1;
  }

  note(problem: string): void {
    if (this.unexpected.length < 200) this.unexpected.push(problem);
  }
}

/** The identity provider's private signing key, from the emulator's database (settings table). */
export function readSigningKey(databaseFile: string): JWK {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM settings WHERE name = 'idp.signingKey'").get() as
      { value: string } | undefined;
    if (!row) throw new Error(`No 'idp.signingKey' in ${databaseFile}.`);
    return JSON.parse(row.value) as JWK;
  } finally {
    db.close();
  }
}

/** An access token as the local identity provider would issue it (see tests/emulator/harness.ts). */
function issuerAndAudience(origin: string): { issuer: string; audience: string } {
  const { issuer, audience } = localEndpoints({ app: origin, graph: origin, idp: origin });
  return { issuer, audience };
}

export function mintToken(
  signingKey: JWK,
  origin: string,
  persona: Persona,
  scopes: string[],
): Promise<string> {
  return mintAccessToken({
    signingKey,
    // serve-emulator answers every service on its one origin.
    ...issuerAndAudience(origin),
    userId: DEMO_USER_IDS[persona],
    scopes,
    claims: { app_displayname: 'Profile Editor (soak)' },
  });
}

export interface GraphAnswer<T> {
  status: number;
  data: T;
}

/**
 * A bare Graph client for one signed-in user, like src/graph/client.ts: bearer token, JSON,
 * every non-2xx thrown as the app's GraphError, no answer thrown as its network error.
 * It counts every request into the phase's stats.
 */
export class GraphCaller {
  readonly baseUrl: string;

  constructor(
    origin: string,
    private readonly token: string,
    private readonly stats: PhaseStats,
    private readonly timeoutMs = 15_000,
  ) {
    this.baseUrl = `${origin}${GRAPH_PATH}`;
  }

  async request<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    pathOrUrl: string,
    options: { body?: unknown; ifMatch?: string } = {},
  ): Promise<GraphAnswer<T>> {
    const url = pathOrUrl.startsWith('/') ? `${this.baseUrl}${pathOrUrl}` : pathOrUrl;
    if (!url.startsWith(`${this.baseUrl}/`))
      throw new Error(`Refusing to call ${url}: not under ${this.baseUrl}.`);
    const clientRequestId = randomUUID();
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.token}`,
      'client-request-id': clientRequestId,
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;
    this.stats.requests += 1;
    if (method === 'GET') this.stats.readRequests += 1;
    else this.stats.writeRequests += 1;

    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') this.stats.timeouts += 1;
      this.stats.answer('network');
      throw networkError(clientRequestId);
    }
    this.stats.answer(String(response.status));
    if (!response.ok) throw await graphErrorFromResponse(response);
    try {
      const data = (response.status === 204 ? undefined : await response.json()) as T;
      return { status: response.status, data };
    } catch {
      // The status line came, the body did not: as uncertain as no answer at all.
      this.stats.answer('network(body)');
      throw networkError(clientRequestId);
    }
  }
}

export const isNetworkError = (error: unknown): boolean =>
  error instanceof GraphError && error.code === NETWORK_ERROR;
export { GraphError };
