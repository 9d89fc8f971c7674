import { describe, expect, it } from 'vitest';
import {
  CONFIG_VARIABLES,
  LOCAL_CLIENT_ID,
  rawConfigFromEnv,
  resolveAppConfig,
  type AppConfig,
  type LocalStackEndpoints,
} from '../../../src/config/app-config';

const LOCAL_AUTHORITY = 'https://localhost:5175/6e6a1a4c-6f1e-4b0a-9c55-0c0f1ac0b5d3/v2.0';
const LOCAL_GRAPH = 'https://localhost:5174/beta';
const LOCAL_STACK: LocalStackEndpoints = { authority: LOCAL_AUTHORITY, graphBaseUrl: LOCAL_GRAPH };
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '11111111-2222-3333-4444-555555555555';
const ENTRA = `https://login.microsoftonline.com/${TENANT}`;

function ok(input: unknown, localStack: LocalStackEndpoints | null = LOCAL_STACK): AppConfig {
  const result = resolveAppConfig(input, localStack ?? undefined);
  if (!result.ok)
    throw new Error(`expected a valid configuration, got: ${result.problems.join(' | ')}`);
  return result.config;
}

function problems(input: unknown, localStack: LocalStackEndpoints | null = LOCAL_STACK): string[] {
  const result = resolveAppConfig(input, localStack ?? undefined);
  if (result.ok)
    throw new Error(`expected problems, got a configuration: ${JSON.stringify(result.config)}`);
  return result.problems;
}

describe('resolveAppConfig: defaults', () => {
  const local: AppConfig = {
    clientId: LOCAL_CLIENT_ID,
    authority: LOCAL_AUTHORITY,
    protocolMode: 'OIDC',
    knownAuthorities: ['localhost:5175'],
    graphBaseUrl: LOCAL_GRAPH,
    isLocal: true,
  };

  it('fills the embedded stack when nothing is set (undefined input)', () => {
    expect(ok(undefined)).toEqual(local);
  });

  it('fills the embedded stack for an empty object', () => {
    expect(ok({})).toEqual(local);
    expect(LOCAL_CLIENT_ID).toBe('profile-editor-local');
  });

  it('uses the embedded stack given, with its hosts and ports, for the local defaults', () => {
    const config = ok(
      {},
      {
        authority: 'https://login.example.test:8445/tenant/v2.0',
        graphBaseUrl: 'https://graph.example.test:8444/beta',
      },
    );
    expect(config.authority).toBe('https://login.example.test:8445/tenant/v2.0');
    expect(config.graphBaseUrl).toBe('https://graph.example.test:8444/beta');
    expect(config.knownAuthorities).toEqual(['login.example.test:8445']);
    expect(config.isLocal).toBe(true);
  });

  it('treats an explicitly given local authority as local', () => {
    expect(ok({ authority: `${LOCAL_AUTHORITY}/` })).toEqual(local);
  });

  it('needs an authority when no embedded stack serves the app (a deployment)', () => {
    // null: no embedded stack.
    expect(problems({}, null)).toEqual([
      "AUTH_AUTHORITY is required: your tenant's sign-in address, e.g. https://login.microsoftonline.com/<tenant-id>.",
      'AUTH_CLIENT_ID is required when AUTH_AUTHORITY is not the embedded provider: use the Application (client) ID of your app registration.',
      'GRAPH_BASE_URL is required when AUTH_AUTHORITY is neither the embedded provider nor Microsoft Entra ID.',
    ]);
  });

  it('treats empty and blank values as not set', () => {
    expect(ok({ clientId: '', authority: '   ', graphBaseUrl: '' })).toEqual(local);
  });
});

