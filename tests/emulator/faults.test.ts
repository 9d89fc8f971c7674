import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faultSettingsFromEnv, FaultInjector, NO_FAULTS } from '../../emulator/graph/faults.js';
import { GraphError } from '../../emulator/graph/graph-error.js';
import { startEmulator, type EmulatorHarness } from './harness';
import { expectGraphError, ids, snapshotAll, store } from './helpers';

let emulator: EmulatorHarness;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

/** The emulator answers its settings with the seed of its random faults. */
const withSeed = (settings: object) => ({ ...settings, seed: expect.any(Number) as number });

async function setFaults(settings: unknown): Promise<Response> {
  return emulator.control('/faults', settings);
}

async function currentFaults(): Promise<unknown> {
  const response = await emulator.control('/faults', undefined, 'GET');
  expect(response.status).toBe(200);
  return response.json();
}

afterEach(async () => {
  const response = await setFaults(NO_FAULTS);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual(withSeed(NO_FAULTS));
});

/** A spread of Graph requests: reads, writes, no token, an unknown path. */
function requests(): [string, () => Promise<Response>][] {
  const [target] = store(emulator).list(ids.adele);
  const path = `/me/profile/positions/${target.body.id}`;
  return [
    ['GET /me', () => emulator.call('adele', ['User.Read'], '/me')],
    ['GET list', () => emulator.call('adele', ['User.Read'], '/me/profile/positions')],
    [
      'POST',
      () =>
        emulator.call('adele', ['User.ReadWrite'], '/me/profile/positions', {
          method: 'POST',
          json: { detail: { jobTitle: 'Injected' } },
        }),
    ],
    [
      'PATCH',
      () =>
        emulator.call('adele', ['User.ReadWrite'], path, {
          method: 'PATCH',
          json: { detail: { jobTitle: 'Injected' } },
        }),
    ],
    [
      'PATCH with If-Match: *',
      () =>
        emulator.call('adele', ['User.ReadWrite'], path, {
          method: 'PATCH',
          json: { isCurrent: false },
          headers: { 'If-Match': '*' },
        }),
    ],
    ['DELETE', () => emulator.call('adele', ['User.ReadWrite'], path, { method: 'DELETE' })],
    [
      'admin PATCH of another user',
      () =>
        emulator.call('diego', ['User.ReadWrite.All'], `/users/${ids.adele}${path.slice(3)}`, {
          method: 'PATCH',
          json: { isCurrent: false },
        }),
    ],
    ['no token', () => emulator.call(null, [], '/me')],
    ['unknown path', () => emulator.call('adele', ['User.Read'], '/nowhere')],
  ];
}

