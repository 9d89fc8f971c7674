import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { completeWritable, mergePatch } from '../../../emulator/model/work-position';
import type { BatchAnswer, BatchRequest } from '../../../src/graph/batch';
import { BatchQueue } from '../../../src/features/organisation/bulk/batch-queue';
import { JobRunner } from '../../../src/features/organisation/bulk/job-runner';
import {
  IndexedDbJournal,
  type JobRecord,
  type PersonEntry,
} from '../../../src/features/organisation/bulk/journal';
import type { Position } from '../../../src/features/positions/types';

/**
 * A tiny Graph for the runner: positions per person, PATCH applied as the emulator applies
 * it, and faults on request: throttling (429 with Retry-After in the batch's JSON), and
 * "the tab died" (a batch whose writes are applied and whose answer never comes).
 */
function fakeGraph(peopleCount: number) {
  const positions = new Map<string, Position[]>();
  for (let index = 0; index < peopleCount; index++)
    positions.set(`u${index}`, [
      {
        id: `p${index}`,
        isCurrent: true,
        allowedAudiences: 'organization',
        detail: {
          jobTitle: 'Engineer',
          company: { displayName: index % 5 === 0 ? 'Fabrikam' : 'Contoso' },
        },
      },
      {
        id: `old${index}`,
        isCurrent: false,
        detail: { jobTitle: 'Intern', company: { displayName: 'Contoso' } },
      },
    ]);
  const applied = new Map<string, number>();
  let batches = 0;
  const graph = {
    positions,
    applied,
    sent: [] as BatchRequest[],
    throttleEvery: 0,
    latencyMs: 0,
    /** Batches whose answers never came. */
    hung: 0,
    /** The batch after this many is applied and its answer never comes. */
    dieAfterBatches: Number.POSITIVE_INFINITY,
    async send(requests: BatchRequest[]): Promise<Map<string, BatchAnswer>> {
      await new Promise((resolve) => setTimeout(resolve, graph.latencyMs));
      batches += 1;
      const answers = new Map<string, BatchAnswer>();
      requests.forEach((request, index) => {
        graph.sent.push(request);
        if (graph.throttleEvery && batches % graph.throttleEvery === 0 && index % 2 === 1) {
          answers.set(request.id, {
            id: request.id,
            status: 429,
            headers: { 'retry-after': '0' },
            body: {},
            retryAfterMs: 0,
          });
          return;
        }
        const [, , userId, , , positionId] = request.url.split('/');
        const list = positions.get(decodeURIComponent(userId))!;
        if (request.method === 'GET') {
          answers.set(request.id, {
            id: request.id,
            status: 200,
            headers: {},
            body: { value: structuredClone(list) },
          });
          return;
        }
        const at = list.findIndex((position) => position.id === positionId);
        list[at] = {
          ...(mergePatch(
            completeWritable(list[at]),
            request.body as Record<string, unknown>,
          ) as Position),
          id: positionId,
        };
        applied.set(positionId, (applied.get(positionId) ?? 0) + 1);
        answers.set(request.id, {
          id: request.id,
          status: 200,
          headers: {},
          body: list[at],
          requestId: `r-${positionId}`,
        });
      });
      if (batches > graph.dieAfterBatches) {
        graph.hung += 1;
        return new Promise(() => undefined);
      }
      return answers;
    },
  };
  return graph;
}

