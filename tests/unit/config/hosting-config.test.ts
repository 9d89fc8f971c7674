import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/config/content-security-policy';
import { HOSTING_FILES, nginxConfig, staticWebAppConfig } from '../../../src/config/hosting-config';

const ENTRA = {
  authority: 'https://login.microsoftonline.us/72f988bf-86f1-41af-91ab-2d7cd011db47',
  graphBaseUrl: 'https://dod-graph.microsoft.us/beta',
};

/** nginx's locations and the Content-Security-Policy each adds, read back from the text. */
function nginxPolicies(config: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const match of config.matchAll(/location ([^{]+)\{([^}]*)\}/g)) {
    const policy = /add_header Content-Security-Policy "((?:[^"\\]|\\.)*)" always;/.exec(match[2]);
    found.set(match[1].trim(), policy?.[1].replace(/\\(.)/g, '$1'));
  }
  return found;
}

describe('hosting configuration', () => {
  it("writes Static Web Apps' headers from the policy of the endpoints given", () => {
    const config = staticWebAppConfig(ENTRA);
    expect(config.globalHeaders['Content-Security-Policy']).toBe(
      contentSecurityPolicy(ENTRA, { page: 'app' }),
    );
    expect(
      config.routes.find((route) => route.route === '/redirect.html')?.headers?.[
        'Content-Security-Policy'
      ],
    ).toBe(contentSecurityPolicy(ENTRA, { page: 'redirect-bridge' }));
    expect(config.globalHeaders['Content-Security-Policy']).toContain(
      "connect-src 'self' https://login.microsoftonline.us https://dod-graph.microsoft.us;",
    );
    expect(config.navigationFallback.rewrite).toBe('/index.html');
  });

  it("writes nginx's locations with the same policies: 'self' for the bridge, 'none' for the app", () => {
    const policies = nginxPolicies(nginxConfig(ENTRA));
    expect(policies.get('= /redirect.html')).toBe(
      contentSecurityPolicy(ENTRA, { page: 'redirect-bridge' }),
    );
    expect(policies.get('/')).toBe(contentSecurityPolicy(ENTRA, { page: 'app' }));
    expect(policies.get('/')).toContain("frame-ancestors 'none'");
    expect(policies.get('= /redirect.html')).toContain("frame-ancestors 'self'");
    for (const file of Object.values(HOSTING_FILES)) expect(policies.has(`= /${file}`)).toBe(true);
  });

  it('falls back to index.html for the app only, never for a missing asset', () => {
    const config = nginxConfig({});
    expect(config).toMatch(/location \/ \{[^}]*try_files \$uri \/index\.html;/);
    expect(config).toMatch(/location \/assets\/ \{[^}]*try_files \$uri =404;/);
  });
});
