import { describeError } from '../../../graph/describe-error';
import type { Position } from '../../positions/types';
import type { BatchQueue } from '../bulk/batch-queue';
import { readPositionsThrough } from './graph-batches';

/** What the table shows of a person's positions. */
export type PositionSummary =
  | {
      state: 'loaded';
      count: number;
      hasCurrent: boolean;
      /** Who last changed one of their positions, and when (ISO). */
      lastEditedBy?: string;
      lastEditedAt?: string;
    }
  | { state: 'failed'; message: string };

/** Graph's "no value" timestamp (positions written by a directory sync). */
const NO_TIMESTAMP = '0001-01-01';

export function summarise(positions: readonly Position[]): PositionSummary {
  let latest: Position | undefined;
  for (const position of positions) {
    const at = position.lastModifiedDateTime;
    if (!at || at.startsWith(NO_TIMESTAMP)) continue;
    if (!latest?.lastModifiedDateTime || at > latest.lastModifiedDateTime) latest = position;
  }
  const by = latest?.lastModifiedBy;
  return {
    state: 'loaded',
    count: positions.length,
    hasCurrent: positions.some((position) => position.isCurrent === true),
    lastEditedBy: by?.user?.displayName ?? by?.application?.displayName ?? undefined,
    lastEditedAt: latest?.lastModifiedDateTime ?? undefined,
  };
}

/**
 * Positions of the people in view, read through batches (20 people a request) and kept
 * as summaries (a count, a flag, a name and a date: small enough for the whole directory).
 * A person is asked for once; the table re-renders through `subscribe`/`version`.
 */
export class PositionSummaries {
  private readonly summaries = new Map<string, PositionSummary>();
  private readonly asked = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private changes = 0;
  private notifyScheduled = false;

  constructor(private readonly queue: BatchQueue) {}

  get version(): number {
    return this.changes;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getVersion = (): number => this.changes;

  get(userId: string): PositionSummary | undefined {
    return this.summaries.get(userId);
  }

  /** Whether `userId`'s positions were asked for (loaded, failed or on their way). */
  isAsked(userId: string): boolean {
    return this.asked.has(userId);
  }

  /** How many of `userIds` have a summary. */
  countKnown(userIds: readonly string[]): number {
    return userIds.reduce((count, id) => count + (this.summaries.has(id) ? 1 : 0), 0);
  }

  /** Reads the positions of those of `userIds` not asked for yet. */
  request(userIds: Iterable<string>): void {
    for (const userId of userIds) {
      if (this.asked.has(userId)) continue;
      this.asked.add(userId);
      readPositionsThrough(this.queue, userId)
        .then((positions) => this.set(userId, summarise(positions)))
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          const { title } = describeError(error, 'Reading their positions');
          this.set(userId, { state: 'failed', message: title });
        });
    }
  }

  /** Stops asking: every read not sent yet is dropped. */
  close(): void {
    this.queue.close();
  }

  private set(userId: string, summary: PositionSummary): void {
    this.summaries.set(userId, summary);
    this.changes += 1;
    // Answers come twenty at a time: tell the table once for all of them.
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    queueMicrotask(() => {
      this.notifyScheduled = false;
      for (const listener of this.listeners) listener();
    });
  }
}
