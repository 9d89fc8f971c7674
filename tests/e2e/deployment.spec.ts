import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../../src/config/content-security-policy';
import { HOSTING_FILES } from '../../src/config/hosting-config';
import { expect, test } from './support/fixtures';
import { freePorts } from './support/local-server';
import { spawnGroup, stopGroup, type Group } from './support/process-group';

/**
 * What `npm run build` writes for static hosts, checked against the built output: the
 * build made without AUTH_* variables (as globalSetup makes it), whose policy allows every
 * Microsoft cloud. The Azure Static Web Apps file is read and compared with the policy
 * function; nginx (Debian's, `apt-get install nginx`; .ci/run installs it) serves the
 * build with the generated file, and a browser loads it.
 */
const buildDir = () => {
  const folder = process.env.E2E_BUILD_DIR;
  if (!folder) throw new Error('No build: run through the Playwright config (globalSetup).');
  return folder;
};

/** What the build was made with: no endpoints, so every Microsoft cloud. */
const APP_POLICY = contentSecurityPolicy({}, { page: 'app' });
const BRIDGE_POLICY = contentSecurityPolicy({}, { page: 'redirect-bridge' });

const NGINX_CANDIDATES = [
  '/usr/sbin/nginx',
  '/usr/local/sbin/nginx',
  '/usr/local/bin/nginx',
  '/opt/homebrew/bin/nginx',
];

interface Nginx {
  origin: string;
  stop: () => Promise<void>;
}

/** nginx serving `root` with the build's nginx.conf included, as the README says, on a free port. */
async function startNginx(root: string): Promise<Nginx> {
  const binary = NGINX_CANDIDATES.find((path) => existsSync(path));
  if (!binary)
    throw new Error(
      'nginx is not installed: `apt-get install nginx` (.ci/run installs it), or `brew install nginx`.',
    );
  const [port] = await freePorts(1);
  const work = mkdtempSync(join(tmpdir(), 'profile-editor-nginx-'));
  const temp = (name: string) => `${name} ${join(work, name)};`;
  // The server block a deployment writes (README): its own listen and root, then our file.
  writeFileSync(
    join(work, 'nginx.conf'),
    `daemon off;
master_process off;
worker_processes 1;
pid ${join(work, 'nginx.pid')};
error_log ${join(work, 'error.log')} warn;
events { worker_connections 64; }
http {
  types { text/html html; text/javascript js; application/json json; image/svg+xml svg; text/css css; }
  access_log off;
  ${temp('client_body_temp_path')}
  ${temp('proxy_temp_path')}
  ${temp('fastcgi_temp_path')}
  ${temp('uwsgi_temp_path')}
  ${temp('scgi_temp_path')}
  server {
    listen 127.0.0.1:${port};
    root ${root};
    include ${join(root, HOSTING_FILES.nginx)};
  }
}
`,
  );
  const group: Group = spawnGroup(
    binary,
    ['-p', work, '-e', join(work, 'error.log'), '-c', join(work, 'nginx.conf')],
    process.env,
  );
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (group.child.exitCode !== null)
      throw new Error(
        `nginx exited with ${group.child.exitCode}:\n${group.output()}\n${readFileSync(join(work, 'error.log'), 'utf8')}`,
      );
    const answered = await fetch(`${origin}/`).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer on ${origin}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    origin,
    stop: async () => {
      await stopGroup(group.child, 2_000);
      rmSync(work, { recursive: true, force: true });
    },
  };
}

