import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { build } from 'vite';
import type { SignedIn } from './browser';
import { loadOnce, type LoadRun } from './measure';
import { ROOT } from './preview-server';
import { round, rounded, summarize, type Summary } from './stats';

/** Where the floor page is served: a file of the app's build, so `vite preview` serves it as it is. */
export const FLOOR_PATH = '/floor/index.html';

/**
 * Builds the floor page (tests/bench/floor: the app's first-page libraries, no design
 * system) with Vite into `<appOutDir>/floor`, the same way the app is built (production,
 * es2022, React's plugin), and returns its JavaScript size (it has no lazy chunks).
 */
export async function buildFloor(
  appOutDir: string,
): Promise<{ ms: number; raw: number; gzip: number }> {
  const started = performance.now();
  const outDir = join(appOutDir, 'floor');
  await build({
    configFile: false,
    root: join(ROOT, 'tests', 'bench', 'floor'),
    base: '/floor/',
    // The floor has no runtime-config bundling to do (app-config.js is the app's, served as it is).
    logLevel: 'error',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2_000 },
  });
  const assets = join(outDir, 'assets');
  const js = readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(assets, file)));
  return {
    ms: performance.now() - started,
    raw: js.reduce((sum, bytes) => sum + bytes.length, 0),
    gzip: js.reduce((sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length, 0),
  };
}

// ------------------------------------------------------------------ the app against the floor

/** CPU speeds compared: full speed, and slowed as a mid-range phone. */
export const CPU_RATES = [1, 4] as const;

export interface FloorSeries {
  cpuThrottlingRate: number;
  app: LoadRun[];
  floor: LoadRun[];
  /** Per pair of runs (app run i / floor run i, loaded one after the other): app ÷ floor. */
  ratios: number[];
  ratio: Summary;
  appMs: Summary;
  floorMs: Summary;
  /** Long tasks before the mark, total per load. */
  appLongTasksMs: Summary;
  floorLongTasksMs: Summary;
}

/**
 * `runs` loads of the app and of the floor at each CPU rate, in pairs one right after
 * the other (which goes first alternates), so that drift in the machine's load falls on
 * both alike; one discarded warm-up pair per rate first.
 */
export async function compareWithFloor(
  browser: Browser,
  signedIn: SignedIn,
  runs: number,
): Promise<FloorSeries[]> {
  const results: FloorSeries[] = [];
  for (const rate of CPU_RATES) {
    const app: LoadRun[] = [];
    const floor: LoadRun[] = [];
    for (let index = -1; index < runs; index += 1) {
      const order = index % 2 === 0 ? (['app', 'floor'] as const) : (['floor', 'app'] as const);
      const pair: Partial<Record<'app' | 'floor', LoadRun>> = {};
      for (const page of order) {
        pair[page] = await loadOnce(browser, signedIn, {
          path: page === 'app' ? '/' : FLOOR_PATH,
          cpuThrottlingRate: rate,
        });
      }
      if (index < 0) continue;
      app.push(pair.app!);
      floor.push(pair.floor!);
      console.log(
        `  CPU ×${rate}, pair ${index + 1}/${runs}: app ${pair.app!.ms.toFixed(0)} ms, floor ${pair.floor!.ms.toFixed(0)} ms, ratio ${(pair.app!.ms / pair.floor!.ms).toFixed(2)} (long tasks ${pair.app!.longTasks.totalMs.toFixed(0)} / ${pair.floor!.longTasks.totalMs.toFixed(0)} ms)`,
      );
    }
    const ratios = app.map((run, index) => run.ms / floor[index].ms);
    results.push({
      cpuThrottlingRate: rate,
      app,
      floor,
      ratios,
      ratio: summarize(ratios),
      appMs: summarize(app.map((run) => run.ms)),
      floorMs: summarize(floor.map((run) => run.ms)),
      appLongTasksMs: summarize(app.map((run) => run.longTasks.totalMs)),
      floorLongTasksMs: summarize(floor.map((run) => run.longTasks.totalMs)),
    });
  }
  return results;
}

/** The goals of issue 13, as ratios of the floor measured in the same run. */
export const FLOOR_GOALS = { maxRatio: 1.3, maxLongTasksMs: 50, maxFirstPageGzipKb: 230 };

const two = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(2));
const one = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(1));

