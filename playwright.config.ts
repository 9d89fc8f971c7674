import { defineConfig } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_PORTS, PREVIEW_PORTS, portsEnv } from './tests/e2e/support/endpoints';

/**
 * Browser tests against `vite` with the local stack mounted, on a port of their own and a
 * fresh throwaway database per run. Debian's Chromium where it exists (Playwright cannot
 * download its own browser there); Playwright's own browser elsewhere.
 */
// The app, Graph and sign-in each on a port of their own (tests/e2e/support/endpoints.ts).
const port = DEV_PORTS.app;
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'profile-editor-e2e-'));
process.env.E2E_PREVIEW_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'profile-editor-e2e-preview-'));
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) =>
  existsSync(path),
);

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // One emulator, reset before each test: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `https://localhost:${port}`,
    ignoreHTTPSErrors: true,
    trace: 'retain-on-failure',
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
  webServer: [
    {
      command: 'npx vite',
      url: `https://localhost:${port}/`,
      ignoreHTTPSErrors: true,
      reuseExistingServer: false,
      timeout: 90_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { ...portsEnv(DEV_PORTS), EMULATOR_DATA_DIR: process.env.E2E_DATA_DIR },
    },
    {
      command: 'npx vite build --logLevel warn && npx vite preview',
      url: `https://localhost:${PREVIEW_PORTS.app}/`,
      ignoreHTTPSErrors: true,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        ...portsEnv(PREVIEW_PORTS),
        EMULATOR_DATA_DIR: process.env.E2E_PREVIEW_DATA_DIR,
      },
    },
  ],
});
