/**
 * Soak phase D: Graph as it really is, without etags (the emulator's default, If-Match
 * ignored, last writer wins). Several writers change DIFFERENT fields of the SAME
 * positions at once, each save made the way the app makes it: the app's own
 * readMergeWrite (src/features/positions/api/read-merge-write.ts: read the current
 * version, merge base/mine/theirs with the app's field table, PATCH only what changed,
 * built on what was read), retried with the app's retry policy. One more writer per
 * position is a directory sync: it changes `detail.employeeId`, a member the form never
 * shows, by reading `detail` and writing it back whole.
 *
 * What no etag can prevent: a write that lands between another writer's read and write is
 * reverted by that write (the read-to-write window). So every acknowledged write is
 * followed through the server's own order (each answer's lastModifiedDateTime, to 100 ns):
 * a value overwritten by another writer counts as a lost update, INSIDE the window when
 * that writer's read came before the lost write (its read version is older), OUTSIDE
 * otherwise. The target is zero outside the window; the window's width is measured.
 */
import type { JWK } from 'jose';
import { join } from 'node:path';
import { seededRandom } from '../../emulator/graph/faults.js';
import {
  EditConflictError,
  readMergeWrite,
  type PositionIo,
} from '../../src/features/positions/api/read-merge-write';
import type { Position, PositionPatch } from '../../src/features/positions/types';
import {
  toFormValues,
  type PositionFormValues,
} from '../../src/features/positions/utils/form-mapping';
import { settleConflicts } from '../../src/features/positions/utils/merge-edits';
import { retryDelayMs, shouldRetry } from '../../src/graph/retry-policy';
import { startEmulatorProcess } from './emulator-process';
import { GraphCaller, mintToken, PhaseStats, readSigningKey } from './graph-caller';

/** The fields the writers of one position share out: four of the form's, and one only a sync writes. */
const FIELDS = ['jobTitle', 'description', 'summary', 'department', 'employeeId'] as const;
type Field = (typeof FIELDS)[number];

const valueIn = (position: Position, field: Field): string | null | undefined =>
  field === 'department' ? position.detail?.company?.department : position.detail?.[field];

function setInForm(values: PositionFormValues, field: Exclude<Field, 'employeeId'>, value: string) {
  if (field === 'department') values.detail.company.department = value;
  else values.detail[field] = value;
}

/** One acknowledged write, as the server ordered it and as the client timed it. */
interface AckedWrite {
  writer: string;
  position: string;
  field: Field;
  value: string;
  /** lastModifiedDateTime of the version the write was built on. */
  readVersion: string;
  /** lastModifiedDateTime of the version the write made. */
  writeVersion: string;
  /** The answer: every field's value right after this write. */
  after: Record<Field, string | null | undefined>;
  /** Client clock (ms): the read's answer came, the PATCH left, its answer came. */
  readAnsweredAt: number;
  writeSentAt: number;
  answeredAt: number;
}

