import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER_IDS, startEmulator, type EmulatorHarness } from './harness';

let emulator: EmulatorHarness;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

describe('emulator smoke', () => {
  it('answers /me with the signed-in user and a request-id', async () => {
    const response = await emulator.call('adele', ['User.ReadWrite'], '/me');
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: DEMO_USER_IDS.adele,
      displayName: 'Adele Vance',
      userPrincipalName: 'adele@contoso.com',
    });
    expect(body['@odata.context']).toMatch(/\$metadata#users\/\$entity$/);
  });

  it("lists Adele's positions, without etags as on Graph", async () => {
    const response = await emulator.call('adele', ['User.Read'], '/me/profile/positions');
    const body = (await response.json()) as {
      value: (Record<string, unknown> & { detail: { jobTitle: string } })[];
    };
    expect(body.value.length).toBeGreaterThanOrEqual(4);
    for (const position of body.value) expect(position).not.toHaveProperty('@odata.etag');
    expect(body.value.map((position) => position.detail.jobTitle)).toContain('Auditor');
  });
});
