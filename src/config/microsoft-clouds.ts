/**
 * Microsoft's clouds: each has its own sign-in host and its own Graph. A token from one
 * cloud's sign-in is refused by every other cloud's Graph, so the Graph endpoint follows
 * the authority. US Government L4 and L5 (DoD) share a sign-in host: L4's Graph is the
 * default there, and L5 is chosen by setting GRAPH_BASE_URL to DoD's Graph.
 */
export interface MicrosoftCloud {
  name: string;
  loginHosts: readonly string[];
  /** The cloud's Graph origins; the first is the default. */
  graphOrigins: readonly string[];
}

export const MICROSOFT_CLOUDS: readonly MicrosoftCloud[] = [
  {
    name: 'the global Microsoft cloud',
    loginHosts: ['login.microsoftonline.com'],
    graphOrigins: ['https://graph.microsoft.com'],
  },
  {
    name: 'Microsoft Entra External ID',
    loginHosts: ['ciamlogin.com'],
    graphOrigins: ['https://graph.microsoft.com'],
  },
  {
    name: 'the US Government cloud (L4 or L5/DoD)',
    loginHosts: ['login.microsoftonline.us'],
    graphOrigins: ['https://graph.microsoft.us', 'https://dod-graph.microsoft.us'],
  },
  {
    name: 'Microsoft Azure operated by 21Vianet (China)',
    loginHosts: ['login.chinacloudapi.cn', 'login.partner.microsoftonline.cn'],
    graphOrigins: ['https://microsoftgraph.chinacloudapi.cn'],
  },
];

const hostMatches = (hostname: string, host: string) =>
  hostname === host || hostname.endsWith(`.${host}`);

/** The cloud whose sign-in host `authority` is, if it is one of Microsoft's. */
export function cloudOfAuthority(authority: URL): MicrosoftCloud | undefined {
  const hostname = authority.hostname.toLowerCase();
  return MICROSOFT_CLOUDS.find((cloud) =>
    cloud.loginHosts.some((host) => hostMatches(hostname, host)),
  );
}

/** Every Microsoft sign-in origin. */
export function microsoftSignInOrigins(): string[] {
  return MICROSOFT_CLOUDS.flatMap((cloud) =>
    cloud.loginHosts.map((host) =>
      // A tenant's External ID host is a subdomain: allow them all.
      host === 'ciamlogin.com' ? 'https://*.ciamlogin.com' : `https://${host}`,
    ),
  );
}

/** Every Microsoft sign-in and Graph origin (for a build that does not know its cloud yet). */
export function allMicrosoftOrigins(): string[] {
  return [
    ...new Set([
      ...microsoftSignInOrigins(),
      ...MICROSOFT_CLOUDS.flatMap((cloud) => cloud.graphOrigins),
    ]),
  ];
}
