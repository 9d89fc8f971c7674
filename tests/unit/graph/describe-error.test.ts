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

  it.each([
    [
      403,
      'ErrorAccessDeniedForRole',
      'Access is denied. Check credentials and try again.',
      "Your role doesn't allow this change",
      /^Changing someone else's profile needs a directory role that may update users, such as User Administrator\./,
    ],
    [
      400,
      'UnknownError',
      '',
      'Microsoft Graph refused the change without saying why',
      /^Check the values you changed, then try again\./,
    ],
    [
      404,
      'UnknownError',
      '',
      "Microsoft Graph couldn't find the position just now",
      /^It answered "not found" although the position is still there\./,
    ],
    [
      429,
      'activityLimitReached',
      'The app or user has been throttled.',
      'Microsoft Graph is busy and asked us to slow down',
      /^Too many requests were made in a short time\. Wait a moment, then try again\./,
    ],
    [
      429,
      'TooManyRequests',
      'Too many requests.',
      'Microsoft Graph is busy and asked us to slow down',
      /^Too many requests were made/,
    ],
    [
      413,
      'RequestEntityTooLarge',
      'The request size exceeds the maximum limit.',
      'The change is too large for Microsoft Graph',
      /^Shorten the longest texts/,
    ],
    [
      415,
      'UnsupportedMediaType',
      'The content type of the request is a format that the service does not support.',
      "Microsoft Graph couldn't read the request",
      /^This is a fault in Profile Editor, not in what you typed\./,
    ],
  ])('says %i %s in plain words, with the request id', (status, code, message, title, words) => {
    const description = describeError(
      graphError(status, { code, message, requestId: 'req-7', date: '2026-11-27T06:00:00' }),
      'Saving your changes',
    );
    expect(description.title).toBe(title);
    expect(description.message).toMatch(words);
    expect(description.reference).toBe(`Code ${code} · Request ID req-7 · 2026-11-27T06:00:00`);
  });

  it("adds Graph's own words when it gave some, and nothing when it gave none", () => {
    expect(
      describeError(graphError(413, { code: 'RequestEntityTooLarge', message: 'Too big.' }))
        .message,
    ).toMatch(/ Microsoft Graph said: "Too big\."$/);
    for (const message of ['', '  ', 'Microsoft Graph answered 400 Bad Request.'])
      expect(
        describeError(graphError(400, { code: 'UnknownError', message })).message,
      ).not.toContain('Microsoft Graph said');
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