describe('resolveAppConfig: Microsoft Entra ID', () => {
  it('chooses AAD mode and the real Graph for an Entra authority with a GUID client id', () => {
    expect(ok({ authority: ENTRA, clientId: CLIENT })).toEqual({
      clientId: CLIENT,
      authority: ENTRA,
      protocolMode: 'AAD',
      knownAuthorities: [],
      graphBaseUrl: 'https://graph.microsoft.com/beta',
      isLocal: false,
    });
  });

  it('accepts an upper-case GUID client id', () => {
    expect(ok({ authority: ENTRA, clientId: CLIENT.toUpperCase() }).clientId).toBe(
      CLIENT.toUpperCase(),
    );
  });

  it("maps each Microsoft cloud's sign-in to that cloud's Graph", () => {
    const expected: [string, string][] = [
      [`https://login.microsoftonline.com/${TENANT}`, 'https://graph.microsoft.com/beta'],
      [`https://login.microsoftonline.us/${TENANT}`, 'https://graph.microsoft.us/beta'],
      [`https://login.chinacloudapi.cn/${TENANT}`, 'https://microsoftgraph.chinacloudapi.cn/beta'],
      [
        `https://login.partner.microsoftonline.cn/${TENANT}`,
        'https://microsoftgraph.chinacloudapi.cn/beta',
      ],
      ['https://contoso.ciamlogin.com/contoso.onmicrosoft.com', 'https://graph.microsoft.com/beta'],
    ];
    for (const [authority, graph] of expected) {
      const config = ok({ authority, clientId: CLIENT });
      expect(config.protocolMode, authority).toBe('AAD');
      expect(config.graphBaseUrl, authority).toBe(graph);
    }
  });

  it('takes US Government L5 (DoD) Graph when set, trailing slashes trimmed', () => {
    const config = ok({
      authority: `https://login.microsoftonline.us/${TENANT}/`,
      clientId: CLIENT,
      graphBaseUrl: 'https://dod-graph.microsoft.us/beta//',
    });
    expect(config.authority).toBe(`https://login.microsoftonline.us/${TENANT}`);
    expect(config.graphBaseUrl).toBe('https://dod-graph.microsoft.us/beta');
  });

  it("refuses another cloud's Graph for an authority, whose tokens it would refuse", () => {
    expect(
      problems({
        authority: `https://login.microsoftonline.us/${TENANT}`,
        clientId: CLIENT,
        graphBaseUrl: 'https://graph.microsoft.com/beta',
      }),
    ).toEqual([
      "GRAPH_BASE_URL is 'https://graph.microsoft.com/beta', but AUTH_AUTHORITY signs in to the US Government cloud (L4 or L5/DoD), whose Graph is https://graph.microsoft.us or https://dod-graph.microsoft.us: any other Graph refuses its tokens.",
    ]);
  });

  it("accepts each cloud's own Graph for its authority and refuses every other cloud's", () => {
    const clouds: [string, string[]][] = [
      ['https://login.microsoftonline.com', ['https://graph.microsoft.com']],
      [
        'https://login.microsoftonline.us',
        ['https://graph.microsoft.us', 'https://dod-graph.microsoft.us'],
      ],
      ['https://login.chinacloudapi.cn', ['https://microsoftgraph.chinacloudapi.cn']],
    ];
    const everyGraph = clouds.flatMap(([, graphs]) => graphs);
    for (const [login, graphs] of clouds) {
      for (const graph of everyGraph) {
        const result = resolveAppConfig({
          authority: `${login}/${TENANT}`,
          clientId: CLIENT,
          graphBaseUrl: `${graph}/beta`,
        });
        expect(result.ok, `${login} with ${graph}`).toBe(graphs.includes(graph));
      }
    }
  });

  it('takes only the sign-in hosts themselves (and their subdomains) for Microsoft clouds', () => {
    const lookalike = ok(
      {
        authority: `https://login.microsoftonline.com.example.test/${TENANT}`,
        clientId: CLIENT,
        graphBaseUrl: 'https://graph.example.test/beta',
      },
      null,
    );
    expect(lookalike.protocolMode).toBe('OIDC');
    expect(
      problems(
        { authority: `https://login.microsoftonline.com.example.test/${TENANT}`, clientId: CLIENT },
        null,
      ),
    ).toEqual([
      'GRAPH_BASE_URL is required when AUTH_AUTHORITY is neither the embedded provider nor Microsoft Entra ID.',
    ]);
  });

  it('allows OIDC mode for Entra when asked, with the host as known authority', () => {
    const config = ok({ authority: ENTRA, clientId: CLIENT, protocolMode: 'OIDC' });
    expect(config.protocolMode).toBe('OIDC');
    expect(config.knownAuthorities).toEqual(['login.microsoftonline.com']);
  });

  it('trims the values it is given', () => {
    const config = ok({ authority: `  ${ENTRA}  `, clientId: ` ${CLIENT} ` });
    expect(config.authority).toBe(ENTRA);
    expect(config.clientId).toBe(CLIENT);
  });
});

