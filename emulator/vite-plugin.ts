import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { ServerOptions } from 'node:https';
import type { Connect, Logger, Plugin } from 'vite';
import {
  CONTROL_PATH,
  GRAPH_PATH,
  IDP_PATH,
  localEndpoints,
  loopbackOrigins,
  type LocalPorts,
} from './endpoints.js';
import { behaviourFromEnv } from './graph/behaviour.js';
import { corsOptionsFromEnv } from './graph/cors.js';
import { faultSettingsFromEnv } from './graph/faults.js';
import { rateLimitSettingsFromEnv } from './graph/rate-limit.js';
import { identitySettingsFromEnv } from './idp/identity-policy.js';
import { createLocalStack, type NodeHandler } from './local-stack.js';
import { dataLocationFromEnv } from './store/database.js';
import { directoryScaleFromEnv } from './store/generated-directory.js';
import { DEMO_PASSWORD, DEMO_USERS } from './store/demo-directory.js';

/**
 * A server of its own for one service, on its own port (its own origin), with the
 * handler mounted at `path` the way connect mounts one: `req.url` relative to the mount,
 * `originalUrl` whole (oidc-provider finds its mount by comparing the two).
 *
 * HTTP/2, as Graph and Entra speak (and Vite's own HTTPS server): over HTTP/1.1 a browser
 * silently sends a request again, even a POST, when a reused connection closes without
 * an answer, which would hide exactly the lost answers the app must cope with.
 */
async function listenService(options: {
  name: string;
  port: number;
  tls: ServerOptions;
  path: string;
  handler: NodeHandler;
  logger: Logger;
}): Promise<Http2SecureServer> {
  const { path, handler } = options;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url === path || url.startsWith(`${path}/`) || url.startsWith(`${path}?`)) {
      Object.assign(req, { originalUrl: url, url: url.slice(path.length) || '/' });
      handler(req, res, (error) => {
        options.logger.error(
          `${options.name} failed on ${req.method ?? ''} ${url}: ${(error as Error | undefined)?.stack ?? String(error)}`,
        );
        if (res.headersSent) res.destroy();
        else res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end();
      });
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`Nothing at ${url}. The ${options.name} answers under ${path}.`);
  };
  const server = createSecureServer({ ...options.tls, allowHTTP1: true }, (req, res) =>
    // The compatibility API's request and response serve a Node handler as HTTP/1's do.
    handle(req as unknown as IncomingMessage, res as unknown as ServerResponse),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `The ${options.name}'s port ${options.port} is in use; set another (see README, "What runs where").`
            : `The ${options.name} cannot listen on port ${options.port}: ${error.message}`,
        ),
      ),
    );
    server.listen(options.port, 'localhost', resolve);
  });
  return server;
}

/**
 * The local world for Vite's dev and preview servers: the app's server gets the
 * emulator's controls (/_emulator); the Graph emulator and the identity provider each
 * answer on an origin of their own (emulator/endpoints.ts), as Microsoft's do.
 */
export function localStackPlugin(ports: LocalPorts): Plugin {
  const endpoints = localEndpoints(loopbackOrigins(ports));

  async function mount(
    middlewares: Connect.Server,
    httpServer: Server | null,
    logger: Logger,
    tls: ServerOptions | undefined,
  ) {
    if (!tls) throw new Error('The local stack needs HTTPS (the basic-ssl plugin).');
    const data = dataLocationFromEnv();
    const stack = await createLocalStack({
      endpoints,
      data,
      faults: faultSettingsFromEnv(),
      rateLimit: rateLimitSettingsFromEnv(),
      directory: directoryScaleFromEnv(),
      behaviour: behaviourFromEnv(process.env),
      identity: identitySettingsFromEnv(process.env),
      cors: corsOptionsFromEnv(process.env),
      log: (message) => logger.error(message),
    });
    middlewares.use(CONTROL_PATH, stack.control);
    const services = await Promise.all([
      listenService({
        name: 'Graph emulator',
        port: ports.graph,
        tls,
        path: GRAPH_PATH,
        handler: stack.graph,
        logger,
      }),
      listenService({
        name: 'identity provider',
        port: ports.idp,
        tls,
        path: IDP_PATH,
        handler: await stack.identityProvider(),
        logger,
      }),
    ]);
    httpServer?.once('close', () => {
      for (const service of services) service.close();
      stack.close();
    });
    httpServer?.once('listening', () => {
      const where = data.kind === 'memory' ? 'memory (discarded on exit)' : data.path;
      const accounts = DEMO_USERS.map(
        (user) =>
          `    ${user.userPrincipalName.padEnd(20)} ${user.displayName}${user.roles?.length ? ` (${user.roles.join(', ')})` : ''}`,
      ).join('\n');
      const { scale, seededInMs } = stack.generatedDirectory;
      const generated =
        scale.size > 0
          ? `  Generated directory: ${scale.size} people (seed ${scale.seed})${seededInMs === null ? ', as stored' : `, written in ${seededInMs} ms`}\n`
          : '';
      const { enabled, capacity, refillPerSecond } = stack.rateLimiter.settings;
      const rateLimit = enabled
        ? `  Rate limit: ${capacity} requests at once, ${refillPerSecond} a second after, per application and tenant\n`
        : '  Rate limit: off\n';
      logger.info(
        `\n  Profile Editor: ${endpoints.origins.app}/\n` +
          `  Identity provider ${endpoints.issuer}\n  Graph emulator ${endpoints.graphBaseUrl}\n  Data in ${where}\n` +
          generated +
          rateLimit +
          `  Demo accounts, password ${DEMO_PASSWORD}:\n${accounts}\n`,
      );
    });
  }

  return {
    name: 'profile-editor-local-stack',
    async configureServer(server) {
      await mount(
        server.middlewares,
        server.httpServer as Server | null,
        server.config.logger,
        server.config.server.https,
      );
    },
    async configurePreviewServer(server) {
      await mount(
        server.middlewares,
        server.httpServer as Server,
        server.config.logger,
        server.config.preview.https,
      );
    },
  };
}
