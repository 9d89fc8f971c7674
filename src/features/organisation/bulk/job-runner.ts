import { errorOfAnswer, isSuccess, type BatchAnswer } from '../../../graph/batch';
import { describeError } from '../../../graph/describe-error';
import { readAnswer } from '../../../graph/graph-answer';
import { positionPageSchema } from '../../positions/api/position-schema';
import { positionPath, positionsPath } from '../../positions/api/positions-path';
import type { Position } from '../../positions/types';
import { planImport } from '../csv/plan-import';
import type { BatchQueue, QueueOutcome } from './batch-queue';
import {
  FINAL_STATES,
  type JobJournal,
  type JobRecord,
  type PersonEntry,
  type WriteOutcome,
} from './journal';
import { planChange, type PersonPlan, type PlannedWrite } from './plan';

/** People being read or written at once: enough to keep batches full, few enough that a write follows its read closely. */
const ACTIVE_PEOPLE = 60;
/** Reads of one person before giving up (a write in doubt is checked by reading again). */
const MAX_ATTEMPTS = 4;

export interface JobProgress {
  status: JobRecord['status'];
  total: number;
  done: number;
  failed: number;
  skipped: number;
  cancelled: number;
  /** People not finished yet. */
  remaining: number;
  /** Requests waiting for Graph's Retry-After. */
  waitingOnThrottle: number;
  requestsSent: number;
  throttledAnswers: number;
  elapsedMs: number;
  /** Estimated time left, once there is something to estimate from. */
  etaMs?: number;
}

export interface RunnerDeps {
  journal: JobJournal;
  queue: BatchQueue;
  /** Follows a positions list's nextLink (rare: more than a page of positions). */
  readMore: (nextLink: string) => Promise<unknown>;
  now?: () => number;
}

/** The plan for one person's fresh positions, as the job's kind says. */
export function planFor(job: JobRecord, entry: PersonEntry, positions: Position[]): PersonPlan {
  if (job.spec.kind === 'change') return planChange(job.spec.change, positions);
  return planImport(
    job.spec.rows.filter((row) => row.userId === entry.userId),
    positions,
  );
}

/** Plain words and Graph's request id for a failed answer or call. */
function failure(error: unknown, action: string): { message: string; requestId?: string } {
  const description = describeError(error, action);
  const requestId = (error as { requestId?: string } | undefined)?.requestId;
  return { message: `${description.title}: ${description.message}`, requestId };
}

/** Graph answered, but not with success: a failure worth checking by reading again (the write may have happened). */
const isInDoubt = (answer: BatchAnswer) => answer.status >= 500;

/**
 * Runs a bulk job: for each person, a fresh read of their positions (batched), the plan
 * (only the change applied), the writes (batched, journaled as in doubt before they go),
 * and the outcome of each write recorded as it comes. A write without a clear answer
 * (network, 5xx) is followed by another read and a new plan, never by sending it again
 * blindly. Pause stops sending, cancel stops for good; the journal keeps every step, so a
 * new runner over the same entries (after a reload) carries on where this one stopped.
 */
export class JobRunner {
  private readonly listeners = new Set<() => void>();
  private readonly startedAt: number;
  private readonly finishedAtStart: number;
  private cancelled = false;
  private snapshot: JobProgress;

  constructor(
    private readonly job: JobRecord,
    private readonly entries: PersonEntry[],
    private readonly deps: RunnerDeps,
  ) {
    this.startedAt = this.now();
    this.finishedAtStart = entries.filter((entry) => FINAL_STATES.has(entry.state)).length;
    this.snapshot = this.measure();
  }

  private now(): number {
    return (this.deps.now ?? (() => performance.now()))();
  }

  get record(): JobRecord {
    return this.job;
  }

  get people(): readonly PersonEntry[] {
    return this.entries;
  }

