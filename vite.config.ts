import { tanstackRouter } from '@tanstack/router-plugin/vite';
import basicSsl from '@vitejs/plugin-basic-ssl';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { localEndpoints, loopbackOrigins, portsFromEnv } from './emulator/endpoints.ts';
import { localStackPlugin } from './emulator/vite-plugin.ts';
import {
  rawConfigFromEnv,
  resolveAppConfig,
  type AppConfig,
  type ConfigResult,
  type LocalStackEndpoints,
} from './src/config/app-config.ts';
import { contentSecurityPolicy } from './src/config/content-security-policy.ts';
import { HOSTING_FILES, nginxConfig, staticWebAppConfig } from './src/config/hosting-config.ts';

const ports = portsFromEnv(process.env);
const endpoints = localEndpoints(loopbackOrigins(ports));
/** What the app's configuration falls back to under `npm start` and `vite preview`. */
const localStack: LocalStackEndpoints = {
  authority: endpoints.issuer,
  graphBaseUrl: endpoints.graphBaseUrl,
};

function checked(result: ConfigResult, logger: { error(message: string): void }): AppConfig {
  if (result.ok) return result.config;
  const message = `Profile Editor configuration is invalid:\n${result.problems.map((problem) => `  - ${problem}`).join('\n')}\nSee "Point it at a real tenant" in README.md.`;
  logger.error(message);
  throw new Error(message);
}

