import type { LocalEndpoints, LocalPorts } from '../../emulator/endpoints.js';
import {
  buildApp,
  freePorts,
  startLocalServer,
  type LocalServer,
} from '../e2e/support/local-server';

export {
  killAllGroupsSync,
  releaseDeadMansSwitches,
  removeOnDeath,
  ROOT,
  stopAllGroups,
} from '../e2e/support/process-group';

/**
 * `vite build` into `outDir` (a folder of the benchmark's own, so that a `dist/` another
 * server is serving is never emptied under it): rejects with its output unless it succeeds.
 */
export async function buildProduction(outDir: string): Promise<{ ms: number }> {
  const started = performance.now();
  await buildApp(outDir);
  return { ms: performance.now() - started };
}

/**
 * The ports to serve on: the app on `appPort` with Graph and sign-in on the next two (as
 * `npm start` does), or three free ones when no port is given.
 */
export async function benchPorts(appPort?: number): Promise<LocalPorts> {
  if (appPort !== undefined) return { app: appPort, graph: appPort + 1, idp: appPort + 2 };
  const [app, graph, idp] = await freePorts(3);
  return { app, graph, idp };
}

export interface PreviewServer {
  origin: string;
  endpoints: LocalEndpoints;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * `vite preview` of `outDir` with the local stack on `ports` (strict: something else there
 * fails the start) and `dataDir` as the emulator's folder; resolves once the app answers.
 */
export async function startPreview(
  ports: LocalPorts,
  dataDir: string,
  outDir: string,
): Promise<PreviewServer> {
  const server: LocalServer = await startLocalServer({
    mode: 'preview',
    buildDir: outDir,
    dataDir,
    ports,
  });
  return {
    origin: server.endpoints.origins.app,
    endpoints: server.endpoints,
    output: server.output,
    stop: server.stop,
  };
}