  /** The latest progress (the same object until something changes). */
  get progress(): JobProgress {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Recomputes the progress and tells the listeners. */
  changed(): void {
    this.snapshot = this.measure();
    for (const listener of this.listeners) listener();
  }

  private measure(): JobProgress {
    const count = (state: PersonEntry['state']) =>
      this.entries.filter((entry) => entry.state === state).length;
    const stats = this.deps.queue.stats;
    const finished = this.entries.filter((entry) => FINAL_STATES.has(entry.state)).length;
    const remaining = this.entries.length - finished;
    const elapsedMs = this.now() - this.startedAt;
    // Time left: people left × requests a person took so far ÷ requests answered a second.
    const finishedHere = finished - this.finishedAtStart;
    let etaMs: number | undefined;
    if (remaining === 0) etaMs = 0;
    else if (finishedHere >= 3 && stats.answered > 0 && elapsedMs > 1_000) {
      const perPerson = stats.answered / finishedHere;
      const perSecond = stats.answered / (elapsedMs / 1000);
      etaMs = ((remaining * perPerson) / perSecond) * 1000;
    }
    return {
      status: this.job.status,
      total: this.entries.length,
      done: count('done'),
      failed: count('failed'),
      skipped: count('skipped'),
      cancelled: count('cancelled'),
      remaining,
      waitingOnThrottle: stats.waitingOnThrottle,
      requestsSent: stats.requests,
      throttledAnswers: stats.throttled,
      elapsedMs,
      etaMs,
    };
  }

  private async setStatus(status: JobRecord['status']): Promise<void> {
    this.job.status = status;
    this.job.updatedAt = new Date().toISOString();
    await this.deps.journal.saveJob(this.job);
    this.changed();
  }

  pause(): Promise<void> {
    this.deps.queue.pause();
    return this.setStatus('paused');
  }

  resume(): Promise<void> {
    this.deps.queue.resume();
    return this.setStatus('running');
  }

  /** Nothing more is sent; writes already on their way are recorded when they answer. */
  cancel(): void {
    this.cancelled = true;
    this.deps.queue.close();
    this.changed();
  }

  /** Runs until every person is finished, or the job is cancelled. */
  async run(): Promise<void> {
    if (this.job.status !== 'paused') await this.setStatus('running');
    else this.deps.queue.pause();
    const todo = this.entries.filter((entry) => !FINAL_STATES.has(entry.state));
    let next = 0;
    const worker = async () => {
      while (next < todo.length && !this.cancelled) {
        const entry = todo[next++];
        await this.person(entry);
        this.changed();
      }
    };
    await Promise.all(Array.from({ length: Math.min(ACTIVE_PEOPLE, todo.length) }, worker));
    const unfinished = this.entries.filter((entry) => !FINAL_STATES.has(entry.state));
    for (const entry of unfinished) {
      if (entry.pending.length > 0)
        entry.outcomes.push({
          label: 'Their positions',
          result: 'skipped',
          message:
            'Cancelled before a change sent earlier could be confirmed: check their positions.',
        });
      entry.state = 'cancelled';
      entry.pending = [];
    }
    if (unfinished.length > 0) await this.deps.journal.savePeople(unfinished);
    await this.setStatus(this.cancelled ? 'cancelled' : 'finished');
  }

  private async save(entry: PersonEntry): Promise<void> {
    await this.deps.journal.savePeople([entry]);
    this.changed();
  }

  private async finish(
    entry: PersonEntry,
    state: 'done' | 'failed' | 'skipped',
    outcome?: WriteOutcome,
  ): Promise<void> {
    if (outcome) entry.outcomes.push(outcome);
    entry.state = state;
    entry.pending = [];
    await this.save(entry);
  }

  private async read(entry: PersonEntry): Promise<QueueOutcome | Position[]> {
    const outcome = await this.deps.queue.add(
      { method: 'GET', url: positionsPath(entry.userId) },
      { urgent: entry.pending.length > 0 },
    );
    if (outcome.kind !== 'answer' || !isSuccess(outcome.answer)) return outcome;
    let page = readAnswer(positionPageSchema, outcome.answer.body, 'listing positions');
    const positions = [...page.value];
    while (page['@odata.nextLink']) {
      page = readAnswer(
        positionPageSchema,
        await this.deps.readMore(page['@odata.nextLink']),
        'listing positions',
      );
      positions.push(...page.value);
    }
    return positions;
  }

  /** One person, from a fresh read to every write answered (or given up on). */
  private async person(entry: PersonEntry): Promise<void> {
    while (!this.cancelled) {
      entry.attempts += 1;
      if (entry.state === 'waiting') entry.state = 'reading';
      let positions: Position[];
      try {
        const read = await this.read(entry);
        if (!Array.isArray(read)) {
          if (read.kind === 'cancelled') return;
          const error = read.kind === 'answer' ? errorOfAnswer(read.answer) : read.error;
          await this.finish(entry, 'failed', {
            label: 'Their positions',
            result: 'failed',
            ...failure(error, 'Reading their positions'),
          });
          return;
        }
        positions = read;
      } catch (error) {
        await this.finish(entry, 'failed', {
          label: 'Their positions',
          result: 'failed',
          ...failure(error, 'Reading their positions'),
        });
        return;
      }
      const plan = planFor(this.job, entry, positions);
      this.recordSkips(entry, plan);
      if (plan.writes.length === 0) {
        await this.settle(entry);
        return;
      }
      if (entry.attempts > MAX_ATTEMPTS) {
        for (const write of plan.writes)
          entry.outcomes.push({
            positionId: write.positionId,
            label: write.label,
            rowNumber: write.rowNumber,
            result: 'failed',
            message:
              'Microsoft Graph did not confirm the change after several tries; it was not sent again. Check this person’s positions.',
          });
        await this.finish(entry, 'failed');
        return;
      }
      // Journaled before it goes: after a crash, these are checked by reading, never resent blindly.
      entry.state = 'writing';
      entry.pending = plan.writes;
      await this.save(entry);
      const answers = await Promise.all(plan.writes.map((write) => this.write(entry, write)));
      if (answers.includes('cancelled')) {
        // Not sent: the queue was closed before they went.
        if (!answers.includes('doubt')) entry.pending = [];
        await this.save(entry);
        return;
      }
      if (!answers.includes('doubt')) {
        await this.settle(entry);
        return;
      }
      await this.save(entry);
      // Some answer was lost or unclear: read again and plan again.
    }
  }

  /** Skips of a plan, as outcomes: a position already changed whose write was in doubt was written. */
  private recordSkips(entry: PersonEntry, plan: PersonPlan): void {
    const pendingIds = new Set(entry.pending.map(writeKey));
    const recorded = new Set(
      entry.outcomes.filter((outcome) => outcome.result !== 'skipped').map(writeKey),
    );
    for (const skip of plan.skips) {
      const key = writeKey(skip);
      if (recorded.has(key)) continue;
      if (skip.alreadyDone && pendingIds.has(key)) {
        entry.outcomes.push({
          positionId: skip.positionId,
          label: skip.label,
          rowNumber: skip.rowNumber,
          result: 'confirmed',
          message: 'Its answer was lost; reading the position again showed the change applied.',
        });
        continue;
      }
      if (entry.outcomes.some((outcome) => writeKey(outcome) === key)) continue;
      entry.outcomes.push({
        positionId: skip.positionId,
        label: skip.label,
        rowNumber: skip.rowNumber,
        result: skip.problem ? 'failed' : 'skipped',
        message: skip.reason,
      });
    }
    entry.pending = entry.pending.filter(
      (write) => !plan.skips.some((skip) => writeKey(skip) === writeKey(write)),
    );
  }

  /** Every write answered: the person's state from their outcomes. */
  private async settle(entry: PersonEntry): Promise<void> {
    const results = entry.outcomes.map((outcome) => outcome.result);
    const state = results.includes('failed')
      ? 'failed'
      : results.some((result) => result !== 'skipped')
        ? 'done'
        : 'skipped';
    await this.finish(entry, state);
  }

  private async write(
    entry: PersonEntry,
    write: PlannedWrite,
  ): Promise<'answered' | 'doubt' | 'cancelled'> {
    const outcome = await this.deps.queue.add(
      write.kind === 'create'
        ? { method: 'POST', url: positionsPath(entry.userId), body: write.body }
        : {
            method: 'PATCH',
            url: positionPath(entry.userId, write.positionId ?? ''),
            body: write.body,
          },
      { repeatable: false, urgent: true },
    );
    if (outcome.kind === 'cancelled') return 'cancelled';
    if (outcome.kind === 'unanswered' || isInDoubt(outcome.answer)) return 'doubt';
    const { answer } = outcome;
    entry.pending = entry.pending.filter((candidate) => candidate !== write);
    const base = { positionId: write.positionId, label: write.label, rowNumber: write.rowNumber };
    if (isSuccess(answer)) {
      const created =
        write.kind === 'create' ? (answer.body as { id?: unknown } | undefined)?.id : undefined;
      entry.outcomes.push({
        ...base,
        positionId: typeof created === 'string' ? created : base.positionId,
        result: write.kind === 'create' ? 'created' : 'updated',
        requestId: answer.requestId,
      });
    } else {
      entry.outcomes.push({
        ...base,
        result: 'failed',
        ...failure(errorOfAnswer(answer), 'The change'),
      });
    }
    return 'answered';
  }
}

/** Which position (or imported line) an outcome, skip or write is about. */
function writeKey(item: { positionId?: string; rowNumber?: number }): string {
  return item.rowNumber !== undefined
    ? `line:${item.rowNumber}`
    : `position:${item.positionId ?? ''}`;
}
