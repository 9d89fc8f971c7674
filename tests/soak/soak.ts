/**
 * Reliability soak of the Graph emulator with the app's client behaviour (npm run soak).
 *
 *   npm run soak -- [--seconds N] [--writers N] [--fault-rate R] [--retry-after S] [--kills N]
 *                   [--no-etag-positions N] [--no-etag-latency MS] [--no-etag-pause MS]
 *                   [--browser-edits N]
 *                   [--seed N] [--keep]
 *
 * Every random choice (the emulator's faults, what each writer does and how long it backs
 * off, when the server is killed, the browser's faults) comes from one seed, printed at the
 * start: `--seed N` repeats them. (Timing between concurrent writers still varies.)
 *
 * Phase A (faults): the emulator runs as a child process on a fresh data folder, with etags
 * (our strict option: this phase is about 412s and their reconciliation), and a
 * share R of requests failing (R/2 throttled 429, R/3 unavailable 503, R/6 lost response:
 * stored but never answered). N writers create, PATCH and delete their positions for
 * --seconds, retrying and reconciling as the app's policy says. Then faults go off and
 * everything is read back: no acknowledged write may be missing, no create stored twice.
 *
 * Phase B (SIGKILL): writers stream creates and PATCHes with no faults; after 1–3 s the
 * server is killed with SIGKILL, restarted on the same folder, and every write answered 2xx
 * before the kill must be there; the SQLite file must pass integrity_check and be in WAL.
 *
 * Phase D (no etags, tests/soak/without-etags.ts): Graph as documented, If-Match ignored.
 * Writers change different fields of the same positions at once, each save the app's own
 * read-merge-write; every overwritten value is a lost update, inside the read-to-write
 * window (what no etag can prevent) or outside it (must be 0); the window is measured.
 *
 * Phase C (browser): the app itself (production build, vite preview, Chromium) makes N
 * edits and creates (--browser-edits, 50 by default; 0 skips it) while the emulator answers
 * 30 % of requests 429 or 503 (seeded); every edit must be stored exactly once
 * (tests/soak/browser-faults.spec.ts, run by Playwright).
 *
 * Prints a table, writes bench-results/soak.json, exits 1 if anything was lost or
 * duplicated, integrity failed, or something that must not happen did.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import { newSeed, seededRandom } from '../../emulator/graph/faults.js';
import { MAX_ATTEMPTS } from '../../src/graph/retry-policy';
import {
  killAllEmulators,
  ROOT,
  startEmulatorProcess,
  type EmulatorProcess,
} from './emulator-process';
import {
  DEMO_USER_IDS,
  GraphCaller,
  mintToken,
  PhaseStats,
  readSigningKey,
  type Persona,
} from './graph-caller';
import { Ledger, valueOf, verify, type Verification } from './ledger';
import { databaseFigures, readBack } from './read-back';
import { noEtagRows, phaseWithoutEtags } from './without-etags';
import { Writer, type OwnPosition } from './writer';

// ------------------------------------------------------------------ options

function parseOptions() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '20' },
      writers: { type: 'string', default: '8' },
      'fault-rate': { type: 'string', default: '0.3' },
      'retry-after': { type: 'string', default: '1' },
      kills: { type: 'string', default: '1' },
      'no-etag-positions': { type: 'string', default: '2' },
      'no-etag-latency': { type: 'string', default: '25' },
      'no-etag-pause': { type: 'string', default: '500' },
      'browser-edits': { type: 'string', default: '50' },
      seed: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'npm run soak -- [--seconds 20] [--writers 8] [--fault-rate 0.3] [--retry-after 1] [--kills 1] [--no-etag-positions 2] [--no-etag-latency 25] [--no-etag-pause 500] [--browser-edits 50] [--seed N] [--keep]',
    );
    process.exit(0);
  }
  const number = (name: string, raw: string, min: number, max: number, integer: boolean) => {
    const value = Number(raw);
    if (
      !Number.isFinite(value) ||
      value < min ||
      value > max ||
      (integer && !Number.isInteger(value))
    ) {
      throw new Error(
        `--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not '${raw}'.`,
      );
    }
    return value;
  };
  return {
    seconds: number('seconds', values.seconds, 1, 3600, false),
    writers: number('writers', values.writers, 1, 200, true),
    faultRate: number('fault-rate', values['fault-rate'], 0, 1, false),
    retryAfterSeconds: number('retry-after', values['retry-after'], 0, 120, true),
    kills: number('kills', values.kills, 1, 20, true),
    noEtagPositions: number('no-etag-positions', values['no-etag-positions'], 1, 50, true),
    noEtagLatencyMs: number('no-etag-latency', values['no-etag-latency'], 0, 2000, true),
    noEtagPauseMs: number('no-etag-pause', values['no-etag-pause'], 0, 60_000, true),
    browserEdits: number('browser-edits', values['browser-edits'], 0, 500, true),
    seed: values.seed === undefined ? newSeed() : number('seed', values.seed, 0, 2 ** 32 - 1, true),
    keep: values.keep,
  };
}

type Options = ReturnType<typeof parseOptions>;

// ------------------------------------------------------------------ helpers

const ORDER: Persona[] = ['adele', 'megan', 'alex', 'diego', 'lee', 'isaiah'];
const NO_FAULTS = {
  latencyMs: 0,
  throttleRate: 0,
  errorRate: 0,
  lostResponseRate: 0,
  retryAfterSeconds: 0,
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writers 0 and 1 are both Adele and share one position; the rest go round the demo users. */
const personaFor = (index: number): Persona =>
  index <= 1 ? 'adele' : ORDER[(index - 1) % ORDER.length];

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

