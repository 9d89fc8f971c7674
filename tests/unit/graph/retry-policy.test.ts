import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { GraphError, networkError } from '../../../src/graph/graph-error';
import {
  MAX_ATTEMPTS,
  isTransient,
  retryDelayMs,
  shouldRetry,
  shouldRetryCreate,
} from '../../../src/graph/retry-policy';

const status = (code: number, retryAfterMs?: number) =>
  new GraphError({ status: code, code: `http${code}`, message: 'm', retryAfterMs });

describe('isTransient', () => {
  it.each([429, 502, 503, 504])('is true for status %i', (code) => {
    expect(isTransient(status(code))).toBe(true);
  });

  it('is true for a network failure', () => {
    expect(isTransient(networkError('c'))).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 412, 500, 501])('is false for status %i', (code) => {
    expect(isTransient(status(code))).toBe(false);
  });

  it('is false for anything that is not a GraphError', () => {
    expect(isTransient(new Error('boom'))).toBe(false);
    expect(isTransient({ status: 503, code: 'x' })).toBe(false);
    expect(isTransient(undefined)).toBe(false);
  });
});

// React Query passes the failures before the current one: 0 when the first attempt failed.
describe('shouldRetry', () => {
  it('retries transient failures while fewer than MAX_ATTEMPTS attempts were made', () => {
    expect(MAX_ATTEMPTS).toBe(4);
    for (let count = 0; count < MAX_ATTEMPTS - 1; count++) {
      expect(shouldRetry(count, status(503)), `count ${count}`).toBe(true);
      expect(shouldRetry(count, networkError('c')), `count ${count}`).toBe(true);
    }
  });

  it('stops once MAX_ATTEMPTS attempts were made', () => {
    expect(shouldRetry(MAX_ATTEMPTS - 1, status(429))).toBe(false);
    expect(shouldRetry(MAX_ATTEMPTS + 5, networkError('c'))).toBe(false);
  });

  it('makes exactly MAX_ATTEMPTS attempts in a real QueryClient (query and mutation)', async () => {
    const client = new QueryClient();
    let queryAttempts = 0;
    await expect(
      client.query({
        queryKey: ['always-503'],
        queryFn: () => {
          queryAttempts++;
          throw status(503, 0);
        },
        retry: shouldRetry,
        retryDelay: 0,
      }),
    ).rejects.toBeInstanceOf(GraphError);
    expect(queryAttempts).toBe(MAX_ATTEMPTS);

    let createAttempts = 0;
    const mutation = client.getMutationCache().build(client, {
      mutationFn: () => {
        createAttempts++;
        return Promise.reject(status(429, 0));
      },
      retry: shouldRetryCreate,
      retryDelay: 0,
    });
    await expect(mutation.execute(undefined)).rejects.toBeInstanceOf(GraphError);
    expect(createAttempts).toBe(MAX_ATTEMPTS);
    client.clear();
  });

  it.each([400, 401, 403, 404, 412, 500])('never retries status %i', (code) => {
    expect(shouldRetry(0, status(code))).toBe(false);
    expect(shouldRetry(1, status(code))).toBe(false);
  });

  it('never retries an error that is not a GraphError', () => {
    expect(shouldRetry(0, new TypeError('bug'))).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it("honours Graph's Retry-After", () => {
    expect(retryDelayMs(1, status(429, 2500), () => 0)).toBe(2500);
    expect(retryDelayMs(3, status(503, 0), () => 1)).toBe(0);
  });

  it('caps Retry-After at 30 seconds', () => {
    expect(retryDelayMs(1, status(429, 120_000))).toBe(30_000);
  });

  it('uses the full ceiling when random gives 1: 500 ms after the first failure, doubling after each further one', () => {
    const top = () => 1;
    expect(retryDelayMs(0, status(503), top)).toBe(500);
    expect(retryDelayMs(1, status(503), top)).toBe(1000);
    expect(retryDelayMs(2, status(503), top)).toBe(2000);
    expect(retryDelayMs(3, status(503), top)).toBe(4000);
  });

  it('caps the back-off ceiling at 30 seconds', () => {
    expect(retryDelayMs(7, status(503), () => 1)).toBe(30_000);
    expect(retryDelayMs(50, networkError('c'), () => 1)).toBe(30_000);
  });

  it('applies full jitter: the delay is random × ceiling, rounded', () => {
    expect(retryDelayMs(2, status(503), () => 0)).toBe(0);
    expect(retryDelayMs(2, status(503), () => 0.5)).toBe(1000);
    expect(retryDelayMs(2, status(503), () => 0.1234)).toBe(247);
  });

  it('stays within [0, ceiling] for any random value', () => {
    for (let count = 0; count <= 10; count++) {
      const ceiling = Math.min(30_000, 500 * 2 ** count);
      for (const r of [0, 0.001, 0.25, 0.5, 0.75, 0.999999]) {
        const delay = retryDelayMs(count, status(502), () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('uses back-off for errors that are not GraphErrors, and Math.random by default', () => {
    expect(retryDelayMs(1, new Error('x'), () => 1)).toBe(1000);
    for (let i = 0; i < 20; i++) {
      const delay = retryDelayMs(1, status(503));
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(1000);
    }
  });
});

describe('shouldRetryCreate', () => {
  it('retries 429, bounded by MAX_ATTEMPTS', () => {
    expect(shouldRetryCreate(0, status(429))).toBe(true);
    expect(shouldRetryCreate(MAX_ATTEMPTS - 2, status(429))).toBe(true);
    expect(shouldRetryCreate(MAX_ATTEMPTS - 1, status(429))).toBe(false);
  });

  it('retries an unanswered create only once it is confirmed not to have happened', () => {
    const confirmed = Object.assign(status(503), { confirmedNotCreated: true });
    expect(shouldRetryCreate(0, confirmed)).toBe(true);
    expect(shouldRetryCreate(MAX_ATTEMPTS - 1, confirmed)).toBe(false);
  });

  it.each([502, 503, 504, 500, 400, 409])(
    'does not retry status %i (the position may have been made)',
    (code) => {
      expect(shouldRetryCreate(0, status(code))).toBe(false);
    },
  );

  it('does not retry a network failure or a non-GraphError', () => {
    expect(shouldRetryCreate(0, networkError('c'))).toBe(false);
    expect(shouldRetryCreate(0, new Error('x'))).toBe(false);
  });
});
