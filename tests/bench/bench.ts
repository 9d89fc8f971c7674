/**
 * Performance benchmark of the production build (npm run bench; not part of npm test).
 *
 *   npm run bench -- [--runs 7] [--port N] [--latency 100] [--keys 200] [--saves 3]
 *                    [--only classic,floor,lighthouse,bulk]
 *
 * 1. Builds (vite build) into a temporary folder of its own (never the project's dist/,
 *    which someone may be serving) and serves it with `vite preview` and a throwaway emulator
 *    data folder: the app on three free ports (or --port / BENCH_PORT for the app, Graph and
 *    sign-in on the next two, as `npm start` does); the server is stopped (its whole process
 *    group) and the folders removed on every exit, failures and Ctrl-C included.
 * 2. Sizes: the first page's JavaScript (entry, modulepreloads, static import closure) and
 *    CSS, and everything in dist/assets, raw and gzip -9; the largest chunks.
 * 3. Load time: Adele signs in once through the UI; each run is a fresh browser context (empty
 *    HTTP cache) with her cookies and MSAL's session storage put back before any script runs;
 *    '/' until the User Timing mark `profile-editor:positions-list-painted`. Runs without and
 *    with latency added by the emulator to every Graph request (6.) are interleaved, after one
 *    discarded warm-up each. Token-endpoint, provider and Graph calls per load are counted,
 *    and the requests of the median run are laid out on a time line (the critical path).
 * 4. Saves of one changed field (job title of 'Auditor at Contoso Ltd.', 3 without and 3 with
 *    added latency), in both of the emulator's concurrency modes: Graph's default (no etags:
 *    the app reads the current version, then PATCHes) and our strict option (etags: one PATCH
 *    with If-Match). Every request after the click (one read before the PATCH without etags,
 *    none with them; exactly one PATCH, no Graph GET after it, no token call), PATCH body vs
 *    the whole position as GET returns it, click → saved painted.
 * 5. Input latency: Adele with 25 positions, Job title of one, N key presses (x / Backspace
 *    alternating): keydown timeStamp → next paint (rAF + setTimeout in the page).
 * 6. The floor (floor-page.ts): a page of our own with the same first-page libraries and no
 *    design system, built with Vite next to the app; app and floor loaded in pairs at full
 *    speed and with the CPU slowed four times; the app's time as a ratio of the floor's.
 * 7. Lighthouse (lighthouse.ts) on the signed-in list and form, desktop and mobile.
 * 8. A Markdown report on stdout, bench-results/bench.json; exits 1 when a hard expectation
 *    fails (2 when the benchmark itself could not run).
 */
import {
  chromium,
  request as playwrightRequest,
  type APIRequestContext,
  type Browser,
} from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EmulatorControls } from '../e2e/support/emulator-controls';
import { CHROMIUM_ARGS, LIST_PAINTED, signInOnce, SYSTEM_CHROMIUM, type SignedIn } from './browser';
import { bulkSection } from './bulk';
import { measureBundle, type BundleSizes } from './bundle-sizes';
import { buildFloor, compareWithFloor, CPU_RATES, floorReport } from './floor-page';
import { formPath, lighthouseReport, runLighthouse } from './lighthouse';
import {
  criticalPath,
  describeCall,
  fillPositions,
  inputLatency,
  loadOnce,
  pageBearer,
  saveOnce,
  wholePositionBytes,
  type CriticalPathStep,
  type InputRun,
  type LoadRun,
  type SaveRun,
} from './measure';
import {
  benchPorts,
  buildProduction,
  killAllGroupsSync,
  releaseDeadMansSwitches,
  removeOnDeath,
  ROOT,
  startPreview,
  stopAllGroups,
  type PreviewServer,
} from './preview-server';
import { round, rounded, summarize, type Summary } from './stats';

// ------------------------------------------------------------------ options

/**
 * What --only can choose: loads, saves and input (the report's first part), the floor,
 * Lighthouse, and the bulk section on a generated directory (tests/bench/bulk.ts).
 */
const SECTIONS = ['classic', 'floor', 'lighthouse', 'bulk'] as const;
type Section = (typeof SECTIONS)[number];

function parseOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '7' },
      port: { type: 'string', default: process.env.BENCH_PORT },
      latency: { type: 'string', default: '100' },
      keys: { type: 'string', default: '200' },
      saves: { type: 'string', default: '3' },
      only: { type: 'string', default: SECTIONS.join(',') },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      `npm run bench -- [--runs 7] [--port N] [--latency 100] [--keys 200] [--saves 3] [--only ${SECTIONS.join(',')}]`,
    );
    process.exit(0);
  }
  const whole = (name: string, raw: string, min: number, max: number) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`--${name} must be a whole number from ${min} to ${max}, not '${raw}'.`);
    return value;
  };
  const only = new Set(values.only.split(',').map((name) => name.trim()));
  for (const name of only)
    if (!SECTIONS.includes(name as Section))
      throw new Error(`--only takes ${SECTIONS.join(', ')}, not '${name}'.`);
  return {
    only: only as Set<Section>,
    runs: whole('runs', values.runs, 5, 50),
    port: values.port === undefined ? undefined : whole('port', values.port, 1024, 65533),
    latencyMs: whole('latency', values.latency, 10, 2_000),
    keys: whole('keys', values.keys, 20, 2_000),
    saves: whole('saves', values.saves, 1, 20),
  };
}

