import { cloudOfAuthority } from './microsoft-clouds.ts';
import * as z from 'zod/mini';

/**
 * The app's runtime configuration: which identity provider and which Graph it talks to.
 * Pure, so the dev server can refuse a bad configuration at start-up and the browser can
 * explain it on screen with the same words.
 */
export interface AppConfig {
  clientId: string;
  authority: string;
  protocolMode: 'AAD' | 'OIDC';
  knownAuthorities: string[];
  graphBaseUrl: string;
  /** True when the app talks to the embedded identity provider and Graph emulator. */
  isLocal: boolean;
}

const setting = z.optional(z.string());

/** What a deployment may set in app-config.js: each setting optional, all text, no others. */
const rawAppConfigSchema = z.strictObject({
  clientId: setting,
  authority: setting,
  protocolMode: setting,
  knownAuthorities: setting,
  graphBaseUrl: setting,
});

export type RawAppConfig = z.infer<typeof rawAppConfigSchema>;

/** The environment variable that fills each setting. */
export const CONFIG_VARIABLES = {
  clientId: 'AUTH_CLIENT_ID',
  authority: 'AUTH_AUTHORITY',
  protocolMode: 'AUTH_PROTOCOL_MODE',
  knownAuthorities: 'AUTH_KNOWN_AUTHORITIES',
  graphBaseUrl: 'GRAPH_BASE_URL',
} as const satisfies Record<keyof RawAppConfig, string>;

export const LOCAL_CLIENT_ID = 'profile-editor-local';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The embedded stack's endpoints, when the app is served by `npm start` or `vite preview`
 * (its `app-config.js` says so); absent in a deployment.
 */