test.describe('deploying the build', () => {
  test('the Azure Static Web Apps configuration has the fallback route and the headers of the policy', () => {
    const config = JSON.parse(
      readFileSync(join(buildDir(), HOSTING_FILES.staticWebApps), 'utf8'),
    ) as {
      navigationFallback: { rewrite: string; exclude: string[] };
      routes: { route: string; headers?: Record<string, string>; statusCode?: number }[];
      globalHeaders: Record<string, string>;
    };
    expect(config.navigationFallback.rewrite).toBe('/index.html');
    expect(config.navigationFallback.exclude).toContain('/assets/*');
    expect(config.globalHeaders['Content-Security-Policy']).toBe(APP_POLICY);
    expect(APP_POLICY).toContain("frame-ancestors 'none'");
    const bridge = config.routes.find((route) => route.route === '/redirect.html');
    expect(bridge?.headers?.['Content-Security-Policy']).toBe(BRIDGE_POLICY);
    expect(BRIDGE_POLICY).toContain("frame-ancestors 'self'");
    // The policies differ in frame-ancestors only.
    expect(BRIDGE_POLICY.replace("frame-ancestors 'self'", '')).toBe(
      APP_POLICY.replace("frame-ancestors 'none'", ''),
    );
    // The hosts' own files are not served.
    for (const file of Object.values(HOSTING_FILES))
      expect(config.routes.find((route) => route.route === `/${file}`)?.statusCode).toBe(404);
    // The pages' own <meta> policy is the same policy (without frame-ancestors, which a
    // <meta> cannot carry).
    const page = readFileSync(join(buildDir(), 'index.html'), 'utf8');
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({}, { forMeta: true })}" />`,
    );
  });

  test('nginx serves the build with the generated configuration: the policy on every page, the bridge framable by the app only, the fallback, caching', async ({
    page,
    request,
  }) => {
    const nginx = await startNginx(buildDir());
    try {
      const get = (path: string, accept = 'text/html') =>
        request.get(`${nginx.origin}${path}`, { headers: { accept } });

      for (const path of ['/', '/people', `/people/1234/positions/new`, '/positions/abc']) {
        const answer = await get(path);
        expect(answer.status(), path).toBe(200);
        expect(answer.headers()['content-security-policy'], path).toBe(APP_POLICY);
        expect(answer.headers()['cache-control'], path).toBe('no-cache');
        expect(await answer.text(), path).toContain('<div id="root">');
      }
      const bridge = await get('/redirect.html');
      expect(bridge.status()).toBe(200);
      expect(bridge.headers()['content-security-policy']).toBe(BRIDGE_POLICY);
      expect(await bridge.text()).toContain('redirect bridge');

      const config = await get('/app-config.js', '*/*');
      expect(config.status()).toBe(200);
      expect(config.headers()['cache-control']).toBe('no-cache');

      const asset = readdirSync(join(buildDir(), 'assets')).find((file) => file.endsWith('.js'));
      const script = await get(`/assets/${asset ?? ''}`, '*/*');
      expect(script.status()).toBe(200);
      expect(script.headers()['content-type']).toContain('javascript');
      expect(script.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
      expect((await get('/assets/no-such-file.js', '*/*')).status()).toBe(404);
      for (const file of Object.values(HOSTING_FILES))
        expect((await get(`/${file}`, '*/*')).status(), file).toBe(404);

      // In a browser: the app runs under the header policy (this build is not configured
      // for a tenant, so it says so), may frame its redirect bridge, and cannot be framed.
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`${nginx.origin}/people`);
      await expect(
        page.getByRole('heading', { name: 'Profile Editor is not configured correctly' }),
      ).toBeVisible();
      expect(violations).toEqual([]);
      const framed = await page.evaluate(async () => {
        const load = (src: string) =>
          new Promise<string>((resolve) => {
            const frame = document.createElement('iframe');
            frame.src = src;
            frame.onload = () => {
              let where = 'blocked';
              try {
                where = frame.contentWindow?.location.pathname ?? 'blocked';
              } catch {
                // A blocked frame holds the browser's error page, of another origin.
              }
              resolve(where);
            };
            document.body.append(frame);
          });
        return { bridge: await load('/redirect.html'), app: await load('/') };
      });
      expect(framed).toEqual({ bridge: '/redirect.html', app: 'blocked' });
      expect(violations.some((text) => text.includes("frame-ancestors 'none'"))).toBe(true);
    } finally {
      await nginx.stop();
    }
  });
});