/** The report's section: the app's list painted as a ratio of the floor's, both CPU rates. */
export function floorReport(
  series: FloorSeries[],
  sizes: { appFirstPageGzip: number; floorGzip: number },
): { lines: string[]; json: unknown } {
  const lines: string[] = [
    '## The app against the floor (same run, same way)',
    '',
    'The floor (tests/bench/floor) is a page of our own with the same first-page libraries and no design system: MSAL from its cache, ' +
      'the one Graph call for the list (started before React renders), the list in plain HTML, the same mark. App and floor load in pairs, ' +
      "one right after the other, fresh context and cached tokens each; the ratio is taken per pair. CPU ×4 is Chromium's CPU throttling (Emulation.setCPUThrottlingRate).",
    '',
  ];
  const header = [
    '',
    ...series.map((s) =>
      s.cpuThrottlingRate === 1 ? 'full speed' : `CPU ×${s.cpuThrottlingRate}`,
    ),
  ];
  const row = (label: string, pick: (s: FloorSeries) => string) => [label, ...series.map(pick)];
  const table = [
    row('**list painted, app ÷ floor: median**', (s) => `**${two(s.ratio.median)}×**`),
    row('  min – max', (s) => `${two(s.ratio.min)} – ${two(s.ratio.max)}`),
    row('  IQR (q1 – q3)', (s) => `${two(s.ratio.iqr)} (${two(s.ratio.q1)} – ${two(s.ratio.q3)})`),
    row('  per pair', (s) => s.ratios.map((ratio) => ratio.toFixed(2)).join(', ')),
    row(
      'app: list painted, median (min – max) ms',
      (s) => `${one(s.appMs.median)} (${one(s.appMs.min)} – ${one(s.appMs.max)})`,
    ),
    row(
      'floor: list painted, median (min – max) ms',
      (s) => `${one(s.floorMs.median)} (${one(s.floorMs.min)} – ${one(s.floorMs.max)})`,
    ),
    row(
      'first Graph request started, median ms: app / floor',
      (s) =>
        `${one(summarize(s.app.map((run) => run.firstGraphStart ?? Number.NaN)).median)} / ${one(summarize(s.floor.map((run) => run.firstGraphStart ?? Number.NaN)).median)}`,
    ),
    row(
      'first Graph request → list painted, median ms: app / floor',
      (s) =>
        `${one(summarize(s.app.map((run) => run.ms - (run.firstGraphStart ?? Number.NaN))).median)} / ${one(summarize(s.floor.map((run) => run.ms - (run.firstGraphStart ?? Number.NaN))).median)}`,
    ),
    row(
      'app: long tasks before the mark, median (max) ms',
      (s) => `${one(s.appLongTasksMs.median)} (${one(s.appLongTasksMs.max)})`,
    ),
    row(
      'floor: long tasks before the mark, median (max) ms',
      (s) => `${one(s.floorLongTasksMs.median)} (${one(s.floorLongTasksMs.max)})`,
    ),
  ];
  lines.push(
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`,
    ...table.map((cells) => `| ${cells.join(' | ')} |`),
    '',
    `First-page JavaScript, gzip -9: app ${(sizes.appFirstPageGzip / 1000).toFixed(1)} kB, floor ${(sizes.floorGzip / 1000).toFixed(1)} kB (${two(sizes.appFirstPageGzip / sizes.floorGzip)}×).`,
    '',
  );
  const goals = [
    ...series.map((s) => ({
      ok: s.ratio.median <= FLOOR_GOALS.maxRatio,
      text: `list painted at most ${FLOOR_GOALS.maxRatio}× the floor at ${s.cpuThrottlingRate === 1 ? 'full speed' : `CPU ×${s.cpuThrottlingRate}`}: median ${two(s.ratio.median)}× (range ${two(s.ratio.min)} – ${two(s.ratio.max)})`,
    })),
    ...series.map((s) => ({
      ok: s.appLongTasksMs.median <= FLOOR_GOALS.maxLongTasksMs,
      text: `long tasks during load at most ${FLOOR_GOALS.maxLongTasksMs} ms in all at ${s.cpuThrottlingRate === 1 ? 'full speed' : `CPU ×${s.cpuThrottlingRate}`}: median ${one(s.appLongTasksMs.median)} ms (the floor's: ${one(s.floorLongTasksMs.median)} ms)`,
    })),
    {
      ok: sizes.appFirstPageGzip <= FLOOR_GOALS.maxFirstPageGzipKb * 1000,
      text: `first-page JavaScript at most ${FLOOR_GOALS.maxFirstPageGzipKb} kB gzip: ${(sizes.appFirstPageGzip / 1000).toFixed(1)} kB`,
    },
  ];
  for (const goal of goals) lines.push(`- ${goal.ok ? 'GOAL MET' : 'GOAL MISSED'}: ${goal.text}`);
  lines.push('');
  return {
    lines,
    json: {
      sizes,
      goals,
      series: series.map((s) => ({
        cpuThrottlingRate: s.cpuThrottlingRate,
        ratio: rounded(s.ratio, 3),
        ratios: s.ratios.map((ratio) => round(ratio, 3)),
        appMs: rounded(s.appMs),
        floorMs: rounded(s.floorMs),
        appLongTasksMs: rounded(s.appLongTasksMs),
        floorLongTasksMs: rounded(s.floorLongTasksMs),
        appRunsMs: s.app.map((run) => round(run.ms)),
        floorRunsMs: s.floor.map((run) => round(run.ms)),
      })),
    },
  };
}
