// `npm test`: the static checks, then the unit and emulator tests (Vitest), run beside the
// browser tests (Playwright) rather than before them. Much of a browser test is waiting
// (for a page, a sign-in, a back-off), and the checks and Vitest fill those gaps: on this
// 2-core machine the whole run is then about as long as the browser tests alone.
// Playwright's output streams; the other chain's output is shown as one block when it is
// done (all of it when something failed, its summary otherwise). Arguments go to
// Playwright. Exits non-zero when anything failed.
import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Runs a command; its output is kept (capture) or goes straight to this terminal. */
function run(command, args, { capture }) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.once('error', (error) => resolve({ code: 1, output: String(error), ms: 0 }));
    child.once('close', (code) =>
      resolve({ code: code ?? 1, output, ms: performance.now() - started }),
    );
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function checksThenUnitTests() {
  const checks = await run('node', ['.ci/checks.mjs'], { capture: true });
  const unit = await run(npx, ['--no-install', 'vitest', 'run', '--maxWorkers=150%'], {
    capture: true,
  });
  const summary = unit.output
    .split('\n')
    .filter((line) => /^\s*(Test Files|Tests|Duration)\b/.test(stripVTControlCharacters(line)));
  const lines = [
    '',
    '── static checks ──',
    checks.output.trimEnd(),
    `── Vitest (${seconds(unit.ms)}) ──`,
    unit.code === 0 ? summary.join('\n') : unit.output.trimEnd(),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return { checks: checks.code, unit: unit.code };
}

const quick = checksThenUnitTests();
const browser = await run(npx, ['--no-install', 'playwright', 'test', ...process.argv.slice(2)], {
  capture: false,
});
const { checks, unit } = await quick;

const failed = [
  checks !== 0 && 'static checks',
  unit !== 0 && 'Vitest',
  browser.code !== 0 && 'Playwright',
].filter(Boolean);
console.log(
  failed.length === 0
    ? 'npm test: static checks, Vitest and Playwright all passed.'
    : `npm test: ${failed.join(', ')} failed.`,
);
process.exit(failed.length === 0 ? 0 : 1);
