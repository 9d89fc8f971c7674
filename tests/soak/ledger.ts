/**
 * What the writers did, position by position, and the check of the stored data against it.
 *
 * Every logical write (one create, one PATCH of one property, one DELETE, with all its
 * retries and reconciliation) ends as exactly one of:
 *   acked    the writer knows the write is in effect (a 2xx, or reconciliation proved it)
 *   unknown  the writer gave up, or the server died, without knowing
 *   rejected the writer knows the write is not in effect (e.g. four 429s in a row)
 *
 * Each position is written by one writer per property, so the writes to one
 * (position, property) are in a known order; values are unique, so the stored value
 * names the write it came from.
 */

export type Property = 'categories' | 'jobTitle';
export const PROPERTIES: Property[] = ['categories', 'jobTitle'];
export type Outcome = 'pending' | 'acked' | 'unknown' | 'rejected';

export interface WriteRecord {
  kind: 'create' | 'patch' | 'delete';
  writer: number;
  marker: string;
  property?: Property;
  /** The value written, as valueOf() renders it. */
  value?: string;
  outcome: Outcome;
  /** How the outcome became known: 'direct', 'retry', 'reconciled-list', 'reconciled-412', 'reconciled-404', 'gave-up', 'killed', … */
  via: string;
  /** What each request of the operation got: '201', '429', 'net' (no answer), 'GET 200', … */
  trail: string[];
}

export interface PositionLedger {
  marker: string;
  userId: string;
  /** Values at creation, per property. */
  initial: Record<Property, string>;
  /** null for a position made during setup (before any fault or kill). */
  create: WriteRecord | null;
  patches: WriteRecord[];
  deletes: WriteRecord[];
}

interface PositionBody {
  id: string;
  categories?: unknown;
  detail?: { jobTitle?: unknown; description?: unknown } | null;
}

/** A job title as text: itself when it is one, '' when absent, its JSON otherwise. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

/** A property of a stored position as a comparable string. */
export function valueOf(body: PositionBody, property: Property): string {
  return property === 'categories'
    ? JSON.stringify(body.categories ?? null)
    : textOf(body.detail?.jobTitle);
}

export const markerOf = (body: PositionBody): string | undefined => {
  const description = body.detail?.description;
  return typeof description === 'string' && description.startsWith('soak:')
    ? description
    : undefined;
};

export class Ledger {
  readonly positions = new Map<string, PositionLedger>();

  open(
    marker: string,
    userId: string,
    initial: Record<Property, string>,
    create: WriteRecord | null,
  ): PositionLedger {
    if (this.positions.has(marker))
      throw new Error(`Marker ${marker} used twice by the soak itself.`);
    const position: PositionLedger = { marker, userId, initial, create, patches: [], deletes: [] };
    this.positions.set(marker, position);
    return position;
  }

  *writes(): Iterable<WriteRecord> {
    for (const position of this.positions.values()) {
      if (position.create) yield position.create;
      yield* position.patches;
      yield* position.deletes;
    }
  }
}

export const newRecord = (
  kind: WriteRecord['kind'],
  writer: number,
  marker: string,
  property?: Property,
  value?: string,
): WriteRecord => ({
  kind,
  writer,
  marker,
  property,
  value,
  outcome: 'pending',
  via: '',
  trail: [],
});

export interface Verification {
  /** Logical writes by kind. */
  writes: { create: number; patch: number; delete: number; total: number };
  acknowledged: number;
  unknown: number;
  rejected: number;
  /** Acknowledged writes in effect (present, or replaced by a later write that is) plus unacknowledged ones found applied. */
  stored: number;
  /** Acknowledged writes whose effect is missing. Must be 0. */
  lost: number;
  /** Extra copies of a marker (a create stored more than once). Must be 0. */
  duplicates: number;
  /** Writes the writer never had confirmed, yet found in effect. Fine. */
  unacknowledgedApplied: number;
  /** Writes the writer never had confirmed and that are not in effect, or cannot be told (replaced since). */
  unacknowledgedNotApplied: number;
  unacknowledgedUnverifiable: number;
  /** Writes known refused that are in effect anyway, or soak markers nobody wrote. Must be 0. */
  phantom: number;
  /** Soak positions that must be there at the end, that may be (an unknown create or delete), and that are. */
  positionsExpected: number;
  positionsMaybe: number;
  positionsFound: number;
  /** How each write ended: 'create acked direct' → count. */
  outcomes: Record<string, number>;
  problems: string[];
}

type Effect = 'present' | 'superseded' | 'absent';

/**
 * Compares the ledger with what the server holds: `stored` maps each soak marker to the
 * positions carrying it, with the user they were listed under.
 */