export interface NoEtagOptions {
  seconds: number;
  positions: number;
  latencyMs: number;
  /** Each writer pauses up to this long between saves (a person's pace, compressed). */
  pauseMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** One writer of one field of one position, until the deadline. */
async function runWriter(
  caller: GraphCaller,
  path: string,
  field: Field,
  name: string,
  initial: Position,
  deadline: number,
  pauseMs: number,
  random: () => number,
  out: { acked: AckedWrite[]; stats: WriterStats },
): Promise<void> {
  let base = initial;
  let sequence = 0;
  while (Date.now() < deadline) {
    sequence += 1;
    const value = `${name}#${sequence}`;
    let timing = { readAnsweredAt: 0, writeSentAt: 0 };
    let read: Position | undefined;
    const io: PositionIo = {
      read: async () => {
        const { data } = await caller.request<Position>('GET', path);
        timing = { ...timing, readAnsweredAt: performance.now() };
        read = data;
        return data;
      },
      write: async (patch: PositionPatch) => {
        timing = { ...timing, writeSentAt: performance.now() };
        const { data } = await caller.request<Position>('PATCH', path, { body: patch });
        return data;
      },
    };
    let values: PositionFormValues | undefined;
    if (field !== 'employeeId') {
      values = toFormValues(base);
      setInForm(values, field, value);
    }
    for (let failures = 0; ; failures += 1) {
      try {
        let saved: Position;
        let wrote: boolean;
        if (values) {
          const result = await readMergeWrite(io, { base, values });
          saved = result.saved;
          wrote = result.sent !== null;
        } else {
          // The sync: read detail, set its member, write detail back whole.
          const current = await io.read();
          const answer = await io.write(
            { detail: { ...(current.detail ?? {}), employeeId: value } },
            undefined,
          );
          saved = answer ?? current;
          wrote = true;
        }
        base = saved;
        if (!wrote) {
          out.stats.nothingToWrite += 1;
          break;
        }
        out.acked.push({
          writer: name,
          position: path,
          field,
          value,
          readVersion: read?.lastModifiedDateTime ?? '',
          writeVersion: saved.lastModifiedDateTime ?? '',
          after: Object.fromEntries(
            FIELDS.map((f) => [f, valueIn(saved, f)]),
          ) as AckedWrite['after'],
          readAnsweredAt: timing.readAnsweredAt,
          writeSentAt: timing.writeSentAt,
          answeredAt: performance.now(),
        });
        break;
      } catch (error) {
        if (error instanceof EditConflictError && values) {
          // The read shows this writer's own last value reverted by someone else (a lost
          // update inside a window): the user would see the conflict view; keep mine.
          out.stats.conflicts += 1;
          base = error.current;
          values = settleConflicts(error.merged, error.conflicts, {});
          failures -= 1;
          continue;
        }
        if (!shouldRetry(failures, error)) {
          out.stats.gaveUp += 1;
          out.stats.problems.push(
            `${name}: gave up on ${value}: ${error instanceof Error ? error.message : String(error)}`,
          );
          return;
        }
        out.stats.retries += 1;
        await sleep(retryDelayMs(failures, error, random));
      }
    }
    // A person pauses between saves; the pause varies how the windows overlap.
    await sleep(Math.floor(random() * pauseMs));
  }
}

interface WriterStats {
  retries: number;
  conflicts: number;
  nothingToWrite: number;
  gaveUp: number;
  problems: string[];
}

/**
 * Follows every acknowledged write of one position through the server's order: who
 * overwrote whose value, and whether the overwritten write had landed inside the
 * overwriting writer's read-to-write window. A field's value comes either from its
 * owner's write or, once overwritten, from someone else's stale copy; only overwriting
 * an owner's write loses an update (a stale copy replaced by another is no further loss).
 */
function followLosses(initial: Position, writes: AckedWrite[]) {
  const ordered = [...writes].sort((a, b) => (a.writeVersion < b.writeVersion ? -1 : 1));
  const state = Object.fromEntries(FIELDS.map((f) => [f, valueIn(initial, f)])) as Record<
    Field,
    string | null | undefined
  >;
  /** The owner's write the field's value comes from; undefined: the seed, or a stale copy. */
  const origin = new Map<Field, AckedWrite | undefined>();
  const losses: { lost: AckedWrite; by: AckedWrite; insideWindow: boolean }[] = [];
  const problems: string[] = [];
  for (const write of ordered) {
    if (write.after[write.field] !== write.value)
      problems.push(`${write.writer}: its own ${write.value} is not in its own answer`);
    for (const field of FIELDS) {
      const now = write.after[field];
      if (field === write.field) origin.set(field, write);
      else if (now !== state[field]) {
        const lost = origin.get(field);
        if (lost)
          losses.push({ lost, by: write, insideWindow: lost.writeVersion > write.readVersion });
        origin.set(field, undefined);
      }
      state[field] = now;
    }
  }
  return { losses, problems, finalState: state, origin };
}

/** Phase D: see the file's comment. */
export async function phaseWithoutEtags(
  options: NoEtagOptions,
  root: string,
  random: () => number,
) {
  const emulator = await startEmulatorProcess(join(root, 'phase-d'));
  const key: JWK = readSigningKey(emulator.databaseFile);
  // Graph's profile API as documented: no etags. The rate limit is Graph's too, but this
  // phase is about concurrent writers, not throttling: it is off here (phase A throttles).
  await emulator.control('/settings', { etags: 'none' });
  await emulator.control('/rate-limit', { enabled: false });
  await emulator.control('/faults', { latencyMs: options.latencyMs });
  const stats = new PhaseStats();
  const token = await mintToken(key, emulator.origin, 'adele', ['User.ReadWrite']);
  const setup = new GraphCaller(emulator.origin, token, stats);

  const positions: { path: string; initial: Position }[] = [];
  for (let index = 0; index < options.positions; index += 1) {
    const { data } = await setup.request<Position>('POST', '/me/profile/positions', {
      body: {
        detail: {
          jobTitle: `Soak without etags ${index}`,
          startMonthYear: '2020-01-01',
          company: { displayName: 'Contoso', department: 'start' },
          employeeId: 'start',
        },
        isCurrent: true,
      },
    });
    positions.push({ path: `/me/profile/positions/${data.id}`, initial: data });
  }
  const requestsBefore = stats.requests;
  console.log(
    `Phase D (no etags): ${options.positions} positions × ${FIELDS.length} writers (${FIELDS.join(', ')}; employeeId by a sync) for ${options.seconds} s on ${emulator.origin}, +${options.latencyMs} ms a request, pauses up to ${options.pauseMs} ms`,
  );

  const acked: AckedWrite[] = [];
  const writerStats: WriterStats = {
    retries: 0,
    conflicts: 0,
    nothingToWrite: 0,
    gaveUp: 0,
    problems: [],
  };
  const deadline = Date.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    positions.flatMap(({ path, initial }, index) =>
      FIELDS.map((field) =>
        runWriter(
          new GraphCaller(emulator.origin, token, stats),
          path,
          field,
          `p${index}.${field}`,
          initial,
          deadline,
          options.pauseMs,
          // Each writer its own sequence, drawn from the phase's.
          seededRandom(Math.floor(random() * 2 ** 32)),
          { acked, stats: writerStats },
        ),
      ),
    ),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  await emulator.control('/faults', { latencyMs: 0 });

  // What the server holds at the end, against what the analysis says it must.
  const problems = [...writerStats.problems];
  let lostInside = 0;
  let lostOutside = 0;
  let finalChecked = 0;
  for (const { path, initial } of positions) {
    const { data: stored } = await setup.request<Position>('GET', path);
    const {
      losses,
      problems: orderProblems,
      finalState,
      origin,
    } = followLosses(
      initial,
      acked.filter((write) => write.position === path),
    );
    problems.push(...orderProblems);
    for (const loss of losses) {
      if (loss.insideWindow) lostInside += 1;
      else {
        lostOutside += 1;
        problems.push(
          `${loss.by.writer} overwrote ${loss.lost.value} although its read (${loss.by.readVersion}) came after it (${loss.lost.writeVersion})`,
        );
      }
    }
    for (const field of FIELDS) {
      finalChecked += 1;
      if (valueIn(stored, field) !== finalState[field])
        problems.push(
          `${path} ${field}: stored ${String(valueIn(stored, field))}, the answers say ${String(finalState[field])}`,
        );
      const last = acked.filter((w) => w.position === path && w.field === field).at(-1);
      if (last && origin.get(field) === last && valueIn(stored, field) !== last.value)
        problems.push(`${path} ${field}: the last write ${last.value} is not stored`);
    }
  }

  const windows = acked
    .map((write) => write.answeredAt - write.readAnsweredAt)
    .sort((a, b) => a - b);
  const innerWindows = acked
    .map((write) => write.writeSentAt - write.readAnsweredAt)
    .sort((a, b) => a - b);
  const answers = stats.answers;
  const exit = await emulator.stop();
  if (exit.code !== 0)
    problems.push(`serve-emulator did not exit 0 on SIGTERM (code ${exit.code})`);
  if (acked.length === 0) problems.push('no write was acknowledged: nothing was tested');
  return {
    options,
    elapsedSeconds,
    httpRequests: stats.requests - requestsBefore,
    answers,
    acknowledged: acked.length,
    acknowledgedByField: Object.fromEntries(
      FIELDS.map((field) => [field, acked.filter((write) => write.field === field).length]),
    ),
    nothingToWrite: writerStats.nothingToWrite,
    retries: writerStats.retries,
    conflictsMet: writerStats.conflicts,
    gaveUp: writerStats.gaveUp,
    lostUpdates: lostInside + lostOutside,
    lostInsideWindow: lostInside,
    lostOutsideWindow: lostOutside,
    fieldsChecked: finalChecked,
    /** From the read's answer to the PATCH's answer (ms): the window, as the client sees it. */
    windowMs: {
      median: round1(percentile(windows, 0.5)),
      p95: round1(percentile(windows, 0.95)),
      max: round1(windows.at(-1) ?? Number.NaN),
    },
    /** From the read's answer to the PATCH leaving (ms): the app's own part of it (merge, build). */
    readToSendMs: {
      median: round1(percentile(innerWindows, 0.5)),
      p95: round1(percentile(innerWindows, 0.95)),
      max: round1(innerWindows.at(-1) ?? Number.NaN),
    },
    problems,
    passed: problems.length === 0 && lostOutside === 0,
  };
}

export type NoEtagResult = Awaited<ReturnType<typeof phaseWithoutEtags>>;

/** The phase's figures as table rows. */
export function noEtagRows(d: NoEtagResult): [string, string | number][] {
  const a = d.answers;
  return [
    ['elapsed (s)', round1(d.elapsedSeconds)],
    [
      'positions × writers, added latency, pause',
      `${d.options.positions} × ${FIELDS.length}, ${d.options.latencyMs} ms, ≤ ${d.options.pauseMs} ms`,
    ],
    ['HTTP requests sent', d.httpRequests],
    ['  answered 200 / 429 / no answer', `${a['200'] ?? 0} / ${a['429'] ?? 0} / ${a.network ?? 0}`],
    ['writes acknowledged', d.acknowledged],
    [
      '  by field',
      FIELDS.map((field) => `${field} ${d.acknowledgedByField[field] ?? 0}`).join(', '),
    ],
    ['saves with nothing to write (Graph held it)', d.nothingToWrite],
    ['retries / given up', `${d.retries} / ${d.gaveUp}`],
    ['own value found reverted at the read (conflict view)', d.conflictsMet],
    ['LOST UPDATES', d.lostUpdates],
    ['  inside the read-to-write window', d.lostInsideWindow],
    ['  OUTSIDE the window (must be 0)', d.lostOutsideWindow],
    [
      'read-to-write window, read answered → PATCH answered (ms)',
      `median ${d.windowMs.median}, p95 ${d.windowMs.p95}, max ${d.windowMs.max}`,
    ],
    [
      '  of which read answered → PATCH sent (ms)',
      `median ${d.readToSendMs.median}, p95 ${d.readToSendMs.p95}, max ${d.readToSendMs.max}`,
    ],
    ['fields checked against what is stored', d.fieldsChecked],
    ['problems (must be 0)', d.problems.length],
  ];
}
