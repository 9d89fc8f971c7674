import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from './local-server';
import { releaseDeadMansSwitches, removeOnDeath } from './process-group';

/**
 * Playwright's globalSetup: the production build, made once for the whole run into a
 * folder of its own (never the project's dist/, which someone may be serving), and handed
 * to every worker's `vite preview` through E2E_BUILD_DIR. A build given in E2E_BUILD_DIR
 * already is used as it is.
 */
export default async function globalSetup(): Promise<(() => void) | undefined> {
  if (process.env.E2E_BUILD_DIR) return undefined;
  const folder = mkdtempSync(join(tmpdir(), 'profile-editor-e2e-build-'));
  removeOnDeath(folder);
  const started = performance.now();
  await buildApp(folder);
  console.log(`Built the app once for this run in ${Math.round(performance.now() - started)} ms.`);
  process.env.E2E_BUILD_DIR = folder;
  return () => {
    rmSync(folder, { recursive: true, force: true });
    releaseDeadMansSwitches();
  };
}
