import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { PositionsPage } from '../e2e/support/pages';
import type { LocalEndpoints } from '../../emulator/endpoints.js';
import {
  describeCall,
  kindOf,
  LIST_PAINTED,
  readPageTimings,
  signedInContext,
  Wire,
  type PageTimings,
  type SignedIn,
  type WireCall,
} from './browser';

const PAGE_TIMEOUT_MS = 30_000;

/** What a reader needs of a request in the report (no Playwright objects). */
export interface CallRecord {
  method: string;
  path: string;
  kind: WireCall['kind'];
  frame: WireCall['frame'];
  status?: number;
  bodyBytes: number;
}

const record = (call: WireCall): CallRecord => ({
  method: call.method,
  path: call.path,
  kind: call.kind,
  frame: call.frame,
  status: call.status,
  bodyBytes: call.bodyBytes,
});

/** When the page does not get where it should, say where it is instead. */
async function explain(page: Page, what: string, error: unknown): Promise<Error> {
  const text = await page
    .locator('body')
    .innerText({ timeout: 1_000 })
    .catch(() => '(no text)');
  return new Error(
    `${what} failed at ${page.url()}: ${(error as Error).message.split('\n')[0]}\nPage text: ${text.slice(0, 400).replace(/\s+/g, ' ')}`,
  );
}

// ------------------------------------------------------------------ load time

export interface LongTasks {
  count: number;
  totalMs: number;
  /** The longest one. */
  maxMs: number;
  firstStart?: number;
  lastEnd?: number;
}

export interface LoadRun {
  /** The list mark's startTime: ms from navigation start to the first positions list painted. */
  ms: number;
  /** When the first Graph request started (Resource Timing), ms from navigation start. */
  firstGraphStart?: number;
  /** Provider calls that ended before the first Graph request started: what Graph waited on. */
  idpBeforeGraph: string[];
  /** Main-thread tasks over 50 ms before the mark. */
  longTasks: LongTasks;
  /** /app-config.js arrived; the first JavaScript file was requested; the last one arrived. */
  appConfigEnd?: number;
  jsStart?: number;
  jsEnd?: number;
  /** The first request to the provider or Graph (what the app does once its script runs). */
  firstApiStart?: number;
  firstContentfulPaint?: number;
  domContentLoaded: number;
  tokenCalls: number;
  /** Calls to the provider other than the token endpoint (discovery, keys, authorize). */
  otherIdpCalls: number;
  graphCalls: number;
  /** Every request of the load, in order (until the network was idle for 500 ms). */
  calls: CallRecord[];
  timings: PageTimings;
  consoleErrors: string[];
}

export interface LoadOptions {
  /** The page to load: the app's '/' unless said (the floor page, tests/bench/floor). */
  path?: string;
  /** Chromium's CPU throttling (Emulation.setCPUThrottlingRate): 4 is a mid-range phone. */
  cpuThrottlingRate?: number;
}

