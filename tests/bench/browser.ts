import {
  expect,
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
} from '@playwright/test';
import { existsSync } from 'node:fs';
import type { LocalEndpoints } from '../../emulator/endpoints.js';
import { PositionsPage, SignIn } from '../e2e/support/pages';

/** The User Timing mark the app sets when the first positions list is painted (src/features/positions/components/positions-list.tsx). */
export const LIST_PAINTED = 'profile-editor:positions-list-painted';

/** As in playwright.config.ts: Debian's Chromium where it exists, Playwright's own browser elsewhere. */
export const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) =>
  existsSync(path),
);
/** Chromium without its sandbox (root here), GPU or background traffic: Playwright's and Lighthouse's. */
export const QUIET_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const CHROMIUM_ARGS = SYSTEM_CHROMIUM ? QUIET_CHROMIUM_FLAGS : [];

// ------------------------------------------------------------------ sign-in once

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export interface SignedIn {
  /** Cookies and local storage of the signed-in context (the provider's session cookies among them). */
  storageState: StorageState;
  /** The tab's session storage: MSAL's cache (account, id token, access and refresh tokens). */
  sessionStorage: [string, string][];
  origin: string;
  /** Where the app, Graph and the provider answer (three origins, as Microsoft's). */
  endpoints: LocalEndpoints;
}

/** Signs in as Adele through the UI once (sign-in page, demo account, consent), and keeps what a fresh tab needs. */
export async function signInOnce(browser: Browser, endpoints: LocalEndpoints): Promise<SignedIn> {
  const origin = endpoints.origins.app;
  const context = await browser.newContext({ baseURL: origin, ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    await new SignIn(page).as('adele');
    await expect(new PositionsPage(page).list).toBeVisible({ timeout: 20_000 });
    const sessionStorage = await page.evaluate(() => Object.entries<string>(window.sessionStorage));
    if (!sessionStorage.some(([key]) => key.includes('accesstoken'))) {
      throw new Error(
        'After signing in, session storage holds no MSAL access token: the benchmark cannot restore the cache.',
      );
    }
    return { storageState: await context.storageState(), sessionStorage, origin, endpoints };
  } finally {
    await context.close();
  }
}

/**
 * A fresh context (empty HTTP cache) signed in as before: cookies and local storage from
 * storageState, and the captured session storage put back by an init script before any
 * of the page's scripts run (top-level documents of our origin only, and only once per tab).
 */
export async function signedInContext(
  browser: Browser,
  signedIn: SignedIn,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: signedIn.origin,
    ignoreHTTPSErrors: true,
    storageState: signedIn.storageState,
  });
  await context.addInitScript(
    ({ origin, entries }) => {
      if (window.top !== window || window.location.origin !== origin) return;
      if (window.sessionStorage.getItem('profile-editor-bench:restored')) return;
      for (const [key, value] of entries) window.sessionStorage.setItem(key, value);
      window.sessionStorage.setItem('profile-editor-bench:restored', '1');
    },
    { origin: signedIn.origin, entries: signedIn.sessionStorage },
  );
  return context;
}

// ------------------------------------------------------------------ what goes over the wire

export type RequestKind = 'graph' | 'token' | 'idp' | 'app' | 'external';

/** What a URL is: the app's own files, Graph, the provider's token endpoint, other provider calls. */
export function kindOf(url: string, endpoints: LocalEndpoints): RequestKind {
  if (url.startsWith(`${endpoints.graphBaseUrl}/`)) return 'graph';
  if (url.startsWith(`${endpoints.issuer}/token`)) return 'token';
  if (url.startsWith(`${endpoints.origins.idp}/`)) return 'idp';
  if (url.startsWith(`${endpoints.origins.app}/`)) return 'app';
  return 'external';
}

export interface WireCall {
  seq: number;
  method: string;
  path: string;
  kind: RequestKind;
  /** Which frame asked: the top page or a (silent-renewal) iframe. */
  frame: 'top' | 'iframe' | 'none';
  bodyBytes: number;
  authorization?: string;
  status?: number;
  request: Request;
}

/** Every request of a context, in order, classified (Graph, token endpoint, other provider calls, the app's own files). */
export class Wire {
  readonly calls: WireCall[] = [];
  private seq = 0;

  constructor(context: BrowserContext, endpoints: LocalEndpoints) {
    const appOrigin = endpoints.origins.app;
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (!url.protocol.startsWith('http')) return;
      // Paths on the app's origin; Graph and the provider by their whole address.
      const path = url.origin === appOrigin ? url.pathname + url.search : url.href;
      const kind = kindOf(url.href, endpoints);
      let frame: WireCall['frame'] = 'none';
      try {
        const owner = request.frame();
        frame = owner.parentFrame() ? 'iframe' : 'top';
      } catch {
        // Service-worker or detached requests have no frame.
      }
      this.calls.push({
        seq: this.seq++,
        method: request.method(),
        path,
        kind,
        frame,
        bodyBytes: request.postDataBuffer()?.length ?? 0,
        authorization: request.headers().authorization,
        request,
      });
    });
    context.on('response', (response) => {
      const call = this.calls.find((candidate) => candidate.request === response.request());
      if (call) call.status = response.status();
    });
  }

  /** A position in the log, to look at what came after. */
  mark(): number {
    return this.calls.length;
  }

  since(mark: number): WireCall[] {
    return this.calls.slice(mark);
  }

  /** The bearer token of the last Graph call that carried one. */
  lastBearer(): string | undefined {
    const header = [...this.calls]
      .reverse()
      .find(
        (call) => call.kind === 'graph' && call.authorization?.startsWith('Bearer '),
      )?.authorization;
    return header?.slice('Bearer '.length);
  }
}

export const describeCall = (call: Pick<WireCall, 'method' | 'path' | 'status'>) =>
  `${call.method} ${call.path}${call.status ? ` → ${call.status}` : ''}`;

// ------------------------------------------------------------------ timings inside the page

export interface TimedRequest {
  /** Path and query on our origin (or the full URL elsewhere). */
  name: string;
  initiatorType: string;
  /** ms since navigation start */
  start: number;
  end: number;
}

export interface PageTimings {
  mark: number;
  responseEnd: number;
  domContentLoaded: number;
  loadEvent: number;
  firstContentfulPaint?: number;
  resources: TimedRequest[];
}

/** Resource Timing, navigation timing, paints and the list mark, all relative to navigation start. */
export function readPageTimings(page: Page): Promise<PageTimings> {
  // No named inner functions here: tsx (esbuild, keepNames) would wrap them in a __name()
  // helper that does not exist in the page.
  return page.evaluate((markName) => {
    const navigation = (
      performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
    ).at(0);
    const fcp = performance.getEntriesByName('first-contentful-paint').at(0);
    return {
      mark: performance.getEntriesByName(markName).at(0)?.startTime ?? Number.NaN,
      responseEnd: navigation?.responseEnd ?? Number.NaN,
      domContentLoaded: navigation?.domContentLoadedEventEnd ?? Number.NaN,
      loadEvent: navigation?.loadEventEnd ?? Number.NaN,
      firstContentfulPaint: fcp?.startTime,
      resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
        (entry) => ({
          name:
            new URL(entry.name).origin === window.location.origin
              ? new URL(entry.name).pathname + new URL(entry.name).search
              : entry.name,
          initiatorType: entry.initiatorType,
          start: entry.startTime,
          end: entry.responseEnd,
        }),
      ),
    };
  }, LIST_PAINTED);
}
