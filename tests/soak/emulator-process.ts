import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The project root (tests/soak/ is two levels down). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'emulator', 'cli', 'serve-emulator.ts');

export interface EmulatorProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  origin: string;
  dataDir: string;
  databaseFile: string;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** POST /_emulator/<path> with a JSON body; throws unless 2xx. */
  control(path: string, body: unknown): Promise<unknown>;
  /** SIGTERM and wait (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Every server this process started and that may still run: killed on exit, whatever the reason. */
const running = new Set<ChildProcess>();

export function killAllEmulators(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  running.clear();
}

/**
 * Starts emulator/cli/serve-emulator.ts as a child process on `dataDir` and waits for its
 * ready line. It runs as `node --import tsx <script>`, a single process, so that a signal
 * sent to the child reaches the server itself: `npx tsx` would put npx and tsx's own CLI
 * process in between, and a SIGKILL would leave the real server running as an orphan.
 */
export async function startEmulatorProcess(
  dataDir: string,
  timeoutMs = 30_000,
): Promise<EmulatorProcess> {
  // Fault settings come from the soak over /_emulator/faults, never from the caller's environment.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('EMULATOR_')),
  );
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', SCRIPT, '--port', '0', '--data', dataDir],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });

  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<{ port: number; origin: string }>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`serve-emulator gave no ready line within ${timeoutMs} ms. stderr:\n${stderr}`),
        ),
      timeoutMs,
    );
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        const parsed = JSON.parse(line) as { ready?: unknown; port?: unknown; origin?: unknown };
        if (
          parsed.ready !== true ||
          typeof parsed.port !== 'number' ||
          parsed.origin !== `http://127.0.0.1:${parsed.port}`
        ) {
          throw new Error(`unexpected ready line: ${line}`);
        }
        resolve({ port: parsed.port, origin: parsed.origin });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(
          `serve-emulator exited (code ${code}, signal ${signal}) before it was ready. stderr:\n${stderr}`,
        ),
      );
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  // Anything after the ready line is unexpected on stdout: pass it on rather than let the pipe fill.
  lines.on('line', (line) => process.stderr.write(`[serve-emulator stdout] ${line}\n`));

  return {
    child,
    pid: child.pid!,
    port: ready.port,
    origin: ready.origin,
    dataDir,
    databaseFile: join(dataDir, 'emulator.sqlite'),
    stderr: () => stderr,
    exited,
    async control(path, body) {
      const response = await fetch(`${ready.origin}/_emulator${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok)
        throw new Error(`POST /_emulator${path} answered ${response.status}: ${text}`);
      return text ? (JSON.parse(text) as unknown) : undefined;
    },
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