export function verify(
  ledger: Ledger,
  stored: Map<string, { userId: string; body: PositionBody }[]>,
): Verification {
  const problems: string[] = [];
  const effects = new Map<WriteRecord, Effect>();
  let duplicates = 0;
  let positionsExpected = 0;
  let positionsMaybe = 0;
  let positionsFound = 0;

  for (const position of ledger.positions.values()) {
    const found = stored.get(position.marker) ?? [];
    if (found.length > 1) {
      duplicates += found.length - 1;
      problems.push(
        `duplicate: marker ${position.marker} is stored ${found.length} times (ids ${found.map((entry) => entry.body.id).join(', ')})`,
      );
    }
    for (const entry of found) {
      if (entry.userId !== position.userId)
        problems.push(
          `marker ${position.marker} is stored under user ${entry.userId}, written for ${position.userId}`,
        );
    }
    const present = found.length > 0;
    if (present) positionsFound += 1;
    const body = found[0]?.body;
    const deletesTried = position.deletes.filter(
      (write) => write.outcome === 'acked' || write.outcome === 'unknown',
    );

    if (position.create)
      effects.set(
        position.create,
        present ? 'present' : deletesTried.length ? 'superseded' : 'absent',
      );

    // Deletes: when the position is gone, the acknowledged delete did it (or the last unknown one).
    const acknowledgedDeletes = position.deletes.filter((write) => write.outcome === 'acked');
    const doer = acknowledgedDeletes[0] ?? deletesTried[deletesTried.length - 1];
    for (const write of position.deletes)
      effects.set(write, !present && write === doer ? 'present' : 'absent');

    // Expected at the end: for sure when created for sure and no delete was tried; maybe when either is unknown.
    const created =
      position.create === null || position.create.outcome === 'acked'
        ? 'sure'
        : position.create.outcome === 'rejected'
          ? 'no'
          : 'maybe';
    if (created !== 'no' && acknowledgedDeletes.length === 0) {
      if (created === 'sure' && deletesTried.length === 0) positionsExpected += 1;
      else positionsMaybe += 1;
    }

    for (const property of PROPERTIES) {
      const writes = position.patches.filter((write) => write.property === property);
      if (!present) {
        for (const write of writes) effects.set(write, 'superseded');
        continue;
      }
      const actual = valueOf(body, property);
      let current = writes.findIndex((write) => write.value === actual);
      if (current === -1 && actual !== position.initial[property]) {
        problems.push(
          `position ${position.marker}: ${property} is ${actual}, which no write of the soak set`,
        );
        current = writes.length; // nothing verifiable: every acknowledged write counts as missing
      }
      writes.forEach((write, index) =>
        effects.set(
          write,
          index < current ? 'superseded' : index === current ? 'present' : 'absent',
        ),
      );
    }
  }

  // Soak markers on the server that no writer ever sent.
  let phantom = 0;
  for (const [marker, entries] of stored) {
    if (!ledger.positions.has(marker)) {
      phantom += entries.length;
      problems.push(`phantom: marker ${marker} is stored but no writer created it`);
    }
  }

  const writes = { create: 0, patch: 0, delete: 0, total: 0 };
  let acknowledged = 0,
    unknown = 0,
    rejected = 0,
    storedCount = 0,
    lost = 0;
  let unacknowledgedApplied = 0,
    unacknowledgedNotApplied = 0,
    unacknowledgedUnverifiable = 0;
  const outcomes: Record<string, number> = {};
  for (const write of ledger.writes()) {
    const key = `${write.kind} ${write.outcome} ${write.via}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
    writes[write.kind] += 1;
    writes.total += 1;
    const effect = effects.get(write) ?? 'absent';
    const what = `${write.kind}${write.property ? ` ${write.property}=${write.value}` : ''} of ${write.marker} by writer ${write.writer} (${write.via})`;
    switch (write.outcome) {
      case 'acked':
        acknowledged += 1;
        if (effect === 'absent') {
          lost += 1;
          problems.push(`LOST: acknowledged ${what} is not in effect`);
        } else {
          storedCount += 1;
        }
        break;
      case 'pending':
      case 'unknown':
        if (write.outcome === 'pending') problems.push(`soak bug: ${what} never finished`);
        unknown += 1;
        if (effect === 'present') {
          storedCount += 1;
          unacknowledgedApplied += 1;
        } else if (effect === 'superseded') {
          unacknowledgedUnverifiable += 1;
        } else {
          unacknowledgedNotApplied += 1;
        }
        break;
      case 'rejected':
        rejected += 1;
        if (effect === 'present') {
          phantom += 1;
          problems.push(`phantom: ${what} was known refused but is in effect`);
        }
        break;
    }
  }

  return {
    writes,
    acknowledged,
    unknown,
    rejected,
    stored: storedCount,
    lost,
    duplicates,
    unacknowledgedApplied,
    unacknowledgedNotApplied,
    unacknowledgedUnverifiable,
    phantom,
    positionsExpected,
    positionsMaybe,
    positionsFound,
    outcomes,
    problems,
  };
}