function newJob(count: number): { job: JobRecord; people: PersonEntry[] } {
  const job: JobRecord = {
    id: 'job-1',
    accountId: 'me',
    title: 'Rename',
    spec: {
      kind: 'change',
      change: { kind: 'replaceText', target: 'company', from: 'Contoso', value: 'Contoso Group' },
    },
    status: 'running',
    total: count,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
  const people = Array.from({ length: count }, (_, index) => ({
    jobId: job.id,
    userId: `u${index}`,
    name: `Person ${index}`,
    userPrincipalName: `p${index}@contoso.com`,
    state: 'waiting' as const,
    pending: [],
    attempts: 0,
    outcomes: [],
  }));
  return { job, people };
}

const runnerFor = (
  graph: ReturnType<typeof fakeGraph>,
  journal: IndexedDbJournal,
  job: JobRecord,
  people: PersonEntry[],
  queue = new BatchQueue({ send: (requests) => graph.send(requests) }),
) =>
  new JobRunner(job, people, {
    journal,
    queue,
    readMore: () => Promise.reject(new Error('no more pages here')),
  });

describe('JobRunner', () => {
  it('reads, writes only what changes, skips the rest and reports each person', async () => {
    const graph = fakeGraph(50);
    graph.throttleEvery = 3;
    const journal = new IndexedDbJournal(new IDBFactory());
    const { job, people } = newJob(50);
    await journal.createJob(job, people);
    const runner = runnerFor(graph, journal, job, people);
    await runner.run();
    expect(runner.progress).toMatchObject({
      status: 'finished',
      done: 40,
      skipped: 10,
      failed: 0,
      remaining: 0,
    });
    expect(runner.progress.throttledAnswers).toBeGreaterThan(0);
    // Every Contoso current position changed exactly once; Fabrikam and past ones never.
    expect([...graph.applied.values()].every((count) => count === 1)).toBe(true);
    expect(graph.applied.size).toBe(40);
    expect(graph.positions.get('u1')![0].detail?.company?.displayName).toBe('Contoso Group');
    expect(graph.positions.get('u1')![1].detail?.company?.displayName).toBe('Contoso');
    const saved = await journal.people(job.id);
    expect(saved.find((entry) => entry.userId === 'u1')).toMatchObject({
      state: 'done',
      pending: [],
      outcomes: [{ positionId: 'p1', result: 'updated', requestId: 'r-p1' }],
    });
    expect(saved.find((entry) => entry.userId === 'u5')).toMatchObject({
      state: 'skipped',
      outcomes: [{ result: 'skipped', message: 'Company name is “Fabrikam”, not “Contoso”.' }],
    });
    expect((await journal.getJob(job.id))?.status).toBe('finished');
  });

  it('resumes from the journal after the tab died, and applies nothing twice', async () => {
    const graph = fakeGraph(60);
    graph.dieAfterBatches = 4;
    const factory = new IDBFactory();
    const { job, people } = newJob(60);
    await new IndexedDbJournal(factory).createJob(job, people);
    const queue = new BatchQueue({ send: (requests) => graph.send(requests) });
    const first = runnerFor(graph, new IndexedDbJournal(factory), job, people, queue);
    void first.run();
    // The tab is dead once every batch it sent hangs and nothing waits to go.
    await expect
      .poll(() => graph.hung > 0 && queue.stats.queued === 0 && queue.stats.inFlight === graph.hung)
      .toBe(true);
    const appliedBefore = graph.applied.size;
    expect(appliedBefore).toBeGreaterThan(0);

    // A new tab: the job and its people as the journal kept them.
    graph.dieAfterBatches = Number.POSITIVE_INFINITY;
    const journal = new IndexedDbJournal(factory);
    const resumedJob = (await journal.getJob(job.id))!;
    const entries = await journal.people(job.id);
    expect(entries.some((entry) => entry.state === 'writing' && entry.pending.length > 0)).toBe(
      true,
    );
    const sentBefore = graph.sent.length;
    const second = runnerFor(graph, journal, resumedJob, entries);
    await second.run();
    expect(second.progress).toMatchObject({ status: 'finished', done: 48, skipped: 12, failed: 0 });
    expect([...graph.applied.values()].every((count) => count === 1)).toBe(true);
    expect(graph.applied.size).toBe(48);
    // The writes whose answers were lost were checked by reading, never sent again.
    const resentWrites = graph.sent
      .slice(sentBefore)
      .filter((request) => request.method === 'PATCH')
      .map((request) => request.url);
    const writtenBefore = new Set(
      graph.sent
        .slice(0, sentBefore)
        .filter((request) => request.method === 'PATCH')
        .map((request) => request.url),
    );
    expect(resentWrites.filter((url) => writtenBefore.has(url))).toEqual([]);
    const confirmed = (await journal.people(job.id)).flatMap((entry) =>
      entry.outcomes.filter((outcome) => outcome.result === 'confirmed'),
    );
    expect(confirmed.length).toBeGreaterThan(0);
    expect(confirmed.length).toBeLessThanOrEqual(appliedBefore);
  });

  it('pauses, resumes and cancels: nothing is sent while paused, the rest is cancelled', async () => {
    const graph = fakeGraph(200);
    graph.latencyMs = 20;
    const journal = new IndexedDbJournal(new IDBFactory());
    const { job, people } = newJob(200);
    await journal.createJob(job, people);
    const runner = runnerFor(graph, journal, job, people);
    const running = runner.run();
    await expect.poll(() => graph.applied.size, { interval: 5 }).toBeGreaterThan(0);
    await runner.pause();
    const sentAtPause = graph.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Batches in flight at the pause may finish; nothing new starts.
    expect(graph.sent.length - sentAtPause).toBeLessThanOrEqual(60);
    const sentWhilePaused = graph.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(graph.sent.length).toBe(sentWhilePaused);
    await runner.resume();
    await expect.poll(() => graph.sent.length, { interval: 5 }).toBeGreaterThan(sentWhilePaused);
    runner.cancel();
    await running;
    const { progress } = runner;
    expect(progress.status).toBe('cancelled');
    expect(progress.cancelled).toBeGreaterThan(0);
    expect(progress.done + progress.skipped + progress.failed + progress.cancelled).toBe(200);
    expect([...graph.applied.values()].every((count) => count === 1)).toBe(true);
    expect((await journal.getJob(job.id))?.status).toBe('cancelled');
  });
});