async function makeWriters(
  count: number,
  ledger: Ledger,
  stats: PhaseStats,
  origin: string,
  key: JWK,
  shape: { createShare: number; deleteShare: number; halted?: () => boolean },
  random: () => number,
) {
  const writers: Writer[] = [];
  for (let index = 0; index < count; index += 1) {
    const persona = personaFor(index);
    const writer = new Writer({
      index,
      userId: DEMO_USER_IDS[persona],
      ledger,
      stats,
      ...shape,
      // Each writer its own sequence, drawn from the phase's: the same seed, the same choices.
      random: seededRandom(Math.floor(random() * 2 ** 32)),
    });
    writer.caller = new GraphCaller(
      origin,
      await mintToken(key, origin, persona, ['User.ReadWrite']),
      stats,
    );
    writers.push(writer);
  }
  return writers;
}

/**
 * Writers 0 and 1 (both Adele) share one position made before any fault: writer 0 writes
 * its categories, writer 1 its detail.jobTitle. Both send If-Match, so they keep meeting
 * real 412s from each other, and each property still has a single writer to check against.
 */
async function shareOnePosition(
  writers: Writer[],
  ledger: Ledger,
  origin: string,
  key: JWK,
): Promise<void> {
  if (writers.length < 2) return;
  const setup = new GraphCaller(
    origin,
    await mintToken(key, origin, 'adele', ['User.ReadWrite']),
    new PhaseStats(),
  );
  const marker = 'soak:shared:0';
  const { data } = await setup.request<{
    id: string;
    '@odata.etag': string;
    categories?: unknown;
    detail?: Record<string, unknown>;
  }>('POST', '/me/profile/positions', {
    body: {
      detail: { jobTitle: 'Soak shared', description: marker, startMonthYear: '2019-01-01' },
      categories: ['soak', 'shared'],
      isCurrent: true,
    },
  });
  const positionLedger = ledger.open(
    marker,
    DEMO_USER_IDS.adele,
    { categories: valueOf(data, 'categories'), jobTitle: valueOf(data, 'jobTitle') },
    null,
  );
  const copy = (): OwnPosition => ({
    id: data.id,
    marker,
    etag: data['@odata.etag'],
    categories: data.categories,
    detail: { ...(data.detail ?? {}) },
    ledger: positionLedger,
    stale: false,
    shared: true,
  });
  writers[0].options.shared = { position: copy(), property: 'categories', share: 0.3 };
  writers[1].options.shared = { position: copy(), property: 'jobTitle', share: 0.3 };
}

function faultFigures(stats: PhaseStats) {
  const a = stats.answers;
  const throttled = a['429'] ?? 0;
  const unavailable = a['503'] ?? 0;
  const noAnswer = (a.network ?? 0) + (a['network(body)'] ?? 0);
  return {
    throttled,
    unavailable,
    noAnswer,
    failedShare: stats.requests ? (throttled + unavailable + noAnswer) / stats.requests : 0,
  };
}