/** One load of '/' (or `path`) in a fresh context (empty HTTP cache) with the cached tokens, until the list mark. */
export async function loadOnce(
  browser: Browser,
  signedIn: SignedIn,
  { path = '/', cpuThrottlingRate = 1 }: LoadOptions = {},
): Promise<LoadRun> {
  const context = await signedInContext(browser, signedIn);
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  const wire = new Wire(context, signedIn.endpoints);
  // Long tasks are only reported to observers registered before they happen.
  await context.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { __benchLongTasks: typeof tasks }).__benchLongTasks = tasks;
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          tasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // Not supported: no long tasks reported.
    }
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  try {
    if (cpuThrottlingRate !== 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottlingRate });
    }
    await page.goto(path);
    try {
      await page.waitForFunction(
        (name) => performance.getEntriesByName(name).length > 0,
        LIST_PAINTED,
        { timeout: PAGE_TIMEOUT_MS },
      );
    } catch (error) {
      throw await explain(page, `Waiting for the mark ${LIST_PAINTED}`, error);
    }
    // Whatever the load still sets off (a late token renewal, a refetch) counts too.
    await page.waitForLoadState('networkidle');
    const timings = await readPageTimings(page);
    const tasks = (
      await page.evaluate(
        () =>
          (window as unknown as { __benchLongTasks?: { start: number; duration: number }[] })
            .__benchLongTasks ?? [],
      )
    ).filter((task) => task.start < timings.mark);
    const kind = (name: string) => kindOf(name, signedIn.endpoints);
    const fromProvider = (name: string) => kind(name) === 'idp' || kind(name) === 'token';
    const graphStarts = timings.resources
      .filter((entry) => kind(entry.name) === 'graph')
      .map((entry) => entry.start);
    const firstGraphStart = graphStarts.length ? Math.min(...graphStarts) : undefined;
    const js = timings.resources.filter((entry) => /^\/assets\/.*\.m?js(\?|$)/.test(entry.name));
    const api = timings.resources.filter(
      (entry) => fromProvider(entry.name) || kind(entry.name) === 'graph',
    );
    return {
      ms: timings.mark,
      appConfigEnd: timings.resources.find((entry) => entry.name === '/app-config.js')?.end,
      jsStart: js.length ? Math.min(...js.map((entry) => entry.start)) : undefined,
      jsEnd: js.length ? Math.max(...js.map((entry) => entry.end)) : undefined,
      firstApiStart: api.length ? Math.min(...api.map((entry) => entry.start)) : undefined,
      firstGraphStart,
      idpBeforeGraph:
        firstGraphStart === undefined
          ? []
          : timings.resources
              .filter((entry) => fromProvider(entry.name) && entry.end <= firstGraphStart)
              .map((entry) => entry.name),
      longTasks: {
        count: tasks.length,
        totalMs: tasks.reduce((sum, task) => sum + task.duration, 0),
        maxMs: tasks.reduce((max, task) => Math.max(max, task.duration), 0),
        firstStart: tasks.length ? Math.min(...tasks.map((task) => task.start)) : undefined,
        lastEnd: tasks.length
          ? Math.max(...tasks.map((task) => task.start + task.duration))
          : undefined,
      },
      firstContentfulPaint: timings.firstContentfulPaint,
      domContentLoaded: timings.domContentLoaded,
      tokenCalls: wire.calls.filter((call) => call.kind === 'token').length,
      otherIdpCalls: wire.calls.filter((call) => call.kind === 'idp').length,
      graphCalls: wire.calls.filter((call) => call.kind === 'graph').length,
      calls: wire.calls.map(record),
      timings,
      consoleErrors,
    };
  } finally {
    await context.close();
  }
}

export interface CriticalPathStep {
  what: string;
  start: number;
  end: number;
}

/**
 * The load's requests on a time line from navigation start: the document, the runtime
 * configuration, the JavaScript (as one span), every provider and Graph call, and the mark.
 */
export function criticalPath(run: LoadRun): CriticalPathStep[] {
  const steps: CriticalPathStep[] = [
    { what: 'document /', start: 0, end: run.timings.responseEnd },
  ];
  const resources = run.timings.resources;
  const js = resources.filter((entry) => /^\/assets\/.*\.m?js(\?|$)/.test(entry.name));
  const methods = new Map<string, string[]>();
  for (const call of run.calls) {
    if (call.kind === 'app') continue;
    methods.set(call.path, [...(methods.get(call.path) ?? []), call.method]);
  }
  for (const entry of resources) {
    if (js.includes(entry)) continue;
    const method = methods.get(entry.name)?.shift();
    steps.push({
      what: `${method ?? 'GET'} ${entry.name} (${entry.initiatorType})`,
      start: entry.start,
      end: entry.end,
    });
  }
  if (js.length > 0) {
    const last = js.reduce((latest, entry) => (entry.end > latest.end ? entry : latest));
    steps.push({
      what: `${js.length} JavaScript files (last to arrive: ${last.name})`,
      start: Math.min(...js.map((entry) => entry.start)),
      end: last.end,
    });
  }
  if (run.longTasks.count > 0) {
    steps.push({
      what: `main thread busy: ${run.longTasks.count} long task(s), ${run.longTasks.totalMs.toFixed(0)} ms in all (longest ${run.longTasks.maxMs.toFixed(0)} ms)`,
      start: run.longTasks.firstStart!,
      end: run.longTasks.lastEnd!,
    });
  }
  if (run.firstContentfulPaint !== undefined)
    steps.push({
      what: 'first contentful paint (the boot text)',
      start: run.firstContentfulPaint,
      end: run.firstContentfulPaint,
    });
  steps.push({ what: `mark ${LIST_PAINTED}`, start: run.ms, end: run.ms });
  return steps.sort((a, b) => a.start - b.start || a.end - b.end);
}

// ------------------------------------------------------------------ one save

