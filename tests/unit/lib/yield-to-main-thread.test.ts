import { afterEach, describe, expect, it, vi } from 'vitest';
import { yieldToMainThread } from '../../../src/lib/yield-to-main-thread';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('yieldToMainThread', () => {
  it("uses the browser's scheduler.yield() where there is one", async () => {
    const yieldNow = vi.fn(() => Promise.resolve());
    vi.stubGlobal('scheduler', { yield: yieldNow });
    await yieldToMainThread();
    expect(yieldNow).toHaveBeenCalledOnce();
  });

  it('without it, goes on in a new task: every microtask queued meanwhile runs first', async () => {
    vi.stubGlobal('scheduler', undefined);
    const order: string[] = [];
    const yielded = yieldToMainThread().then(() => order.push('after the yield'));
    let chain = Promise.resolve();
    for (let step = 0; step < 20; step++)
      chain = chain.then(() => void order.push(`microtask ${step}`));
    await yielded;
    expect(order).toHaveLength(21);
    expect(order.at(-1)).toBe('after the yield');
  });
});