function statsFigures(stats: PhaseStats) {
  return {
    httpRequests: stats.requests,
    writeRequests: stats.writeRequests,
    readRequests: stats.readRequests,
    answers: stats.answers,
    timeouts: stats.timeouts,
    retries: stats.retries,
    preconditionFailed: stats.preconditionFailed,
    reconciled412Applied: stats.reconciled412Applied,
    reconciled412Resent: stats.reconciled412Resent,
    createReconciliations: stats.createReconciliations,
    createFoundByMarker: stats.createFoundByMarker,
    createNotFoundByMarker: stats.createNotFoundByMarker,
    delete404AfterRetry: stats.delete404AfterRetry,
    lostResponseReconciliations: stats.lostResponseReconciliations,
    gaveUp: stats.gaveUp,
    unexpected: stats.unexpected,
  };
}

// ------------------------------------------------------------------ phase A

/** A whole number from `random` to seed another generator. */
const seedFrom = (random: () => number): number => Math.floor(random() * 2 ** 32);

async function phaseA(options: Options, root: string, random: () => number) {
  const folder = join(root, 'phase-a');
  const emulator = await startEmulatorProcess(folder);
  const key = readSigningKey(emulator.databaseFile);
  await emulator.control('/faults', NO_FAULTS);
  // The writers send If-Match and reconcile 412s: our strict option (Graph's profile API
  // has no etags; phase D is that world).
  await emulator.control('/settings', { etags: 'strict' });
  const ledger = new Ledger();
  const stats = new PhaseStats();
  const writers = await makeWriters(
    options.writers,
    ledger,
    stats,
    emulator.origin,
    key,
    { createShare: 0.35, deleteShare: 0.1 },
    random,
  );
  await shareOnePosition(writers, ledger, emulator.origin, key);

  const rate = options.faultRate;
  const faults = {
    latencyMs: 0,
    throttleRate: round(rate / 2, 4),
    errorRate: round(rate / 3, 4),
    lostResponseRate: round(rate / 6, 4),
    retryAfterSeconds: options.retryAfterSeconds,
    seed: seedFrom(random),
  };
  await emulator.control('/faults', faults);
  console.log(
    `Phase A: ${options.writers} writers for ${options.seconds} s on ${emulator.origin} (pid ${emulator.pid}), faults ${JSON.stringify(faults)}`,
  );

  const started = performance.now();
  const deadline = Date.now() + options.seconds * 1000;
  const progress = setInterval(() => {
    process.stdout.write(
      `  … ${round((performance.now() - started) / 1000)} s, ${stats.requests} requests, ${[...ledger.writes()].filter((w) => w.outcome === 'acked').length} acknowledged\n`,
    );
  }, 5000);
  try {
    await Promise.all(writers.map((writer) => writer.run(() => Date.now() >= deadline)));
  } finally {
    clearInterval(progress);
  }
  const elapsedSeconds = (performance.now() - started) / 1000;

  await emulator.control('/faults', NO_FAULTS);
  const { byMarker, total } = await readBack(emulator.origin, key);
  const result = verify(ledger, byMarker);
  const database = databaseFigures(emulator.databaseFile);
  const exit = await emulator.stop();
  const problems = [...result.problems];
  if (database.duplicateMarkers > 0)
    problems.push(`the database holds ${database.duplicateMarkers} soak markers more than once`);
  if (database.soakRows !== total)
    problems.push(
      `the API listed ${total} soak positions, the database holds ${database.soakRows}`,
    );
  if (exit.code !== 0)
    problems.push(
      `serve-emulator did not exit 0 on SIGTERM (code ${exit.code}, signal ${exit.signal})`,
    );
  return {
    ledger,
    faults,
    elapsedSeconds,
    verification: result,
    stats: statsFigures(stats),
    injected: faultFigures(stats),
    database,
    listed: total,
    sigtermExit: exit,
    problems,
    unexpected: stats.unexpected,
  };
}

// ------------------------------------------------------------------ phase B

interface KillCycle {
  killAfterMs: number;
  acknowledgedBeforeKill: number;
  inFlightAtKill: number;
  walBytesAtKill: number;
  restartMs: number;
  integrity: string;
  journalMode: string;
  foundAfterRestart: number;
  lost: number;
}

