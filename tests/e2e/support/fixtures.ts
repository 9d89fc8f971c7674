import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalEndpoints } from '../../../emulator/endpoints.js';
import { EmulatorControls, NO_FAULTS } from './emulator-controls';
import { GraphRecorder } from './graph-recorder';
import { startLocalServer, type LocalServer, type ServerMode } from './local-server';
import { PositionsPage, SignIn } from './pages';
import { SignedIn, SignInCache } from './signed-in';

/**
 * Profile Editor's Playwright fixtures. Each worker runs a server of its own (the app with
 * its Graph emulator and identity provider, on free ports, with its own data folder), so
 * workers share no data; the demo data is reset before each test. A recorder of Graph
 * calls on the wire, page objects, and sign-ins made once per person and worker.
 * `import { test, expect } from` this file.
 */
export const test = base.extend<
  {
    emulator: EmulatorControls;
    /** Where this test's app, Graph and sign-in answer. */
    endpoints: LocalEndpoints;
    graph: GraphRecorder;
    /** Signing in through the provider's pages (for tests about signing in, consent, expiry). */
    signIn: SignIn;
    /** Signed in at once with this worker's saved sign-in (for every other test). */
    signedIn: SignedIn;
    positions: PositionsPage;
  },
  {
    /**
     * `preview` (default): the production build (made once, in globalSetup) under
     * `vite preview`. `dev`: the dev server that `npm start` runs. Per worker.
     */
    serverMode: ServerMode;
    /**
     * The emulator's environment for this worker's server (`test.use({ serverEnv: {
     * EMULATOR_DIRECTORY_SIZE: '60' } })` gives a spec a generated directory). Per worker.
     */
    serverEnv: Record<string, string>;
    localServer: LocalServer;
    signInCache: SignInCache;
  }
>({
  serverMode: ['preview', { scope: 'worker', option: true }],
  serverEnv: [{}, { scope: 'worker', option: true }],
  localServer: [
    async ({ serverMode, serverEnv }, use, workerInfo) => {
      const buildDir = process.env.E2E_BUILD_DIR;
      if (serverMode === 'preview' && !buildDir)
        throw new Error(
          'No production build to serve: set globalSetup to tests/e2e/support/global-setup.ts in the Playwright config, or E2E_BUILD_DIR to the output of `vite build`.',
        );
      const dataDir = mkdtempSync(
        join(tmpdir(), `profile-editor-e2e-data-${workerInfo.workerIndex}-`),
      );
      try {
        const server = await startLocalServer({
          mode: serverMode,
          buildDir,
          dataDir,
          env: serverEnv,
          timeoutMs: serverMode === 'dev' ? 120_000 : 60_000,
        });
        await use(server);
        await server.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  signInCache: [
    async ({ browser, localServer }, use) => {
      await use(new SignInCache(browser, localServer.endpoints.origins.app));
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ localServer }, use) => {
    await use(localServer.endpoints.origins.app);
  },
  endpoints: async ({ localServer }, use) => {
    await use(localServer.endpoints);
  },
  emulator: [
    async ({ request, signInCache, localServer }, use, testInfo) => {
      const controls = new EmulatorControls(request, {
        tokensExpired: () => {
          signInCache.forget();
        },
        seedUsed: (seed) =>
          testInfo.annotations.push({ type: 'fault seed', description: String(seed) }),
      });
      await controls.reset();
      const logStart = localServer.output().length;
      await use(controls);
      await controls.setFaults(NO_FAULTS);
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('server log', {
          body: localServer.output().slice(logStart),
          contentType: 'text/plain',
        });
    },
    { auto: true },
  ],
  graph: async ({ page, endpoints }, use) => {
    await use(new GraphRecorder(page, endpoints));
  },
  signIn: async ({ page }, use) => {
    await use(new SignIn(page));
  },
  signedIn: async ({ page, signInCache }, use) => {
    await use(new SignedIn(page, signInCache));
  },
  positions: async ({ page }, use) => {
    await use(new PositionsPage(page));
  },
});

export { expect } from '@playwright/test';