export interface LocalStackEndpoints {
  authority: string;
  graphBaseUrl: string;
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

function httpsUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const trimSlash = (value: string) => value.replace(/\/+$/, '');

/** Reads the variables a deployment sets from an environment (the dev server's). */
export function rawConfigFromEnv(env: Record<string, string | undefined>): RawAppConfig {
  const raw: RawAppConfig = {};
  for (const [key, variable] of Object.entries(CONFIG_VARIABLES)) {
    const value = env[variable]?.trim();
    if (value) raw[key as keyof RawAppConfig] = value;
  }
  return raw;
}

/**
 * What is wrong with the shape of app-config.js, in the order its settings are written:
 * not an object, unknown settings, settings that are not text.
 */
function shapeProblems(input: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
  if (issues.some((issue) => issue.path.length === 0 && issue.code !== 'unrecognized_keys'))
    return ['The configuration must be an object of settings.'];
  const settings = Object.keys(input as object);
  const found: { setting: string; problem: string }[] = [];
  for (const issue of issues) {
    if (issue.path.length === 0 && issue.code === 'unrecognized_keys') {
      for (const setting of issue.keys)
        found.push({
          setting,
          problem: `Unknown setting '${setting}'; known settings: ${Object.keys(CONFIG_VARIABLES).join(', ')}.`,
        });
    } else {
      const setting = String(issue.path[0]) as keyof RawAppConfig;
      const value: unknown = (input as Record<string, unknown>)[setting];
      found.push({
        setting,
        problem: `${CONFIG_VARIABLES[setting]} must be text, not ${JSON.stringify(value)}.`,
      });
    }
  }
  return found
    .sort((a, b) => settings.indexOf(a.setting) - settings.indexOf(b.setting))
    .map(({ problem }) => problem);
}

/**
 * Fills defaults (the embedded stack's, when there is one; a Microsoft cloud's Graph for
 * its authority) and checks the rest. Every problem is reported at once, named by its
 * variable.
 */
export function resolveAppConfig(input: unknown, localStack?: LocalStackEndpoints): ConfigResult {
  // No app-config.js at all: the embedded stack's defaults.
  const parsed = rawAppConfigSchema.safeParse(input === undefined ? {} : input);
  if (!parsed.success) return { ok: false, problems: shapeProblems(input, parsed.error.issues) };
  const raw = parsed.data;
  const problems: string[] = [];
  const get = (key: keyof RawAppConfig) => {
    const value = raw[key]?.trim();
    return value === '' ? undefined : value;
  };

  const localAuthority = localStack ? trimSlash(localStack.authority) : undefined;
  const authority = trimSlash(get('authority') ?? localAuthority ?? '');
  const authorityUrl = httpsUrl(authority);
  if (!authority)
    problems.push(
      "AUTH_AUTHORITY is required: your tenant's sign-in address, e.g. https://login.microsoftonline.com/<tenant-id>.",
    );
  else if (!authorityUrl)
    problems.push(
      `AUTH_AUTHORITY must be an https:// URL (MSAL refuses any other), not '${authority}'.`,
    );
  const isLocal = localAuthority !== undefined && authority === localAuthority;
  const cloud = authorityUrl ? cloudOfAuthority(authorityUrl) : undefined;
  const isEntra = cloud !== undefined;

  const protocolMode = get('protocolMode') ?? (isEntra ? 'AAD' : 'OIDC');
  if (protocolMode !== 'AAD' && protocolMode !== 'OIDC')
    problems.push(`AUTH_PROTOCOL_MODE must be AAD or OIDC, not '${protocolMode}'.`);

  const clientId = get('clientId') ?? (isLocal ? LOCAL_CLIENT_ID : undefined);
  if (!clientId)
    problems.push(
      'AUTH_CLIENT_ID is required when AUTH_AUTHORITY is not the embedded provider: use the Application (client) ID of your app registration.',
    );
  else if (protocolMode === 'AAD' && !GUID.test(clientId))
    problems.push(
      `AUTH_CLIENT_ID must be the Application (client) ID, a GUID, for Microsoft Entra ID; '${clientId}' is not one.`,
    );

  const localGraph = localStack ? trimSlash(localStack.graphBaseUrl) : undefined;
  const cloudGraph = cloud ? `${cloud.graphOrigins[0]}/beta` : undefined;
  const graphBaseUrl = trimSlash(get('graphBaseUrl') ?? (isLocal ? localGraph : cloudGraph) ?? '');
  const graphUrl = httpsUrl(graphBaseUrl);
  if (!graphBaseUrl)
    problems.push(
      'GRAPH_BASE_URL is required when AUTH_AUTHORITY is neither the embedded provider nor Microsoft Entra ID.',
    );
  else if (!graphUrl)
    problems.push(`GRAPH_BASE_URL must be an https:// URL, not '${graphBaseUrl}'.`);
  else if (isLocal && graphBaseUrl !== localGraph) {
    problems.push(
      `GRAPH_BASE_URL is '${graphBaseUrl}' but AUTH_AUTHORITY is the embedded provider, whose tokens only the embedded Graph emulator (${localGraph ?? ''}) accepts.`,
    );
  } else if (!isLocal && localGraph !== undefined && graphBaseUrl === localGraph) {
    problems.push(
      `GRAPH_BASE_URL is the embedded Graph emulator but AUTH_AUTHORITY is '${authority}'; the emulator accepts only the embedded provider's tokens. Set GRAPH_BASE_URL=${cloudGraph ?? 'https://graph.microsoft.com/beta'}.`,
    );
  } else if (cloud && !cloud.graphOrigins.includes(graphUrl.origin)) {
    problems.push(
      `GRAPH_BASE_URL is '${graphBaseUrl}', but AUTH_AUTHORITY signs in to ${cloud.name}, whose Graph is ${cloud.graphOrigins.join(' or ')}: any other Graph refuses its tokens.`,
    );
  }

  const known = get('knownAuthorities');
  const knownAuthorities = known
    ? known
        .split(',')
        .map((host) => host.trim())
        .filter(Boolean)
    : protocolMode === 'OIDC' && authorityUrl
      ? [authorityUrl.host]
      : [];
  if (protocolMode === 'OIDC' && authorityUrl && !knownAuthorities.includes(authorityUrl.host)) {
    problems.push(
      `AUTH_KNOWN_AUTHORITIES must include '${authorityUrl.host}', the host of AUTH_AUTHORITY, for an OIDC authority.`,
    );
  }

  if (problems.length || !clientId) return { ok: false, problems };
  return {
    ok: true,
    config: {
      clientId,
      authority,
      protocolMode: protocolMode as 'AAD' | 'OIDC',
      knownAuthorities,
      graphBaseUrl,
      isLocal,
    },
  };
}
