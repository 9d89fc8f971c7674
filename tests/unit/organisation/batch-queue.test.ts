import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { networkError } from '../../../src/graph/graph-error';
import type { BatchAnswer, BatchRequest } from '../../../src/graph/batch';
import { BatchQueue, type QueueOutcome } from '../../../src/features/organisation/bulk/batch-queue';

/** Graph's rate limit as the emulator keeps it: a token bucket, 429 with Retry-After in seconds. */
function throttledGraph({
  capacity,
  refillPerSecond,
  roundTripMs,
}: {
  capacity: number;
  refillPerSecond: number;
  roundTripMs: number;
  requests?: number;
  throttledShare?: number;
}) {
  let tokens = capacity;
  let at = Date.now();
  const graph = {
    accepted: 0,
    throttled: 0,
    send(requests: BatchRequest[]): Promise<Map<string, BatchAnswer>> {
      return new Promise((resolve) =>
        setTimeout(() => {
          const now = Date.now();
          tokens = Math.min(capacity, tokens + ((now - at) / 1000) * refillPerSecond);
          at = now;
          const answers = new Map<string, BatchAnswer>();
          for (const request of requests) {
            if (tokens >= 1) {
              tokens -= 1;
              graph.accepted += 1;
              answers.set(request.id, { id: request.id, status: 200, headers: {}, body: {} });
            } else {
              graph.throttled += 1;
              const seconds = Math.max(1, Math.ceil((1 - tokens) / refillPerSecond));
              answers.set(request.id, {
                id: request.id,
                status: 429,
                headers: { 'retry-after': String(seconds) },
                body: { error: { code: 'TooManyRequests' } },
                retryAfterMs: seconds * 1000,
              });
            }
          }
          resolve(answers);
        }, roundTripMs),
      );
    },
  };
  return graph;
}

describe('BatchQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  for (const limit of [
    { capacity: 300, refillPerSecond: 30, roundTripMs: 80, requests: 2000, throttledShare: 0.25 },
    // A tiny limit: Graph's whole-second Retry-After is long next to it, so more 429s.
    { capacity: 6, refillPerSecond: 6, roundTripMs: 120, requests: 300, throttledShare: 0.5 },
  ])
    it(`keeps a rate limit of ${limit.capacity} at once, ${limit.refillPerSecond}/s busy: at least 90 % of what it allows`, async () => {
      const graph = throttledGraph(limit);
      const queue = new BatchQueue({
        send: (requests) => graph.send(requests),
        now: () => Date.now(),
      });
      const started = Date.now();
      const outcomes = Array.from({ length: limit.requests }, (_, index) =>
        queue.add(
          { method: 'PATCH', url: `/users/u/profile/positions/${index}`, body: {} },
          { repeatable: false },
        ),
      );
      const run = { finished: false };
      void Promise.all(outcomes).then(() => {
        run.finished = true;
      });
      while (!run.finished) await vi.advanceTimersByTimeAsync(100);
      const seconds = (Date.now() - started) / 1000;
      const allowed = limit.capacity + limit.refillPerSecond * seconds;
      console.log(
        `share ${(graph.accepted / allowed).toFixed(3)} throttled ${graph.throttled} s ${seconds}`,
      );
      expect(graph.accepted).toBe(limit.requests);
      expect(graph.accepted / allowed).toBeGreaterThanOrEqual(0.9);
      // Throttled answers cost a round trip each: the pacer keeps them a small share.
      expect(graph.throttled).toBeLessThan(graph.accepted * limit.throttledShare);
      expect(queue.stats).toMatchObject({
        requests: limit.requests + graph.throttled,
        throttled: graph.throttled,
        queued: 0,
      });
    });

  it('sends urgent requests first, at most 20 a batch', async () => {
    const sent: BatchRequest[][] = [];
    const queue = new BatchQueue({
      maxInFlight: 1,
      send: (requests) => {
        sent.push(requests);
        return Promise.resolve(
          new Map(
            requests.map((request) => [
              request.id,
              { id: request.id, status: 200, headers: {}, body: {} },
            ]),
          ),
        );
      },
    });
    const reads = Array.from({ length: 25 }, (_, index) =>
      queue.add({ method: 'GET', url: `/r${index}` }),
    );
    const write = queue.add({ method: 'PATCH', url: '/w', body: {} }, { urgent: true });
    await vi.runAllTimersAsync();
    await Promise.all([...reads, write]);
    expect(sent.map((batch) => batch.length)).toEqual([20, 6]);
    expect(sent[0][0].url).toBe('/w');
  });

  it('asks again for a read whose batch went unanswered; a write’s caller hears it is in doubt', async () => {
    let calls = 0;
    const queue = new BatchQueue({
      send: (requests) => {
        calls += 1;
        if (calls === 1) return Promise.reject(networkError('c-1'));
        return Promise.resolve(
          new Map(
            requests.map((request) => [
              request.id,
              { id: request.id, status: 200, headers: {}, body: {} },
            ]),
          ),
        );
      },
    });
    const read = queue.add({ method: 'GET', url: '/r' });
    const write = queue.add({ method: 'PATCH', url: '/w', body: {} });
    await vi.runAllTimersAsync();
    const outcomes: QueueOutcome[] = await Promise.all([read, write]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['answer', 'unanswered']);
    expect(calls).toBe(2);
  });
});
