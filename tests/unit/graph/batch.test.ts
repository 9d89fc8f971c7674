import { describe, expect, it } from 'vitest';
import {
  batchBody,
  errorOfAnswer,
  readBatchAnswers,
  type BatchRequest,
} from '../../../src/graph/batch';
import { UnexpectedAnswerError } from '../../../src/graph/graph-answer';

const get = (id: string, dependsOn?: string[]): BatchRequest => ({
  id,
  method: 'GET',
  url: `/users/${id}/profile/positions`,
  dependsOn,
});

describe('batchBody', () => {
  it('adds a Content-Type to bodies and leaves out what is not given', () => {
    expect(
      batchBody([
        get('1'),
        {
          id: '2',
          method: 'PATCH',
          url: '/users/u/profile/positions/p',
          body: { isCurrent: false },
        },
        {
          id: '3',
          method: 'GET',
          url: '/users',
          headers: { ConsistencyLevel: 'eventual' },
          dependsOn: ['1'],
        },
      ]),
    ).toEqual({
      requests: [
        { id: '1', method: 'GET', url: '/users/1/profile/positions' },
        {
          id: '2',
          method: 'PATCH',
          url: '/users/u/profile/positions/p',
          headers: { 'Content-Type': 'application/json' },
          body: { isCurrent: false },
        },
        {
          id: '3',
          method: 'GET',
          url: '/users',
          headers: { ConsistencyLevel: 'eventual' },
          dependsOn: ['1'],
        },
      ],
    });
  });

  it('refuses an empty batch and one over 20', () => {
    expect(() => batchBody([])).toThrow(RangeError);
    expect(() => batchBody(Array.from({ length: 21 }, (_, i) => get(String(i))))).toThrow(
      RangeError,
    );
  });
});

describe('readBatchAnswers', () => {
  const requests = [get('1'), get('2')];

  it('matches answers by id, not by order, and reads the inner Retry-After and request id', () => {
    const answers = readBatchAnswers(
      {
        responses: [
          {
            id: '2',
            status: 429,
            headers: { 'Retry-After': '3', 'request-id': 'r-2' },
            body: { error: { code: 'TooManyRequests', message: 'Slow down' } },
          },
          { id: '1', status: 200, headers: { 'Request-Id': 'r-1' }, body: { value: [] } },
        ],
      },
      requests,
    );
    expect(answers.get('1')).toMatchObject({ status: 200, requestId: 'r-1', body: { value: [] } });
    expect(answers.get('2')).toMatchObject({ status: 429, retryAfterMs: 3000, requestId: 'r-2' });
    const error = errorOfAnswer(answers.get('2')!);
    expect(error).toMatchObject({ status: 429, code: 'TooManyRequests', retryAfterMs: 3000 });
  });

  it('takes the request id from the error body when the headers lack it', () => {
    const answers = readBatchAnswers(
      {
        responses: [
          { id: '1', status: 200, body: {} },
          {
            id: '2',
            status: 404,
            body: {
              error: { code: 'itemNotFound', message: 'x', innerError: { 'request-id': 'in' } },
            },
          },
        ],
      },
      requests,
    );
    expect(answers.get('2')?.requestId).toBe('in');
  });

  it('refuses an answer that is not a batch, misses a request or answers one never asked', () => {
    expect(() => readBatchAnswers({ value: [] }, requests)).toThrow(UnexpectedAnswerError);
    expect(() => readBatchAnswers({ responses: [{ id: '1', status: 200 }] }, requests)).toThrow(
      /no answer for '2'/,
    );
    expect(() =>
      readBatchAnswers(
        {
          responses: [
            { id: '1', status: 200 },
            { id: '2', status: 200 },
            { id: '9', status: 200 },
          ],
        },
        requests,
      ),
    ).toThrow(/never asked/);
  });
});
