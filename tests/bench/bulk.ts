/**
 * The bulk section of `npm run bench` (`npm run bench -- --only bulk` runs it alone): the
 * Organisation area on a generated directory of 10,000 people, with Graph's rate limit on
 * (the emulator's default, 300 at once and 30 a second, per application and tenant).
 *
 * 1. Its own `vite preview` of the benchmark's build, with EMULATOR_DIRECTORY_SIZE=10000
 *    (seed 1) in a data folder of its own; Patti (Global Administrator) signs in once, the
 *    organisation has granted User.ReadWrite.All.
 * 2. Review: fresh contexts with her cached tokens, '/organisation' until the first rows of
 *    the table are painted, the first screen's positions shown, and the whole directory
 *    loaded (every page of 999); then, with all of it loaded, frame times while the grid
 *    scrolls (steadily, and jumping as a scrollbar drag does) and the heap after a garbage
 *    collection, against the same tab's heap on My profile before.
 * 3. A bulk change ("Set the office location") of 1,000 people's current positions, chosen
 *    in the table (a department by filter, the rest one by one from another), run through
 *    the UI: wall time, requests inside the batches, throttled answers, and Graph's accepted
 *    requests as a share of what the rate limit allowed in that time. Run without and with
 *    added latency per Graph request (the bucket refilled before each).
 * 4. The same change sent one request at a time (GET, then each PATCH, each waiting for the
 *    one before; a 429 waits its Retry-After), from Node with the page's token, for fewer
 *    people; extrapolated to 1,000 by the measured rate, capped by the rate limit.
 * 5. A CSV import of 1,000 rows (50 of them broken): file chosen → the rows checked and the
 *    preview painted, and the page's longest task meanwhile.
 *
 * Figures on stdout (Markdown) and in bench-results/bulk.json.
 */