async function phaseB(options: Options, root: string, random: () => number) {
  const folder = join(root, 'phase-b');
  let emulator: EmulatorProcess = await startEmulatorProcess(folder);
  const key = readSigningKey(emulator.databaseFile);
  await emulator.control('/faults', NO_FAULTS);
  const ledger = new Ledger();
  const stats = new PhaseStats();
  let halted = false;
  const writers = await makeWriters(
    options.writers,
    ledger,
    stats,
    emulator.origin,
    key,
    { createShare: 0.4, deleteShare: 0, halted: () => halted },
    random,
  );
  const cycles: KillCycle[] = [];
  let verification: Verification | undefined;
  let writingMs = 0;
  const problems: string[] = [];

  for (let cycle = 1; cycle <= options.kills; cycle += 1) {
    halted = false;
    const killAfterMs = Math.round(1000 + random() * 2000);
    console.log(
      `Phase B${options.kills > 1 ? ` (${cycle}/${options.kills})` : ''}: ${options.writers} writers on ${emulator.origin} (pid ${emulator.pid}), SIGKILL after ${killAfterMs} ms`,
    );
    const started = performance.now();
    const running = Promise.all(writers.map((writer) => writer.run(() => false)));
    await sleep(killAfterMs);
    halted = true; // before the kill: every failure from here on is the kill's doing
    emulator.child.kill('SIGKILL');
    const killed = await emulator.exited;
    let guard: NodeJS.Timeout | undefined;
    await Promise.race([
      running,
      new Promise((_resolve, reject) => {
        guard = setTimeout(
          () => reject(new Error('writers did not stop within 30 s of the kill')),
          30_000,
        );
      }),
    ]).finally(() => clearTimeout(guard));
    writingMs += performance.now() - started;
    if (killed.signal !== 'SIGKILL')
      problems.push(
        `cycle ${cycle}: the server ended with ${JSON.stringify(killed)}, not by SIGKILL`,
      );

    const writes = [...ledger.writes()];
    const acknowledgedBeforeKill = writes.filter((write) => write.outcome === 'acked').length;
    const inFlightAtKill =
      writes.filter((write) => write.via === 'killed').length -
      cycles.reduce((sum, c) => sum + c.inFlightAtKill, 0);
    let walBytesAtKill = 0;
    try {
      walBytesAtKill = statSync(`${emulator.databaseFile}-wal`).size;
    } catch {
      // no WAL file: nothing to recover
    }

    const restartStarted = performance.now();
    emulator = await startEmulatorProcess(folder);
    const restartMs = performance.now() - restartStarted;
    const database = databaseFigures(emulator.databaseFile);
    const { byMarker } = await readBack(emulator.origin, key);
    verification = verify(ledger, byMarker);
    const foundAfterRestart = verification.acknowledged - verification.lost;
    cycles.push({
      killAfterMs,
      acknowledgedBeforeKill,
      inFlightAtKill,
      walBytesAtKill,
      restartMs: Math.round(restartMs),
      integrity: database.integrity,
      journalMode: database.journalMode,
      foundAfterRestart,
      lost: verification.lost,
    });
    if (database.integrity !== 'ok')
      problems.push(`cycle ${cycle}: PRAGMA integrity_check says '${database.integrity}'`);
    if (database.journalMode !== 'wal')
      problems.push(`cycle ${cycle}: PRAGMA journal_mode is '${database.journalMode}', not 'wal'`);
    if (database.duplicateMarkers > 0)
      problems.push(
        `cycle ${cycle}: the database holds ${database.duplicateMarkers} soak markers more than once`,
      );

    // The writers carry on against the restarted server (a new origin, so new tokens).
    for (const writer of writers) {
      writer.caller = new GraphCaller(
        emulator.origin,
        await mintToken(key, emulator.origin, personaFor(writer.options.index), ['User.ReadWrite']),
        stats,
      );
    }
  }
  const exit = await emulator.stop();
  if (exit.code !== 0)
    problems.push(
      `serve-emulator did not exit 0 on SIGTERM (code ${exit.code}, signal ${exit.signal})`,
    );
  problems.push(...verification!.problems);
  return {
    ledger,
    elapsedSeconds: writingMs / 1000,
    cycles,
    verification: verification!,
    stats: statsFigures(stats),
    sigtermExit: exit,
    problems,
    unexpected: stats.unexpected,
  };
}

// ------------------------------------------------------------------ phase C

/**
 * The app itself in Chromium against seeded random faults: Playwright runs
 * tests/soak/browser-faults.spec.ts with the e2e fixtures (the production build under
 * vite preview, its own data folder), the seed in E2E_FAULT_SEED.
 */
