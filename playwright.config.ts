import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * Browser tests. The production build is made once (globalSetup); every worker serves it
 * with `vite preview` and the local stack on free ports of its own, with a data folder of
 * its own (tests/e2e/support/fixtures.ts), so workers share nothing and two runs can go on
 * at once. One spec runs on the dev server that `npm start` runs. Debian's Chromium where
 * it exists (Playwright cannot download its own browser there); Playwright's own elsewhere.
 * Debian's headless shell first: the same Chromium without the full browser around it, as
 * Playwright itself runs headless tests; it needs less than half the CPU, which on 2 cores
 * is what keeps `npm test` within its 5 minutes. (The bench measures the full browser.)
 */
const systemChromium = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].find((path) => existsSync(path));
/** E2E_WORKERS, or one more than the machine has cores (much of a browser test is waiting). */
const workers = Number(process.env.E2E_WORKERS ?? '') || Math.min(4, cpus().length + 1);

export default defineConfig({
  testDir: fileURLToPath(new URL('tests/e2e', import.meta.url)),
  testMatch: '**/*.spec.ts',
  globalSetup: fileURLToPath(new URL('tests/e2e/support/global-setup.ts', import.meta.url)),
  workers,
  fullyParallel: true,
  forbidOnly: true,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    // Fluent UI's motion (dialogs, toasts, spinners) honours the system's request for less of
    // it: the tests do not wait for fades, and the 2 cores do not draw them.
    reducedMotion: 'reduce',
    ignoreHTTPSErrors: true,
    // A trace costs a fifth of the run's time on this 2-core machine: off unless asked for
    // (E2E_TRACE=retain-on-failure); a failure still leaves a screenshot, the page's
    // accessibility tree and the server's log.
    trace: (process.env.E2E_TRACE as 'off' | 'on' | 'retain-on-failure' | undefined) ?? 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: systemChromium,
      args: systemChromium
        ? [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ]
        : [],
    },
  },
});