describe('resolveAppConfig: another OIDC provider', () => {
  it('needs a Graph base URL, and uses OIDC with the authority host as known authority', () => {
    const config = ok({
      authority: 'https://idp.example.com/realms/main/',
      clientId: 'my-app',
      graphBaseUrl: 'https://graph.example.com/beta/',
    });
    expect(config).toEqual({
      clientId: 'my-app',
      authority: 'https://idp.example.com/realms/main',
      protocolMode: 'OIDC',
      knownAuthorities: ['idp.example.com'],
      graphBaseUrl: 'https://graph.example.com/beta',
      isLocal: false,
    });
  });

  it('splits and trims a comma-separated list of known authorities', () => {
    const config = ok({
      authority: 'https://idp.example.com/realms/main',
      clientId: 'my-app',
      graphBaseUrl: 'https://graph.example.com/beta',
      knownAuthorities: ' other.example.com , idp.example.com,, ',
    });
    expect(config.knownAuthorities).toEqual(['other.example.com', 'idp.example.com']);
  });

  it('reports a missing Graph base URL', () => {
    expect(problems({ authority: 'https://idp.example.com', clientId: 'my-app' })).toEqual([
      'GRAPH_BASE_URL is required when AUTH_AUTHORITY is neither the embedded provider nor Microsoft Entra ID.',
    ]);
  });
});

