/** The delegated Graph permissions the local provider knows, and who may consent to each. */
export const GRAPH_SCOPES = [
  { scope: 'User.Read', description: 'Sign you in and read your profile', adminOnly: false },
  { scope: 'User.ReadWrite', description: 'Read and update your profile', adminOnly: false },
  { scope: 'User.Read.All', description: "Read all users' full profiles", adminOnly: true },
  {
    scope: 'User.ReadWrite.All',
    description: "Read and write all users' full profiles",
    adminOnly: true,
  },
] as const;

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

export const describeScope = (scope: string) =>
  GRAPH_SCOPES.find((known) => known.scope === scope) ?? {
    scope,
    description: scope,
    adminOnly: true,
  };
