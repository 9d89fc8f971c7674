import type { WorkPosition } from '@microsoft/microsoft-graph-types-beta';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { meSchema } from '../../../src/features/me/api/get-me';
import { personSchema } from '../../../src/features/people/api/people-queries';
import { listPositions } from '../../../src/features/positions/api/position-queries';
import {
  positionPageSchema,
  positionSchema,
  type Position,
} from '../../../src/features/positions/api/position-schema';
import { describeError } from '../../../src/graph/describe-error';
import { readAnswer, UnexpectedAnswerError } from '../../../src/graph/graph-answer';
import { fakeGraph } from '../support/fake-graph';

/** A position as real tenants hold them: untidy, and with members this app does not know. */
const untidy = {
  '@odata.etag': 'W/"JzEtVXNlckxvZw=="',
  id: 'p1',
  allowedAudiences: 'organization,federatedOrganizations',
  categories: null,
  colleagues: null,
  manager: { displayName: 'Megan Bowen', relationship: 'manager', userId: 'u-1' },
  isCurrent: null,
  isSearchable: true,
  inference: { confidenceScore: 0.9, userHasVerifiedAccuracy: false },
  createdBy: { application: { id: 'a-1', displayName: 'AAD' }, user: null, device: null },
  lastModifiedBy: null,
  createdDateTime: '0001-01-01T00:00:00Z',
  source: null,
  someFutureMember: { anything: [1, 2, 3] },
  detail: {
    jobTitle: '',
    startMonthYear: '0001-01-01',
    endMonthYear: null,
    layer: null,
    company: { displayName: '', webUrl: 'www.contoso.com', address: null, futureCode: 'X' },
  },
};

describe('reading a position leniently', () => {
  it('accepts what real tenants send and keeps every member, known or not', () => {
    const parsed = readAnswer(positionSchema, untidy, 'reading a position');
    expect(parsed).toEqual(untidy);
    expect(parsed.someFutureMember).toEqual({ anything: [1, 2, 3] });
    expect(parsed.detail?.company?.futureCode).toBe('X');
  });

  it.each(['unknownFutureValue', 'me', 'everyone'])('accepts allowedAudiences %j', (value) => {
    expect(readAnswer(positionSchema, { id: 'p', allowedAudiences: value }, 'x')).toMatchObject({
      allowedAudiences: value,
    });
  });

  it('accepts a position with nothing but its id, and one with missing or null members', () => {
    expect(readAnswer(positionSchema, { id: 'p' }, 'x')).toEqual({ id: 'p' });
    expect(readAnswer(positionSchema, { id: 'p', detail: null }, 'x')).toEqual({
      id: 'p',
      detail: null,
    });
    expect(
      readAnswer(positionSchema, { id: 'p', detail: { company: { address: {} } } }, 'x'),
    ).toEqual({ id: 'p', detail: { company: { address: {} } } });
  });

  it.each([
    [{}, 'id should be a string'],
    [{ id: '' }, 'id is empty'],
    [{ id: 42 }, 'id should be a string'],
    [{ id: 'p', detail: 'Auditor' }, 'detail should be an object'],
    [{ id: 'p', categories: 'audit' }, 'categories should be an array'],
    [{ id: 'p', isCurrent: 'True' }, 'isCurrent should be a boolean'],
    [null, 'the answer should be an object'],
  ])('refuses %j, saying %j', (answer, problem) => {
    expect(() => readAnswer(positionSchema, answer, 'reading a position')).toThrow(
      new UnexpectedAnswerError('reading a position', [problem]),
    );
  });

  it('refuses a list whose value is not a list, or holds a position without an id', () => {
    expect(() => readAnswer(positionPageSchema, { value: {} }, 'listing positions')).toThrow(
      'value should be an array',
    );
    expect(() =>
      readAnswer(positionPageSchema, { value: [{ id: 'p1' }, { jobTitle: 'x' }] }, 'listing'),
    ).toThrow('value.1.id should be a string');
    expect(
      readAnswer(positionPageSchema, { value: [], '@odata.nextLink': null }, 'listing'),
    ).toEqual({ value: [], '@odata.nextLink': null });
  });

  it('says plainly what went wrong when the list cannot be read', async () => {
    fakeGraph(() => ({ value: 'nothing' }));
    const error = await listPositions('me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedAnswerError);
    expect(describeError(error, 'Loading positions')).toEqual({
      title: "Loading positions didn't work",
      message:
        "Microsoft Graph's answer to listing positions is not what Profile Editor can read (value should be an array).",
    });
  });

  it("agrees with Microsoft's published type, allowedAudiences read as the flags text it is", () => {
    expectTypeOf<Omit<Position, 'allowedAudiences'>>().toExtend<
      Omit<WorkPosition, 'allowedAudiences'>
    >();
  });
});

describe('reading people and the signed-in user leniently', () => {
  it.each([
    ['a person', personSchema],
    ['the signed-in user', meSchema],
  ] as const)('%s: only the id is required; unknown members are kept', (_, schema) => {
    expect(readAnswer(schema, { id: 'u1' }, 'x')).toEqual({ id: 'u1' });
    const full = {
      id: 'u1',
      displayName: '',
      jobTitle: null,
      userPrincipalName: 'lee@contoso.com',
      businessPhones: [],
    };
    expect(readAnswer(schema, full, 'x')).toEqual(full);
    expect(() => readAnswer(schema, { displayName: 'Lee Gu' }, 'x')).toThrow(
      'id should be a string',
    );
  });
});