describe('resolveAppConfig: problems', () => {
  it('requires a client id for a non-local authority', () => {
    expect(problems({ authority: ENTRA })).toEqual([
      'AUTH_CLIENT_ID is required when AUTH_AUTHORITY is not the embedded provider: use the Application (client) ID of your app registration.',
    ]);
  });

  it('requires a GUID client id in AAD mode', () => {
    expect(problems({ authority: ENTRA, clientId: 'profile-editor' })).toEqual([
      "AUTH_CLIENT_ID must be the Application (client) ID, a GUID, for Microsoft Entra ID; 'profile-editor' is not one.",
    ]);
  });

  it('requires a GUID client id when AAD mode is chosen explicitly', () => {
    expect(
      problems({
        protocolMode: 'AAD',
        authority: 'https://idp.example.com',
        clientId: 'app',
        graphBaseUrl: 'https://graph.example.com/beta',
      }),
    ).toEqual([
      "AUTH_CLIENT_ID must be the Application (client) ID, a GUID, for Microsoft Entra ID; 'app' is not one.",
    ]);
  });

  it('accepts a non-GUID client id in OIDC mode', () => {
    expect(ok({ authority: ENTRA, clientId: 'not-a-guid', protocolMode: 'OIDC' }).clientId).toBe(
      'not-a-guid',
    );
  });

  it('requires an https authority', () => {
    expect(
      problems({
        authority: 'http://idp.example.com',
        clientId: 'app',
        graphBaseUrl: 'https://graph.example.com/beta',
      }),
    ).toEqual([
      "AUTH_AUTHORITY must be an https:// URL (MSAL refuses any other), not 'http://idp.example.com'.",
    ]);
  });

  it('reports an authority that is not a URL at all', () => {
    expect(
      problems({
        authority: 'login.microsoftonline.com',
        clientId: CLIENT,
        graphBaseUrl: 'https://graph.microsoft.com/beta',
      }),
    ).toContain(
      "AUTH_AUTHORITY must be an https:// URL (MSAL refuses any other), not 'login.microsoftonline.com'.",
    );
  });

  it('reports the local default authority when the embedded stack is not on https', () => {
    expect(
      problems({}, { authority: 'http://localhost:5175/t/v2.0', graphBaseUrl: LOCAL_GRAPH }),
    ).toContain(
      "AUTH_AUTHORITY must be an https:// URL (MSAL refuses any other), not 'http://localhost:5175/t/v2.0'.",
    );
  });

  it('requires AAD or OIDC as protocol mode (case-sensitive)', () => {
    expect(problems({ protocolMode: 'SAML' })).toEqual([
      "AUTH_PROTOCOL_MODE must be AAD or OIDC, not 'SAML'.",
    ]);
    expect(problems({ protocolMode: 'aad' })).toEqual([
      "AUTH_PROTOCOL_MODE must be AAD or OIDC, not 'aad'.",
    ]);
  });

  it('requires an https Graph base URL', () => {
    expect(
      problems({
        authority: ENTRA,
        clientId: CLIENT,
        graphBaseUrl: 'http://graph.microsoft.com/beta',
      }),
    ).toEqual(["GRAPH_BASE_URL must be an https:// URL, not 'http://graph.microsoft.com/beta'."]);
  });

  it('refuses the local authority with a remote Graph', () => {
    expect(problems({ graphBaseUrl: 'https://graph.microsoft.com/beta' })).toEqual([
      `GRAPH_BASE_URL is 'https://graph.microsoft.com/beta' but AUTH_AUTHORITY is the embedded provider, whose tokens only the embedded Graph emulator (${LOCAL_GRAPH}) accepts.`,
    ]);
  });

  it('refuses a remote authority with the local Graph emulator', () => {
    expect(
      problems({ authority: ENTRA, clientId: CLIENT, graphBaseUrl: `${LOCAL_GRAPH}/` }),
    ).toEqual([
      `GRAPH_BASE_URL is the embedded Graph emulator but AUTH_AUTHORITY is '${ENTRA}'; the emulator accepts only the embedded provider's tokens. Set GRAPH_BASE_URL=https://graph.microsoft.com/beta.`,
    ]);
  });

  it('requires the authority host among the known authorities in OIDC mode', () => {
    expect(
      problems({
        authority: 'https://idp.example.com/realms/main',
        clientId: 'app',
        graphBaseUrl: 'https://graph.example.com/beta',
        knownAuthorities: 'other.example.com',
      }),
    ).toEqual([
      "AUTH_KNOWN_AUTHORITIES must include 'idp.example.com', the host of AUTH_AUTHORITY, for an OIDC authority.",
    ]);
  });

  it('requires the local host (with port) among explicitly given known authorities', () => {
    expect(problems({ knownAuthorities: 'localhost' })).toEqual([
      "AUTH_KNOWN_AUTHORITIES must include 'localhost:5175', the host of AUTH_AUTHORITY, for an OIDC authority.",
    ]);
  });

  it('does not require known authorities in AAD mode', () => {
    expect(
      ok({ authority: ENTRA, clientId: CLIENT, knownAuthorities: 'other.example.com' })
        .knownAuthorities,
    ).toEqual(['other.example.com']);
  });

  it('names an unknown setting and lists the known ones', () => {
    expect(problems({ tenantId: TENANT })).toEqual([
      "Unknown setting 'tenantId'; known settings: clientId, authority, protocolMode, knownAuthorities, graphBaseUrl.",
    ]);
  });

  it('refuses a value that is not text, naming its variable', () => {
    expect(problems({ clientId: 42 })).toEqual(['AUTH_CLIENT_ID must be text, not 42.']);
    expect(problems({ knownAuthorities: ['a', 'b'] })).toEqual([
      'AUTH_KNOWN_AUTHORITIES must be text, not ["a","b"].',
    ]);
    expect(problems({ graphBaseUrl: null })).toEqual(['GRAPH_BASE_URL must be text, not null.']);
  });

  it('refuses input that is not an object of settings', () => {
    for (const input of [null, 'https://login.microsoftonline.com', 42, true, ['clientId']]) {
      expect(problems(input), JSON.stringify(input)).toEqual([
        'The configuration must be an object of settings.',
      ]);
    }
  });

  it('reports every shape problem together', () => {
    expect(problems({ tenant: 'x', clientId: 1, authority: false })).toEqual([
      "Unknown setting 'tenant'; known settings: clientId, authority, protocolMode, knownAuthorities, graphBaseUrl.",
      'AUTH_CLIENT_ID must be text, not 1.',
      'AUTH_AUTHORITY must be text, not false.',
    ]);
  });

  it('reports every value problem together', () => {
    const found = problems({
      authority: 'http://idp.example.com',
      protocolMode: 'SAML',
      graphBaseUrl: 'ftp://graph.example.com',
    });
    expect(found).toEqual([
      "AUTH_AUTHORITY must be an https:// URL (MSAL refuses any other), not 'http://idp.example.com'.",
      "AUTH_PROTOCOL_MODE must be AAD or OIDC, not 'SAML'.",
      'AUTH_CLIENT_ID is required when AUTH_AUTHORITY is not the embedded provider: use the Application (client) ID of your app registration.',
      "GRAPH_BASE_URL must be an https:// URL, not 'ftp://graph.example.com'.",
    ]);
  });

  it('reports a local Graph with a remote authority and a missing known authority together', () => {
    const found = problems({
      authority: 'https://idp.example.com',
      clientId: 'app',
      protocolMode: 'OIDC',
      graphBaseUrl: LOCAL_GRAPH,
      knownAuthorities: 'x.example.com',
    });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^GRAPH_BASE_URL is the embedded Graph emulator/);
    expect(found[1]).toMatch(/^AUTH_KNOWN_AUTHORITIES must include 'idp\.example\.com'/);
  });
});

