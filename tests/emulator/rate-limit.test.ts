import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_RATE_LIMIT,
  RateLimiter,
  rateLimitSettingsFromEnv,
} from '../../emulator/graph/rate-limit.js';
import { LOCAL_CLIENT } from '../../emulator/local-stack.js';
import { DEMO_TENANT } from '../../emulator/store/demo-directory.js';
import { startEmulator, type EmulatorHarness } from './harness';
import { expectGraphError, ids, sleep, snapshotAll, store } from './helpers';

/**
 * The rate limit per application and tenant: a token bucket. These tests use a small
 * bucket refilled slowly (5 tokens, one back every 10 s) so that what they count is not
 * disturbed by refill while they run; `POST /_emulator/reset` fills it before each test.
 */

const SMALL = { enabled: true, capacity: 5, refillPerSecond: 0.1 };

let emulator: EmulatorHarness;
beforeAll(async () => {
  emulator = await startEmulator({ rateLimit: SMALL });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  expect((await emulator.control('/rate-limit', SMALL)).status).toBe(200);
  expect((await emulator.control('/reset')).status).toBe(204);
});

const READ = ['User.Read'];
const WRITE = ['User.ReadWrite'];

/** GET /me as Adele with a token of the given application and tenant. */
async function getMe(claims: Record<string, unknown> = {}): Promise<Response> {
  const token = await emulator.token('adele', READ, { claims });
  return fetch(`${emulator.baseUrl}/me`, { headers: { Authorization: `Bearer ${token}` } });
}

async function statuses(count: number, claims: Record<string, unknown> = {}): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i++) result.push((await getMe(claims)).status);
  return result;
}

describe('a token bucket per application and tenant', () => {
  it('lets a burst of `capacity` requests through, then answers 429 TooManyRequests with Retry-After', async () => {
    expect(await statuses(5)).toEqual([200, 200, 200, 200, 200]);
    const throttled = await getMe();
    // One token back takes 10 s at 0.1 a second.
    expect(throttled.headers.get('retry-after')).toBe('10');
    expect(throttled.headers.get('x-ms-throttle-scope')).toBe(
      `Tenant_Application/ReadWrite/${LOCAL_CLIENT.id}/${DEMO_TENANT.id}`,
    );
    // As with Graph, the header is sent but not exposed to a browser on another origin.
    expect(throttled.headers.get('access-control-expose-headers')).not.toContain('Retry-After');
    await expectGraphError(throttled, 429, 'TooManyRequests', { mentions: [LOCAL_CLIENT.id] });
  });

  it('a throttled write changes nothing', async () => {
    await statuses(5);
    const before = snapshotAll(emulator);
    const [target] = store(emulator).list(ids.adele);
    const patch = await emulator.call('adele', WRITE, `/me/profile/positions/${target.body.id}`, {
      method: 'PATCH',
      json: { categories: ['throttled'] },
    });
    await expectGraphError(patch, 429, 'TooManyRequests');
    const create = await emulator.call('adele', WRITE, '/me/profile/positions', {
      method: 'POST',
      json: { detail: { jobTitle: 'Throttled' } },
    });
    await expectGraphError(create, 429, 'TooManyRequests');
    expect(snapshotAll(emulator)).toEqual(before);
  });

  it('another application, or the same application in another tenant, has a bucket of its own', async () => {
    await statuses(5);
    expect((await getMe()).status).toBe(429);
    expect(await statuses(5, { azp: 'another-app' })).toEqual([200, 200, 200, 200, 200]);
    expect((await getMe({ azp: 'another-app' })).status).toBe(429);
    const otherTenant = { tid: '00000000-0000-4000-8000-00000000beef' };
    expect(await statuses(5, otherTenant)).toEqual([200, 200, 200, 200, 200]);
    expect((await getMe(otherTenant)).status).toBe(429);
  });

  it('one bucket for all the users of an application in a tenant', async () => {
    expect(await statuses(3)).toEqual([200, 200, 200]);
    for (const persona of ['megan', 'lee'] as const)
      expect((await emulator.call(persona, READ, '/me')).status).toBe(200);
    expect((await emulator.call('diego', READ, '/me')).status).toBe(429);
  });

  it('requests refused before they count (no token) take no token', async () => {
    for (let i = 0; i < 10; i++) expect((await emulator.call(null, [], '/me')).status).toBe(401);
    expect(await statuses(5)).toEqual([200, 200, 200, 200, 200]);
  });

  it('POST /_emulator/reset fills the bucket again', async () => {
    await statuses(6);
    expect((await getMe()).status).toBe(429);
    expect((await emulator.control('/reset')).status).toBe(204);
    expect(await statuses(5)).toEqual([200, 200, 200, 200, 200]);
  });

  it('tokens come back at the refill rate: after Retry-After the request goes through', async () => {
    await emulator.control('/rate-limit', { capacity: 1, refillPerSecond: 2 });
    expect((await getMe()).status).toBe(200);
    const throttled = await getMe();
    expect(throttled.status).toBe(429);
    const wait = Number(throttled.headers.get('retry-after'));
    expect(wait).toBe(1);
    await sleep(wait * 1000);
    expect((await getMe()).status).toBe(200);
  });
});

