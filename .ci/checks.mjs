// The static checks of `npm test` (the scripts `npm run check` runs one after another):
// tsc, ESLint, Prettier and knip, started together so that both cores work (and a busy
// machine gives them their share), their output shown in that order once each is done.
// Exits non-zero when any of them fails, before a single test has run.
import { spawn } from 'node:child_process';

const CHECKS = ['typecheck', 'lint', 'format:check', 'knip'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => resolve({ script, code: 1, output: String(error), ms: 0 }));
    child.once('close', (code) =>
      resolve({ script, code: code ?? 1, output, ms: performance.now() - started }),
    );
  });
}

const runs = CHECKS.map(run);
let failed = 0;
for (const pending of runs) {
  const { script, code, output, ms } = await pending;
  const seconds = (ms / 1000).toFixed(1);
  if (code === 0) {
    console.log(`✓ npm run ${script} (${seconds} s)`);
  } else {
    failed += 1;
    console.log(`✗ npm run ${script} failed (exit ${code}, ${seconds} s):\n${output.trimEnd()}\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