describe('fault injection through POST /_emulator/faults', () => {
  it('starts with no faults', async () => {
    expect(await currentFaults()).toEqual(withSeed(NO_FAULTS));
  });

  it('throttleRate 1: every Graph request is 429 TooManyRequests with Retry-After, and nothing changes', async () => {
    const before = snapshotAll(emulator);
    const response = await setFaults({ throttleRate: 1 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(withSeed({ ...NO_FAULTS, throttleRate: 1 }));
    for (const [name, send] of requests()) {
      const answer = await send();
      const retryAfter = answer.headers.get('retry-after');
      // Like Graph's, the header is there but not exposed to a browser across origins.
      expect(answer.headers.get('access-control-expose-headers'), name).not.toContain(
        'Retry-After',
      );
      await expectGraphError(answer, 429, 'TooManyRequests', { mentions: ['throttled'] });
      expect(retryAfter, name).toBe('1');
    }
    expect(snapshotAll(emulator)).toEqual(before);
  });

  it('Retry-After carries the configured seconds', async () => {
    await setFaults({ throttleRate: 1, retryAfterSeconds: 7 });
    const response = await emulator.call('adele', ['User.Read'], '/me');
    expect(response.headers.get('retry-after')).toBe('7');
    await expectGraphError(response, 429, 'TooManyRequests');
  });

  it('errorRate 1: every Graph request is 503 serviceNotAvailable, and nothing changes', async () => {
    const before = snapshotAll(emulator);
    expect((await setFaults({ errorRate: 1 })).status).toBe(200);
    for (const [name, send] of requests()) {
      const answer = await send();
      expect(answer.headers.get('retry-after'), name).toBe('1');
      await expectGraphError(answer, 503, 'serviceNotAvailable', { mentions: ['unavailable'] });
    }
    expect(snapshotAll(emulator)).toEqual(before);
  });

  it('retryAfterSeconds 0 leaves the Retry-After header out of 429 and 503', async () => {
    await setFaults({ throttleRate: 1, retryAfterSeconds: 0 });
    const throttled = await emulator.call('adele', ['User.Read'], '/me');
    expect(throttled.headers.has('retry-after')).toBe(false);
    await expectGraphError(throttled, 429, 'TooManyRequests');
    await setFaults({ throttleRate: 0, errorRate: 1, retryAfterSeconds: 0 });
    const unavailable = await emulator.call('adele', ['User.Read'], '/me');
    expect(unavailable.headers.has('retry-after')).toBe(false);
    await expectGraphError(unavailable, 503, 'serviceNotAvailable');
  });

  it('latencyMs 200 delays each response by at least 200 ms, and the request still succeeds', async () => {
    const timed = async () => {
      const started = performance.now();
      const response = await emulator.call('adele', ['User.Read'], '/me');
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      return performance.now() - started;
    };
    const baseline = await timed();
    await setFaults({ latencyMs: 200 });
    const delayed = await timed();
    expect(delayed).toBeGreaterThanOrEqual(195);
    expect(delayed - baseline).toBeGreaterThanOrEqual(150);
  });

  it('latency and throttling combine: the 429 comes after the delay', async () => {
    await setFaults({ latencyMs: 100, throttleRate: 1 });
    const started = performance.now();
    const response = await emulator.call('adele', ['User.Read'], '/me');
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    await expectGraphError(response, 429, 'TooManyRequests');
  });

  it.each([
    ['throttleRate above 1', { throttleRate: 1.5 }, 'throttleRate'],
    ['a negative errorRate', { errorRate: -0.1 }, 'errorRate'],
    ['a rate as a string', { throttleRate: '1' }, 'throttleRate'],
    ['a rate of null', { errorRate: null }, 'errorRate'],
    ['latencyMs not a whole number', { latencyMs: 1.5 }, 'latencyMs'],
    ['latencyMs over a minute', { latencyMs: 60_001 }, 'latencyMs'],
    ['retryAfterSeconds over 120', { retryAfterSeconds: 121 }, 'retryAfterSeconds'],
    ['an unknown setting', { dropRate: 0.5 }, 'dropRate'],
    [
      'throttleRate and errorRate adding up to more than 1',
      { throttleRate: 0.6, errorRate: 0.5 },
      'exceed 1',
    ],
    ['a JSON array', [{ throttleRate: 1 }], 'JSON object'],
    ['JSON null', 'null', 'JSON object'],
    ['malformed JSON', '{"throttleRate": 1,}', 'not valid JSON'],
  ])('invalid settings are 400 and change nothing: %s', async (_name, settings, mention) => {
    await setFaults({ latencyMs: 5 });
    const response = await setFaults(settings);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(mention);
    expect(await currentFaults()).toEqual(withSeed({ ...NO_FAULTS, latencyMs: 5 }));
  });

  it('a partial update keeps the other settings', async () => {
    await setFaults({ latencyMs: 10, retryAfterSeconds: 3 });
    expect(await (await setFaults({ errorRate: 0.25 })).json()).toEqual(
      withSeed({ ...NO_FAULTS, latencyMs: 10, errorRate: 0.25, retryAfterSeconds: 3 }),
    );
  });

  it('after a reset to zeros, requests go through again', async () => {
    await setFaults({ throttleRate: 1 });
    expect((await emulator.call('adele', ['User.Read'], '/me')).status).toBe(429);
    expect((await setFaults(NO_FAULTS)).status).toBe(200);
    expect(await currentFaults()).toEqual(withSeed(NO_FAULTS));
    expect((await emulator.call('adele', ['User.Read'], '/me')).status).toBe(200);
  });
});

describe('FaultInjector with partial rates (deterministic rolls)', () => {
  const settings = { ...NO_FAULTS, throttleRate: 0.3, errorRate: 0.2, retryAfterSeconds: 2 };
  const outcome = async (roll: number) => {
    try {
      await new FaultInjector(settings, () => roll).apply();
      return 'through';
    } catch (error) {
      expect(error).toBeInstanceOf(GraphError);
      const graphError = error as GraphError;
      expect(graphError.extra.headers).toEqual({ 'Retry-After': '2' });
      return `${graphError.status} ${graphError.code}`;
    }
  };

  it.each([
    [0, '429 TooManyRequests'],
    [0.29, '429 TooManyRequests'],
    [0.3, '503 serviceNotAvailable'],
    [0.49, '503 serviceNotAvailable'],
    [0.5, 'through'],
    [0.99, 'through'],
  ])('a roll of %s → %s', async (roll, expected) => {
    expect(await outcome(roll)).toBe(expected);
  });
});

describe('lost responses (lostResponseRate)', () => {
  it('a write whose response is lost is stored, while the client sees the connection close', async () => {
    const [target] = store(emulator).list(ids.adele);
    await setFaults({ lostResponseRate: 1 });
    const patch = emulator.call(
      'adele',
      ['User.ReadWrite'],
      `/me/profile/positions/${target.body.id}`,
      { method: 'PATCH', json: { categories: ['lost answer'] } },
    );
    await expect(patch).rejects.toThrow();
    const created = emulator.call('adele', ['User.ReadWrite'], '/me/profile/positions', {
      method: 'POST',
      json: { detail: { jobTitle: 'Made without an answer' } },
    });
    await expect(created).rejects.toThrow();
    await setFaults(NO_FAULTS);
    const after = store(emulator).list(ids.adele);
    expect(after.find((position) => position.body.id === target.body.id)?.body.categories).toEqual([
      'lost answer',
    ]);
    expect(
      after.filter(
        (position) =>
          (position.body.detail as { jobTitle: string }).jobTitle === 'Made without an answer',
      ),
    ).toHaveLength(1);
  });

  it('loseNextResponses loses exactly that many answers, then counts back to 0', async () => {
    await setFaults({ loseNextResponses: 2 });
    await expect(emulator.call('adele', ['User.Read'], '/me')).rejects.toThrow();
    await expect(emulator.call('adele', ['User.Read'], '/me')).rejects.toThrow();
    expect((await emulator.call('adele', ['User.Read'], '/me')).status).toBe(200);
    expect(await currentFaults()).toMatchObject({ loseNextResponses: 0 });
  });

  it('counts towards the total of rates, which cannot exceed 1', async () => {
    const response = await setFaults({ throttleRate: 0.5, lostResponseRate: 0.6 });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /lostResponseRate together cannot exceed 1/,
    );
  });
});

describe('POST /_emulator/expire-tokens', () => {
  it('with endSessions also ends sign-in sessions and refresh tokens; a bad body is refused', async () => {
    const db = emulator.stack.db;
    db.prepare(
      "INSERT INTO oidc_models (model, id, payload) VALUES ('Session', 's1', '{}'), ('RefreshToken', 'r1', '{}'), ('Grant', 'g1', '{}')",
    ).run();
    expect((await emulator.control('/expire-tokens', { endSessions: 'yes' })).status).toBe(400);
    expect((await emulator.control('/expire-tokens', { signOut: true })).status).toBe(400);
    const models = () =>
      (db.prepare('SELECT model FROM oidc_models ORDER BY model').all() as { model: string }[]).map(
        (row) => row.model,
      );
    expect((await emulator.control('/expire-tokens', { revokeRefreshTokens: true })).status).toBe(
      204,
    );
    expect(models()).toEqual(['Grant', 'Session']);
    expect((await emulator.control('/expire-tokens', { endSessions: true })).status).toBe(204);
    expect(models()).toEqual(['Grant']);
  });
});

describe('fault settings from the environment', () => {
  it('reads EMULATOR_* variables', () => {
    expect(
      faultSettingsFromEnv({
        EMULATOR_LATENCY_MS: '250',
        EMULATOR_THROTTLE_RATE: '0.1',
        EMULATOR_ERROR_RATE: '',
        EMULATOR_RETRY_AFTER_SECONDS: '0',
      }),
    ).toEqual({ ...NO_FAULTS, latencyMs: 250, throttleRate: 0.1, retryAfterSeconds: 0 });
    expect(faultSettingsFromEnv({})).toEqual(NO_FAULTS);
  });

  it.each([
    ['EMULATOR_THROTTLE_RATE', 'lots'],
    ['EMULATOR_ERROR_RATE', '2'],
    ['EMULATOR_LATENCY_MS', '-5'],
  ])('refuses %s=%s with a message naming the setting', (name, value) => {
    expect(() => faultSettingsFromEnv({ [name]: value })).toThrow(/environment are invalid/);
  });
});

describe('who may use the controls', () => {
  it('a page of another site (a cross-site browser request) is refused; scripts are not', async () => {
    const crossSite = await fetch(`${emulator.origin}/_emulator/reset`, {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const otherOrigin = await fetch(`${emulator.origin}/_emulator/faults`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      body: '{"errorRate":1}',
    });
    expect(otherOrigin.status).toBe(403);
    expect(await currentFaults()).toMatchObject({ errorRate: 0 });
  });
});

describe('errors as users report them: failNext, one request at a time', () => {
  const auditorPath = () => {
    const auditor = store(emulator)
      .list(ids.adele)
      .find((position) => (position.body.detail as { jobTitle: string }).jobTitle === 'Auditor')!;
    return `/me/profile/positions/${auditor.body.id}`;
  };
  const patchAuditor = () =>
    emulator.call('adele', ['User.ReadWrite'], auditorPath(), {
      method: 'PATCH',
      json: { categories: ['audit'] },
    });

  it('the next PATCH gets a 404 UnknownError, although the position exists; the GET before it and the PATCH after it do not', async () => {
    const before = snapshotAll(emulator);
    expect(
      (await setFaults({ failNext: [{ error: 'unknownErrorNotFound', method: 'PATCH' }] })).status,
    ).toBe(200);
    expect((await emulator.call('adele', ['User.Read'], auditorPath())).status).toBe(200);
    await expectGraphError(await patchAuditor(), 404, 'UnknownError', { emptyMessage: true });
    expect(snapshotAll(emulator)).toEqual(before);
    expect(await currentFaults()).toMatchObject({ failNext: [] });
    expect((await patchAuditor()).status).toBe(200);
  });

  it.each([
    ['accessDeniedForRole', 403, 'ErrorAccessDeniedForRole', false],
    ['unknownError', 400, 'UnknownError', true],
    ['unknownErrorNotFound', 404, 'UnknownError', true],
    ['activityLimitReached', 429, 'activityLimitReached', false],
    ['requestTooLarge', 413, 'RequestEntityTooLarge', false],
    ['unsupportedMediaType', 415, 'UnsupportedMediaType', false],
  ] as const)(
    '%s: the next request is %i %s, nothing changes, and the one after goes through',
    async (error, status, code, emptyMessage) => {
      const before = snapshotAll(emulator);
      await setFaults({ failNext: [{ error }], retryAfterSeconds: 4 });
      const response = await patchAuditor();
      const retryAfter = response.headers.get('retry-after');
      await expectGraphError(response, status, code, { emptyMessage });
      expect(retryAfter).toBe(status === 429 ? '4' : null);
      expect(snapshotAll(emulator)).toEqual(before);
      expect((await patchAuditor()).status).toBe(200);
    },
  );

  it('the queue is taken in order, each entry by the first request it matches', async () => {
    await setFaults({
      failNext: [
        { error: 'activityLimitReached', method: 'POST' },
        { error: 'unknownError' },
        { error: 'accessDeniedForRole', method: 'GET' },
      ],
    });
    // A GET takes the first entry it matches: the method-less one.
    await expectGraphError(
      await emulator.call('adele', ['User.Read'], '/me'),
      400,
      'UnknownError',
      {
        emptyMessage: true,
      },
    );
    await expectGraphError(
      await emulator.call('adele', ['User.Read'], '/me'),
      403,
      'ErrorAccessDeniedForRole',
    );
    expect((await emulator.call('adele', ['User.Read'], '/me')).status).toBe(200);
    expect(await currentFaults()).toMatchObject({
      failNext: [{ error: 'activityLimitReached', method: 'POST' }],
    });
  });

  it.each([
    ['not an array', { failNext: { error: 'unknownError' } }, 'array'],
    ['an unknown error', { failNext: [{ error: 'teapot' }] }, 'teapot'],
    ['an unknown method', { failNext: [{ error: 'unknownError', method: 'PUT' }] }, 'PUT'],
    ['an unknown field', { failNext: [{ error: 'unknownError', times: 2 }] }, 'times'],
    ['vagueErrors not a Boolean', { vagueErrors: 1 }, 'vagueErrors'],
  ])('refuses %s with 400 and changes nothing', async (_name, settings, mention) => {
    const response = await setFaults(settings);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(mention);
    expect(await currentFaults()).toEqual(withSeed(NO_FAULTS));
  });
});

describe('vagueErrors: the emulator answers its own errors the way users report them', () => {
  beforeEach(async () => {
    expect((await setFaults({ vagueErrors: true })).status).toBe(200);
  });

  it("a write to another person's profile refused for want of a role is 403 ErrorAccessDeniedForRole", async () => {
    const [target] = store(emulator).list(ids.lee);
    const before = snapshotAll(emulator);
    await expectGraphError(
      await emulator.call(
        'alex',
        ['User.ReadWrite.All'],
        `/users/${ids.lee}/profile/positions/${target.body.id}`,
        {
          method: 'PATCH',
          json: { isCurrent: false },
        },
      ),
      403,
      'ErrorAccessDeniedForRole',
    );
    expect(snapshotAll(emulator)).toEqual(before);
  });

  it('refused input is 400 UnknownError with an empty message and no details', async () => {
    const before = snapshotAll(emulator);
    const error = await expectGraphError(
      await emulator.call('adele', ['User.ReadWrite'], '/me/profile/positions', {
        method: 'POST',
        json: { detail: { jobTitle: 42 } },
      }),
      400,
      'UnknownError',
      { emptyMessage: true },
    );
    expect(error.details).toBeUndefined();
    expect(error.target).toBeUndefined();
    await expectGraphError(
      await emulator.call('adele', ['User.Read'], '/me/profile/positions?$top=0'),
      400,
      'UnknownError',
      { emptyMessage: true },
    );
    expect(snapshotAll(emulator)).toEqual(before);
  });

  it('a throttled request is 429 activityLimitReached, with Retry-After', async () => {
    await setFaults({ throttleRate: 1, retryAfterSeconds: 2 });
    const response = await emulator.call('adele', ['User.Read'], '/me');
    expect(response.headers.get('retry-after')).toBe('2');
    await expectGraphError(response, 429, 'activityLimitReached');
  });

  it('errors with no reported form stay as they are', async () => {
    await expectGraphError(
      await emulator.call('adele', ['User.Read'], '/users'),
      403,
      'Authorization_RequestDenied',
    );
    await expectGraphError(
      await emulator.call(
        'adele',
        ['User.Read'],
        '/me/profile/positions/00000000-0000-4000-8000-000000000000',
      ),
      404,
      'itemNotFound',
    );
    await expectGraphError(await emulator.call(null, [], '/me'), 401, 'InvalidAuthenticationToken');
  });
});

describe('vague errors from the environment', () => {
  it('reads EMULATOR_VAGUE_ERRORS and EMULATOR_FAIL_NEXT', () => {
    expect(
      faultSettingsFromEnv({
        EMULATOR_VAGUE_ERRORS: '1',
        EMULATOR_FAIL_NEXT: 'unknownErrorNotFound@patch, activityLimitReached',
      }),
    ).toEqual({
      ...NO_FAULTS,
      vagueErrors: true,
      failNext: [
        { error: 'unknownErrorNotFound', method: 'PATCH' },
        { error: 'activityLimitReached' },
      ],
    });
    expect(faultSettingsFromEnv({ EMULATOR_VAGUE_ERRORS: 'false' }).vagueErrors).toBe(false);
  });

  it.each([
    ['EMULATOR_FAIL_NEXT', 'teapot'],
    ['EMULATOR_FAIL_NEXT', 'unknownError@PUT'],
    ['EMULATOR_VAGUE_ERRORS', 'sometimes'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    expect(() => faultSettingsFromEnv({ [name]: value })).toThrow(
      /environment are invalid.*(teapot|PUT|sometimes)/,
    );
  });
});