describe('inside a batch, each request counts as one', () => {
  it('the requests past the limit answer 429 with their own Retry-After; the batch itself is 200', async () => {
    const [target] = store(emulator).list(ids.adele);
    const before = snapshotAll(emulator);
    const requests = [
      ...Array.from({ length: 5 }, (_, i) => ({ id: `read${i}`, method: 'GET', url: '/me' })),
      {
        id: 'write',
        method: 'PATCH',
        url: `/me/profile/positions/${target.body.id}`,
        headers: { 'Content-Type': 'application/json' },
        body: { categories: ['over the limit'] },
        dependsOn: ['read0', 'read1', 'read2', 'read3', 'read4'],
      },
      { id: 'after', method: 'GET', url: '/me', dependsOn: ['write'] },
    ];
    const response = await emulator.call('adele', WRITE, '/$batch', {
      method: 'POST',
      json: { requests },
    });
    expect(response.status).toBe(200);
    const { responses } = (await response.json()) as {
      responses: {
        id: string;
        status: number;
        headers: Record<string, string>;
        body: { error?: { code: string } };
      }[];
    };
    const byId = Object.fromEntries(responses.map((inner) => [inner.id, inner]));
    for (let i = 0; i < 5; i++) expect(byId[`read${i}`].status).toBe(200);
    expect(byId.write.status).toBe(429);
    expect(byId.write.headers['Retry-After']).toBe('10');
    expect(byId.write.body.error?.code).toBe('TooManyRequests');
    expect(byId.after.status).toBe(424);
    expect(snapshotAll(emulator)).toEqual(before);
    // The bucket is empty for ordinary requests too.
    expect((await getMe()).status).toBe(429);
  });

  it('a batch of 20 against a full bucket of 5: 5 answered, 15 throttled', async () => {
    const response = await emulator.call('adele', READ, '/$batch', {
      method: 'POST',
      json: {
        requests: Array.from({ length: 20 }, (_, i) => ({
          id: String(i),
          method: 'GET',
          url: '/me',
        })),
      },
    });
    const { responses } = (await response.json()) as { responses: { status: number }[] };
    expect(responses.filter((inner) => inner.status === 200)).toHaveLength(5);
    expect(responses.filter((inner) => inner.status === 429)).toHaveLength(15);
  });
});

describe('GET and POST /_emulator/rate-limit', () => {
  it('reads and changes the settings; enabled false lets everything through', async () => {
    const current = await emulator.control('/rate-limit', undefined, 'GET');
    expect(await current.json()).toEqual(SMALL);
    const changed = await emulator.control('/rate-limit', { enabled: false });
    expect(await changed.json()).toEqual({ ...SMALL, enabled: false });
    expect(await statuses(8)).toEqual(Array<number>(8).fill(200));
  });

  it('a change fills every bucket', async () => {
    await statuses(6);
    await emulator.control('/rate-limit', { capacity: 2 });
    expect(await statuses(3)).toEqual([200, 200, 429]);
  });

  it.each([
    ['a capacity of 0', { capacity: 0 }, 'capacity'],
    ['a fractional capacity', { capacity: 2.5 }, 'capacity'],
    ['a refill as a string', { refillPerSecond: '5' }, 'refillPerSecond'],
    ['a negative refill', { refillPerSecond: -1 }, 'refillPerSecond'],
    ['enabled as a string', { enabled: 'yes' }, 'enabled'],
    ['an unknown setting', { burst: 10 }, 'burst'],
    ['a JSON array', [], 'JSON object'],
    ['malformed JSON', '{"capacity": 3,}', 'not valid JSON'],
  ])('%s is 400 and changes nothing', async (_name, settings, mention) => {
    const response = await emulator.control('/rate-limit', settings);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(mention);
    expect(await (await emulator.control('/rate-limit', undefined, 'GET')).json()).toEqual(SMALL);
  });
});