type Options = ReturnType<typeof parseOptions>;

const POSITIONS_FOR_INPUT = 25;
/** The seeded position the save and the input test edit (Microsoft's example). */
const AUDITOR = 'Auditor';

// ------------------------------------------------------------------ clean-up, whatever happens

let tempRoot: string | undefined;
let browser: Browser | undefined;
let api: APIRequestContext | undefined;
let server: PreviewServer | undefined;
let cleaning: Promise<void> | undefined;

function removeTemp(): void {
  if (tempRoot) {
    try {
      rmSync(tempRoot, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
    tempRoot = undefined;
  }
}

function cleanup(): Promise<void> {
  // The server first: it is what could outlive us.
  cleaning ??= (async () => {
    await stopAllGroups();
    const closing = Promise.all([browser?.close(), api?.dispose()]).catch(() => undefined);
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    removeTemp();
    releaseDeadMansSwitches();
  })();
  return cleaning;
}

// Last resort (process.exit from anywhere, Playwright's own signal handling): synchronous.
process.on('exit', () => {
  killAllGroupsSync();
  removeTemp();
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the preview server and removing temporary folders…`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ------------------------------------------------------------------ the run

interface LoadSeries {
  latencyMs: number;
  warmup: LoadRun;
  runs: LoadRun[];
  summary: Summary;
  /** Mark − first Graph request start: the part of the load that Graph latency can move. */
  graphPhase: Summary;
  medianRun: number;
  criticalPath: CriticalPathStep[];
}

function series(latencyMs: number, warmup: LoadRun, runs: LoadRun[]): LoadSeries {
  const summary = summarize(runs.map((run) => run.ms));
  const medianRun = runs.reduce(
    (best, run, index) =>
      Math.abs(run.ms - summary.median) < Math.abs(runs[best].ms - summary.median) ? index : best,
    0,
  );
  return {
    latencyMs,
    warmup,
    runs,
    summary,
    medianRun,
    graphPhase: summarize(
      runs.map((run) =>
        run.firstGraphStart === undefined ? Number.NaN : run.ms - run.firstGraphStart,
      ),
    ),
    criticalPath: criticalPath(runs[medianRun]),
  };
}

/**
 * Load runs with and without added latency, interleaved (0, L, L, 0, 0, L, …) so that drift
 * in the machine's load falls on both alike; one warm-up of each first, discarded.
 */
async function loadBoth(
  controls: EmulatorControls,
  signedIn: SignedIn,
  runs: number,
  latencyMs: number,
): Promise<[LoadSeries, LoadSeries]> {
  const measured = new Map<number, LoadRun[]>([
    [0, []],
    [latencyMs, []],
  ]);
  const warmups = new Map<number, LoadRun>();
  try {
    for (let index = -1; index < runs; index += 1) {
      const order = index % 2 === 0 ? [0, latencyMs] : [latencyMs, 0];
      for (const latency of order) {
        await controls.setFaults({ latencyMs: latency });
        const run = await loadOnce(browser!, signedIn);
        if (index < 0) {
          warmups.set(latency, run);
          continue;
        }
        measured.get(latency)!.push(run);
        console.log(
          `  load +${latency} ms, run ${index + 1}/${runs}: ${run.ms.toFixed(1)} ms (Graph ${run.graphCalls}, token ${run.tokenCalls}, other provider ${run.otherIdpCalls})`,
        );
      }
    }
  } finally {
    await controls.setFaults({ latencyMs: 0 });
  }
  return [
    series(0, warmups.get(0)!, measured.get(0)!),
    series(latencyMs, warmups.get(latencyMs)!, measured.get(latencyMs)!),
  ];
}

interface SaveSeries {
  latencyMs: number;
  saves: SaveRun[];
  roundTrip: Summary;
}

/** The emulator's concurrency modes: Graph's (no etags) and our strict option. */
const ETAG_MODES = ['none', 'strict'] as const;
type EtagMode = (typeof ETAG_MODES)[number];

/** Saves in one mode, without and with added latency. */
interface ModeSaves {
  mode: EtagMode;
  save0: SaveSeries;
  saveL: SaveSeries;
}

/** `count` saves of the same position with `latencyMs` added; each changes only the job title (Auditor ⇄ Senior Auditor). */
async function saveSeries(
  controls: EmulatorControls,
  signedIn: SignedIn,
  count: number,
  latencyMs: number,
  title: { current: string },
): Promise<SaveSeries> {
  const saves: SaveRun[] = [];
  try {
    await controls.setFaults({ latencyMs });
    for (let index = 0; index < count; index += 1) {
      const next = title.current === AUDITOR ? `Senior ${AUDITOR}` : AUDITOR;
      const save = await saveOnce(browser!, signedIn, title.current, next);
      title.current = next;
      saves.push(save);
      console.log(
        `  save +${latencyMs} ms, ${index + 1}/${count}: ${save.roundTripMs.toFixed(1)} ms (round trips ${save.roundTrips} with ${save.preflights} preflight(s); Graph requests ${save.graphRequests}: GET before ${save.graphGetsBeforePatch}, PATCH ${save.patchCount}, GET after ${save.graphGetsAfterPatch}; token ${save.tokenCalls})`,
      );
    }
  } finally {
    await controls.setFaults({ latencyMs: 0 });
  }
  return { latencyMs, saves, roundTrip: summarize(saves.map((save) => save.roundTripMs)) };
}

async function main(options: Options): Promise<number> {
  const started = performance.now();
  const loadAtStart = loadavg();
  tempRoot = mkdtempSync(join(tmpdir(), 'profile-editor-bench-'));
  removeOnDeath(tempRoot);
  const dataDir = join(tempRoot, 'data');
  mkdirSync(dataDir);

  const outDir = join(tempRoot, 'dist');

  console.log(`Building the production bundle (vite build --outDir ${outDir})…`);
  const build = await buildProduction(outDir);
  const sizes = measureBundle(outDir);
  console.log('Building the floor page (tests/bench/floor) next to it…');
  const floorBuild = await buildFloor(outDir);

  const ports = await benchPorts(options.port);
  console.log(
    `Starting vite preview: the app on port ${ports.app}, Graph on ${ports.graph}, sign-in on ${ports.idp} (data in ${dataDir})…`,
  );
  server = await startPreview(ports, dataDir, outDir);
  const origin = server.origin;
  api = await playwrightRequest.newContext({ baseURL: origin, ignoreHTTPSErrors: true });
  const controls = new EmulatorControls(api);
  await controls.reset();

  // Playwright's profile folder and Chromium's own temporary files go into our folder too,
  // so that they are removed with it, even when this process is killed.
  const browserTemp = join(tempRoot, 'tmp');
  mkdirSync(browserTemp);
  const savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = browserTemp;
  try {
    browser = await chromium.launch({
      executablePath: SYSTEM_CHROMIUM,
      args: CHROMIUM_ARGS,
      env: { ...process.env, TMPDIR: browserTemp },
    });
  } finally {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
  }
  const chromiumVersion = browser.version();
  const bulk = () =>
    bulkSection({ browser: browser!, outDir, tempRoot: tempRoot!, latencyMs: options.latencyMs });
  const withBulk = async (code: number) =>
    options.only.has('bulk') && !(await bulk()).ok ? 1 : code;
  if (options.only.size === 1 && options.only.has('bulk')) return withBulk(0);

  console.log('Signing in as Adele (once, through the UI)…');
  const signedIn = await signInOnce(browser, server.endpoints);

  const extras: Extras = { lines: [], json: {} };
  if (options.only.has('floor')) {
    console.log(
      `The app against the floor: ${options.runs} pairs at each CPU rate (${CPU_RATES.join(', ')}), +1 warm-up pair each…`,
    );
    const floor = floorReport(await compareWithFloor(browser, signedIn, options.runs), {
      appFirstPageGzip: sizes.firstPageJs.gzip,
      floorGzip: floorBuild.gzip,
    });
    extras.lines.push(...floor.lines);
    extras.json.floor = floor.json;
  }
  if (options.only.has('lighthouse')) {
    console.log('Lighthouse: the signed-in list and form, desktop and mobile…');
    const form = await formPath(api, browser, signedIn, AUDITOR);
    const lighthouse = lighthouseReport(await runLighthouse(signedIn, { list: '/', form }));
    extras.lines.push(...lighthouse.lines);
    extras.json.lighthouse = lighthouse.json;
  }
  if (!options.only.has('classic')) return withBulk(reportExtras(options, sizes, extras));

  console.log(
    `Load time: ${options.runs} runs each with no added latency and +${options.latencyMs} ms per Graph request, interleaved (+1 warm-up each)…`,
  );
  const [load0, loadL] = await loadBoth(controls, signedIn, options.runs, options.latencyMs);

  const title = { current: AUDITOR };
  const modes: ModeSaves[] = [];
  for (const mode of ETAG_MODES) {
    console.log(
      `Saves of one changed field, etags ${mode} (${options.saves} with no added latency, ${options.saves} with +${options.latencyMs} ms)…`,
    );
    await controls.setGraphSettings({ etags: mode });
    const save0 = await saveSeries(controls, signedIn, options.saves, 0, title);
    const saveL = await saveSeries(controls, signedIn, options.saves, options.latencyMs, title);
    modes.push({ mode, save0, saveL });
  }
  await controls.setGraphSettings({ etags: 'none' });

  console.log(
    `Input latency: Adele to ${POSITIONS_FOR_INPUT} positions, ${options.keys} key presses in Job title…`,
  );
  const bearer = await pageBearer(browser, signedIn);
  const filled = await fillPositions(api, server.endpoints, bearer, POSITIONS_FOR_INPUT);
  const input = await inputLatency(
    browser,
    signedIn,
    title.current,
    POSITIONS_FOR_INPUT,
    options.keys,
  );

  // After the benchmark: the whole position as GET returns it, with the token the page used.
  const first = modes[0].save0.saves[0];
  const wholeBytes =
    first.patchPath && first.bearer
      ? await wholePositionBytes(api, first.patchPath, first.bearer)
      : undefined;

  const results = report({
    extras,
    options,
    sizes,
    buildMs: build.ms,
    chromiumVersion,
    load0,
    loadL,
    modes,
    input,
    filled,
    wholeBytes,
    started,
    loadAtStart,
  });
  return withBulk(results.ok ? 0 : 1);
}

// ------------------------------------------------------------------ report

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(1);

function table(header: string[], rows: (string | number)[][]): string {
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`,
  ];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

function playwrightVersion(): string {
  try {
    return (
      JSON.parse(
        readFileSync(join(ROOT, 'node_modules', '@playwright', 'test', 'package.json'), 'utf8'),
      ) as { version: string }
    ).version;
  } catch {
    return 'unknown';
  }
}

const distinct = (values: number[]) => [...new Set(values)].join(' / ');

function loadJson(loads: LoadSeries) {
  const median = loads.runs[loads.medianRun];
  return {
    latencyMs: loads.latencyMs,
    ms: rounded(loads.summary),
    runsMs: loads.runs.map((run) => round(run.ms)),
    /** Per run: every request other than the app's own files, ms from navigation start. */
    runs: loads.runs.map((run) => ({
      markMs: round(run.ms),
      longTasksMs: round(run.longTasks.totalMs),
      requests: run.timings.resources
        .filter((entry) => !/^\/(assets\/|app-config\.js|favicon)/.test(entry.name))
        .map((entry) => `${round(entry.start)} → ${round(entry.end)} ${entry.name}`),
    })),
    warmupMs: round(loads.warmup.ms),
    graphPhaseMs: rounded(loads.graphPhase),
    firstContentfulPaintMs: rounded(
      summarize(loads.runs.map((run) => run.firstContentfulPaint ?? Number.NaN)),
    ),
    domContentLoadedMs: rounded(summarize(loads.runs.map((run) => run.domContentLoaded))),
    longTasksMs: rounded(summarize(loads.runs.map((run) => run.longTasks.totalMs))),
    tokenCallsPerRun: loads.runs.map((run) => run.tokenCalls),
    otherIdpCallsPerRun: loads.runs.map((run) => run.otherIdpCalls),
    graphCallsPerRun: loads.runs.map((run) => run.graphCalls),
    idpBeforeGraph: median.idpBeforeGraph,
    jsRequestedAfterAppConfigArrived: loads.runs.filter(
      (run) =>
        run.jsStart !== undefined &&
        run.appConfigEnd !== undefined &&
        run.jsStart >= run.appConfigEnd - 1,
    ).length,
    jsArrivedMs: rounded(summarize(loads.runs.map((run) => run.jsEnd ?? Number.NaN))),
    startupMs: rounded(
      summarize(
        loads.runs.map((run) => (run.firstApiStart ?? Number.NaN) - (run.jsEnd ?? Number.NaN)),
      ),
    ),
    callsOfMedianRun: median.calls
      .filter((call) => call.kind !== 'app')
      .map((call) => `${describeCall(call)}${call.frame === 'iframe' ? ' (iframe)' : ''}`),
    criticalPath: loads.criticalPath.map((step) => ({
      ...step,
      start: round(step.start),
      end: round(step.end),
    })),
    consoleErrors: [...new Set(loads.runs.flatMap((run) => run.consoleErrors))],
  };
}

function saveJson(saves: SaveSeries) {
  const component = (pick: (save: SaveRun) => number | undefined) =>
    rounded(summarize(saves.saves.map((save) => pick(save) ?? Number.NaN)));
  return {
    latencyMs: saves.latencyMs,
    roundTripMs: rounded(saves.roundTrip),
    clickToRequestMs: component((save) => save.clickToRequestMs),
    requestMs: component((save) => save.requestMs),
    responseToPaintMs: component((save) => save.responseToPaintMs),
    saves: saves.saves.map((save) => ({
      from: save.from,
      to: save.to,
      roundTripMs: round(save.roundTripMs),
      graphRequests: save.graphRequests,
      preflights: save.preflights,
      roundTrips: save.roundTrips,
      graphGetsBeforePatch: save.graphGetsBeforePatch,
      patchCount: save.patchCount,
      graphGetsAfterPatch: save.graphGetsAfterPatch,
      tokenCalls: save.tokenCalls,
      patchBodyBytes: save.patchBodyBytes,
      patchBody: save.patchBody,
      requestsAfterClick: save.calls.map(
        (call) => `${describeCall(call)}${call.frame === 'iframe' ? ' (iframe)' : ''}`,
      ),
    })),
  };
}

/** Sections other than the first part's: lines for the report and members for bench.json. */
interface Extras {
  lines: string[];
  json: Record<string, unknown>;
}

/** With --only and without 'classic': the sizes and the sections that ran. */
function reportExtras(options: Options, sizes: BundleSizes, extras: Extras): number {
  const out = [
    '',
    `# Profile Editor benchmark — ${new Date().toISOString()} (only ${[...options.only].join(', ')})`,
    '',
    `Load average ${loadavg()[0].toFixed(2)}; first-page JavaScript ${kb(sizes.firstPageJs.gzip)} gzip in ${sizes.firstPageJs.files.length} files.`,
    '',
    ...extras.lines,
  ];
  console.log(out.join('\n'));
  const folder = join(ROOT, 'bench-results');
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'bench.json'),
    `${JSON.stringify({ date: new Date().toISOString(), only: [...options.only], sizes, ...extras.json }, null, 2)}\n`,
  );
  console.log('\nFigures written to bench-results/bench.json.');
  return 0;
}

function report(input: {
  extras: Extras;
  options: Options;
  sizes: BundleSizes;
  buildMs: number;
  chromiumVersion: string;
  load0: LoadSeries;
  loadL: LoadSeries;
  modes: ModeSaves[];
  input: InputRun;
  filled: { before: number; created: number };
  wholeBytes?: number;
  started: number;
  loadAtStart: number[];
}): { ok: boolean } {
  const { options, sizes, load0, loadL, modes, filled, wholeBytes } = input;
  const keys = input.input;
  const L = options.latencyMs;
  const impliedLoadTrips = Math.round((loadL.summary.median - load0.summary.median) / L);
  const impliedGraphPhaseTrips = Math.round(
    (loadL.graphPhase.median - load0.graphPhase.median) / L,
  );
  const impliedSaveTrips = (mode: ModeSaves) =>
    Math.round((mode.saveL.roundTrip.median - mode.save0.roundTrip.median) / L);
  const keySummary = summarize(keys.samples);
  const eventSummary = summarize(keys.eventTiming.durations);
  const savesOf = (mode: ModeSaves) => [...mode.save0.saves, ...mode.saveL.saves];
  const allSaves = modes.flatMap(savesOf);
  const allLoads = [...load0.runs, ...loadL.runs, load0.warmup, loadL.warmup];
  const idpFirst = [...new Set(allLoads.flatMap((run) => run.idpBeforeGraph))];

  const expectations = [
    {
      name: 'exactly one PATCH per save',
      ok: allSaves.every((save) => save.patchCount === 1),
      detail: `per save: ${allSaves.map((save) => save.patchCount).join(', ')}`,
    },
    {
      name: 'no Graph GET after the PATCH',
      ok: allSaves.every((save) => save.graphGetsAfterPatch === 0),
      detail: `per save: ${allSaves.map((save) => save.graphGetsAfterPatch).join(', ')}`,
    },
    {
      name: 'one read before the PATCH without etags, none with them',
      ok: modes.every((mode) =>
        savesOf(mode).every((save) => save.graphGetsBeforePatch === (mode.mode === 'none' ? 1 : 0)),
      ),
      detail: modes
        .map(
          (mode) =>
            `${mode.mode}: ${savesOf(mode)
              .map((save) => save.graphGetsBeforePatch)
              .join(', ')}`,
        )
        .join('; '),
    },
    {
      name: 'no token call with a cached token (loads and saves)',
      ok:
        allLoads.every((run) => run.tokenCalls === 0) &&
        allSaves.every((save) => save.tokenCalls === 0),
      detail: `${allLoads.reduce((sum, run) => sum + run.tokenCalls, 0)} in ${allLoads.length} loads, ${allSaves.reduce((sum, save) => sum + save.tokenCalls, 0)} in ${allSaves.length} saves`,
    },
  ];
  const ok = expectations.every((expectation) => expectation.ok);
  const totalMs = performance.now() - input.started;
  const command =
    process.env.npm_lifecycle_event === 'bench'
      ? `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`
      : `tsx tests/bench/bench.ts ${process.argv.slice(2).join(' ')}`.trim();
  const cpuList = cpus();
  const machine = {
    cpus: cpuList.length,
    model: cpuList[0]?.model ?? 'unknown',
    platform: platform(),
    release: release(),
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    loadAverageAtStart: input.loadAtStart.map((value) => round(value, 2)),
    loadAverageAtEnd: loadavg().map((value) => round(value, 2)),
  };
  const busy = Math.max(input.loadAtStart[0], loadavg()[0]) > machine.cpus;

  const out: string[] = [];
  out.push('', `# Profile Editor benchmark — ${new Date().toISOString()}`, '');
  out.push(
    `Node ${process.version}, Chromium ${input.chromiumVersion}${SYSTEM_CHROMIUM ? ` (${SYSTEM_CHROMIUM})` : ' (Playwright)'}, Playwright ${playwrightVersion()}, ${machine.cpus} × ${machine.model}, ${machine.platform} ${machine.release}, load average ${machine.loadAverageAtStart[0]} at start, ${machine.loadAverageAtEnd[0]} at the end. Command: \`${command}\`.`,
    '',
  );
  if (busy)
    out.push(
      `**The machine was busy (1-minute load average above its ${machine.cpus} CPUs): expect noisy load times.**`,
      '',
    );

  out.push('## Bundle (the production build, gzip -9)', '');
  const classicRaw = sizes.classicScripts.reduce((sum, file) => sum + file.raw, 0);
  const classicGzip = sizes.classicScripts.reduce((sum, file) => sum + file.gzip, 0);
  out.push(
    table(
      ['', 'files', 'raw', 'gzip'],
      [
        [
          'first page JavaScript (entry + modulepreload + static imports)',
          sizes.firstPageJs.files.length,
          kb(sizes.firstPageJs.raw),
          kb(sizes.firstPageJs.gzip),
        ],
        [
          'first page CSS (linked stylesheets; Fluent UI styles at run time)',
          sizes.firstPageCss.files.length,
          kb(sizes.firstPageCss.raw),
          kb(sizes.firstPageCss.gzip),
        ],
        [
          `index.html (${sizes.inlineStyleBytes} B inline style) + app-config.js`,
          1 + sizes.classicScripts.length,
          kb(sizes.html.raw + classicRaw),
          kb(sizes.html.gzip + classicGzip),
        ],
        [
          'all of dist/assets/*.js',
          sizes.allJs.files.length,
          kb(sizes.allJs.raw),
          kb(sizes.allJs.gzip),
        ],
        [
          'all of dist/assets/*.css',
          sizes.allCss.files.length,
          kb(sizes.allCss.raw),
          kb(sizes.allCss.gzip),
        ],
      ],
    ),
    '',
  );
  out.push(
    table(
      ['largest chunks', 'loaded', 'raw', 'gzip'],
      sizes.largest.map((size) => [
        size.file,
        size.firstPage ? 'first page' : 'lazy',
        kb(size.raw),
        kb(size.gzip),
      ]),
    ),
    '',
  );
  if (sizes.notPreloaded.length > 0)
    out.push(
      `Statically imported by the first page but not modulepreloaded: ${sizes.notPreloaded.join(', ')}.`,
      '',
    );

  out.push(`## Load: '/' to the mark \`${LIST_PAINTED}\``, '');
  out.push(
    `Fresh context (empty HTTP cache) per run with Adele's cached tokens; ${options.runs} runs each, interleaved, after one discarded warm-up each.`,
    '',
  );
  const loadRow = (label: string, pick: (loads: LoadSeries) => string | number) => [
    label,
    pick(load0),
    pick(loadL),
  ];
  out.push(
    table(
      ['', 'no added latency', `+${L} ms per Graph request`],
      [
        loadRow('**median (ms)**', (s) => `**${ms(s.summary.median)}**`),
        loadRow('min – max (ms)', (s) => `${ms(s.summary.min)} – ${ms(s.summary.max)}`),
        loadRow(
          'spread max−min / IQR (ms)',
          (s) => `${ms(s.summary.spread)} / ${ms(s.summary.iqr)}`,
        ),
        loadRow('runs (ms)', (s) => s.runs.map((run) => run.ms.toFixed(0)).join(', ')),
        loadRow('last JavaScript file arrived, median (ms)', (s) =>
          ms(summarize(s.runs.map((run) => run.jsEnd ?? Number.NaN)).median),
        ),
        loadRow('JavaScript arrived → first provider or Graph request, median (ms)', (s) =>
          ms(
            summarize(
              s.runs.map((run) => (run.firstApiStart ?? Number.NaN) - (run.jsEnd ?? Number.NaN)),
            ).median,
          ),
        ),
        loadRow('first Graph request → mark, median (ms)', (s) => ms(s.graphPhase.median)),
        loadRow('first contentful paint (boot text), median (ms)', (s) =>
          ms(summarize(s.runs.map((run) => run.firstContentfulPaint ?? Number.NaN)).median),
        ),
        loadRow('long tasks before the mark, median total (ms)', (s) =>
          ms(summarize(s.runs.map((run) => run.longTasks.totalMs)).median),
        ),
        loadRow('Graph requests per load', (s) => distinct(s.runs.map((run) => run.graphCalls))),
        loadRow('token-endpoint calls per load', (s) =>
          distinct(s.runs.map((run) => run.tokenCalls)),
        ),
        loadRow('other provider calls per load', (s) =>
          distinct(s.runs.map((run) => run.otherIdpCalls)),
        ),
      ],
    ),
    '',
  );
  out.push(
    `Implied sequential Graph round trips before the list: (${ms(loadL.summary.median)} − ${ms(load0.summary.median)}) / ${L} ≈ **${impliedLoadTrips}**` +
      ` (from the first Graph request only, less noisy: (${ms(loadL.graphPhase.median)} − ${ms(load0.graphPhase.median)}) / ${L} ≈ **${impliedGraphPhaseTrips}**).`,
  );
  if (impliedLoadTrips !== impliedGraphPhaseTrips) {
    out.push(
      `The two estimates disagree: the whole load varies by more than the added latency here (IQR ${ms(load0.summary.iqr)} / ${ms(loadL.summary.iqr)} ms, ` +
        `mostly script start-up and the machine's load); the estimate from the first Graph request excludes that and is the one to go by.`,
    );
  }
  const measuredLoads = [...load0.runs, ...loadL.runs];
  const jsAfterConfig = measuredLoads.filter(
    (run) =>
      run.jsStart !== undefined &&
      run.appConfigEnd !== undefined &&
      run.jsStart >= run.appConfigEnd - 1,
  ).length;
  if (jsAfterConfig > measuredLoads.length / 2) {
    out.push(
      `In ${jsAfterConfig} of ${measuredLoads.length} loads no JavaScript file was requested before /app-config.js had arrived: the module script and modulepreloads ` +
        "wait for the parser-blocking app-config.js (a sequential round trip; Chromium's preload scanner does not look past the CSP <meta>).",
    );
  }
  if (idpFirst.length > 0) {
    out.push(
      `Before the first Graph request, every load waits for ${idpFirst.join(', ')} from the provider: one more sequential round trip, ` +
        "which the emulator's added latency (Graph only) does not show in the figure above.",
    );
  }
  out.push('');
  for (const loads of [load0, loadL]) {
    out.push(
      `Critical path of the run closest to the median (+${loads.latencyMs} ms), ms from navigation start:`,
      '',
      '```',
    );
    for (const step of loads.criticalPath)
      out.push(
        `${step.start.toFixed(1).padStart(8)} → ${step.end.toFixed(1).padStart(8)}  ${step.what}`,
      );
    out.push('```', '');
  }

  out.push(
    `## Save: '${AUDITOR} at Contoso Ltd.', only the job title changed (${options.saves} saves each, Auditor ⇄ Senior Auditor)`,
    '',
    "Without etags (Graph's profile API, the emulator's default) a save reads the current version and merges before it writes; with them (our strict option) it is one PATCH with If-Match.",
    '',
  );
  const series = modes.flatMap((mode) => [
    { mode: mode.mode, saves: mode.save0 },
    { mode: mode.mode, saves: mode.saveL },
  ]);
  const saveRow = (label: string, pick: (saves: SaveSeries) => string | number) => [
    label,
    ...series.map((column) => pick(column.saves)),
  ];
  const med = (saves: SaveSeries, pick: (save: SaveRun) => number | undefined) =>
    ms(summarize(saves.saves.map((save) => pick(save) ?? Number.NaN)).median);
  out.push(
    table(
      [
        '',
        ...series.map(
          (column) =>
            `${column.mode === 'none' ? 'no etags' : 'strict etags'}, ${column.saves.latencyMs === 0 ? 'no added latency' : `+${L} ms`}`,
        ),
      ],
      [
        saveRow(
          '**click → "All changes saved." painted, median (ms)**',
          (s) => `**${ms(s.roundTrip.median)}**`,
        ),
        saveRow('min – max (ms)', (s) => `${ms(s.roundTrip.min)} – ${ms(s.roundTrip.max)}`),
        saveRow('  click → first Graph request, median (ms)', (s) =>
          med(s, (save) => save.clickToRequestMs),
        ),
        saveRow('  Graph requests on the wire, median (ms)', (s) =>
          med(s, (save) => save.requestMs),
        ),
        saveRow('  last answer → painted, median (ms)', (s) =>
          med(s, (save) => save.responseToPaintMs),
        ),
        saveRow(
          '**Graph requests per save**',
          (s) => `**${distinct(s.saves.map((save) => save.graphRequests))}**`,
        ),
        saveRow(
          '**sequential round trips (preflights counted)**',
          (s) => `**${distinct(s.saves.map((save) => save.roundTrips))}**`,
        ),
        saveRow('  CORS preflights (OPTIONS)', (s) =>
          distinct(s.saves.map((save) => save.preflights)),
        ),
        saveRow('  in the page: click → first request + last answer → painted, median (ms)', (s) =>
          med(s, (save) =>
            save.requestMs === undefined ? undefined : save.roundTripMs - save.requestMs,
          ),
        ),
        saveRow('  GETs before the PATCH', (s) =>
          distinct(s.saves.map((save) => save.graphGetsBeforePatch)),
        ),
        saveRow('  PATCH requests', (s) => distinct(s.saves.map((save) => save.patchCount))),
        saveRow('  GETs after the PATCH', (s) =>
          distinct(s.saves.map((save) => save.graphGetsAfterPatch)),
        ),
        saveRow('token-endpoint calls', (s) => distinct(s.saves.map((save) => save.tokenCalls))),
        saveRow('PATCH body (bytes)', (s) =>
          distinct(s.saves.map((save) => save.patchBodyBytes ?? Number.NaN)),
        ),
        saveRow('requests after the click (first save)', (s) =>
          s.saves[0].calls.map((call) => describeCall(call)).join('; '),
        ),
      ],
    ),
    '',
  );
  const firstSave = modes[0].save0.saves[0];
  out.push(
    `PATCH body ${firstSave.patchBodyBytes ?? '–'} B (top-level keys: ${Object.keys((firstSave.patchBody as object | undefined) ?? {}).join(', ') || '–'}) vs the whole position as GET returns it ${wholeBytes ?? '–'} B` +
      (firstSave.patchBodyBytes && wholeBytes
        ? ` (${Math.round((100 * firstSave.patchBodyBytes) / wholeBytes)} %).`
        : '.'),
  );
  for (const mode of modes) {
    const saves = savesOf(mode);
    const inPage = summarize(
      saves.map((save) =>
        save.requestMs === undefined ? Number.NaN : save.roundTripMs - save.requestMs,
      ),
    ).median;
    const trips = Math.max(...saves.map((save) => save.roundTrips));
    const wanted = mode.mode === 'none' ? 2 : 1;
    out.push(
      `${trips <= wanted && inPage <= 50 ? 'GOAL MET' : 'GOAL MISSED'}: a save (${mode.mode === 'none' ? 'no etags' : 'strict etags'}) within ${wanted} round trip(s) plus 50 ms: ` +
        `${trips} round trip(s) on the wire at most (preflights counted), ${ms(inPage)} ms in the page (click → first request, last answer → painted, median). ` +
        "(The emulator's added latency delays requests, not preflights: on a real network each preflight costs a round trip too.)",
    );
  }
  for (const mode of modes)
    out.push(
      `Implied sequential round trips of a save, ${mode.mode === 'none' ? 'no etags' : 'strict etags'}: (${ms(mode.saveL.roundTrip.median)} − ${ms(mode.save0.roundTrip.median)}) / ${L} ≈ **${impliedSaveTrips(mode)}**.`,
    );
  out.push('');

  out.push(
    `## Input latency: ${keys.samples.length} key presses in Job title (${keys.positionsShown} positions listed; ${filled.created} created for this)`,
    '',
  );
  out.push(
    'Measured in the page: a capturing keydown listener, keydown `event.timeStamp` → `requestAnimationFrame` → `setTimeout(0)`, i.e. to the next paint. ' +
      `x and Backspace alternate, each press waits for the previous sample; ${keys.warmup} warm-up presses first. ` +
      'Event Timing (duration to presentation, 16 ms floor, 8 ms steps) is shown beside it as a cross-check.',
    '',
  );
  out.push(
    table(
      ['', 'keydown → next paint (ms)', 'Event Timing keydown duration (ms)'],
      [
        ['**median**', `**${ms(keySummary.median)}**`, ms(eventSummary.median)],
        ['**95th percentile**', `**${ms(keySummary.p95)}**`, ms(eventSummary.p95)],
        ['max', ms(keySummary.max), ms(eventSummary.max)],
        ['min', ms(keySummary.min), ms(eventSummary.min)],
        [
          'samples',
          keys.samples.length,
          `${keys.eventTiming.keydownEntries} of ${keys.samples.length} (the rest under 16 ms)${keys.eventTiming.supported ? '' : ' — not supported'}`,
        ],
      ],
    ),
    '',
  );
  out.push(
    `The list with ${keys.positionsShown} positions (one fresh load): mark at ${ms(keys.listLoadMs)} ms.`,
    '',
  );

  out.push(...input.extras.lines);
  out.push('## Verdict', '');
  for (const expectation of expectations)
    out.push(`- ${expectation.ok ? 'PASS' : 'FAIL'}: ${expectation.name} (${expectation.detail})`);
  out.push(
    '',
    `${ok ? 'PASS' : 'FAIL'}: exactly one PATCH ${expectations[0].ok ? 'yes' : 'NO'}, no GET after save ${expectations[1].ok ? 'yes' : 'NO'}, ` +
      `one read first only without etags ${expectations[2].ok ? 'yes' : 'NO'}, ` +
      `no token call with cached token ${expectations[3].ok ? 'yes' : 'NO'}. Whole run ${(totalMs / 1000).toFixed(1)} s.`,
  );
  console.log(out.join('\n'));

  const json = {
    date: new Date().toISOString(),
    command,
    node: process.version,
    chromium: input.chromiumVersion,
    chromiumExecutable: SYSTEM_CHROMIUM ?? 'playwright',
    playwright: playwrightVersion(),
    machine,
    options,
    buildMs: round(input.buildMs),
    sizes,
    load: {
      noLatency: loadJson(load0),
      withLatency: loadJson(loadL),
      impliedSequentialGraphRoundTrips: impliedLoadTrips,
      impliedSequentialGraphRoundTripsFromFirstGraphRequest: impliedGraphPhaseTrips,
      idpCallsBeforeFirstGraphRequest: idpFirst,
    },
    save: {
      wholePositionBytes: wholeBytes,
      ...Object.fromEntries(
        modes.map((mode) => [
          mode.mode === 'none' ? 'withoutEtags' : 'strictEtags',
          {
            noLatency: saveJson(mode.save0),
            withLatency: saveJson(mode.saveL),
            impliedSequentialRoundTrips: impliedSaveTrips(mode),
          },
        ]),
      ),
    },
    input: {
      method:
        'capturing keydown listener in the page: event.timeStamp → requestAnimationFrame → setTimeout(0)',
      keys: keys.samples.length,
      warmup: keys.warmup,
      positionsListed: keys.positionsShown,
      positionsCreated: filled.created,
      ms: rounded(keySummary, 2),
      samplesMs: keys.samples.map((value) => round(value, 2)),
      eventTiming: { ...keys.eventTiming, summary: rounded(eventSummary) },
      listLoadMs: round(keys.listLoadMs),
      tokenCalls: keys.tokenCalls,
    },
    ...input.extras.json,
    expectations,
    ok,
    durationMs: round(totalMs, 0),
  };
  const folder = join(ROOT, 'bench-results');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'bench.json'), `${JSON.stringify(json, null, 2)}\n`);
  console.log('\nFigures written to bench-results/bench.json.');
  return { ok };
}

// ------------------------------------------------------------------ entry

let exitCode: number;
try {
  exitCode = await main(parseOptions());
} catch (error) {
  console.error(`\nThe benchmark failed: ${(error as Error).stack ?? String(error)}`);
  if (server) console.error(`\nLast output of vite preview:\n${server.output().slice(-3_000)}`);
  exitCode = 2;
} finally {
  await cleanup();
}
process.exit(exitCode);