export interface SaveRun {
  from: string;
  to: string;
  /** Click (the click event's timeStamp) to the frame after 'All changes saved.' appeared. */
  roundTripMs: number;
  /**
   * Click to the save's first Graph request leaving (Resource Timing start), its Graph
   * requests on the wire (the first's start to the last's answer: the read before the write
   * and the PATCH without etags, the PATCH alone with them), and the last answer to the paint.
   */
  clickToRequestMs?: number;
  requestMs?: number;
  responseToPaintMs?: number;
  /** Graph requests the save made (all of them, reads included; preflights not). */
  graphRequests: number;
  /**
   * CORS preflights (OPTIONS) the browser sent to Graph for the save, seen through the
   * DevTools protocol (Playwright's request events leave them out). Graph sends no
   * Access-Control-Max-Age, so Chromium keeps a preflight 5 s, and only for the headers it
   * asked about: each one is a round trip before its request.
   */
  preflights: number;
  /** Sequential round trips on the wire: the Graph requests and their preflights (a save's are one after another). */
  roundTrips: number;
  /** Graph GETs before the PATCH: the read of the current version when there is no etag. */
  graphGetsBeforePatch: number;
  patchCount: number;
  graphGetsAfterPatch: number;
  tokenCalls: number;
  /** Every request after the click (for 1 s after the save was shown). */
  calls: CallRecord[];
  patchPath?: string;
  patchBodyBytes?: number;
  patchBody?: unknown;
  /** The token the page sent Graph (for reading the whole position afterwards); not written to the report. */
  bearer?: string;
}

/** A fresh context with the cached sign-in, its wire recorder, and a page. */
async function signedInPage(browser: Browser, signedIn: SignedIn) {
  const context = await signedInContext(browser, signedIn);
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  const wire = new Wire(context, signedIn.endpoints);
  return { context, wire, page: await context.newPage() };
}

interface SaveTiming {
  clickAt: number;
  shownAt: number;
  paintedAt: number;
  /** From the first Graph request's start to the last one's answer. */
  graph?: { start: number; end: number };
}