describe('settings from the environment', () => {
  it('is on by default: 300 tokens, 30 a second', () => {
    expect(rateLimitSettingsFromEnv({})).toEqual({
      enabled: true,
      capacity: 300,
      refillPerSecond: 30,
    });
    expect(DEFAULT_RATE_LIMIT).toEqual(rateLimitSettingsFromEnv({}));
  });

  it('reads EMULATOR_RATE_LIMIT, _CAPACITY and _REFILL_PER_SECOND', () => {
    expect(
      rateLimitSettingsFromEnv({
        EMULATOR_RATE_LIMIT: 'off',
        EMULATOR_RATE_LIMIT_CAPACITY: '50',
        EMULATOR_RATE_LIMIT_REFILL_PER_SECOND: '2.5',
      }),
    ).toEqual({ enabled: false, capacity: 50, refillPerSecond: 2.5 });
    expect(rateLimitSettingsFromEnv({ EMULATOR_RATE_LIMIT: 'on' }).enabled).toBe(true);
  });

  it.each([
    ['EMULATOR_RATE_LIMIT', 'sometimes'],
    ['EMULATOR_RATE_LIMIT_CAPACITY', 'lots'],
    ['EMULATOR_RATE_LIMIT_CAPACITY', '0'],
    ['EMULATOR_RATE_LIMIT_REFILL_PER_SECOND', '-3'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    expect(() => rateLimitSettingsFromEnv({ [name]: value })).toThrow(
      new RegExp(name === 'EMULATOR_RATE_LIMIT' ? name : 'environment are invalid'),
    );
  });
});

describe('RateLimiter (a clock of our own)', () => {
  const key = { applicationId: 'app', tenantId: 'tenant' };
  function limiter(capacity: number, refillPerSecond: number) {
    let now = 0;
    const rateLimiter = new RateLimiter({ enabled: true, capacity, refillPerSecond }, () => now);
    return {
      take: () => rateLimiter.take(key),
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  it('refills continuously and never above capacity', () => {
    const bucket = limiter(3, 2);
    for (let i = 0; i < 3; i++) expect(bucket.take().allowed).toBe(true);
    expect(bucket.take()).toEqual({ allowed: false, retryAfterSeconds: 1 });
    bucket.advance(500);
    expect(bucket.take().allowed).toBe(true);
    expect(bucket.take().allowed).toBe(false);
    bucket.advance(60_000);
    for (let i = 0; i < 3; i++) expect(bucket.take().allowed).toBe(true);
    expect(bucket.take().allowed).toBe(false);
  });

  it('Retry-After is the whole seconds until one token is back, at least 1', () => {
    const slow = limiter(1, 0.25);
    expect(slow.take().allowed).toBe(true);
    expect(slow.take()).toEqual({ allowed: false, retryAfterSeconds: 4 });
    slow.advance(3_000);
    expect(slow.take()).toEqual({ allowed: false, retryAfterSeconds: 1 });
    slow.advance(1_000);
    expect(slow.take().allowed).toBe(true);
  });

  it('a refused request takes no token: a client that waits as told goes on at the refill rate', () => {
    const bucket = limiter(2, 1);
    bucket.take();
    bucket.take();
    for (let i = 0; i < 5; i++) expect(bucket.take().allowed).toBe(false);
    bucket.advance(1_000);
    expect(bucket.take().allowed).toBe(true);
  });
});
