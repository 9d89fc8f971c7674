import type { APIRequestContext, Browser } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse, { desktopConfig, type Config, type Flags } from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { QUIET_CHROMIUM_FLAGS, type SignedIn } from './browser';
import { pageBearer } from './measure';

/**
 * Lighthouse (the npm package) on the signed-in list and on the form, with its desktop and
 * mobile presets, in a Chromium of its own (CHROME_PATH, /usr/bin/chromium unless set).
 * Signed in as in the load runs: MSAL's session storage is put back by a script that runs
 * before the page's own on every document of our origin (Lighthouse clears storage first).
 */

const CHROME_FLAGS = [
  '--headless=new',
  ...QUIET_CHROMIUM_FLAGS,
  // The local stack's certificate is self-signed (@vitejs/plugin-basic-ssl).
  '--ignore-certificate-errors',
];

const REPORTS = join(import.meta.dirname, '..', '..', 'bench-results', 'lighthouse');
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const VITALS = {
  'first-contentful-paint': 'FCP',
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
  'speed-index': 'Speed Index',
} as const;

export interface LighthouseRun {
  page: 'list' | 'form';
  preset: 'desktop' | 'mobile';
  url: string;
  /** 0–100 per category. */
  scores: Record<(typeof CATEGORIES)[number], number>;
  /** The vitals as Lighthouse shows them, and their values (ms, or unitless for CLS). */
  vitals: Partial<Record<string, { display: string; value: number }>>;
  /** Audits that scored below 1 in accessibility and best practices. */
  failing: string[];
  runtimeError?: string;
}

/** The address of the form of Adele's position with this job title at Contoso Ltd. */
export async function formPath(
  api: APIRequestContext,
  browser: Browser,
  signedIn: SignedIn,
  jobTitle: string,
): Promise<string> {
  const bearer = await pageBearer(browser, signedIn);
  const response = await api.get(`${signedIn.endpoints.graphBaseUrl}/me/profile/positions`, {
    headers: { Authorization: `Bearer ${bearer}` },
  });
  const positions = (
    (await response.json()) as { value: { id: string; detail?: { jobTitle?: string } }[] }
  ).value;
  const found = positions.find((position) => position.detail?.jobTitle === jobTitle);
  if (!found) throw new Error(`Adele has no position '${jobTitle}' for Lighthouse's form run.`);
  return `/positions/${encodeURIComponent(found.id)}`;
}

export async function runLighthouse(
  signedIn: SignedIn,
  pages: { list: string; form: string },
): Promise<LighthouseRun[]> {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROME_FLAGS,
    acceptInsecureCerts: true,
    defaultViewport: null,
  });
  const runs: LighthouseRun[] = [];
  try {
    for (const [name, path] of Object.entries(pages) as ['list' | 'form', string][]) {
      for (const preset of ['desktop', 'mobile'] as const) {
        const page = await browser.newPage();
        try {
          await page.evaluateOnNewDocument(
            (origin: string, entries: [string, string][]) => {
              if (window.top !== window || window.location.origin !== origin) return;
              if (window.sessionStorage.getItem('profile-editor-bench:restored')) return;
              for (const [key, value] of entries) window.sessionStorage.setItem(key, value);
              window.sessionStorage.setItem('profile-editor-bench:restored', '1');
            },
            signedIn.origin,
            signedIn.sessionStorage,
          );
          const url = `${signedIn.origin}${path}`;
          const flags: Flags = {
            logLevel: 'error',
            output: 'json',
            onlyCategories: [...CATEGORIES],
          };
          const config: Config | undefined = preset === 'desktop' ? desktopConfig : undefined;
          const result = await lighthouse(url, flags, config, page);
          if (!result) throw new Error(`Lighthouse gave no result for ${url}.`);
          const { lhr } = result;
          // The whole report, to find out why a score is what it is (LCP element, main-thread work).
          mkdirSync(REPORTS, { recursive: true });
          writeFileSync(join(REPORTS, `${name}-${preset}.json`), JSON.stringify(lhr));
          // A category or audit that could not run is missing, whatever the types say.
          const categories: Partial<typeof lhr.categories> = lhr.categories;
          const audits: Partial<typeof lhr.audits> = lhr.audits;
          const scores = Object.fromEntries(
            CATEGORIES.map((category) => [
              category,
              Math.round((categories[category]?.score ?? 0) * 100),
            ]),
          ) as LighthouseRun['scores'];
          const vitals = Object.fromEntries(
            Object.entries(VITALS).map(([audit, label]) => [
              label,
              {
                display: audits[audit]?.displayValue ?? '–',
                value: audits[audit]?.numericValue ?? Number.NaN,
              },
            ]),
          );
          const failing = (['accessibility', 'best-practices'] as const).flatMap((category) =>
            (categories[category]?.auditRefs ?? [])
              .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
              .map((ref) => `${category}: ${ref.id}`),
          );
          runs.push({
            page: name,
            preset,
            url: path,
            scores,
            vitals,
            failing,
            runtimeError: lhr.runtimeError?.message,
          });
          console.log(
            `  Lighthouse ${name} ${preset}: ${CATEGORIES.map((category) => `${category} ${scores[category]}`).join(', ')}; ${Object.entries(
              vitals,
            )
              .map(([label, vital]) => `${label} ${vital.display}`)
              .join(', ')}`,
          );
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  return runs;
}

/** The goals: performance, accessibility and best practices 100 on desktop, at least 90 on mobile. */
const goalOf = (preset: LighthouseRun['preset']) => (preset === 'desktop' ? 100 : 90);

export function lighthouseReport(runs: LighthouseRun[]): { lines: string[]; json: unknown } {
  const lines = [
    '## Lighthouse (signed in, cached tokens)',
    '',
    `Lighthouse ${LIGHTHOUSE_VERSION} with its presets: desktop (no throttling of the CPU, fast network) and mobile (simulated slow 4G, CPU ×4, a phone's screen). Goals: 100 on desktop, at least 90 on mobile.`,
    '',
    `| page | preset | performance | accessibility | best practices | ${Object.values(VITALS).join(' | ')} |`,
    `|---|---|---:|---:|---:|${Object.values(VITALS)
      .map(() => '---:')
      .join('|')}|`,
  ];
  for (const run of runs) {
    const score = (value: number) =>
      value >= goalOf(run.preset) ? `${value}` : `**${value}** (goal ${goalOf(run.preset)})`;
    lines.push(
      `| ${run.page} (${run.url}) | ${run.preset} | ${score(run.scores.performance)} | ${score(run.scores.accessibility)} | ${score(run.scores['best-practices'])} | ${Object.values(
        VITALS,
      )
        .map((label) => run.vitals[label]?.display ?? '–')
        .join(' | ')} |`,
    );
  }
  const failing = [...new Set(runs.flatMap((run) => run.failing))];
  const errors = runs.filter((run) => run.runtimeError);
  lines.push('');
  if (failing.length > 0) lines.push(`Audits below full marks: ${failing.join(', ')}.`, '');
  for (const run of errors)
    lines.push(`Lighthouse error on ${run.page} ${run.preset}: ${run.runtimeError}`, '');
  const met = runs.every((run) =>
    CATEGORIES.every((category) => run.scores[category] >= goalOf(run.preset)),
  );
  lines.push(`${met ? 'GOAL MET' : 'GOAL MISSED'}: Lighthouse scores.`, '');
  return { lines, json: { version: LIGHTHOUSE_VERSION, runs, goalsMet: met } };
}

const LIGHTHOUSE_VERSION = '12.8.2';
