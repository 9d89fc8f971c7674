import { MAX_BATCH_REQUESTS, type BatchAnswer, type BatchRequest } from '../../../graph/batch';
import { GraphError } from '../../../graph/graph-error';
import { isTransient, retryDelayMs } from '../../../graph/retry-policy';
import { DEFAULT_THROTTLE_PAUSE_MS, RatePacer } from './pacer';

/** What happened to one queued request. */
export type QueueOutcome =
  /** Graph answered it (any status but 429: throttled requests are sent again). */
  | { kind: 'answer'; answer: BatchAnswer }
  /**
   * The batch carrying it got no usable answer (network, Graph down). A read has been
   * tried again already; for a write it is unknown whether it happened: the caller checks.
   */
  | { kind: 'unanswered'; error: unknown }
  /** The queue was closed before it was sent. */
  | { kind: 'cancelled' };

export type QueuedRequest = Omit<BatchRequest, 'id' | 'dependsOn'>;

interface Entry {
  request: QueuedRequest;
  /** Safe to send again after an unanswered batch (a GET). */
  repeatable: boolean;
  urgent: boolean;
  failures: number;
  throttled: boolean;
  resolve: (outcome: QueueOutcome) => void;
}

export interface QueueStats {
  batches: number;
  requests: number;
  throttled: number;
  /** Answers other than 429 (what Graph accepted). */
  answered: number;
  /** Requests sent back into the queue by a 429, waiting for Graph's Retry-After. */
  waitingOnThrottle: number;
  queued: number;
  inFlight: number;
}

export type SendBatch = (requests: BatchRequest[]) => Promise<Map<string, BatchAnswer>>;

/** Graph's "not now" for a request it did not carry out. */
const UNAVAILABLE = [502, 503, 504];

/** Batches given up on after this many unanswered attempts (reads only). */
const MAX_BATCH_FAILURES = 5;

/**
 * Requests waiting to go to Graph, sent in batches of up to 20 at the pace the RatePacer
 * learns: throttled requests go back to the front of the queue and everything waits for
 * Graph's Retry-After (read from the batch's JSON). Urgent requests (writes, checks after
 * a lost answer) go before the rest, so a write follows its read closely.
 */
export class BatchQueue {
  private readonly urgent: Entry[] = [];
  private readonly normal: Entry[] = [];
  private inFlight = 0;
  private paused = false;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private readonly counts = { batches: 0, requests: 0, throttled: 0, answered: 0 };
  readonly pacer: RatePacer;

  constructor(
    private readonly options: {
      send: SendBatch;
      now?: () => number;
      maxInFlight?: number;
      batchSize?: number;
      /** Told after every batch's answer and every change of state. */
      onChange?: () => void;
    },
  ) {
    this.pacer = new RatePacer({
      burst: options.batchSize ?? MAX_BATCH_REQUESTS,
      now: options.now ?? (() => performance.now()),
    });
  }

