import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The project root (tests/e2e/support/ is three levels down). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Servers the tests and the benchmark start, each as the leader of a process group of its
 * own (`detached`), so that it and anything it starts are ended together by signalling the
 * group (-pid), and nothing else on the machine is touched. A dead man's switch per group
 * ends it when this process dies without cleaning up, even by SIGKILL.
 */
const groups = new Set<ChildProcess>();
const reapers = new Map<ChildProcess, ChildProcess>();

function groupAlive(child: ChildProcess): boolean {
  if (!child.pid) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

/**
 * A detached `sh` that waits for its stdin to close, then runs `action`. Our end of the
 * pipe closes whenever this process ends, whatever the way.
 */
function deadMansSwitch(action: string): ChildProcess {
  const reaper = spawn('sh', ['-c', `cat >/dev/null; ${action}`], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  reaper.unref();
  (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return reaper;
}

/** Our own switch stands down (its group is ours: sh and its cat). */
function disarm(reaper: ChildProcess | undefined): void {
  if (!reaper?.pid) return;
  try {
    process.kill(-reaper.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

let folderReaper: ChildProcess | undefined;

/** Removes `folder` if this process dies before it does so itself. */
export function removeOnDeath(folder: string): void {
  folderReaper = deadMansSwitch(`rm -rf -- '${folder.replace(/'/g, "'\\''")}'`);
}

/** Normal end: everything was stopped and removed already; the switches stand down. */
export function releaseDeadMansSwitches(): void {
  for (const reaper of reapers.values()) disarm(reaper);
  reapers.clear();
  disarm(folderReaper);
  folderReaper = undefined;
}

export interface Group {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr (the last 100 kB or more). */
  output: () => string;
}

/** Starts `command` in ROOT as a process group of its own, its output kept. */
export function spawnGroup(command: string, args: string[], env: NodeJS.ProcessEnv): Group {
  const child = spawn(command, args, {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  groups.add(child);
  if (child.pid)
    reapers.set(
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
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.once('exit', () => {
    if (!groupAlive(child)) groups.delete(child);
  });
  return { child, output: () => output };
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
    disarm(reapers.get(child));
    reapers.delete(child);
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
