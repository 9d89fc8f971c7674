import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  adminConsentAnswer,
  adminConsentUrl,
  configureAdminConsent,
  takeAdminConsentAnswer,
} from '../../../src/auth/admin-consent';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '11111111-2222-3333-4444-555555555555';
const APP = 'https://profile.contoso.test';

/** A browser's window as far as the module uses it: its address, history and session storage. */
function fakeBrowser(href: string) {
  const items = new Map<string, string>();
  const replaced: string[] = [];
  const location = { href, origin: new URL(href).origin };
  vi.stubGlobal('window', {
    location,
    history: { replaceState: (_state: unknown, _title: string, url: string) => replaced.push(url) },
  });
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => items.set(key, value),
    removeItem: (key: string) => items.delete(key),
  });
  return { location, replaced };
}

describe('the administrator-consent endpoint, per cloud', () => {
  beforeEach(() => {
    fakeBrowser(`${APP}/people`);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each([
    ['https://login.microsoftonline.com', 'https://graph.microsoft.com'],
    ['https://login.microsoftonline.us', 'https://graph.microsoft.us'],
    ['https://login.microsoftonline.us', 'https://dod-graph.microsoft.us'],
    ['https://login.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn'],
  ])('%s with %s: Entra v2 adminconsent, the Graph of that cloud', (login, graph) => {
    configureAdminConsent({
      authority: `${login}/${TENANT}`,
      clientId: CLIENT,
      graphBaseUrl: `${graph}/beta`,
    });
    const url = new URL(adminConsentUrl('others', '/people'));
    expect(`${url.origin}${url.pathname}`).toBe(`${login}/${TENANT}/v2.0/adminconsent`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT,
      scope: `${graph}/User.ReadWrite.All`,
      redirect_uri: `${APP}/`,
      state: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
    });
  });

  it("takes the local provider's v2.0 authority as it is", () => {
    configureAdminConsent({
      authority: `https://localhost:5175/${TENANT}/v2.0`,
      clientId: 'profile-editor-local',
      graphBaseUrl: 'https://localhost:5174/beta',
    });
    const url = new URL(adminConsentUrl('others', '/people'));
    expect(url.pathname).toBe(`/${TENANT}/v2.0/adminconsent`);
    expect(url.searchParams.get('scope')).toBe('https://localhost:5174/User.ReadWrite.All');
  });
});

describe('the answer, back at the redirect URI', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function askThenAnswer(answer: (state: string) => string) {
    const browser = fakeBrowser(`${APP}/people`);
    configureAdminConsent({
      authority: `https://login.microsoftonline.com/${TENANT}`,
      clientId: CLIENT,
      graphBaseUrl: 'https://graph.microsoft.com/beta',
    });
    const state = new URL(adminConsentUrl('others', '/people?q=lee')).searchParams.get('state')!;
    browser.location.href = `${APP}/?${answer(state)}`;
    takeAdminConsentAnswer();
    return browser;
  }

  it('granted: read, and the address goes back to the page that asked', () => {
    const browser = askThenAnswer(
      (state) =>
        `admin_consent=True&tenant=${TENANT}&scope=https%3A%2F%2Fgraph.microsoft.com%2FUser.ReadWrite.All&state=${state}`,
    );
    expect(adminConsentAnswer()).toEqual({ granted: true, scopeSet: 'others' });
    expect(browser.replaced).toEqual(['/people?q=lee']);
  });

  it('refused: the error and its description, for the diagnosis', () => {
    const description = 'AADSTS65004: User declined to consent to access the app.';
    askThenAnswer(
      (state) =>
        `admin_consent=True&error=consent_required&error_description=${encodeURIComponent(description)}&state=${state}`,
    );
    expect(adminConsentAnswer()).toEqual({
      granted: false,
      scopeSet: 'others',
      error: { errorCode: 'consent_required', errorMessage: description },
    });
  });

  it("leaves an address alone whose state is not the one the app sent (MSAL's, say)", () => {
    const browser = askThenAnswer(() => 'code=abc&state=someone-elses');
    expect(browser.replaced).toEqual([]);
  });
});
