import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/config/content-security-policy';

const directive = (policy: string, name: string) =>
  policy
    .split('; ')
    .find((part) => part.startsWith(`${name} `))
    ?.slice(name.length + 1)
    .split(' ');

describe('contentSecurityPolicy', () => {
  const local = {
    authority: 'https://localhost:5175/tenant/v2.0',
    graphBaseUrl: 'https://localhost:5174/beta',
  };

  it('lets the app reach its sign-in and Graph origins, and frame only the sign-in', () => {
    const policy = contentSecurityPolicy(local);
    expect(directive(policy, 'connect-src')).toEqual([
      "'self'",
      'https://localhost:5175',
      'https://localhost:5174',
    ]);
    expect(directive(policy, 'frame-src')).toEqual(["'self'", 'https://localhost:5175']);
    expect(directive(policy, 'script-src')).toEqual(["'self'"]);
  });

  it('forbids framing the app, but lets the app frame its own redirect bridge', () => {
    expect(directive(contentSecurityPolicy(local), 'frame-ancestors')).toEqual(["'none'"]);
    expect(
      directive(contentSecurityPolicy(local, { page: 'redirect-bridge' }), 'frame-ancestors'),
    ).toEqual(["'self'"]);
  });

  it('leaves frame-ancestors out of a <meta> policy, where browsers ignore it', () => {
    expect(contentSecurityPolicy(local, { forMeta: true })).not.toContain('frame-ancestors');
  });

  it('allows every Microsoft cloud when the build does not know its configuration yet', () => {
    const connect = directive(contentSecurityPolicy({}), 'connect-src');
    for (const origin of [
      'https://login.microsoftonline.com',
      'https://graph.microsoft.com',
      'https://login.microsoftonline.us',
      'https://graph.microsoft.us',
      'https://dod-graph.microsoft.us',
      'https://login.chinacloudapi.cn',
      'https://microsoftgraph.chinacloudapi.cn',
    ]) {
      expect(connect).toContain(origin);
    }
    const frames = directive(contentSecurityPolicy({}), 'frame-src');
    expect(frames).toContain('https://login.microsoftonline.us');
    expect(frames).not.toContain('https://graph.microsoft.com');
  });

  it('allows only the configured cloud once it is known', () => {
    const policy = contentSecurityPolicy({
      authority: 'https://login.microsoftonline.us/tenant',
      graphBaseUrl: 'https://graph.microsoft.us/beta',
    });
    expect(directive(policy, 'connect-src')).toEqual([
      "'self'",
      'https://login.microsoftonline.us',
      'https://graph.microsoft.us',
    ]);
  });
});