describe('rawConfigFromEnv', () => {
  it('reads each variable into its setting, trimmed', () => {
    expect(
      rawConfigFromEnv({
        AUTH_CLIENT_ID: ` ${CLIENT} `,
        AUTH_AUTHORITY: ENTRA,
        AUTH_PROTOCOL_MODE: 'AAD',
        AUTH_KNOWN_AUTHORITIES: 'a.example.com,b.example.com',
        GRAPH_BASE_URL: 'https://graph.microsoft.com/beta\n',
      }),
    ).toEqual({
      clientId: CLIENT,
      authority: ENTRA,
      protocolMode: 'AAD',
      knownAuthorities: 'a.example.com,b.example.com',
      graphBaseUrl: 'https://graph.microsoft.com/beta',
    });
  });

  it('leaves out unset, empty and blank variables, and ignores unrelated ones', () => {
    const raw = rawConfigFromEnv({
      AUTH_CLIENT_ID: '',
      AUTH_AUTHORITY: '   ',
      GRAPH_BASE_URL: undefined,
      PATH: '/usr/bin',
      HOME: '/root',
    });
    expect(raw).toEqual({});
    expect(Object.keys(raw)).toHaveLength(0);
  });

  it('produces input that resolveAppConfig accepts', () => {
    expect(
      ok(rawConfigFromEnv({ AUTH_CLIENT_ID: CLIENT, AUTH_AUTHORITY: ENTRA })).protocolMode,
    ).toBe('AAD');
    expect(ok(rawConfigFromEnv({})).isLocal).toBe(true);
  });

  it('covers every variable in CONFIG_VARIABLES', () => {
    const env = Object.fromEntries(
      Object.values(CONFIG_VARIABLES).map((variable) => [variable, `value-of-${variable}`]),
    );
    const raw = rawConfigFromEnv(env);
    for (const [key, variable] of Object.entries(CONFIG_VARIABLES))
      expect(raw[key as keyof typeof raw]).toBe(`value-of-${variable}`);
  });
});
