import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
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
import { reportToCsv } from '../../../src/features/organisation/bulk/report';
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
    /** Positions whose PATCH Graph refuses (403, with its error and request id). */
    refuse: new Set<string>(),
    /** Called once per batch (a clock to move on). */
    onBatch: (): void => undefined,
    async send(requests: BatchRequest[]): Promise<Map<string, BatchAnswer>> {
      await new Promise((resolve) => setTimeout(resolve, graph.latencyMs));
      batches += 1;
      graph.onBatch();
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
        if (graph.refuse.has(positionId)) {
          answers.set(request.id, {
            id: request.id,
            status: 403,
            headers: {},
            body: {
              error: {
                code: 'Authorization_RequestDenied',
                message: 'Insufficient privileges to complete the operation.',
              },
            },
            requestId: `r-refused-${positionId}`,
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

describe('JobRunner, what it tells', () => {
  it('estimates the time left from the pace so far, and says none is left at the end', async () => {
    const graph = fakeGraph(80);
    let clock = 0;
    // Each batch takes 250 ms of the job's time.
    graph.onBatch = () => {
      clock += 250;
    };
    const journal = new IndexedDbJournal(new IDBFactory());
    const { job, people } = newJob(80);
    await journal.createJob(job, people);
    const runner = new JobRunner(job, people, {
      journal,
      queue: new BatchQueue({ send: (requests) => graph.send(requests) }),
      readMore: () => Promise.reject(new Error('no more pages here')),
      now: () => clock,
    });
    const estimates: { etaMs: number; remaining: number; finished: number; elapsedMs: number }[] =
      [];
    runner.subscribe(() => {
      const { etaMs, remaining, total, elapsedMs } = runner.progress;
      if (etaMs !== undefined && remaining > 0)
        estimates.push({ etaMs, remaining, finished: total - remaining, elapsedMs });
    });
    await runner.run();
    expect(estimates.length).toBeGreaterThan(0);
    // The people left at the pace of the people finished so far.
    for (const estimate of estimates)
      expect(estimate.etaMs).toBeCloseTo(
        (estimate.remaining * estimate.elapsedMs) / estimate.finished,
        6,
      );
    expect(estimates.every((estimate) => estimate.etaMs > 0)).toBe(true);
    expect(runner.progress.etaMs).toBe(0);
  });

  it('reports a refused write in plain words with Graph’s request id, and the report downloads as CSV', async () => {
    const graph = fakeGraph(6);
    graph.refuse.add('p2');
    const journal = new IndexedDbJournal(new IDBFactory());
    const { job, people } = newJob(6);
    await journal.createJob(job, people);
    const runner = runnerFor(graph, journal, job, people);
    await runner.run();
    expect(runner.progress).toMatchObject({ done: 3, failed: 1, skipped: 2 });
    const saved = await journal.people(job.id);
    const refused = saved.find((entry) => entry.userId === 'u2')!;
    expect(refused.state).toBe('failed');
    expect(refused.outcomes).toHaveLength(1);
    const [outcome] = refused.outcomes;
    expect(outcome).toMatchObject({
      positionId: 'p2',
      label: 'Engineer at Contoso',
      result: 'failed',
      requestId: 'r-refused-p2',
    });
    // Words for a person, not Graph's code.
    expect(outcome.message).toBeTruthy();
    expect(outcome.message).not.toContain('Authorization_RequestDenied');

    const csv = Papa.parse<Record<string, string>>(reportToCsv(job, saved), {
      header: true,
      skipEmptyLines: true,
    });
    expect(csv.errors).toEqual([]);
    const line = (userId: string) => csv.data.find((row) => row.userId === userId)!;
    expect(line('u2')).toMatchObject({
      name: 'Person 2',
      userPrincipalName: 'p2@contoso.com',
      personResult: 'Failed',
      position: 'Engineer at Contoso',
      positionId: 'p2',
      result: 'Failed',
      requestId: 'r-refused-p2',
      message: outcome.message,
    });
    expect(line('u1')).toMatchObject({ result: 'Changed', requestId: 'r-p1', message: '' });
    expect(line('u0')).toMatchObject({
      personResult: 'Skipped',
      result: 'Skipped',
      message: 'Company name is “Fabrikam”, not “Contoso”.',
    });
    expect(csv.data).toHaveLength(6);
  });
});
