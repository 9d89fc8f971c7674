import { Agent, get } from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  localEndpoints,
  loopbackOrigins,
  type LocalEndpoints,
  type LocalPorts,
} from '../../../emulator/endpoints.js';
import { ROOT, spawnGroup, stopGroup, type Group } from './process-group';

const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/**
 * The environment for a build or a server of the tests: the embedded stack on the ports
 * and data folder given, never a real tenant, ports or faults from the caller's shell.
 */
export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (
      /^(AUTH_|EMULATOR_)/.test(name) ||
      ['GRAPH_BASE_URL', 'PORT', 'GRAPH_PORT', 'IDP_PORT', 'VITEST'].includes(name)
    )
      continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

export const portsEnv = (ports: LocalPorts): Record<string, string> => ({
  PORT: String(ports.app),
  GRAPH_PORT: String(ports.graph),
  IDP_PORT: String(ports.idp),
});

/**
 * `count` different ports free on localhost now, chosen by the system. All are held open
 * until every one is known, so they differ; a server may still lose one to another
 * process before it listens, which `startLocalServer` notices and retries.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, 'localhost', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('No port was given.');
    return address.port;
  });
  await Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
  return ports;
}

/** `vite build` of the app into `outDir`, once for a whole run; rejects with its output unless it succeeds. */
export async function buildApp(outDir: string, timeoutMs = 180_000): Promise<void> {
  const { child, output } = spawnGroup(
    process.execPath,
    [VITE, 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'],
    serverEnv({}),
  );
  const timer = setTimeout(() => void stopGroup(child, 1_000), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`vite build exited with ${code}:\n${output()}`);
}

/** GET `url` with the self-signed certificate accepted: the status, or an error. */
function probe(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent, timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

export type ServerMode = 'preview' | 'dev';

export interface LocalServer {
  mode: ServerMode;
  /** The production build served (preview only). */
  buildDir?: string;
  ports: LocalPorts;
  endpoints: LocalEndpoints;
  dataDir: string;
  /** What the server printed so far (its log: faults' seeds, errors). */
  output: () => string;
  stop: () => Promise<void>;
}

class PortTaken extends Error {}

async function startOnce(
  mode: ServerMode,
  ports: LocalPorts,
  options: {
    buildDir?: string;
    dataDir: string;
    timeoutMs: number;
    env?: Record<string, string>;
  },
): Promise<LocalServer> {
  const args =
    mode === 'preview'
      ? [VITE, 'preview', '--outDir', options.buildDir ?? 'dist']
      : [VITE, '--clearScreen', 'false'];
  const group: Group = spawnGroup(
    process.execPath,
    args,
    serverEnv({ ...options.env, ...portsEnv(ports), EMULATOR_DATA_DIR: options.dataDir }),
  );
  let exited: number | null | undefined;
  group.child.once('exit', (code) => {
    exited = code;
  });
  const endpoints = localEndpoints(loopbackOrigins(ports));
  const agent = new Agent({ rejectUnauthorized: false, keepAlive: false });
  const deadline = Date.now() + options.timeoutMs;
  const what = `vite ${mode === 'dev' ? '(dev server)' : 'preview'} on ${endpoints.origins.app}`;
  try {
    for (;;) {
      if (exited !== undefined) {
        if (/in use|EADDRINUSE/.test(group.output()))
          throw new PortTaken(`${what}: a port is in use:\n${group.output()}`);
        throw new Error(`${what} exited (code ${exited}) before answering:\n${group.output()}`);
      }
      if (Date.now() > deadline)
        throw new Error(
          `${what} did not answer within ${options.timeoutMs} ms:\n${group.output()}`,
        );
      try {
        if ((await probe(`${endpoints.origins.app}/`, agent)) === 200) break;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stopGroup(group.child, 1_000);
    throw error;
  } finally {
    agent.destroy();
  }
  return {
    mode,
    buildDir: mode === 'preview' ? options.buildDir : undefined,
    ports,
    endpoints,
    dataDir: options.dataDir,
    output: group.output,
    stop: () => stopGroup(group.child),
  };
}

/**
 * The app with its local stack (Graph emulator, identity provider) on three free ports and
 * `dataDir` as the emulator's folder: `vite preview` of `buildDir` (the production build),
 * or the dev server `npm start` runs. Resolves once the app answers.
 */
export async function startLocalServer(options: {
  mode: ServerMode;
  buildDir?: string;
  dataDir: string;
  /** Given ports are used as they are; by default three free ones (tried again if one is taken). */
  ports?: LocalPorts;
  /** More of the emulator's settings, e.g. `{ EMULATOR_DIRECTORY_SIZE: '60' }`. */
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<LocalServer> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (options.ports) return startOnce(options.mode, options.ports, { ...options, timeoutMs });
  for (let attempt = 1; ; attempt += 1) {
    const [app, graph, idp] = await freePorts(3);
    try {
      return await startOnce(options.mode, { app, graph, idp }, { ...options, timeoutMs });
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt === 3) throw error;
    }
  }
}
