import { expect } from 'vitest';
import type { AuthorizationRequest, Outcome } from './entra-harness';

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Entra's timestamp: "2016-01-09 02:02:12Z". */
export const ENTRA_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/;

/** "AADSTS<code>: <message>" and the Trace ID, Correlation ID and Timestamp lines. */
export function expectEntraDescription(
  description: string | null | undefined,
  code: number,
  correlationId?: string,
): { message: string; traceId: string; correlationId: string; timestamp: string } {
  const match = new RegExp(
    `^AADSTS${code}: (.+)\\r\\nTrace ID: (${GUID})\\r\\nCorrelation ID: (${GUID})\\r\\nTimestamp: (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z)$`,
    's',
  ).exec(description ?? '');
  expect(
    match,
    `an Entra description for AADSTS${code}: ${JSON.stringify(description)}`,
  ).not.toBeNull();
  const [, message, traceId, correlation, timestamp] = match!;
  if (correlationId) expect(correlation).toBe(correlationId);
  return { message, traceId, correlationId: correlation, timestamp };
}

/**
 * An error that came back to the app's redirect URI as Entra sends one: `error`, an
 * `error_description` starting with the AADSTS number and carrying the trace lines (the
 * correlation id is the request's client-request-id), `error_uri` naming the number, and
 * the request's `state`. Returns the message after the number.
 */
export function expectEntraRedirectError(
  outcome: Outcome,
  request: AuthorizationRequest,
  expected: { error: string; code: number },
): string {
  if (outcome.kind !== 'app')
    throw new Error(
      `Expected a redirect to the app, got "${outcome.page.title}": ${outcome.page.text.slice(0, 300)}`,
    );
  expect(`${outcome.url.origin}${outcome.url.pathname}`).toBe(request.redirectUri);
  expect(outcome.url.hash.length, 'answered in the fragment, as MSAL asks').toBeGreaterThan(1);
  const { params } = outcome;
  expect(params.get('error')).toBe(expected.error);
  expect(params.get('error_uri')).toBe(
    `https://login.microsoftonline.com/error?code=${expected.code}`,
  );
  expect(params.get('state')).toBe(request.state);
  expect(params.get('code')).toBeNull();
  return expectEntraDescription(
    params.get('error_description'),
    expected.code,
    request.correlationId,
  ).message;
}

/** A JSON error of the token endpoint in Entra's shape; returns the body. */
export async function expectEntraTokenError(
  response: Response,
  expected: { error: string; code: number; suberror?: string; correlationId?: string },
): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect(response.status, text).toBe(400);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as Record<string, unknown>;
  const shape: Record<string, unknown> = {
    error: expected.error,
    error_codes: [expected.code],
    timestamp: expect.stringMatching(ENTRA_TIMESTAMP),
    trace_id: expect.stringMatching(new RegExp(`^${GUID}$`)),
    correlation_id: expected.correlationId ?? expect.stringMatching(new RegExp(`^${GUID}$`)),
    error_uri: `https://login.microsoftonline.com/error?code=${expected.code}`,
  };
  expect(body).toMatchObject(shape);
  if (expected.suberror) expect(body.suberror).toBe(expected.suberror);
  else expect(body).not.toHaveProperty('suberror');
  const described = expectEntraDescription(
    body.error_description as string,
    expected.code,
    body.correlation_id as string,
  );
  expect(described.traceId).toBe(body.trace_id);
  expect(described.timestamp).toBe(body.timestamp);
  return body;
}
