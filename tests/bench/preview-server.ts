import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, get } from 'node:https';
import { fileURLToPath } from 'node:url';

/** The project root (tests/bench/ is two levels down). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Every process group this benchmark started. Each child is spawned `detached`, so it
 * leads a process group of its own: `npx` and the `vite` it starts are ended together
 * by signalling the group (-pid), and nothing else on the machine is touched.
 */
const groups = new Set<ChildProcess>();

function groupAlive(child: ChildProcess): boolean {
  try {
    process.kill(-child.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is gone already.
  }
}

/** SIGTERM to the group, SIGKILL after `graceMs` if anything in it still runs. */
export async function stopGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (!child.pid) return;
  signalGroup(child, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(child) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  if (groupAlive(child)) signalGroup(child, 'SIGKILL');
  groups.delete(child);
  // Stopped for sure: its switch must not fire later at a process group id that may be reused.
  if (!groupAlive(child)) {
    disarm(groupReapers.get(child));
    groupReapers.delete(child);
  }
}

/** Ends every group still running (async, with a grace period). */
export async function stopAllGroups(): Promise<void> {
  await Promise.all([...groups].map((child) => stopGroup(child)));
}

/** Last resort, from a synchronous `exit` handler: SIGKILL every group still running. */
export function killAllGroupsSync(): void {
  for (const child of groups) signalGroup(child, 'SIGKILL');
  groups.clear();
}

/**
 * The environment for the build and the preview server: the embedded stack, never a real
 * tenant or faults from the caller's shell, on our own port and data folder.
 */
function benchEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (
      /^(AUTH_|EMULATOR_)/.test(name) ||
      name === 'GRAPH_BASE_URL' ||
      name === 'PORT' ||
      name === 'VITEST'
    )
      continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

/**
 * Dead man's switches: detached `sh` processes that wait for their stdin to close. Our end
 * of the pipe closes whenever this process ends, even by SIGKILL (tsx kills its child when a
 * relayed signal is not acknowledged within 30 ms), so a server never outlives the benchmark
 * and the temporary folder goes with it.
 */
function deadMansSwitch(action: string): ChildProcess {
  const reaper = spawn('sh', ['-c', `cat >/dev/null; ${action}`], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  reaper.unref();
  (reaper.stdin as unknown as { unref?: () => void }).unref?.();
  return reaper;
}

/** Our own reaper stands down (its group is ours: sh and its cat). */
function disarm(reaper: ChildProcess | undefined): void {
  if (!reaper?.pid) return;
  try {
    process.kill(-reaper.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

const groupReapers = new Map<ChildProcess, ChildProcess>();
let folderReaper: ChildProcess | undefined;

/** Removes `folder` if this process dies before it does so itself. */
export function removeOnDeath(folder: string): void {
  folderReaper = deadMansSwitch(`rm -rf -- '${folder.replace(/'/g, "'\\''")}'`);
}

/** Normal end: everything was stopped and removed already; the switches stand down. */
export function releaseDeadMansSwitches(): void {
  for (const reaper of groupReapers.values()) disarm(reaper);
  groupReapers.clear();
  disarm(folderReaper);
  folderReaper = undefined;
}

function spawnGroup(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  groups.add(child);
  if (child.pid)
    groupReapers.set(
      child,
      deadMansSwitch(
        `kill -TERM -${child.pid} 2>/dev/null && sleep 3 && kill -KILL -${child.pid} 2>/dev/null`,
      ),
    );
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('exit', () => {
    if (!groupAlive(child)) groups.delete(child);
  });
  return { child, output: () => output };
}

/**
 * `npx vite build` into `outDir` (a folder of the benchmark's own, so that a `dist/` another
 * server is serving, e.g. the e2e preview, is never emptied under it): resolves with its
 * output, rejects (with the output) unless it exits 0.
 */
export async function buildProduction(
  port: number,
  outDir: string,
  timeoutMs = 180_000,
): Promise<{ output: string; ms: number }> {
  const started = performance.now();
  const { child, output } = spawnGroup(
    'npx',
    ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'],
    benchEnv({ PORT: String(port) }),
  );
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) =>
    child.once('exit', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(timer);
  await stopGroup(child, 1_000);
  if (code !== 0) throw new Error(`npx vite build exited with ${code}:\n${output()}`);
  return { output: output(), ms: performance.now() - started };
}

/** GET https://localhost:port/ with the self-signed certificate accepted: the status, or an error. */
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

export interface PreviewServer {
  origin: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** `npx vite preview` of `outDir` on `port` (strict) with `dataDir` as the emulator's folder; resolves once / answers 200. */
export async function startPreview(
  port: number,
  dataDir: string,
  outDir: string,
  timeoutMs = 60_000,
): Promise<PreviewServer> {
  const origin = `https://localhost:${port}`;
  // Something else answering there would be measured instead of our server.
  const before = new Agent({ rejectUnauthorized: false, keepAlive: false });
  const taken = await probe(`${origin}/`, before).then(
    () => true,
    () => false,
  );
  before.destroy();
  if (taken)
    throw new Error(
      `Something already answers on ${origin}: stop it or pick another port with --port.`,
    );
  const { child, output } = spawnGroup(
    'npx',
    ['vite', 'preview', '--outDir', outDir],
    benchEnv({ PORT: String(port), EMULATOR_DATA_DIR: dataDir }),
  );
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  const agent = new Agent({ rejectUnauthorized: false, keepAlive: false });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (exited !== undefined)
        throw new Error(
          `npx vite preview exited (code ${exited}) before answering on ${origin}:\n${output()}`,
        );
      if (Date.now() > deadline)
        throw new Error(
          `npx vite preview did not answer on ${origin} within ${timeoutMs} ms:\n${output()}`,
        );
      try {
        if ((await probe(`${origin}/`, agent)) === 200) break;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await stopGroup(child, 1_000);
    throw error;
  } finally {
    agent.destroy();
  }
  return { origin, child, output, stop: () => stopGroup(child) };
}
