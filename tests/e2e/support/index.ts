/**
 * For other teams' Playwright suites: sign in as any demo user and drive the editor.
 *   import { test, expect, PositionsPage } from '<profile-editor>/tests/e2e/support';
 */
export { test, expect } from './fixtures';
export { EmulatorControls, type FaultSettings } from './emulator-controls';
export { GraphRecorder, type RecordedCall } from './graph-recorder';
export { accountArea, PeoplePage, PositionForm, PositionsPage, SignIn } from './pages';
export { DEMO_PASSWORD, PERSONAS, type Persona } from './personas';
