import { defineConfig } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Browser tests against `vite` with the local stack mounted, on a port of their own and a
 * fresh throwaway database per run. Debian's Chromium where it exists (Playwright cannot
 * download its own browser there); Playwright's own browser elsewhere.
 */
const port = Number(process.env.E2E_PORT ?? 5183);
/** The production build, served by `vite preview` with the same local stack. */
export const PREVIEW_PORT = Number(process.env.E2E_PREVIEW_PORT ?? port + 1);
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
      env: { PORT: String(port), EMULATOR_DATA_DIR: process.env.E2E_DATA_DIR },
    },
    {
      command: 'npx vite build --logLevel warn && npx vite preview',
      url: `https://localhost:${PREVIEW_PORT}/`,
      ignoreHTTPSErrors: true,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { PORT: String(PREVIEW_PORT), EMULATOR_DATA_DIR: process.env.E2E_PREVIEW_DATA_DIR },
    },
  ],
});
