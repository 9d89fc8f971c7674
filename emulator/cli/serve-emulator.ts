import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTROL_PATH, GRAPH_PATH, localEndpoints } from '../endpoints.js';
import { createLocalStack, type LocalStack } from '../local-stack.js';
import { behaviourFromEnv } from '../graph/behaviour.js';
import { faultSettingsFromEnv } from '../graph/faults.js';
import { rateLimitSettingsFromEnv } from '../graph/rate-limit.js';
import type { DataLocation } from '../store/database.js';
import { directoryScaleFromEnv } from '../store/generated-directory.js';

/*
 * The Graph emulator and its controls on their own, over plain HTTP on 127.0.0.1, with no
 * identity provider (callers mint their own tokens with the stored signing key, as
 * tests/emulator/harness.ts does):
 *
 *   tsx emulator/cli/serve-emulator.ts --data <folder> [--port N]
 *
 *   /beta         the Graph profile emulator
 *   /_emulator    its controls (faults, settings, rate-limit, expire-tokens, reset)
 *
 * `--port 0` (the default) lets the system pick a port. `--data :memory:` keeps nothing.
 * When it listens it prints one JSON line on stdout and nothing else goes there:
 *   {"ready":true,"port":N,"origin":"http://127.0.0.1:N"}
 * Logs go to stderr. SIGTERM and SIGINT close the database and exit 0. It is meant to be
 * killed with SIGKILL at any moment too (the soak test does): every acknowledged write is
 * already committed (SQLite WAL, synchronous=FULL), so no shutdown work is needed.
 */

const USAGE = 'usage: serve-emulator --data <folder | :memory:> [--port N]';

const describeError = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

function fail(message: string): never {
  process.stderr.write(`serve-emulator: ${message}\n`);
  process.exit(1);
}

function parseOptions(): { port: number; data: DataLocation } {
  let values: { port?: string; data?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    fail(`--port must be a whole number from 0 to 65535, not '${values.port}'.\n${USAGE}`);
  const folder = values.data?.trim();
  if (!folder) fail(`--data is required.\n${USAGE}`);
  return {
    port,
    data: folder === ':memory:' ? { kind: 'memory' } : { kind: 'folder', path: resolve(folder) },
  };
}

/** Mounts like connect does: the handler sees req.url with the mount prefix stripped. */
function route(stack: LocalStack) {
  const mounts = [
    [GRAPH_PATH, stack.graph],
    [CONTROL_PATH, stack.control],
  ] as const;
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    for (const [mount, handler] of mounts) {
      if (url === mount || url.startsWith(`${mount}/`) || url.startsWith(`${mount}?`)) {
        req.url = url.slice(mount.length) || '/';
        handler(req, res, (error) => {
          process.stderr.write(
            `serve-emulator: unhandled error on ${req.method ?? ''} ${url}: ${describeError(error)}\n`,
          );
          if (res.headersSent) {
            res.destroy();
            return;
          }
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('Internal error in the emulator.');
        });
        return;
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(
      `Nothing at ${url}: the Graph emulator is at ${GRAPH_PATH}, its controls at ${CONTROL_PATH}.`,
    );
  };
}

async function main(): Promise<void> {
  const { port, data } = parseOptions();
  const server = createServer();
  // Listen first: the stack needs the real origin (issuer, audience, links) up front.
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  }).catch((error: unknown) =>
    fail(`cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`),
  );

  const actualPort = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${actualPort}`;
  const stack = await createLocalStack({
    // One origin for all: no browser is involved, so nothing needs them apart.
    endpoints: localEndpoints({ app: origin, graph: origin, idp: origin }),
    data,
    faults: faultSettingsFromEnv(),
    rateLimit: rateLimitSettingsFromEnv(),
    directory: directoryScaleFromEnv(),
    behaviour: behaviourFromEnv(process.env),
    log: (message) => process.stderr.write(`${message}\n`),
  });
  server.on('request', route(stack));
  server.on('error', (error) =>
    process.stderr.write(`serve-emulator: server error: ${error.stack ?? String(error)}\n`),
  );

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`serve-emulator: ${signal}, closing.\n`);
    server.close();
    server.closeAllConnections();
    try {
      stack.close();
    } catch (error) {
      process.stderr.write(
        `serve-emulator: closing the database failed: ${(error as Error).message}\n`,
      );
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  process.stdout.write(`${JSON.stringify({ ready: true, port: actualPort, origin })}\n`);
}

main().catch((error: unknown) => fail(describeError(error)));
