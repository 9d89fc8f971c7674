import { describe, expect, it } from 'vitest';
import { GraphError, initOf } from '../../../src/graph/graph-error';
import { retryDelayMs, shouldRetry, shouldRetryCreate } from '../../../src/graph/retry-policy';
import { CREATE_MUTATION_KEY, createQueryClient } from '../../../src/lib/query-client';
import { NotCreatedError } from '../../../src/features/positions/api/create-position';

describe('the query client: retries in one place', () => {
  it('retries reads, and every mutation, on transient failures, waiting as Graph says', () => {
    const { queries, mutations } = createQueryClient().getDefaultOptions();
    expect(queries?.retry).toBe(shouldRetry);
    expect(queries?.retryDelay).toBe(retryDelayMs);
    expect(mutations?.retry).toBe(shouldRetry);
    expect(mutations?.retryDelay).toBe(retryDelayMs);
  });

  it('retries a create only when it is known not to have happened', () => {
    const client = createQueryClient();
    expect(client.getMutationDefaults([...CREATE_MUTATION_KEY, 'positions', 'me']).retry).toBe(
      shouldRetryCreate,
    );
    expect(client.getMutationDefaults(['positions', 'me']).retry).toBeUndefined();
  });
});

describe('NotCreatedError', () => {
  const cause = new GraphError({
    status: 503,
    code: 'serviceNotAvailable',
    message: 'Try later.',
    requestId: 'r-1',
    clientRequestId: 'c-1',
    date: '2026-11-27T06:00:00',
    target: 'detail.jobTitle',
    details: [{ code: 'x', message: 'y', target: 'categories' }],
    retryAfterMs: 2000,
  });

  it('keeps everything the error it wraps said: Retry-After, target and details too', () => {
    const wrapped = new NotCreatedError(cause);
    expect(wrapped).toBeInstanceOf(GraphError);
    expect(wrapped.confirmedNotCreated).toBe(true);
    expect(initOf(wrapped)).toEqual(initOf(cause));
    expect(wrapped.retryAfterMs).toBe(2000);
    expect(retryDelayMs(0, wrapped)).toBe(2000);
    expect(shouldRetryCreate(0, wrapped)).toBe(true);
  });

  it('copies every property a GraphError has (a new one cannot be forgotten)', () => {
    const ownProperties = Object.keys(cause).filter((key) => key !== 'name');
    expect(Object.keys(initOf(cause)).sort()).toEqual([...ownProperties, 'message'].sort());
  });
});