async function phaseC(options: Options, seed: number) {
  if (options.browserEdits === 0) return { skipped: true as const, seed, passed: true };
  console.log(
    `Phase C: the app in Chromium makes ${options.browserEdits} edits and creates against 30 % faults, seed ${seed}`,
  );
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js'),
      'test',
      '--config',
      join(ROOT, 'tests', 'soak', 'playwright.config.ts'),
    ],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        E2E_FAULT_SEED: String(seed),
        SOAK_BROWSER_EDITS: String(options.browserEdits),
      },
    },
  );
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    skipped: false as const,
    seed,
    edits: options.browserEdits,
    exitCode,
    elapsedSeconds: round((performance.now() - started) / 1000, 1),
    passed: exitCode === 0,
  };
}

// ------------------------------------------------------------------ report

type PhaseAResult = Awaited<ReturnType<typeof phaseA>>;
type PhaseBResult = Awaited<ReturnType<typeof phaseB>>;

function table(a: PhaseAResult, b: PhaseBResult): string {
  const fa = a.injected;
  const fb = faultFigures(
    Object.assign(new PhaseStats(), { answers: b.stats.answers, requests: b.stats.httpRequests }),
  );
  const va = a.verification;
  const vb = b.verification;
  const sumB = (key: keyof KillCycle) =>
    b.cycles.reduce((sum, cycle) => sum + Number(cycle[key]), 0);
  const rows: [string, string | number, string | number][] = [
    ['elapsed (s)', round(a.elapsedSeconds), round(b.elapsedSeconds)],
    ['HTTP requests sent', a.stats.httpRequests, b.stats.httpRequests],
    ['  of which writes (POST/PATCH/DELETE)', a.stats.writeRequests, b.stats.writeRequests],
    [
      '  answered 429 / 503 / no answer',
      `${fa.throttled} / ${fa.unavailable} / ${fa.noAnswer}`,
      `${fb.throttled} / ${fb.unavailable} / ${fb.noAnswer}`,
    ],
    ['  share failed', `${round(fa.failedShare * 100)} %`, `${round(fb.failedShare * 100)} %`],
    [
      'logical writes (create/patch/delete)',
      `${va.writes.total} (${va.writes.create}/${va.writes.patch}/${va.writes.delete})`,
      `${vb.writes.total} (${vb.writes.create}/${vb.writes.patch}/${vb.writes.delete})`,
    ],
    ['acknowledged', va.acknowledged, vb.acknowledged],
    ['stored (in effect)', va.stored, vb.stored],
    ['LOST (must be 0)', va.lost, vb.lost],
    ['DUPLICATES (must be 0)', va.duplicates, vb.duplicates],
    ['phantom writes (must be 0)', va.phantom, vb.phantom],
    ['unacknowledged, applied', va.unacknowledgedApplied, vb.unacknowledgedApplied],
    [
      'unacknowledged, not applied / unverifiable',
      `${va.unacknowledgedNotApplied} / ${va.unacknowledgedUnverifiable}`,
      `${vb.unacknowledgedNotApplied} / ${vb.unacknowledgedUnverifiable}`,
    ],
    ['refused for sure (gave up, nothing stored)', va.rejected, vb.rejected],
    ['retries (transient, per policy)', a.stats.retries, b.stats.retries],
    ['412s received', a.stats.preconditionFailed, b.stats.preconditionFailed],
    [
      '412s reconciled: already applied / re-sent',
      `${a.stats.reconciled412Applied} / ${a.stats.reconciled412Resent}`,
      `${b.stats.reconciled412Applied} / ${b.stats.reconciled412Resent}`,
    ],
    [
      'create reconciliations: found / not found',
      `${a.stats.createFoundByMarker} / ${a.stats.createNotFoundByMarker}`,
      `${b.stats.createFoundByMarker} / ${b.stats.createNotFoundByMarker}`,
    ],
    ['DELETE 404 after retry (done)', a.stats.delete404AfterRetry, b.stats.delete404AfterRetry],
    [
      'lost-response reconciliations',
      a.stats.lostResponseReconciliations,
      b.stats.lostResponseReconciliations,
    ],
    ['operations given up', a.stats.gaveUp, b.stats.gaveUp],
    [
      'writes/second (acknowledged)',
      round(va.acknowledged / a.elapsedSeconds),
      round(vb.acknowledged / b.elapsedSeconds),
    ],
    [
      'requests/second',
      round(a.stats.httpRequests / a.elapsedSeconds),
      round(b.stats.httpRequests / b.elapsedSeconds),
    ],
    [
      'soak positions: must be / may be / found',
      `${va.positionsExpected} / ${va.positionsMaybe} / ${va.positionsFound}`,
      `${vb.positionsExpected} / ${vb.positionsMaybe} / ${vb.positionsFound}`,
    ],
    ['SIGKILLs', '–', b.cycles.length],
    [
      'acknowledged before kill',
      '–',
      b.cycles.map((cycle) => cycle.acknowledgedBeforeKill).join(', '),
    ],
    ['found after restart', '–', b.cycles.map((cycle) => cycle.foundAfterRestart).join(', ')],
    ['in flight at kill (unknown)', '–', sumB('inFlightAtKill')],
    [
      'killed after (ms) / WAL bytes at kill',
      '–',
      b.cycles.map((cycle) => `${cycle.killAfterMs} / ${cycle.walBytesAtKill}`).join(', '),
    ],
    ['restart to ready (ms)', '–', b.cycles.map((cycle) => cycle.restartMs).join(', ')],
    [
      'integrity_check / journal_mode',
      `${a.database.integrity} / ${a.database.journalMode}`,
      b.cycles.map((cycle) => `${cycle.integrity} / ${cycle.journalMode}`).join(', '),
    ],
    ['SIGTERM exit code', String(a.sigtermExit.code), String(b.sigtermExit.code)],
  ];
  const width = [
    Math.max(...rows.map((row) => row[0].length)),
    Math.max(17, ...rows.map((row) => String(row[1]).length)),
    Math.max(17, ...rows.map((row) => String(row[2]).length)),
  ];
  const line = (cells: (string | number)[]) =>
    `| ${String(cells[0]).padEnd(width[0])} | ${String(cells[1]).padStart(width[1])} | ${String(cells[2]).padStart(width[2])} |`;
  const rule = `|${'-'.repeat(width[0] + 2)}|${'-'.repeat(width[1] + 2)}|${'-'.repeat(width[2] + 2)}|`;
  return [line(['', 'Phase A (faults)', 'Phase B (SIGKILL)']), rule, ...rows.map(line)].join('\n');
}

