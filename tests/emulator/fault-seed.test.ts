import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  faultSettingsFromEnv,
  FaultInjector,
  NO_FAULTS,
  seededRandom,
} from '../../emulator/graph/faults.js';
import { startEmulator, type EmulatorHarness } from './harness';

let emulator: EmulatorHarness;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});
afterEach(async () => {
  expect((await emulator.control('/faults', NO_FAULTS)).status).toBe(200);
});

/** The statuses of `count` GET /me in a row. */
async function statuses(count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let index = 0; index < count; index += 1)
    seen.push((await emulator.call('adele', ['User.Read'], '/me')).status);
  return seen;
}

describe('the seed of random faults', () => {
  it('is always reported by GET /_emulator/faults, and a seed given is kept', async () => {
    const before = (await (await emulator.control('/faults', undefined, 'GET')).json()) as {
      seed: number;
    };
    expect(Number.isInteger(before.seed)).toBe(true);
    const response = await emulator.control('/faults', { seed: 42 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ seed: 42 });
    expect(await (await emulator.control('/faults', undefined, 'GET')).json()).toMatchObject({
      seed: 42,
    });
  });

  it('the same seed gives the same faults, request for request; another seed others', async () => {
    const run = async (seed: number) => {
      await emulator.control('/faults', { seed, throttleRate: 0.3, errorRate: 0.2 });
      return statuses(40);
    };
    const first = await run(20261127);
    expect(await run(20261127)).toEqual(first);
    expect(first).toContain(200);
    expect(first).toContain(429);
    expect(first).toContain(503);
    expect(await run(7)).not.toEqual(first);
  });

  it('is printed in the server log when random faults are turned on, not otherwise', () => {
    const log: string[] = [];
    const injector = new FaultInjector(NO_FAULTS, undefined, (line) => log.push(line));
    injector.update({ latencyMs: 10 });
    expect(log).toEqual([]);
    injector.update({ seed: 1234, errorRate: 0.5 });
    expect(log.join('\n')).toContain('random seed 1234');
    log.length = 0;
    injector.update({ latencyMs: 0 });
    expect(log.join('\n')).toContain('random seed 1234');
  });

  it.each([
    ['a negative seed', -1],
    ['a fraction', 1.5],
    ['over 2^32 − 1', 2 ** 32],
    ['a string', '42'],
  ])('refuses %s with 400 and changes nothing', async (_name, seed) => {
    await emulator.control('/faults', { seed: 5 });
    const response = await emulator.control('/faults', { seed, errorRate: 1 });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain("'seed'");
    expect(await (await emulator.control('/faults', undefined, 'GET')).json()).toMatchObject({
      seed: 5,
      errorRate: 0,
    });
  });

  it('comes from EMULATOR_FAULT_SEED, and the injector starts from it', () => {
    const settings = faultSettingsFromEnv({
      EMULATOR_FAULT_SEED: '99',
      EMULATOR_THROTTLE_RATE: '0.5',
    });
    expect(settings).toMatchObject({ seed: 99, throttleRate: 0.5 });
    const lines: string[] = [];
    expect(new FaultInjector(settings, undefined, (line) => lines.push(line)).settings.seed).toBe(
      99,
    );
    expect(lines.join('\n')).toContain('EMULATOR_FAULT_SEED=99');
    expect(() => faultSettingsFromEnv({ EMULATOR_FAULT_SEED: 'abc' })).toThrow(/'seed'/);
  });

  it('drives a generator that repeats itself and spreads over [0, 1)', () => {
    const a = seededRandom(3);
    const b = seededRandom(3);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(draws);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const low = draws.filter((draw) => draw < 0.5).length;
    expect(low).toBeGreaterThan(400);
    expect(low).toBeLessThan(600);
  });
});

describe('the next N requests throttled or failed (deterministic)', () => {
  it('throttles exactly the next N, then fails the next M, then lets requests through', async () => {
    const response = await emulator.control('/faults', {
      throttleNextRequests: 2,
      failNextRequests: 1,
    });
    expect(await response.json()).toMatchObject({ throttleNextRequests: 2, failNextRequests: 1 });
    expect(await statuses(5)).toEqual([429, 429, 503, 200, 200]);
    expect(await (await emulator.control('/faults', undefined, 'GET')).json()).toMatchObject({
      throttleNextRequests: 0,
      failNextRequests: 0,
    });
  });
});
