/**
 * The delegated Graph permissions the local provider knows, and whether a user may consent
 * to each or an administrator must (as Microsoft Graph's permissions reference says).
 */
export const GRAPH_SCOPES = [
  { scope: 'User.Read', description: 'Sign you in and read your profile', adminOnly: false },
  { scope: 'User.ReadWrite', description: 'Read and update your profile', adminOnly: false },
  {
    scope: 'User.ReadBasic.All',
    description: "Read all users' basic profiles",
    adminOnly: false,
  },
  { scope: 'User.Read.All', description: "Read all users' full profiles", adminOnly: true },
  {
    scope: 'User.ReadWrite.All',
    description: "Read and write all users' full profiles",
    adminOnly: true,
  },
] as const;

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

/**
 * The permissions the local app registration lists (API permissions in the Entra admin
 * center): what `/.default` means. A new registration has User.Read; the README adds
 * User.ReadWrite and User.ReadWrite.All.
 */
export const CONFIGURED_SCOPES = ['User.Read', 'User.ReadWrite', 'User.ReadWrite.All'];

export interface ScopeDescription {
  scope: string;
  description: string;
  adminOnly: boolean;
}

export const describeScope = (scope: string): ScopeDescription =>
  GRAPH_SCOPES.find((known) => known.scope === scope) ?? {
    scope,
    description: scope,
    adminOnly: true,
  };

/** Known Graph scopes in the catalogue's order (least to most privileged). */
export const orderedGraphScopes = (scopes: Iterable<string>): string[] => {
  const wanted = new Set(scopes);
  return GRAPH_SCOPES.map(({ scope }) => scope).filter((scope) => wanted.has(scope));
};

/**
 * A scope as an app may write it in a request to Entra: bare ("User.Read"), or with the
 * resource in front ("https://graph.microsoft.com/User.Read", or the local Graph's own
 * origin). Returns the bare Graph scope, `.default`, an OIDC scope, or undefined.
 */
export function normalizeScope(raw: string, localGraph: string): string | undefined {
  for (const resource of ['https://graph.microsoft.com/', `${localGraph.replace(/\/$/, '')}/`]) {
    if (raw.toLowerCase().startsWith(resource.toLowerCase()))
      return normalizeScope(raw.slice(resource.length), localGraph);
  }
  if (raw === '.default') return raw;
  if (OIDC_SCOPES.includes(raw)) return raw;
  return GRAPH_SCOPES.find((known) => known.scope.toLowerCase() === raw.toLowerCase())?.scope;
}
