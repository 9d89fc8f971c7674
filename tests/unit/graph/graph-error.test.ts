import { describe, expect, it } from 'vitest';
import {
  GraphError,
  NETWORK_ERROR,
  graphErrorFromResponse,
  networkError,
  parseRetryAfter,
} from '../../../src/graph/graph-error';

const NOW = Date.parse('2026-11-27T06:00:00Z');

describe('parseRetryAfter', () => {
  it('reads whole seconds as milliseconds', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('5', NOW)).toBe(5000);
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 7 ', NOW)).toBe(7000);
  });

  it('reads an HTTP date as the time until it', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 06:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 07:00:00 GMT', NOW)).toBe(3_600_000);
  });

  it('never gives a negative delay for a date in the past', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', NOW)).toBe(0);
  });

  it('gives undefined for null, empty and garbage', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('12abc', NOW)).toBeUndefined();
    expect(parseRetryAfter('1e3', NOW)).toBeUndefined();
  });

  it('uses the current time by default', () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const delay = parseRetryAfter(inAMinute)!;
    expect(delay).toBeGreaterThan(55_000);
    expect(delay).toBeLessThanOrEqual(60_000);
  });
});

describe('GraphError and networkError', () => {
  it('is an Error with its fields and empty details by default', () => {
    const error = new GraphError({ status: 404, code: 'itemNotFound', message: 'Not found.' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('GraphError');
    expect(error.message).toBe('Not found.');
    expect(error.details).toEqual([]);
    expect(error.requestId).toBeUndefined();
  });

  it('describes a network failure with the client request id', () => {
    const error = networkError('abc-123');
    expect(error).toBeInstanceOf(GraphError);
    expect(error.status).toBe(0);
    expect(error.code).toBe(NETWORK_ERROR);
    expect(NETWORK_ERROR).toBe('networkError');
    expect(error.clientRequestId).toBe('abc-123');
    expect(error.message).toBe('Could not reach Microsoft Graph. Check your network connection.');
  });
});

const json = (
  body: unknown,
  init: Omit<ResponseInit, 'headers'> & { headers?: Record<string, string> },
) =>
  new Response(JSON.stringify(body), {
    ...init,
    headers: { 'Content-Type': 'application/json', ...init.headers },
  });

describe('graphErrorFromResponse', () => {
  it("reads Graph's code, message, target and details, and innerError (camel case)", async () => {
    const error = await graphErrorFromResponse(
      json(
        {
          error: {
            code: 'invalidRequest',
            message: 'The request is invalid.',
            target: 'detail.jobTitle',
            details: [
              { code: 'tooLong', message: 'Too long.', target: 'detail.jobTitle' },
              { code: 'required', message: 'Required.' },
              { code: 7, message: 8, target: '' },
            ],
            innerError: {
              'request-id': 'req-1',
              'client-request-id': 'client-1',
              date: '2026-11-27T06:00:00',
            },
          },
        },
        { status: 400, statusText: 'Bad Request' },
      ),
    );
    expect(error).toBeInstanceOf(GraphError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalidRequest');
    expect(error.message).toBe('The request is invalid.');
    expect(error.target).toBe('detail.jobTitle');
    expect(error.details).toEqual([
      { code: 'tooLong', message: 'Too long.', target: 'detail.jobTitle' },
      { code: 'required', message: 'Required.', target: undefined },
      { code: '7', message: '8', target: undefined },
    ]);
    expect(error.requestId).toBe('req-1');
    expect(error.clientRequestId).toBe('client-1');
    expect(error.date).toBe('2026-11-27T06:00:00');
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('reads innererror in lower case', async () => {
    const error = await graphErrorFromResponse(
      json(
        {
          error: {
            code: 'itemNotFound',
            message: 'Gone.',
            innererror: { 'request-id': 'req-2', date: '2026-01-01T00:00:00' },
          },
        },
        { status: 404 },
      ),
    );
    expect(error.requestId).toBe('req-2');
    expect(error.date).toBe('2026-01-01T00:00:00');
  });

  it('prefers innerError when both casings are present', async () => {
    const error = await graphErrorFromResponse(
      json(
        {
          error: {
            code: 'x',
            message: 'y',
            innerError: { 'request-id': 'camel' },
            innererror: { 'request-id': 'lower' },
          },
        },
        { status: 400 },
      ),
    );
    expect(error.requestId).toBe('camel');
  });

  it('takes the request ids from the headers when the body has none', async () => {
    const error = await graphErrorFromResponse(
      json(
        { error: { code: 'accessDenied', message: 'No.' } },
        {
          status: 403,
          headers: { 'request-id': 'hdr-req', 'client-request-id': 'hdr-client' },
        },
      ),
    );
    expect(error.requestId).toBe('hdr-req');
    expect(error.clientRequestId).toBe('hdr-client');
    expect(error.date).toBeUndefined();
    expect(error.target).toBeUndefined();
    expect(error.details).toEqual([]);
  });

  it('prefers the request id in the body over the header', async () => {
    const error = await graphErrorFromResponse(
      json(
        { error: { code: 'x', message: 'y', innerError: { 'request-id': 'body-req' } } },
        {
          status: 500,
          headers: { 'request-id': 'hdr-req' },
        },
      ),
    );
    expect(error.requestId).toBe('body-req');
  });

  it('reads Retry-After in seconds', async () => {
    const error = await graphErrorFromResponse(
      json(
        { error: { code: 'TooManyRequests', message: 'Slow down.' } },
        {
          status: 429,
          headers: { 'Retry-After': '12' },
        },
      ),
    );
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(12_000);
  });

  it('reads Retry-After as an HTTP date', async () => {
    const when = new Date(Date.now() + 120_000).toUTCString();
    const error = await graphErrorFromResponse(
      json(
        { error: { code: 'x', message: 'y' } },
        { status: 503, headers: { 'Retry-After': when } },
      ),
    );
    expect(error.retryAfterMs).toBeGreaterThan(110_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('falls back to the status line for a non-JSON body', async () => {
    const error = await graphErrorFromResponse(
      new Response('<html>Bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'Content-Type': 'text/html', 'request-id': 'proxy-1' },
      }),
    );
    expect(error.status).toBe(502);
    expect(error.code).toBe('http502');
    expect(error.message).toBe('Microsoft Graph answered 502 Bad Gateway.');
    expect(error.requestId).toBe('proxy-1');
    expect(error.details).toEqual([]);
  });

  it('falls back to the status alone for an empty body without a status text', async () => {
    const error = await graphErrorFromResponse(new Response(null, { status: 503 }));
    expect(error.code).toBe('http503');
    expect(error.message).toBe('Microsoft Graph answered 503.');
  });

  it('falls back for JSON without an error object, or with empty or non-text code and message', async () => {
    const other = await graphErrorFromResponse(
      json(
        { message: 'not the Graph shape' },
        { status: 500, statusText: 'Internal Server Error' },
      ),
    );
    expect(other.code).toBe('http500');
    expect(other.message).toBe('Microsoft Graph answered 500 Internal Server Error.');

    const empty = await graphErrorFromResponse(
      json(
        { error: { code: '', message: 42, target: 5, details: 'nope' } },
        { status: 409, statusText: 'Conflict' },
      ),
    );
    expect(empty.code).toBe('http409');
    expect(empty.message).toBe('Microsoft Graph answered 409 Conflict.');
    expect(empty.target).toBeUndefined();
    expect(empty.details).toEqual([]);

    const nullError = await graphErrorFromResponse(
      json({ error: null }, { status: 500, statusText: 'Internal Server Error' }),
    );
    expect(nullError.code).toBe('http500');
  });
});

describe('odd error bodies', () => {
  it('a JSON null body, or null details, still give a GraphError from the status line', async () => {
    const { graphErrorFromResponse, GraphError: ErrorType } =
      await import('../../../src/graph/graph-error');
    const fromNull = await graphErrorFromResponse(
      new Response('null', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(fromNull).toBeInstanceOf(ErrorType);
    expect(fromNull.code).toBe('http502');
    const withNullDetail = await graphErrorFromResponse(
      new Response(
        JSON.stringify({
          error: {
            code: 'invalidRequest',
            message: 'm',
            details: [null, { code: 'x', message: 'y', target: 'detail.jobTitle' }],
          },
        }),
        { status: 400 },
      ),
    );
    expect(withNullDetail.details).toEqual([
      { code: 'x', message: 'y', target: 'detail.jobTitle' },
    ]);
  });

  it('reads only seconds or an HTTP date as Retry-After', async () => {
    const { parseRetryAfter } = await import('../../../src/graph/graph-error');
    expect(parseRetryAfter('1.5')).toBeUndefined();
    expect(parseRetryAfter('-1')).toBeUndefined();
  });
});
