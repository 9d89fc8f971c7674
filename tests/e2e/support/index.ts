/**
 * For other teams' Playwright suites: sign in as any demo user and drive the editor.
 *   import { test, expect, PositionsPage } from '<profile-editor>/tests/e2e/support';
 * Their Playwright config sets `globalSetup` to '<profile-editor>/tests/e2e/support/global-setup.ts'
 * (it builds the app once; each worker then serves it on free ports of its own).
 */
export { test, expect } from './fixtures';
export {
  EmulatorControls,
  NO_FAULTS,
  type ActiveFaults,
  type FailNext,
  type FaultSettings,
} from './emulator-controls';
export { GraphRecorder, type RecordedCall } from './graph-recorder';
export { startLocalServer, type LocalServer, type ServerMode } from './local-server';
export { accountArea, PeoplePage, PositionForm, PositionsPage, SignIn } from './pages';
export { DEMO_PASSWORD, PERSONAS, type Persona } from './personas';
export { SignedIn, SignInCache } from './signed-in';
