import type { Connect, Logger, Plugin } from 'vite';
import type { Server } from 'node:http';
import { dataLocationFromEnv } from './store/database.js';
import { faultSettingsFromEnv } from './graph/faults.js';
import { CONTROL_MOUNT, createLocalStack, GRAPH_MOUNT, IDP_MOUNT } from './local-stack.js';
import { DEMO_PASSWORD, DEMO_USERS } from './store/demo-directory.js';

/**
 * Mounts the local world into Vite's dev and preview servers: the identity provider
 * under /idp, the Graph emulator under /graph/beta and its controls under /_emulator.
 */
export function localStackPlugin(): Plugin {
  async function mount(
    middlewares: Connect.Server,
    httpServer: Server | null,
    logger: Logger,
    port: number,
  ) {
    const origin = `https://localhost:${port}`;
    const data = dataLocationFromEnv();
    const stack = await createLocalStack({
      origin,
      data,
      faults: faultSettingsFromEnv(),
      log: (message) => logger.error(message),
    });
    const idp = await stack.identityProvider();
    middlewares.use(IDP_MOUNT, idp);
    middlewares.use(GRAPH_MOUNT, stack.graph);
    middlewares.use(CONTROL_MOUNT, stack.control);
    httpServer?.once('close', () => stack.close());
    httpServer?.once('listening', () => {
      const where = data.kind === 'memory' ? 'memory (discarded on exit)' : data.path;
      const accounts = DEMO_USERS.map(
        (user) =>
          `    ${user.userPrincipalName.padEnd(20)} ${user.displayName}${user.roles?.length ? ` (${user.roles.join(', ')})` : ''}`,
      ).join('\n');
      logger.info(
        `\n  Profile Editor: ${origin}/\n  Identity provider ${stack.issuer}, Graph emulator ${origin}${GRAPH_MOUNT}, data in ${where}\n` +
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
        server.config.server.port!,
      );
    },
    async configurePreviewServer(server) {
      await mount(
        server.middlewares,
        server.httpServer as Server,
        server.config.logger,
        server.config.preview.port!,
      );
    },
  };
}
