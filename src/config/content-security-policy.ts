import { allMicrosoftOrigins, microsoftSignInOrigins } from './microsoft-clouds.ts';

const originOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/** What the policy is written from: the sign-in and Graph the app talks to, when known. */
export interface PolicyEndpoints {
  authority?: string;
  graphBaseUrl?: string;
}

export interface PolicyOptions {
  /** A <meta> policy cannot carry `frame-ancestors`; the header must. */
  forMeta?: boolean;
  /**
   * `redirect.html` is MSAL's redirect bridge: silent renewal loads it in a hidden frame
   * of the app, so only it may be framed, and only by the app's own origin.
   */
  page?: 'app' | 'redirect-bridge';
}

/**
 * What the app needs and nothing more: its own scripts only (no inline, no eval), styles
 * inline as Fluent's runtime CSS-in-JS inserts them, network calls to itself, the
 * identity provider and Graph, and the provider in a hidden frame for silent renewal.
 * With no endpoints known (a build that a deployment configures afterwards in
 * app-config.js) it allows every Microsoft cloud's sign-in and Graph.
 */
export function contentSecurityPolicy(endpoints: PolicyEndpoints, options: PolicyOptions = {}) {
  const authority = originOf(endpoints.authority);
  const graph = originOf(endpoints.graphBaseUrl);
  const remote =
    authority && graph ? [authority, graph] : [authority, graph, ...allMicrosoftOrigins()];
  const frames = authority ? [authority] : microsoftSignInOrigins();
  const list = (origins: (string | undefined)[]) =>
    [...new Set(origins.filter((origin): origin is string => !!origin))].join(' ');
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${list(remote)}`,
    `frame-src 'self' ${list(frames)}`,
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    ...(options.forMeta
      ? []
      : [`frame-ancestors ${options.page === 'redirect-bridge' ? "'self'" : "'none'"}`]),
  ];
  return directives.join('; ');
}