/** In a signed-in page: open `from` at Contoso Ltd., change only the job title to `to`, save, wait for 'All changes saved.'. */
export async function saveOnce(
  browser: Browser,
  signedIn: SignedIn,
  from: string,
  to: string,
): Promise<SaveRun> {
  const { context, wire, page } = await signedInPage(browser, signedIn);
  try {
    const positions = new PositionsPage(page);
    await positions.goto('/');
    const form = await positions.edit(`${from} at Contoso Ltd.`).catch(async (error: unknown) => {
      throw await explain(page, `Opening '${from} at Contoso Ltd.'`, error);
    });
    await form.jobTitle.fill(to);
    await expect(form.save).toBeEnabled();
    // Let the lazy editor chunk and anything the form set off finish before the clock starts.
    await page.waitForLoadState('networkidle');

    await page.evaluate((graphBaseUrl) => {
      const state = window as unknown as { __benchSave?: Promise<SaveTiming> };
      state.__benchSave = new Promise<SaveTiming>((resolve, reject) => {
        let clickAt = Number.NaN;
        document.addEventListener(
          'click',
          (event) => {
            if (Number.isNaN(clickAt)) clickAt = event.timeStamp;
          },
          { capture: true },
        );
        const timer = setTimeout(
          () => reject(new Error("'All changes saved.' did not appear within 30 s")),
          30_000,
        );
        const observer = new MutationObserver(() => {
          if (!document.body.textContent.includes('All changes saved.')) return;
          observer.disconnect();
          clearTimeout(timer);
          const shownAt = performance.now();
          requestAnimationFrame(() =>
            setTimeout(() => {
              const requests = (
                performance.getEntriesByType('resource') as PerformanceResourceTiming[]
              ).filter(
                (entry) =>
                  entry.initiatorType === 'fetch' &&
                  entry.name.startsWith(`${graphBaseUrl}/`) &&
                  entry.startTime >= clickAt,
              );
              resolve({
                clickAt,
                shownAt,
                paintedAt: performance.now(),
                graph:
                  requests.length > 0
                    ? {
                        start: Math.min(...requests.map((entry) => entry.startTime)),
                        end: Math.max(...requests.map((entry) => entry.responseEnd)),
                      }
                    : undefined,
              });
            }),
          );
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    }, signedIn.endpoints.graphBaseUrl);

    // Preflights are not in Playwright's request events; the DevTools protocol shows them.
    const cdp = await context.newCDPSession(page);
    let preflights = 0;
    let counting = false;
    cdp.on('Network.requestWillBeSent', (event) => {
      if (
        counting &&
        event.request.method === 'OPTIONS' &&
        event.request.url.startsWith(`${signedIn.endpoints.graphBaseUrl}/`)
      )
        preflights += 1;
    });
    await cdp.send('Network.enable');
    counting = true;
    const mark = wire.mark();
    await form.save.click();
    const timing = await page.evaluate(
      () => (window as unknown as { __benchSave: Promise<SaveTiming> }).__benchSave,
    );
    await expect(page.getByText('All changes saved.')).toBeVisible();
    // A refetch after the save would come now: give it a second to show itself.
    await page.waitForTimeout(1_000);

    counting = false;
    const after = wire.since(mark);
    const graphRequests = after.filter(
      (call) => call.kind === 'graph' && call.method !== 'OPTIONS',
    ).length;
    const patchIndex = after.findIndex((call) => call.kind === 'graph' && call.method === 'PATCH');
    const patch = patchIndex >= 0 ? after[patchIndex] : undefined;
    const raw = patch?.request.postDataBuffer();
    let patchBody: unknown;
    try {
      patchBody = raw ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      patchBody = raw?.toString('utf8');
    }
    return {
      from,
      to,
      roundTripMs: timing.paintedAt - timing.clickAt,
      clickToRequestMs: timing.graph && timing.graph.start - timing.clickAt,
      requestMs: timing.graph && timing.graph.end - timing.graph.start,
      responseToPaintMs: timing.graph && timing.paintedAt - timing.graph.end,
      graphRequests,
      preflights,
      roundTrips: graphRequests + preflights,
      graphGetsBeforePatch: after
        .slice(0, patchIndex < 0 ? after.length : patchIndex)
        .filter((call) => call.kind === 'graph' && call.method === 'GET').length,
      patchCount: after.filter((call) => call.kind === 'graph' && call.method === 'PATCH').length,
      graphGetsAfterPatch:
        patchIndex < 0
          ? 0
          : after
              .slice(patchIndex + 1)
              .filter((call) => call.kind === 'graph' && call.method === 'GET').length,
      tokenCalls: after.filter((call) => call.kind === 'token').length,
      calls: after.map(record),
      patchPath: patch?.path,
      patchBodyBytes: raw?.length,
      patchBody,
      bearer: patch?.authorization?.replace(/^Bearer /, ''),
    };
  } finally {
    await context.close();
  }
}

/** The whole position as GET returns it, read with the page's token: its size in bytes. */
export async function wholePositionBytes(
  api: APIRequestContext,
  path: string,
  bearer: string,
): Promise<number> {
  const response = await api.get(path, { headers: { Authorization: `Bearer ${bearer}` } });
  if (response.status() !== 200)
    throw new Error(`GET ${path} answered ${response.status()}: ${await response.text()}`);
  return (await response.body()).length;
}

// ------------------------------------------------------------------ positions for the input test

/** Adele to `count` positions: the missing ones created through the emulator's Graph API with the page's token. */
export async function fillPositions(
  api: APIRequestContext,
  endpoints: LocalEndpoints,
  bearer: string,
  count: number,
): Promise<{ before: number; created: number }> {
  const headers = { Authorization: `Bearer ${bearer}` };
  const list = await api.get(`${endpoints.graphBaseUrl}/me/profile/positions?$top=999`, {
    headers,
  });
  if (list.status() !== 200)
    throw new Error(`Listing Adele's positions answered ${list.status()}: ${await list.text()}`);
  const before = ((await list.json()) as { value: unknown[] }).value.length;
  for (let index = before + 1; index <= count; index += 1) {
    const response = await api.post(`${endpoints.graphBaseUrl}/me/profile/positions`, {
      headers,
      data: {
        detail: {
          jobTitle: `Bench role ${index}`,
          startMonthYear: '2001-01-01',
          company: { displayName: 'Contoso' },
        },
        isCurrent: true,
        categories: [],
        allowedAudiences: 'organization',
      },
    });
    if (response.status() !== 201)
      throw new Error(
        `Creating 'Bench role ${index}' answered ${response.status()}: ${await response.text()}`,
      );
  }
  return { before, created: Math.max(0, count - before) };
}

/** A signed-in page's bearer token for Graph, from the first load of the list. */
export async function pageBearer(browser: Browser, signedIn: SignedIn): Promise<string> {
  const context = await signedInContext(browser, signedIn);
  const wire = new Wire(context, signedIn.endpoints);
  try {
    const page = await context.newPage();
    await new PositionsPage(page).goto('/');
    const bearer = wire.lastBearer();
    if (!bearer) throw new Error('The page sent Graph no bearer token.');
    return bearer;
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------ input latency

export interface InputRun {
  positionsShown: number;
  /** The list mark of this (fresh context) load with every position. */
  listLoadMs: number;
  samples: number[];
  warmup: number;
  /** Event Timing entries (duration ≥ 16 ms, the API's floor; durations in 8 ms steps) for the measured keys. */
  eventTiming: {
    supported: boolean;
    keydownEntries: number;
    maxDuration: number;
    durations: number[];
  };
  tokenCalls: number;
  graphCalls: number;
}

interface KeyProbe {
  samples: number[];
  events: { name: string; duration: number; start: number }[];
  /** Resolved once `samples` holds `count` entries. */
  waiters: { count: number; resolve: () => void }[];
}

/** Loads the list (all positions), opens `title` at Contoso Ltd., and times `keys` key presses in Job title. */
export async function inputLatency(
  browser: Browser,
  signedIn: SignedIn,
  title: string,
  expectedPositions: number,
  keys: number,
  warmup = 10,
): Promise<InputRun> {
  const { context, wire, page } = await signedInPage(browser, signedIn);
  try {
    const positions = new PositionsPage(page);
    await positions.goto('/');
    await expect(positions.list.locator(':scope > li')).toHaveCount(expectedPositions);
    await page.waitForFunction(
      (name) => performance.getEntriesByName(name).length > 0,
      LIST_PAINTED,
    );
    const listLoadMs = await page.evaluate(
      (name) => performance.getEntriesByName(name)[0].startTime,
      LIST_PAINTED,
    );
    const positionsShown = await positions.list.locator(':scope > li').count();

    const form = await positions.edit(`${title} at Contoso Ltd.`);
    await page.waitForLoadState('networkidle');
    await form.jobTitle.click();
    await form.jobTitle.press('End');

    // In the page: a capturing keydown listener; the sample is keydown's timeStamp to a
    // task queued right after the next frame (rAF → setTimeout 0), i.e. to the next paint.
    // (No named inner functions in page code: tsx's keepNames would wrap them in __name().)
    const supported = await page.evaluate(() => {
      const probe: KeyProbe = { samples: [], events: [], waiters: [] };
      (window as unknown as { __benchKeys: KeyProbe }).__benchKeys = probe;
      document.addEventListener(
        'keydown',
        (event) => {
          const started = event.timeStamp;
          requestAnimationFrame(() =>
            setTimeout(() => {
              probe.samples.push(performance.now() - started);
              probe.waiters = probe.waiters.filter((waiter) => {
                if (probe.samples.length < waiter.count) return true;
                waiter.resolve();
                return false;
              });
            }, 0),
          );
        },
        { capture: true },
      );
      const types =
        (PerformanceObserver as unknown as { supportedEntryTypes?: string[] })
          .supportedEntryTypes ?? [];
      if (!types.includes('event')) return false;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          probe.events.push({ name: entry.name, duration: entry.duration, start: entry.startTime });
      }).observe({
        type: 'event',
        durationThreshold: 16,
        buffered: false,
      } as PerformanceObserverInit);
      return true;
    });

    const press = async (index: number, total: number) => {
      await page.keyboard.press(index % 2 === 0 ? 'x' : 'Backspace');
      await page.evaluate(
        (count) =>
          new Promise<void>((resolve) => {
            const probe = (window as unknown as { __benchKeys: KeyProbe }).__benchKeys;
            if (probe.samples.length >= count) resolve();
            else probe.waiters.push({ count, resolve });
          }),
        total,
      );
    };
    for (let index = 0; index < warmup; index += 1) await press(index, index + 1);
    const measuredFrom = await page.evaluate(() => {
      const probe = (window as unknown as { __benchKeys: KeyProbe }).__benchKeys;
      probe.samples.length = 0;
      return performance.now();
    });
    for (let index = 0; index < keys; index += 1) await press(index, index + 1);
    // Event Timing entries arrive after their paint.
    await page.waitForTimeout(200);
    const probe = await page.evaluate(() => {
      const { samples, events } = (window as unknown as { __benchKeys: KeyProbe }).__benchKeys;
      return { samples, events };
    });
    const keydowns = probe.events.filter(
      (entry) => entry.name === 'keydown' && entry.start >= measuredFrom,
    );
    return {
      positionsShown,
      listLoadMs,
      samples: probe.samples.slice(0, keys),
      warmup,
      eventTiming: {
        supported,
        keydownEntries: keydowns.length,
        maxDuration: keydowns.reduce((max, entry) => Math.max(max, entry.duration), 0),
        durations: keydowns.map((entry) => entry.duration),
      },
      tokenCalls: wire.calls.filter((call) => call.kind === 'token').length,
      graphCalls: wire.calls.filter((call) => call.kind === 'graph').length,
    };
  } finally {
    await context.close();
  }
}

export { describeCall };