const META_POLICY = /<meta http-equiv="Content-Security-Policy" content="[^"]*" \/>/;
const metaPolicy = (policy: string) =>
  `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;

/**
 * Serves `/app-config.js` (and writes it into a build) from the AUTH_* and GRAPH_BASE_URL
 * environment variables, after checking them: a bad configuration stops the server with
 * the reason instead of reaching the browser. The dev and preview servers also tell the
 * app where the embedded stack answers; a build does not, so a deployment must configure
 * it (or the page says what is missing).
 */
function appConfigPlugin(): Plugin {
  const raw = rawConfigFromEnv(process.env);
  const deployable = `window.profileEditorConfig = ${JSON.stringify(raw, null, 2)};\n`;
  const served = `${deployable}window.profileEditorLocalStack = ${JSON.stringify(localStack, null, 2)};\n`;
  /** The configuration the servers run with; for a build, only what the environment set. */
  let config: AppConfig | undefined;
  const serveScript: Connect.NextHandleFunction = (req, res, next) => {
    if (req.url?.split('?')[0] !== '/app-config.js') {
      next();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
    res.end(served);
  };
  return {
    name: 'profile-editor-app-config',
    configResolved(resolved) {
      if (resolved.command === 'serve') {
        config = checked(resolveAppConfig(raw, localStack), resolved.logger);
      } else if (Object.keys(raw).length > 0) {
        config = checked(resolveAppConfig(raw), resolved.logger);
      }
    },
    configureServer(server) {
      server.middlewares.use(serveScript);
    },
    configurePreviewServer(server) {
      // The production build is served with its Content-Security-Policy as a header (the
      // dev server needs inline scripts for hot reload, so it has none), and the policy in
      // the pages' <meta> widened to the embedded stack's origins: both apply at once.
      const served = checked(resolveAppConfig(raw, localStack), server.config.logger);
      const outDir = resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use(serveScript);
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split('?')[0];
        const wantsPage =
          (req.method === 'GET' || req.method === 'HEAD') &&
          (path === '/redirect.html' ||
            path === '/index.html' ||
            (!extname(path) && (req.headers.accept ?? '').includes('text/html')));
        if (!wantsPage) {
          next();
          return;
        }
        const page = path === '/redirect.html' ? 'redirect-bridge' : 'app';
        const file = page === 'redirect-bridge' ? 'redirect.html' : 'index.html';
        const html = readFileSync(join(outDir, file), 'utf8').replace(
          META_POLICY,
          metaPolicy(contentSecurityPolicy(served, { forMeta: true })),
        );
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-cache',
          'Content-Security-Policy': contentSecurityPolicy(served, { page }),
        });
        res.end(req.method === 'HEAD' ? undefined : html);
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (context.server) return html;
        // Static hosts may not send the header: the built pages carry the policy themselves.
        return html.replace(
          '<head>',
          `<head>\n    ${metaPolicy(contentSecurityPolicy(config ?? {}, { forMeta: true }))}`,
        );
      },
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'app-config.js', source: deployable });
      // What a static host must send, from the same policy as the pages' (README, "Deploying it").
      this.emitFile({
        type: 'asset',
        fileName: HOSTING_FILES.staticWebApps,
        source: `${JSON.stringify(staticWebAppConfig(config ?? {}), null, 2)}\n`,
      });
      this.emitFile({
        type: 'asset',
        fileName: HOSTING_FILES.nginx,
        source: nginxConfig(config ?? {}),
      });
    },
  };
}

const FLUENT_THEME_CSS = 'virtual:fluent-theme.css';

/**
 * Fluent UI's design tokens as CSS variables on :root, light and dark by the system's
 * setting (what FluentProvider used to insert at run time), written at build time from
 * Fluent's own themes: the first screen styles plain elements with them, and Fluent's
 * components, loaded later, read the same variables.
 */
function fluentThemeCssPlugin(): Plugin {
  const resolvedId = `\0${FLUENT_THEME_CSS}`;
  return {
    name: 'profile-editor-fluent-theme-css',
    resolveId: (id) => (id === FLUENT_THEME_CSS ? resolvedId : undefined),
    async load(id) {
      if (id !== resolvedId) return undefined;
      // Imported here, not at the top: only a build or a served page needs the themes.
      const { webLightTheme, webDarkTheme } = await import('@fluentui/react-components');
      const light = webLightTheme as unknown as Record<string, string | number>;
      const dark = webDarkTheme as unknown as Record<string, string | number>;
      const variables = (names: string[], theme: Record<string, string | number>) =>
        names.map((name) => `--${name}:${theme[name]};`).join('');
      const darkOnly = Object.keys(dark).filter((name) => dark[name] !== light[name]);
      return (
        `:root{color-scheme:light dark;${variables(Object.keys(light), light)}}\n` +
        `@media (prefers-color-scheme: dark){:root{${variables(darkOnly, dark)}}}\n`
      );
    },
  };
}

const UNSPLIT_EDITOR_ROUTES = new Set([
  '/positions/new',
  '/positions/$positionId',
  '/people/$userId/positions/new',
  '/people/$userId/positions/$positionId',
]);

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
            // for a chunk of its own. The editor's routes are small shells that draw the
            // page's heading at once and load the editor itself (position-editor-shell.tsx).
            splitBehavior: ({ routeId }) =>
              routeId === '/' || UNSPLIT_EDITOR_ROUTES.has(routeId) ? [] : undefined,
          },
        }),
    react(),
    fluentThemeCssPlugin(),
    basicSsl(),
    appConfigPlugin(),
    process.env.VITEST ? undefined : localStackPlugin(ports),
  ],
  server: { port: ports.app, strictPort: true, host: 'localhost' },
  preview: { port: ports.app, strictPort: true, host: 'localhost' },
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
    rolldownOptions: {
      input: { main: 'index.html', redirect: 'redirect.html' },
      output: {
        // The first page in few files: Chromium fetched the dozen small chunks Rolldown made
        // of the modules the two pages and the lazy screens share a few at a time, and the
        // app's first Graph request started up to 160 ms after the floor page's (CPU ×4).
        // MSAL on its own: the redirect bridge (redirect.html) needs it and nothing else.
        codeSplitting: {
          groups: [
            {
              name: 'msal',
              priority: 1,
              test: /node_modules[\\/]@azure[\\/]msal-(browser|common)[\\/]/,
            },
            {
              name: 'first-page-libraries',
              test: /node_modules[\\/](react|react-dom|scheduler|@tanstack[\\/](react-query|query-core|react-router|router-core|history|react-store|store)|zod|@azure[\\/]msal-react)[\\/]/,
            },
          ],
        },
      },
    },
  },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/emulator/**/*.test.ts'],
    environment: 'node',
    // `npm test` runs these beside the browser tests on 2 cores: a test that waits for
    // something gets the time a busy machine needs, not the 5 s (1 s for Testing
    // Library's queries) of an idle one.
    testTimeout: 20_000,
    setupFiles: ['tests/unit/busy-machine.ts'],
  },
});
