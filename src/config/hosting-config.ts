import { contentSecurityPolicy, type PolicyEndpoints } from './content-security-policy.ts';

/**
 * What a static host must send with Profile Editor's files, written once from the same
 * policy function the pages' <meta> and `vite preview` use, for the two hosts the README
 * documents: Azure Static Web Apps (`staticwebapp.config.json`) and nginx (a file to
 * include in a `server` block). `npm run build` writes both into dist/.
 *
 * - Every page: the app's policy, `frame-ancestors 'none'` (nobody frames the app).
 * - `redirect.html`, MSAL's redirect bridge: the same policy with `frame-ancestors 'self'`,
 *   since silent renewal loads it in a hidden frame of the app; under 'none' renewal times out.
 * - Any other path that is not a file: `index.html` (the app routes in the browser);
 *   a missing file under /assets/ stays 404.
 * - `app-config.js` and the pages are revalidated on every load (a deployment edits
 *   app-config.js; the pages name the current build's files); /assets/ files carry a hash
 *   in their names and are cached for good.
 */

/** The files the build writes for hosts, not for browsers: hosts answer 404 for them. */
export const HOSTING_FILES = {
  staticWebApps: 'staticwebapp.config.json',
  nginx: 'nginx.conf',
} as const;

const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_SNIFF = 'nosniff';

export interface HostHeaders {
  app: string;
  redirectBridge: string;
}

export function policiesFor(endpoints: PolicyEndpoints): HostHeaders {
  return {
    app: contentSecurityPolicy(endpoints, { page: 'app' }),
    redirectBridge: contentSecurityPolicy(endpoints, { page: 'redirect-bridge' }),
  };
}

/** Azure Static Web Apps' configuration: the fallback route and the headers. */
export function staticWebAppConfig(endpoints: PolicyEndpoints) {
  const policy = policiesFor(endpoints);
  return {
    navigationFallback: {
      rewrite: '/index.html',
      // A missing file stays 404; only paths the app routes get index.html.
      exclude: ['/assets/*', '/*.{js,json,svg,html}'],
    },
    // Route headers replace the global ones of the same name.
    routes: [
      {
        route: '/redirect.html',
        headers: { 'Content-Security-Policy': policy.redirectBridge, 'Cache-Control': NO_CACHE },
      },
      { route: '/app-config.js', headers: { 'Cache-Control': NO_CACHE } },
      { route: '/assets/*', headers: { 'Cache-Control': IMMUTABLE } },
      { route: `/${HOSTING_FILES.nginx}`, statusCode: 404 },
      { route: `/${HOSTING_FILES.staticWebApps}`, statusCode: 404 },
    ],
    globalHeaders: {
      'Content-Security-Policy': policy.app,
      'Cache-Control': NO_CACHE,
      'X-Content-Type-Options': NO_SNIFF,
    },
  };
}

const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/**
 * nginx's part, to include in a `server` block whose `root` is the folder of the build.
 * nginx's `add_header` in a location replaces the server's, so each location says all of
 * its headers; `always` sends them with error answers too.
 */
export function nginxConfig(endpoints: PolicyEndpoints): string {
  const policy = policiesFor(endpoints);
  const headers = (entries: [string, string][]) =>
    entries.map(([name, value]) => `    add_header ${name} ${quoted(value)} always;`).join('\n');
  return `# Profile Editor for nginx: include this file in a server block whose root is the
# folder of the build (dist/). Written by \`npm run build\` from
# src/config/content-security-policy.ts, like the pages' own policy; do not edit by hand.
index index.html;

# MSAL's redirect bridge: framed by the app itself for silent renewal.
location = /redirect.html {
${headers([
  ['Content-Security-Policy', policy.redirectBridge],
  ['Cache-Control', NO_CACHE],
  ['X-Content-Type-Options', NO_SNIFF],
])}
    try_files $uri =404;
}

# The deployment's settings: read afresh on every load.
location = /app-config.js {
${headers([
  ['Cache-Control', NO_CACHE],
  ['X-Content-Type-Options', NO_SNIFF],
])}
    try_files $uri =404;
}

# Files whose names carry their content's hash.
location /assets/ {
${headers([
  ['Cache-Control', IMMUTABLE],
  ['X-Content-Type-Options', NO_SNIFF],
])}
    try_files $uri =404;
}

# The hosts' own files are not the app's.
location = /${HOSTING_FILES.nginx} { return 404; }
location = /${HOSTING_FILES.staticWebApps} { return 404; }

# The app: any other path that is not a file is the app's to route.
location / {
${headers([
  ['Content-Security-Policy', policy.app],
  ['Cache-Control', NO_CACHE],
  ['X-Content-Type-Options', NO_SNIFF],
])}
    try_files $uri /index.html;
}
`;
}