import {
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { recordBatches, type BatchedCall } from '../e2e/support/batch-recorder';
import { EmulatorControls } from '../e2e/support/emulator-controls';
import { startLocalServer, type LocalServer } from '../e2e/support/local-server';
import { SignIn } from '../e2e/support/pages';
import { signedInContext, type SignedIn } from './browser';
import { ROOT } from './preview-server';
import { round, rounded, summarize, type Summary } from './stats';

export interface BulkOptions {
  browser: Browser;
  /** The production build to serve. */
  outDir: string;
  /** A folder of the benchmark's own (removed with it): the emulator's data goes in it. */
  tempRoot: string;
  /** Latency added to every Graph request for the runs "with latency". */
  latencyMs: number;
  directorySize?: number;
  people?: number;
  loadRuns?: number;
}

const RATE = { enabled: true, capacity: 300, refillPerSecond: 30 } as const;
const SEQUENTIAL_PEOPLE = { none: 200, latency: 30 } as const;
const IMPORT_ROWS = 1_000;
const IMPORT_BROKEN_EVERY = 20;

// ------------------------------------------------------------------ signing in

async function signInAsPatti(browser: Browser, server: LocalServer): Promise<SignedIn> {
  const origin = server.endpoints.origins.app;
  const context = await browser.newContext({ baseURL: origin, ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    await new SignIn(page).as('patti', { path: '/organisation' });
    // Her token for other people's profiles is in the cache once the table has loaded.
    await expect(page.getByRole('grid', { name: 'People in the directory' })).toBeVisible({
      timeout: 60_000,
    });
    const sessionStorage = await page.evaluate(() => Object.entries<string>(window.sessionStorage));
    return {
      storageState: await context.storageState(),
      sessionStorage,
      origin,
      endpoints: server.endpoints,
    };
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------ in the page

/**
 * Resolves with performance.now() in the page at the first frame where `when` gives a
 * time (a function, not a string: the page's CSP forbids eval; no named inner functions,
 * which tsx would wrap in a helper the page does not have).
 */
async function pageTimeWhen(
  page: Page,
  when: (arg: string) => number | false,
  arg = '',
  timeout = 120_000,
): Promise<number> {
  const handle = await page.waitForFunction(when, arg, { polling: 'raf', timeout });
  return (await handle.jsonValue()) as number;
}

const FIRST_ROW = () =>
  document.querySelector('[role=grid] [role=row][aria-rowindex="2"]') !== null
    ? performance.now()
    : false;
const FIRST_ROW_POSITIONS = () => {
  const cell = document.querySelectorAll(
    '[role=grid] [role=row][aria-rowindex="2"] [role=gridcell]',
  )[5] as Element | undefined;
  return cell !== undefined && cell.textContent !== '…' ? performance.now() : false;
};
/** The status once every page has come: "10,007 people." */
const ALL_LOADED = () =>
  [...document.querySelectorAll('[role=status]')].some((node) =>
    /^\d[\d,.\u00a0\u202f ]* (person|people)\.$/.test(node.textContent.trim()),
  )
    ? performance.now()
    : false;
/** The import's summary ("1000 rows: 950 ready, 50 with problems.") and its first rows painted. */
const IMPORT_CHECKED = () =>
  [...document.querySelectorAll('[role=status]')].some((node) =>
    /^\d+ rows?: \d+ ready, \d+ with problems\.$/.test(node.textContent.trim()),
  ) && document.querySelector('[aria-label="Rows ready to apply"] tbody tr') !== null
    ? performance.now()
    : false;

const directoryCount = async (page: Page): Promise<number> => {
  const text = await page
    .getByRole('status')
    .filter({ hasText: /^\d[\d,.\s]* (person|people)\.$/ })
    .first()
    .textContent();
  return Number((text ?? '').replace(/\D/g, ''));
};

/** Frame intervals (rAF to rAF) while the grid scrolls `frames` times, steadily or jumping. */
const SCROLL_SCRIPT = `async ({ frames, step, jump }) => {
  const grid = document.querySelector('[role=grid]');
  const intervals = [];
  const longTasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  await new Promise((resolve) => {
    let last;
    let count = 0;
    const tick = (time) => {
      if (last !== undefined) intervals.push(time - last);
      last = time;
      const max = grid.scrollHeight - grid.clientHeight;
      grid.scrollTop = jump ? random() * max : (grid.scrollTop + step) % max;
      count += 1;
      if (count > frames) resolve();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  observer.disconnect();
  const rows = document.querySelectorAll('[role=grid] [role=row]').length;
  return { intervals, longTasks, rows };
}`;

interface ScrollRun {
  frames: Summary;
  /** Frames longer than 1.5 × the median (a frame missed). */
  slowFrames: number;
  longTasks: number;
  longestTaskMs: number;
  rowsInPage: number;
}

async function scroll(page: Page, jump: boolean, frames = 300): Promise<ScrollRun> {
  const result = await page.evaluate<{ intervals: number[]; longTasks: number[]; rows: number }>(
    `(${SCROLL_SCRIPT})(${JSON.stringify({ frames, step: 120, jump })})`,
  );
  const summary = summarize(result.intervals);
  return {
    frames: rounded(summary, 2),
    slowFrames: result.intervals.filter((value) => value > summary.median * 1.5).length,
    longTasks: result.longTasks.length,
    longestTaskMs: round(Math.max(0, ...result.longTasks)),
    rowsInPage: result.rows,
  };
}

/** The page's JavaScript heap after a full garbage collection, in bytes. */
async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

// ------------------------------------------------------------------ review

interface ReviewRun {
  firstRowsMs: number;
  firstPositionsMs: number;
  allLoadedMs: number;
  people: number;
}

async function reviewOnce(browser: Browser, signedIn: SignedIn): Promise<ReviewRun> {
  const context = await signedInContext(browser, signedIn);
  try {
    const page = await context.newPage();
    await page.goto('/organisation');
    const firstRowsMs = await pageTimeWhen(page, FIRST_ROW);
    const firstPositionsMs = await pageTimeWhen(page, FIRST_ROW_POSITIONS);
    const allLoadedMs = await pageTimeWhen(page, ALL_LOADED);
    return { firstRowsMs, firstPositionsMs, allLoadedMs, people: await directoryCount(page) };
  } finally {
    await context.close();
  }
}

interface WholeDirectory {
  heapBeforeBytes: number;
  heapAfterBytes: number;
  steady: ScrollRun;
  jumping: ScrollRun;
}

async function wholeDirectory(browser: Browser, signedIn: SignedIn): Promise<WholeDirectory> {
  const context = await signedInContext(browser, signedIn);
  try {
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const heapBeforeBytes = await heapAfterGc(context, page);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Organisation' })
      .click();
    await pageTimeWhen(page, ALL_LOADED);
    await pageTimeWhen(page, FIRST_ROW_POSITIONS);
    const heapAfterBytes = await heapAfterGc(context, page);
    const steady = await scroll(page, false);
    const jumping = await scroll(page, true);
    return { heapBeforeBytes, heapAfterBytes, steady, jumping };
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------ bulk change through the UI

/**
 * Departments in the order to select them: whole ones while they fit (largest first), then
 * the rest, the first of which gives what is still missing one row at a time.
 */
function selectionPlan(departments: { name: string; people: number }[], wanted: number): string[] {
  const whole: string[] = [];
  let remaining = wanted;
  for (const department of departments)
    if (department.people <= remaining) {
      whole.push(department.name);
      remaining -= department.people;
    }
  const rest = departments
    .filter((department) => !whole.includes(department.name))
    .sort((a, b) => a.people - b.people)
    .map((department) => department.name);
  return [...whole, ...rest];
}

/** The table's selection up to `wanted`: whole departments, then the first rows of another. */
async function selectPeople(page: Page, wanted: number, departments: string[]): Promise<string[]> {
  const filters = page.getByRole('form', { name: 'Filters' });
  const used: string[] = [];
  let selected = 0;
  for (const department of departments) {
    await filters.getByLabel('Department').fill(department);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await pageTimeWhen(page, ALL_LOADED);
    const shown = await directoryCount(page);
    used.push(
      `${department} (${selected + shown <= wanted ? 'all' : wanted - selected} of ${shown})`,
    );
    if (selected + shown <= wanted) {
      await page.getByRole('button', { name: 'Select all shown' }).click();
      selected += shown;
    } else {
      const grid = page.getByRole('grid', { name: 'People in the directory' });
      await grid.focus();
      await page.keyboard.press('Home');
      for (; selected < wanted; selected += 1) {
        await page.keyboard.press('Space');
        await page.keyboard.press('ArrowDown');
      }
    }
    if (selected >= wanted) break;
  }
  await expect(
    page.getByText(`${new Intl.NumberFormat('en-US').format(wanted)} people selected`),
  ).toBeVisible();
  return used;
}

interface BulkRun {
  latencyMs: number;
  people: number;
  wallMs: number;
  batches: number;
  requests: number;
  reads: number;
  writes: number;
  accepted: number;
  throttled: number;
  otherFailures: number;
  /** Accepted ÷ (capacity + refill × wall time): what the rate limit allowed, used. */
  shareOfLimit: number;
  /** After the bucket's first burst: accepted per second ÷ the refill rate. */
  steadyShareOfRefill: number;
  reportCounts: Record<string, number>;
  storedOnce: boolean;
  stored: number;
}

async function bulkRun(
  page: Page,
  controls: EmulatorControls,
  server: LocalServer,
  people: number,
  latencyMs: number,
  value: string,
): Promise<{ run: BulkRun; bearer?: string }> {
  await page
    .getByRole('link', { name: 'Change selected…' })
    .click()
    .catch(async (error: unknown) => {
      const said = await page.locator('body').innerText();
      throw new Error(`No way to the change: ${said.slice(0, 1_500)}`, { cause: error });
    });
  await page.getByLabel('What to change').selectOption({ label: 'Set the office location' });
  await page.getByLabel('Office location').fill(value);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('group', { name: /^PATCH body for / }).first()).toBeVisible({
    timeout: 60_000,
  });
  await controls.setFaults({ latencyMs });
  // A change of settings fills every bucket: the run starts with the whole allowance.
  await controls.setRateLimit(RATE);
  const record = recordBatches(page);
  const started = Date.now();
  await page.getByRole('button', { name: `Run the change for ${people} people` }).click();
  await expect(page.getByText(/^Finished in /)).toBeVisible({ timeout: 15 * 60_000 });
  const wallMs = Date.now() - started;
  await controls.setFaults({ latencyMs: 0 });
  // Answers of the last batches are parsed asynchronously.
  await expect
    .poll(() => record.calls.every((call) => call.status !== undefined || call.unanswered))
    .toBe(true);
  const reportCounts = Object.fromEntries(
    await Promise.all(
      ['Done', 'Failed', 'Skipped'].map(async (label) => {
        const text = await page
          .getByRole('list', { name: 'Counts' })
          .getByRole('listitem')
          .filter({ hasText: new RegExp(`^${label}:`) })
          .textContent();
        return [label, Number((text ?? '').replace(/\D/g, ''))] as const;
      }),
    ),
  );
  const ok = (call: BatchedCall) => call.status !== undefined && call.status < 400;
  const accepted = record.calls.filter((call) => call.status !== 429).length;
  const throttled = record.calls.filter((call) => call.status === 429).length;
  const wallSeconds = wallMs / 1000;
  const allowed = RATE.capacity + RATE.refillPerSecond * wallSeconds;
  const patched = record.calls.filter((call) => call.method === 'PATCH' && ok(call));
  const patchedIds = patched.map((call) => call.url);
  const stored = storedWithOffice(server, value);
  return {
    bearer: record.bearer,
    run: {
      latencyMs,
      people,
      wallMs: round(wallMs, 0),
      batches: record.batches,
      requests: record.calls.length,
      reads: record.calls.filter((call) => call.method === 'GET').length,
      writes: record.calls.filter((call) => call.method === 'PATCH').length,
      accepted,
      throttled,
      otherFailures: record.calls.filter((call) => call.status !== 429 && !ok(call)).length,
      shareOfLimit: round(accepted / allowed, 3),
      steadyShareOfRefill: round(
        Math.max(0, accepted - RATE.capacity) / wallSeconds / RATE.refillPerSecond,
        3,
      ),
      reportCounts,
      storedOnce: new Set(patchedIds).size === patchedIds.length && stored === patched.length,
      stored,
    },
  };
}

/** How many stored positions have `value` as their office location (the emulator's SQLite, read-only). */
function storedWithOffice(server: LocalServer, value: string): number {
  const db = new Database(join(server.dataDir, 'emulator.sqlite'), { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT count(*) AS n FROM positions WHERE json_extract(body, '$.detail.company.officeLocation') = ?`,
      )
      .get(value) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** Departments by size, largest first, as stored. */
function departmentsBySize(server: LocalServer): { name: string; people: number }[] {
  const db = new Database(join(server.dataDir, 'emulator.sqlite'), { readonly: true });
  try {
    return (
      db
        .prepare(
          `SELECT json_extract(body, '$.department') AS name, count(*) AS people FROM users
           WHERE json_extract(body, '$.department') IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`,
        )
        .all() as { name: string; people: number }[]
    ).filter((row) => row.name.trim() !== '');
  } finally {
    db.close();
  }
}

// ------------------------------------------------------------------ one request at a time

interface SequentialRun {
  latencyMs: number;
  people: number;
  wallMs: number;
  requests: number;
  throttled: number;
  requestsPerPerson: number;
  /** Accepted requests a second. */
  rate: number;
  /** The same change of `target` people at this pace (and never above the rate limit). */
  extrapolatedMs: number;
}

/** A person's positions, then a PATCH of each current one, each request after the one before. */
async function sequentialRun(
  api: APIRequestContext,
  controls: EmulatorControls,
  server: LocalServer,
  bearer: string,
  userIds: string[],
  latencyMs: number,
  value: string,
  target: number,
): Promise<SequentialRun> {
  const headers = { Authorization: `Bearer ${bearer}` };
  const graph = server.endpoints.graphBaseUrl;
  let requests = 0;
  let throttled = 0;
  const send = async (
    call: () => ReturnType<APIRequestContext['get']>,
  ): Promise<Awaited<ReturnType<APIRequestContext['get']>>> => {
    for (;;) {
      requests += 1;
      const response = await call();
      if (response.status() !== 429) return response;
      throttled += 1;
      const wait = Number(response.headers()['retry-after'] ?? '1');
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
    }
  };
  await controls.setFaults({ latencyMs });
  await controls.setRateLimit(RATE);
  const started = Date.now();
  try {
    for (const userId of userIds) {
      const list = await send(() =>
        api.get(`${graph}/users/${userId}/profile/positions`, { headers }),
      );
      if (!list.ok()) throw new Error(`GET positions answered ${list.status()}`);
      const positions = (
        (await list.json()) as {
          value: { id: string; isCurrent?: boolean; detail?: Record<string, unknown> | null }[];
        }
      ).value;
      for (const position of positions.filter((candidate) => candidate.isCurrent === true)) {
        const detail = position.detail ?? {};
        const company = (detail.company as Record<string, unknown> | null | undefined) ?? {};
        if (company.officeLocation === value || typeof detail.jobTitle !== 'string') continue;
        const patch = await send(() =>
          api.patch(`${graph}/users/${userId}/profile/positions/${position.id}`, {
            headers,
            data: { detail: { ...detail, company: { ...company, officeLocation: value } } },
          }),
        );
        if (!patch.ok()) throw new Error(`PATCH answered ${patch.status()}`);
      }
    }
  } finally {
    await controls.setFaults({ latencyMs: 0 });
  }
  const wallMs = Date.now() - started;
  const accepted = requests - throttled;
  const rate = accepted / (wallMs / 1000);
  const perPerson = accepted / userIds.length;
  // At this pace, or at the rate limit once the first burst is spent, whichever is slower.
  const needed = perPerson * target;
  const atPace = needed / rate;
  const atLimit = Math.max(0, needed - RATE.capacity) / RATE.refillPerSecond;
  return {
    latencyMs,
    people: userIds.length,
    wallMs: round(wallMs, 0),
    requests,
    throttled,
    requestsPerPerson: round(perPerson, 2),
    rate: round(rate, 1),
    extrapolatedMs: round(Math.max(atPace, atLimit) * 1000, 0),
  };
}

/** `count` people of the directory (by id: a spread of departments and companies). */
function somePeople(server: LocalServer, count: number): string[] {
  const db = new Database(join(server.dataDir, 'emulator.sqlite'), { readonly: true });
  try {
    return (
      db.prepare(`SELECT id FROM users ORDER BY id LIMIT ?`).all(count) as { id: string }[]
    ).map((row) => row.id);
  } finally {
    db.close();
  }
}

// ------------------------------------------------------------------ CSV import

/** 1,000 rows in the export's shape (a subset of its columns), every twentieth broken. */
function importCsv(server: LocalServer): { csv: string; broken: number } {
  const db = new Database(join(server.dataDir, 'emulator.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT p.id, p.user_id AS userId, u.upn, p.body FROM positions p JOIN users u ON u.id = p.user_id
         WHERE json_extract(p.body, '$.detail.jobTitle') IS NOT NULL ORDER BY p.id LIMIT ?`,
      )
      .all(IMPORT_ROWS) as { id: string; userId: string; upn: string; body: string }[];
    const quote = (text: string | null | undefined) =>
      text === null || text === undefined ? '' : `"${text.replace(/"/g, '""')}"`;
    let broken = 0;
    const lines = rows.map((row, index) => {
      const body = JSON.parse(row.body) as {
        isCurrent?: boolean;
        detail?: {
          jobTitle?: string;
          startMonthYear?: string;
          endMonthYear?: string;
          company?: { displayName?: string | null; department?: string | null } | null;
        };
      };
      const isBroken = index % IMPORT_BROKEN_EVERY === IMPORT_BROKEN_EVERY - 1;
      if (isBroken) broken += 1;
      return [
        row.userId,
        row.upn,
        row.id,
        body.isCurrent === true ? 'true' : 'false',
        quote(body.detail?.jobTitle),
        quote(body.detail?.company?.displayName),
        // A department too long for the form's rule, and a month that does not exist.
        quote(isBroken ? 'x'.repeat(65) : `${body.detail?.company?.department ?? 'Sales'} (moved)`),
        isBroken ? '2015-13' : (body.detail?.startMonthYear ?? ''),
        body.detail?.endMonthYear ?? '',
      ].join(',');
    });
    const header =
      'userId,userPrincipalName,positionId,isCurrent,detail.jobTitle,detail.company.displayName,detail.company.department,detail.startMonthYear,detail.endMonthYear';
    return { csv: [header, ...lines].join('\r\n'), broken };
  } finally {
    db.close();
  }
}

/** The listed problems, each row's words with the line and the values taken out, counted. */
async function problemKinds(page: Page): Promise<[string, number][]> {
  const items = await page
    .getByRole('list', { name: 'Rows with problems' })
    .getByRole('listitem')
    .allTextContents();
  const kinds = new Map<string, number>();
  for (const item of items)
    for (const problem of item.replace(/^Line \d+( \([^)]*\))?: /, '').split(/(?<=\.) /)) {
      const kind = problem.replace(/“[^”]*”|"[^"]*"|\d+/g, '…').trim();
      if (kind) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  return [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 6);
}

interface ImportRun {
  rows: number;
  broken: number;
  /** What the page said: "1000 rows: 950 ready, 50 with problems." */
  summary: string;
  /** It found every broken row. */
  ok: boolean;
  /** The problems listed, by kind (the first 200 rows with problems), most frequent first. */
  problems: [string, number][];
  checkedAndPreviewedMs: number;
  longestTaskMs: number;
  longTasks: number;
  requestsSent: number;
}

async function importOnce(
  browser: Browser,
  signedIn: SignedIn,
  csv: string,
  broken: number,
): Promise<ImportRun> {
  const context = await signedInContext(browser, signedIn);
  try {
    const page = await context.newPage();
    let graphRequests = 0;
    await page.goto('/organisation/import');
    await expect(page.getByRole('heading', { name: 'Import positions' })).toBeVisible({
      timeout: 30_000,
    });
    await page.evaluate(`(() => {
      window.__benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__benchLongTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
      document.querySelector('input[type=file]').addEventListener('change', (event) => {
        window.__benchImportStart = event.timeStamp;
      });
    })()`);
    page.on('request', (request) => {
      if (request.url().startsWith(signedIn.endpoints.graphBaseUrl)) graphRequests += 1;
    });
    await page.getByLabel('CSV file').setInputFiles({
      name: 'positions.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    const done = await pageTimeWhen(page, IMPORT_CHECKED).catch(async (error: unknown) => {
      const said = await page.locator('main').innerText();
      throw new Error(`The import did not finish checking: ${said.slice(0, 1_500)}`, {
        cause: error,
      });
    });
    const summary = await page
      .getByRole('status')
      .filter({ hasText: / with problems\.$/ })
      .textContent();
    const [rows, ready, withProblems] = (summary ?? '').match(/\d+/g)?.map(Number) ?? [];
    const { start, longTasks } = await page.evaluate<{ start: number; longTasks: number[] }>(
      '({ start: window.__benchImportStart, longTasks: window.__benchLongTasks })',
    );
    return {
      rows: IMPORT_ROWS,
      broken,
      summary: summary ?? '',
      // Every row broken on purpose, and whatever else of the real data the form's rules refuse.
      ok: rows === IMPORT_ROWS && withProblems >= broken && ready + withProblems === rows,
      problems: await problemKinds(page),
      checkedAndPreviewedMs: round(done - start),
      longestTaskMs: round(Math.max(0, ...longTasks)),
      longTasks: longTasks.length,
      requestsSent: graphRequests,
    };
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------ the section

export async function bulkSection(options: BulkOptions): Promise<{ ok: boolean }> {
  const started = performance.now();
  const loadAtStart = loadavg();
  const size = options.directorySize ?? 10_000;
  const target = options.people ?? 1_000;
  const runs = options.loadRuns ?? 3;
  const dataDir = join(options.tempRoot, 'bulk-data');
  mkdirSync(dataDir, { recursive: true });
  console.log(
    `Bulk: vite preview with a generated directory of ${size} people (seed 1), the rate limit on…`,
  );
  const server = await startLocalServer({
    mode: 'preview',
    buildDir: options.outDir,
    dataDir,
    env: { EMULATOR_DIRECTORY_SIZE: String(size), EMULATOR_DIRECTORY_SEED: '1' },
    timeoutMs: 180_000,
  });
  const api = await playwrightRequest.newContext({
    baseURL: server.endpoints.origins.app,
    ignoreHTTPSErrors: true,
  });
  try {
    const controls = new EmulatorControls(api);
    await controls.setRateLimit(RATE);
    await controls.grantForOrganization(['User.ReadWrite.All']);
    console.log('  Patti signs in (once, through the UI)…');
    const signedIn = await signInAsPatti(options.browser, server);

    const reviews: ReviewRun[] = [];
    for (let index = 0; index < runs; index += 1) {
      await controls.setRateLimit(RATE);
      const review = await reviewOnce(options.browser, signedIn);
      reviews.push(review);
      console.log(
        `  review ${index + 1}/${runs}: first rows ${review.firstRowsMs.toFixed(0)} ms, their positions ${review.firstPositionsMs.toFixed(0)} ms, all ${review.people} people ${review.allLoadedMs.toFixed(0)} ms`,
      );
    }
    await controls.setRateLimit(RATE);
    const whole = await wholeDirectory(options.browser, signedIn);
    console.log(
      `  whole directory: heap ${(whole.heapBeforeBytes / 2 ** 20).toFixed(1)} → ${(whole.heapAfterBytes / 2 ** 20).toFixed(1)} MiB; scrolling frames median ${whole.steady.frames.median} ms, p95 ${whole.steady.frames.p95} ms (jumping: ${whole.jumping.frames.median} / ${whole.jumping.frames.p95} ms)`,
    );

    const { csv, broken } = importCsv(server);
    const imported = await importOnce(options.browser, signedIn, csv, broken);
    console.log(
      `  import of ${imported.rows} rows (${imported.broken} broken): checked and previewed in ${imported.checkedAndPreviewedMs} ms, longest task ${imported.longestTaskMs} ms`,
    );

    const departments = departmentsBySize(server);
    const context = await signedInContext(options.browser, signedIn);
    const bulkRuns: BulkRun[] = [];
    let bearer: string | undefined;
    let selection: string[] = [];
    try {
      const page = await context.newPage();
      await controls.setRateLimit(RATE);
      await page.goto('/organisation');
      await pageTimeWhen(page, ALL_LOADED);
      for (const latencyMs of [0, options.latencyMs]) {
        // A job that starts clears the selection: the same people are chosen again.
        selection = await selectPeople(page, target, selectionPlan(departments, target));
        console.log(`  selected ${target} people: ${selection.join(', ')}`);
        const value = `Bench office ${latencyMs === 0 ? 'A' : 'B'} ${new Date().toISOString()}`;
        const result = await bulkRun(page, controls, server, target, latencyMs, value);
        bearer = result.bearer ?? bearer;
        bulkRuns.push(result.run);
        console.log(
          `  bulk change, +${latencyMs} ms: ${(result.run.wallMs / 1000).toFixed(1)} s, ${result.run.requests} requests in ${result.run.batches} batches, ${result.run.throttled} throttled, ${(result.run.shareOfLimit * 100).toFixed(1)} % of the limit`,
        );
        await page.getByRole('link', { name: 'Back to Organisation' }).click();
        await pageTimeWhen(page, ALL_LOADED);
        await page.getByRole('button', { name: 'Clear', exact: true }).click();
      }
    } finally {
      await context.close();
    }

    if (!bearer) throw new Error('The bulk runs sent no batch with a bearer token.');
    const sequential: SequentialRun[] = [];
    for (const [latencyMs, count] of [
      [0, SEQUENTIAL_PEOPLE.none],
      [options.latencyMs, SEQUENTIAL_PEOPLE.latency],
    ] as const) {
      const ids = somePeople(server, count);
      const run = await sequentialRun(
        api,
        new EmulatorControls(api),
        server,
        bearer,
        ids,
        latencyMs,
        `Bench office S${latencyMs} ${new Date().toISOString()}`,
        target,
      );
      sequential.push(run);
      console.log(
        `  one request at a time, +${latencyMs} ms, ${run.people} people: ${(run.wallMs / 1000).toFixed(1)} s, ${run.requests} requests, ${run.throttled} throttled, ${run.rate} accepted/s → ${target} people ≈ ${(run.extrapolatedMs / 1000).toFixed(0)} s`,
      );
    }

    return report({
      size,
      target,
      reviews,
      whole,
      imported,
      bulkRuns,
      sequential,
      selection,
      latencyMs: options.latencyMs,
      loadAtStart,
      totalMs: performance.now() - started,
    });
  } finally {
    await api.dispose();
    await server.stop();
  }
}

// ------------------------------------------------------------------ report

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

function table(header: string[], rows: (string | number)[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function report(input: {
  size: number;
  target: number;
  reviews: ReviewRun[];
  whole: WholeDirectory;
  imported: ImportRun;
  bulkRuns: BulkRun[];
  sequential: SequentialRun[];
  selection: string[];
  latencyMs: number;
  loadAtStart: number[];
  totalMs: number;
}): { ok: boolean } {
  const { reviews, whole, imported, bulkRuns, sequential } = input;
  const firstRows = summarize(reviews.map((run) => run.firstRowsMs));
  const firstPositions = summarize(reviews.map((run) => run.firstPositionsMs));
  const allLoaded = summarize(reviews.map((run) => run.allLoadedMs));
  const expectations = [
    {
      name: 'bulk throughput at least 90 % of the rate limit (without added latency)',
      ok: (bulkRuns[0]?.shareOfLimit ?? 0) >= 0.9,
      detail: bulkRuns
        .map((run) => `+${run.latencyMs} ms: ${percent(run.shareOfLimit)}`)
        .join(', '),
    },
    {
      name: 'every change stored, each by exactly one successful PATCH',
      ok: bulkRuns.every((run) => run.storedOnce && run.otherFailures === 0),
      detail: bulkRuns
        .map((run) => `${run.stored} stored, ${run.otherFailures} failed requests`)
        .join('; '),
    },
    {
      name: 'the import finds every broken row',
      ok: imported.ok,
      detail: imported.summary,
    },
    {
      name: 'the table stays virtualised (fewer than 100 rows in the page)',
      ok: whole.steady.rowsInPage < 100,
      detail: `${whole.steady.rowsInPage} rows in the page`,
    },
  ];
  const ok = expectations.every((expectation) => expectation.ok);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}, load average ${round(input.loadAtStart[0], 2)} at start, ${round(loadavg()[0], 2)} at the end`;
  const out: string[] = [
    '',
    `## Bulk: the Organisation area on ${reviews[0]?.people ?? input.size} people (${input.size} generated, seed 1), rate limit ${RATE.capacity} at once + ${RATE.refillPerSecond}/s`,
    '',
    `${new Date().toISOString()}; ${machine}. Patti (Global Administrator), cached tokens, fresh context per load.`,
    '',
    table(
      ['Review', 'median', 'min – max'],
      [
        [
          `first rows of the table painted (${reviews.length} loads, ms from navigation)`,
          firstRows.median.toFixed(0),
          `${firstRows.min.toFixed(0)} – ${firstRows.max.toFixed(0)}`,
        ],
        [
          'their positions shown (first screen complete)',
          firstPositions.median.toFixed(0),
          `${firstPositions.min.toFixed(0)} – ${firstPositions.max.toFixed(0)}`,
        ],
        [
          'whole directory loaded (pages of 999)',
          allLoaded.median.toFixed(0),
          `${allLoaded.min.toFixed(0)} – ${allLoaded.max.toFixed(0)}`,
        ],
      ],
    ),
    '',
    table(
      [
        'Scrolling, whole directory loaded (300 frames)',
        'steady (120 px a frame)',
        'jumping (random)',
      ],
      [
        ['frame time median (ms)', whole.steady.frames.median, whole.jumping.frames.median],
        ['frame time 95th percentile (ms)', whole.steady.frames.p95, whole.jumping.frames.p95],
        ['frame time max (ms)', whole.steady.frames.max, whole.jumping.frames.max],
        ['frames over 1.5 × median', whole.steady.slowFrames, whole.jumping.slowFrames],
        [
          'long tasks (longest, ms)',
          `${whole.steady.longTasks} (${whole.steady.longestTaskMs})`,
          `${whole.jumping.longTasks} (${whole.jumping.longestTaskMs})`,
        ],
        ['rows in the page', whole.steady.rowsInPage, whole.jumping.rowsInPage],
      ],
    ),
    '',
    `Heap after a garbage collection: ${mib(whole.heapBeforeBytes)} on My profile, ${mib(whole.heapAfterBytes)} with the whole directory loaded in the table (+${mib(whole.heapAfterBytes - whole.heapBeforeBytes)}).`,
    '',
    `Bulk change "Set the office location" of ${input.target} people's current positions (${input.selection.join(', ')}), through the UI:`,
    '',
    table(
      ['', ...bulkRuns.map((run) => `batched, +${run.latencyMs} ms per Graph request`)],
      [
        [
          '**wall time (click → finished)**',
          ...bulkRuns.map((run) => `**${seconds(run.wallMs)}**`),
        ],
        [
          'requests inside batches (GET / PATCH)',
          ...bulkRuns.map((run) => `${run.requests} (${run.reads} / ${run.writes})`),
        ],
        ['batches', ...bulkRuns.map((run) => run.batches)],
        ['throttled answers (429)', ...bulkRuns.map((run) => run.throttled)],
        ['other failed requests', ...bulkRuns.map((run) => run.otherFailures)],
        [
          `**accepted ÷ what the limit allowed (${RATE.capacity} + ${RATE.refillPerSecond} × wall time)**`,
          ...bulkRuns.map((run) => `**${percent(run.shareOfLimit)}**`),
        ],
        [
          `after the first ${RATE.capacity}: accepted per second ÷ ${RATE.refillPerSecond}`,
          ...bulkRuns.map((run) => percent(run.steadyShareOfRefill)),
        ],
        [
          'report: done / failed / skipped',
          ...bulkRuns.map(
            (run) =>
              `${run.reportCounts.Done} / ${run.reportCounts.Failed} / ${run.reportCounts.Skipped}`,
          ),
        ],
        ['positions stored with the new value', ...bulkRuns.map((run) => run.stored)],
      ],
    ),
    '',
    "The same change one request at a time (a GET, then a PATCH per current position, each after the one before; a 429 waits its Retry-After), from Node with the page's token, on fewer people, extrapolated to " +
      `${input.target} by the measured pace and never faster than the rate limit allows:`,
    '',
    table(
      [
        'One request at a time',
        ...sequential.map((run) => `+${run.latencyMs} ms, ${run.people} people measured`),
      ],
      [
        ['wall time measured', ...sequential.map((run) => seconds(run.wallMs))],
        ['requests (429s)', ...sequential.map((run) => `${run.requests} (${run.throttled})`)],
        ['accepted requests a second', ...sequential.map((run) => run.rate)],
        [
          `**${input.target} people, extrapolated**`,
          ...sequential.map((run) => `**${seconds(run.extrapolatedMs)}**`),
        ],
        [
          'batched, measured (same added latency)',
          ...sequential.map((run) => {
            const batched = bulkRuns.find((candidate) => candidate.latencyMs === run.latencyMs);
            return batched ? seconds(batched.wallMs) : '–';
          }),
        ],
      ],
    ),
    '',
    `CSV import of ${imported.rows} rows (${imported.broken} broken on purpose): file chosen → every row checked and the preview painted in **${imported.checkedAndPreviewedMs} ms**; longest task meanwhile ${imported.longestTaskMs} ms (${imported.longTasks} long tasks); ${imported.requestsSent} Graph requests. The page said "${imported.summary}"; problems listed, by kind: ${imported.problems.map(([kind, n]) => `${kind} (${n})`).join('; ')}.`,
    '',
    ...expectations.map(
      (expectation) =>
        `- ${expectation.ok ? 'PASS' : 'FAIL'}: ${expectation.name} (${expectation.detail})`,
    ),
    '',
    `Bulk section: ${seconds(input.totalMs)}.`,
  ];
  console.log(out.join('\n'));
  const folder = join(ROOT, 'bench-results');
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'bulk.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        directory: { generated: input.size, people: reviews[0]?.people, seed: 1 },
        rateLimit: RATE,
        review: {
          runs: reviews,
          firstRowsMs: rounded(firstRows),
          firstPositionsMs: rounded(firstPositions),
          allLoadedMs: rounded(allLoaded),
        },
        wholeDirectory: whole,
        bulk: { people: input.target, selection: input.selection, runs: bulkRuns },
        oneRequestAtATime: sequential,
        import: imported,
        expectations,
        ok,
        durationMs: round(input.totalMs, 0),
      },
      null,
      2,
    )}\n`,
  );
  console.log('Figures written to bench-results/bulk.json.');
  return { ok };
}
