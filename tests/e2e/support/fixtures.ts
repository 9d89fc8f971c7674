import { test as base } from '@playwright/test';
import { EmulatorControls } from './emulator-controls';
import type { LocalEndpoints } from '../../../emulator/endpoints.js';
import { endpointsFor } from './endpoints';
import { GraphRecorder } from './graph-recorder';
import { PositionsPage, SignIn } from './pages';

/**
 * Profile Editor's Playwright fixtures: the demo data reset before each test, a recorder
 * of Graph calls on the wire, and page objects. `import { test, expect } from` this file.
 */
export const test = base.extend<{
  emulator: EmulatorControls;
  /** Where this test's app, Graph and sign-in answer. */
  endpoints: LocalEndpoints;
  graph: GraphRecorder;
  signIn: SignIn;
  positions: PositionsPage;
}>({
  emulator: [
    async ({ request }, use) => {
      const controls = new EmulatorControls(request);
      await controls.reset();
      await use(controls);
      await controls.setFaults({
        latencyMs: 0,
        throttleRate: 0,
        errorRate: 0,
        lostResponseRate: 0,
        loseNextResponses: 0,
      });
    },
    { auto: true },
  ],
  endpoints: async ({ baseURL }, use) => {
    await use(endpointsFor(baseURL));
  },
  graph: async ({ page, endpoints }, use) => {
    await use(new GraphRecorder(page, endpoints));
  },
  signIn: async ({ page }, use) => {
    await use(new SignIn(page));
  },
  positions: async ({ page }, use) => {
    await use(new PositionsPage(page));
  },
});

export { expect } from '@playwright/test';
