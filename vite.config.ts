import { tanstackRouter } from '@tanstack/router-plugin/vite';
import basicSsl from '@vitejs/plugin-basic-ssl';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { localStackPlugin } from './emulator/vite-plugin.ts';
import { rawConfigFromEnv, resolveAppConfig, type AppConfig } from './src/config/app-config.ts';
import { contentSecurityPolicy } from './src/config/content-security-policy.ts';

function portFromEnv(): number {
  const raw = process.env.PORT?.trim();
  if (!raw) return 5173;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PORT must be a whole number from 1 to 65535, not '${raw}'.`);
  return port;
}

const port = portFromEnv();

/**
 * Serves `/app-config.js` (and writes it into a build) from the AUTH_* and GRAPH_BASE_URL
 * environment variables, after checking them: a bad configuration stops the server with
 * the reason instead of reaching the browser.
 */
function appConfigPlugin(): Plugin {
  const raw = rawConfigFromEnv(process.env);
  let config: AppConfig;
  const script = `window.profileEditorConfig = ${JSON.stringify(raw, null, 2)};\n`;
  const serve = (
    req: { url?: string },
    res: import('node:http').ServerResponse,
    next: () => void,
  ) => {
    if (req.url?.split('?')[0] !== '/app-config.js') {
      next();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
    res.end(script);
  };
  return {
    name: 'profile-editor-app-config',
    configResolved(resolved) {
      const result = resolveAppConfig(raw, `https://localhost:${port}`);
      if (!result.ok) {
        const message = `Profile Editor configuration is invalid:\n${result.problems.map((problem) => `  - ${problem}`).join('\n')}\nSee "Point it at a real tenant" in README.md.`;
        resolved.logger.error(message);
        throw new Error(message);
      }
      config = result.config;
    },
    configureServer(server) {
      server.middlewares.use(serve);
    },
    configurePreviewServer(server) {
      // The production build is served with its Content-Security-Policy (the dev server
      // needs inline scripts for hot reload, so it has none). The provider's pages set their own.
      server.middlewares.use((req, res, next) => {
        if (!/^\/(idp|graph|_emulator)(\/|$)/.test(req.url ?? ''))
          res.setHeader('Content-Security-Policy', contentSecurityPolicy(config));
        next();
      });
      server.middlewares.use(serve);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (context.server) return html;
        // Static hosts may not send the header: the built pages carry the policy themselves.
        return html.replace(
          '<head>',
          `<head>\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(config, { forMeta: true })}" />`,
        );
      },
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'app-config.js', source: script });
    },
  };
}

export default defineConfig({
  plugins: [
    // Generates src/app/route-tree.gen.ts from the files in src/app/routes (committed), and
    // splits each route's components into a chunk of its own. Before react().
    process.env.VITEST
      ? undefined
      : tanstackRouter({
          target: 'react',
          routesDirectory: './src/app/routes',
          generatedRouteTree: './src/app/route-tree.gen.ts',
          quoteStyle: 'single',
          autoCodeSplitting: true,
          codeSplittingOptions: {
            // The list of one's own positions is the first page: it is not made to wait
            // for a chunk of its own.
            splitBehavior: ({ routeId }) => (routeId === '/' ? [] : undefined),
          },
        }),
    react(),
    basicSsl(),
    appConfigPlugin(),
    process.env.VITEST ? undefined : localStackPlugin(),
  ],
  server: { port, strictPort: true, host: 'localhost' },
  preview: { port, strictPort: true, host: 'localhost' },
  // Pre-bundle every dependency up front, so the dev server never reloads a page mid-test
  // after discovering one (the editor chunk is loaded lazily).
  optimizeDeps: {
    entries: ['index.html', 'redirect.html'],
    include: [
      'react',
      'react-dom/client',
      'react/jsx-runtime',
      '@azure/msal-browser',
      '@azure/msal-browser/redirect-bridge',
      '@azure/msal-react',
      '@tanstack/react-query',
      'react-hook-form',
      '@fluentui/react-components',
    ],
  },
  build: {
    target: 'es2022',
    rolldownOptions: { input: { main: 'index.html', redirect: 'redirect.html' } },
  },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/emulator/**/*.test.ts'],
    environment: 'node',
  },
});
