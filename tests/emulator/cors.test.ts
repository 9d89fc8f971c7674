import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHarness } from './harness';

const APP = 'https://localhost:5173';

function preflight(emulator: EmulatorHarness, method: string, headers: string) {
  return fetch(`${emulator.baseUrl}/me/profile/positions/x`, {
    method: 'OPTIONS',
    headers: {
      Origin: APP,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': headers,
    },
  });
}

describe("Graph's CORS, for an app on another origin", () => {
  let emulator: EmulatorHarness;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it('answers a preflight for the headers the app sends, with no caching hint', async () => {
    const answer = await preflight(
      emulator,
      'PATCH',
      'authorization,content-type,if-match,client-request-id,consistencylevel',
    );
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(answer.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, if-match, client-request-id, consistencylevel',
    );
    expect(answer.headers.get('access-control-max-age')).toBeNull();
    // A preflight carries no token: it is never refused as unauthenticated.
    expect(answer.headers.get('www-authenticate')).toBeNull();
  });

  it('fails a preflight that asks for a header Graph does not allow', async () => {
    const answer = await preflight(emulator, 'GET', 'authorization,x-made-up');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(await answer.text()).toContain('x-made-up');
  });

  it('lets the browser read request ids but not Retry-After, on success and on error', async () => {
    for (const answer of [
      await emulator.call('adele', ['User.Read'], '/me'),
      await emulator.call(null, [], '/me'),
    ]) {
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      const exposed = answer.headers.get('access-control-expose-headers') ?? '';
      expect(exposed).toContain('request-id');
      expect(exposed).toContain('client-request-id');
      expect(exposed).not.toContain('Retry-After');
    }
  });

  it('exposes Retry-After only when asked to (our option, for the other case)', async () => {
    const exposing = await startEmulator({ cors: { exposeRetryAfter: true } });
    try {
      const answer = await exposing.call('adele', ['User.Read'], '/me');
      expect(answer.headers.get('access-control-expose-headers')).toContain('Retry-After');
    } finally {
      await exposing.close();
    }
  });
});
