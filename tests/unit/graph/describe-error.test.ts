import { describe, expect, it } from 'vitest';
import { describeError } from '../../../src/graph/describe-error';
import { GraphError, networkError } from '../../../src/graph/graph-error';

const graphError = (
  status: number,
  extra: Partial<ConstructorParameters<typeof GraphError>[0]> = {},
) => new GraphError({ status, code: `code${status}`, message: `Graph says ${status}.`, ...extra });

describe('describeError', () => {
  it.each([
    [400, 'Microsoft Graph refused the change'],
    [401, 'Your sign-in has expired'],
    [403, "You don't have permission to do this"],
    [404, "It wasn't found"],
    [409, 'Someone else changed this in the meantime'],
    [412, 'Someone else changed this in the meantime'],
    [429, 'Microsoft Graph is busy and asked us to slow down'],
    [500, 'Microsoft Graph had a problem'],
    [502, 'Microsoft Graph is temporarily unavailable'],
    [503, 'Microsoft Graph is temporarily unavailable'],
    [504, 'Microsoft Graph is temporarily unavailable'],
  ])("titles status %i as %j, keeping Graph's message", (status, title) => {
    expect(describeError(graphError(status))).toMatchObject({
      title,
      message: `Graph says ${status}.`,
    });
  });

  it('titles an unknown status with the action', () => {
    expect(describeError(graphError(418)).title).toBe("That didn't work");
    expect(describeError(graphError(418), 'Saving').title).toBe("Saving didn't work");
  });

  it('titles a network failure as offline, whatever the action', () => {
    const description = describeError(networkError('client-1'), 'Saving');
    expect(description.title).toBe("You're offline, or Microsoft Graph can't be reached");
    expect(description.message).toBe(
      'Could not reach Microsoft Graph. Check your network connection.',
    );
    expect(description.reference).toBe('Client request ID client-1');
  });

  it('describes an Error that is not a GraphError by its message, without a reference', () => {
    expect(describeError(new TypeError('Failed to parse'), 'Loading')).toEqual({
      title: "Loading didn't work",
      message: 'Failed to parse',
    });
  });

  it('describes a thrown non-Error by its text', () => {
    expect(describeError('plain string')).toEqual({
      title: "That didn't work",
      message: 'plain string',
    });
    expect(describeError(undefined).message).toBe('undefined');
  });

  it('gives a reference with the code, the request id and the date', () => {
    const description = describeError(
      graphError(404, {
        code: 'itemNotFound',
        requestId: 'req-1',
        clientRequestId: 'client-1',
        date: '2026-11-27T06:00:00',
      }),
    );
    expect(description.reference).toBe(
      'Code itemNotFound · Request ID req-1 · 2026-11-27T06:00:00',
    );
  });

  it('falls back to the client request id when there is no request id', () => {
    expect(
      describeError(graphError(500, { code: 'generalException', clientRequestId: 'client-9' }))
        .reference,
    ).toBe('Code generalException · Client request ID client-9');
  });

  it('gives a reference of just the code when nothing else is known', () => {
    expect(describeError(graphError(403, { code: 'accessDenied' })).reference).toBe(
      'Code accessDenied',
    );
  });

  it('gives no reference when there is nothing to refer to', () => {
    expect(describeError(graphError(403, { code: '' })).reference).toBeUndefined();
  });
});
