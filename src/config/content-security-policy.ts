import type { AppConfig } from './app-config';

/** Microsoft's public-cloud endpoints, allowed always so one build can be pointed at any tenant. */
const MICROSOFT_LOGIN = 'https://login.microsoftonline.com';
const MICROSOFT_GRAPH = 'https://graph.microsoft.com';

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/**
 * What the app needs and nothing more: its own scripts only (no inline, no eval), styles
 * inline as Fluent's runtime CSS-in-JS inserts them, network calls to itself, the
 * identity provider and Graph, and the provider in a hidden frame for silent renewal.
 * `forMeta` leaves out what a <meta> policy cannot carry.
 */
export function contentSecurityPolicy(
  config: Pick<AppConfig, 'authority' | 'graphBaseUrl' | 'isLocal'>,
  { forMeta = false } = {},
): string {
  const remote = config.isLocal ? [] : [originOf(config.authority), originOf(config.graphBaseUrl)];
  const extra = (...origins: (string | undefined)[]) =>
    [...new Set(origins.filter((origin): origin is string => !!origin))].join(' ');
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${extra(...remote, MICROSOFT_LOGIN, MICROSOFT_GRAPH)}`,
    `frame-src 'self' ${extra(originOf(config.authority) === undefined || config.isLocal ? undefined : originOf(config.authority), MICROSOFT_LOGIN)}`,
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    ...(forMeta ? [] : ["frame-ancestors 'none'"]),
  ];
  return directives.join('; ');
}