  /** Queues one request; resolves once it has its outcome. */
  add(
    request: QueuedRequest,
    { repeatable = request.method === 'GET', urgent = false } = {},
  ): Promise<QueueOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'cancelled' });
    return new Promise((resolve) => {
      (urgent ? this.urgent : this.normal).push({
        request,
        repeatable,
        urgent,
        failures: 0,
        throttled: false,
        resolve,
      });
      this.schedule(0);
    });
  }

  get stats(): QueueStats {
    const waiting = [...this.urgent, ...this.normal].filter((entry) => entry.throttled).length;
    return {
      ...this.counts,
      waitingOnThrottle: waiting,
      queued: this.urgent.length + this.normal.length,
      inFlight: this.inFlight,
    };
  }

  /** Nothing new is sent until `resume`; batches in flight finish. */
  pause(): void {
    this.paused = true;
    this.options.onChange?.();
  }

  resume(): void {
    this.paused = false;
    this.schedule(0);
    this.options.onChange?.();
  }

  /** Every request not yet sent is cancelled; batches in flight finish. */
  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const entry of [...this.urgent.splice(0), ...this.normal.splice(0)])
      entry.resolve({ kind: 'cancelled' });
    this.options.onChange?.();
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.paused) return;
    if (this.timer !== undefined) {
      if (delayMs > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, delayMs);
  }

  private pump(): void {
    const maxInFlight = this.options.maxInFlight ?? 3;
    const size = this.options.batchSize ?? MAX_BATCH_REQUESTS;
    while (!this.closed && !this.paused && this.inFlight < maxInFlight) {
      const available = this.urgent.length + this.normal.length;
      if (available === 0) return;
      const delay = this.pacer.delayFor(Math.min(size, available));
      if (delay > 0) {
        this.schedule(delay);
        return;
      }
      const count = this.pacer.sizeNow(Math.min(size, available));
      const fromUrgent = this.urgent.splice(0, count);
      const entries = [...fromUrgent, ...this.normal.splice(0, count - fromUrgent.length)];
      for (const entry of entries) entry.throttled = false;
      this.pacer.take(entries.length);
      void this.sendBatch(entries);
    }
  }

  private requeue(entries: Entry[]): void {
    // Back to the front, in their order: they were next.
    for (const entry of [...entries].reverse())
      (entry.urgent ? this.urgent : this.normal).unshift(entry);
  }

  private async sendBatch(entries: Entry[]): Promise<void> {
    this.inFlight += 1;
    this.counts.batches += 1;
    this.counts.requests += entries.length;
    const requests = entries.map((entry) => ({ ...entry.request, id: String(this.nextId++) }));
    try {
      const answers = await this.options.send(requests);
      const throttled: Entry[] = [];
      const unavailable: Entry[] = [];
      let retryAfterMs = 0;
      let unavailableMs = 0;
      let accepted = 0;
      entries.forEach((entry, index) => {
        const answer = answers.get(requests[index].id);
        if (!answer) return;
        if (answer.status === 429) {
          entry.throttled = true;
          throttled.push(entry);
          retryAfterMs = Math.max(retryAfterMs, answer.retryAfterMs ?? DEFAULT_THROTTLE_PAUSE_MS);
          return;
        }
        accepted += 1;
        // A read Graph could not serve just now is asked again; a write's caller decides.
        entry.failures += 1;
        if (
          entry.repeatable &&
          UNAVAILABLE.includes(answer.status) &&
          entry.failures < MAX_BATCH_FAILURES
        ) {
          unavailable.push(entry);
          unavailableMs = Math.max(
            unavailableMs,
            answer.retryAfterMs ?? retryDelayMs(entry.failures - 1, undefined),
          );
          return;
        }
        entry.resolve({ kind: 'answer', answer });
      });
      this.counts.throttled += throttled.length;
      this.counts.answered += accepted;
      if (accepted > 0) this.pacer.accepted(accepted);
      if (throttled.length > 0) this.pacer.throttled(retryAfterMs);
      if (unavailable.length > 0) this.pacer.pauseFor(unavailableMs);
      this.requeue([...throttled, ...unavailable]);
    } catch (error) {
      this.batchFailed(entries, error);
    } finally {
      this.inFlight -= 1;
      const delay = this.pacer.delayFor(1);
      this.schedule(delay);
      this.options.onChange?.();
    }
  }

  /** The batch as a whole got no answer Graph stands behind. */
  private batchFailed(entries: Entry[], error: unknown): void {
    // A batch throttled as a whole ran nothing: every request in it may go again.
    const ranNothing = error instanceof GraphError && error.status === 429;
    const again: Entry[] = [];
    for (const entry of entries) {
      entry.failures += 1;
      if (
        (ranNothing || (entry.repeatable && isTransient(error))) &&
        entry.failures < MAX_BATCH_FAILURES
      )
        again.push(entry);
      else entry.resolve({ kind: 'unanswered', error });
    }
    if (again.length === 0) return;
    const failures = Math.max(...again.map((entry) => entry.failures));
    this.pacer.pauseFor(retryDelayMs(failures - 1, error));
    this.requeue(again);
  }
}