/** A Markdown table of label/value rows under a two-cell header. */
function twoColumns(header: [string, string], rows: [string, string | number][]): string {
  const width = [
    Math.max(header[0].length, ...rows.map((row) => row[0].length)),
    Math.max(header[1].length, ...rows.map((row) => String(row[1]).length)),
  ];
  const line = (cells: [string, string | number]) =>
    `| ${cells[0].padEnd(width[0])} | ${String(cells[1]).padStart(width[1])} |`;
  const rule = `|${'-'.repeat(width[0] + 2)}|${'-'.repeat(width[1] + 2)}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Writes that took more than one plain request, or did not end acknowledged: what each request got. */
function unusual(ledger: Ledger) {
  return [...ledger.writes()]
    .filter((write) => write.outcome !== 'acked' || write.trail.length > 1)
    .map((write) => ({
      write: `${write.kind}${write.property ? ` ${write.property}` : ''} ${write.marker} (writer ${write.writer})`,
      outcome: write.outcome,
      via: write.via,
      trail: write.trail.join(' → '),
    }));
}

// ------------------------------------------------------------------ main

async function main(): Promise<number> {
  const options = parseOptions();
  const root = mkdtempSync(join(tmpdir(), 'profile-editor-soak-'));
  const cleanup = () => {
    killAllEmulators();
    if (options.keep) {
      process.stderr.write(`Kept the soak's data in ${root}\n`);
    } else {
      rmSync(root, { recursive: true, force: true });
    }
  };
  process.once('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nsoak: ${signal}, stopping.\n`);
      process.exit(130);
    });
  }

  console.log(
    `Soak: node ${process.version}, retry policy MAX_ATTEMPTS=${MAX_ATTEMPTS}, data in ${root}`,
  );
  const started = new Date();
  console.log(
    `Soak seed ${options.seed} (npm run soak -- --seed ${options.seed} repeats its random choices).`,
  );
  const random = seededRandom(options.seed);
  const seeds = { a: seedFrom(random), b: seedFrom(random), c: seedFrom(random) };
  // Drawn after the others, so that a seed repeats phases A to C as before phase D existed.
  const seedD = seedFrom(random);
  const a = await phaseA(options, root, seededRandom(seeds.a));
  const b = await phaseB(options, root, seededRandom(seeds.b));
  const d = await phaseWithoutEtags(
    {
      seconds: options.seconds,
      positions: options.noEtagPositions,
      latencyMs: options.noEtagLatencyMs,
      pauseMs: options.noEtagPauseMs,
    },
    root,
    seededRandom(seedD),
  );
  const c = await phaseC(options, seeds.c);

  console.log('');
  console.log(table(a, b));
  console.log('');
  console.log(twoColumns(['Phase D (no etags)', ''], noEtagRows(d)));
  const failures: string[] = [];
  if (a.verification.lost || b.verification.lost)
    failures.push(`lost writes: phase A ${a.verification.lost}, phase B ${b.verification.lost}`);
  if (a.verification.duplicates || b.verification.duplicates)
    failures.push(
      `duplicates: phase A ${a.verification.duplicates}, phase B ${b.verification.duplicates}`,
    );
  if (a.verification.phantom || b.verification.phantom)
    failures.push(
      `phantom writes: phase A ${a.verification.phantom}, phase B ${b.verification.phantom}`,
    );
  if (a.verification.acknowledged === 0 || b.verification.acknowledged === 0)
    failures.push('a phase acknowledged no write at all: nothing was tested');
  const phaseProblems = [...a.problems.map((p) => `A: ${p}`), ...b.problems.map((p) => `B: ${p}`)];
  const unexpected = [...a.unexpected.map((p) => `A: ${p}`), ...b.unexpected.map((p) => `B: ${p}`)];
  if (phaseProblems.length)
    failures.push(`${phaseProblems.length} problem(s) found in the stored data or the server`);
  if (unexpected.length) failures.push(`${unexpected.length} unexpected answer(s) during the run`);
  if (d.lostOutsideWindow > 0)
    failures.push(
      `phase D: ${d.lostOutsideWindow} update(s) lost outside the read-to-write window`,
    );
  if (d.problems.length > 0)
    failures.push(`phase D: ${d.problems.length} problem(s) (see bench-results/soak.json)`);
  for (const problem of d.problems.slice(0, 10)) console.log(`  ! D: ${problem}`);
  if (!c.passed)
    failures.push(
      `phase C (browser): an edit was lost, stored twice or never went through (seed ${c.seed})`,
    );
  for (const problem of [...phaseProblems, ...unexpected].slice(0, 30))
    console.log(`  ! ${problem}`);
  if (phaseProblems.length + unexpected.length > 30)
    console.log(
      `  ! … and ${phaseProblems.length + unexpected.length - 30} more (see bench-results/soak.json)`,
    );

  const passed = failures.length === 0;
  const resultsDir = join(ROOT, 'bench-results');
  mkdirSync(resultsDir, { recursive: true });
  const report = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    node: process.version,
    options: { ...options, keep: undefined },
    seed: options.seed,
    passed,
    failures,
    // Every write that did not end plainly acknowledged, with what each of its requests got.
    unusualWrites: {
      phaseA: unusual(a.ledger),
      phaseB: unusual(b.ledger),
    },
    phaseA: {
      ...a,
      ledger: undefined,
      verification: { ...a.verification, problems: a.verification.problems.slice(0, 200) },
      elapsedSeconds: round(a.elapsedSeconds, 3),
    },
    phaseB: {
      ...b,
      ledger: undefined,
      verification: { ...b.verification, problems: b.verification.problems.slice(0, 200) },
      elapsedSeconds: round(b.elapsedSeconds, 3),
    },
    phaseD: { ...d, seed: seedD, problems: d.problems.slice(0, 200) },
    phaseC: c,
  };
  writeFileSync(join(resultsDir, 'soak.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('');
  console.log(
    passed
      ? `PASS: nothing acknowledged was lost, nothing was stored twice, the database is intact; without etags ${d.lostUpdates} update(s) were lost, all inside the read-to-write window (median ${d.windowMs.median} ms, p95 ${d.windowMs.p95} ms, max ${d.windowMs.max} ms)${c.skipped ? '' : ', and every edit in the browser was stored exactly once'}.`
      : `FAIL: ${failures.join('; ')}`,
  );
  console.log(
    `Seed ${options.seed}: npm run soak -- --seed ${options.seed} repeats the run's choices.`,
  );
  console.log(`Figures written to ${join('bench-results', 'soak.json')}.`);
  return passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(2);
  },
);
