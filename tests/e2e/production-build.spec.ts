import { expect, test } from './support/fixtures';
import { PositionsPage } from './support/pages';

// The production build under `vite preview`: every worker's server unless a file asks for
// the dev server (serverMode, support/fixtures.ts).

test.describe('the production build', () => {
  test('is served with a Content-Security-Policy that allows the app and blocks injected script', async ({
    page,
    signIn,
    graph,
  }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        violations.push(message.text());
    });

    const warmUp = page.waitForResponse((answer) => answer.url().endsWith('/intl-warm-up.js'));
    const response = await page.goto('/');
    // The script that builds the locale data while the modules download is the app's own.
    expect((await warmUp).status()).toBe(200);
    const policy = response!.headers()['content-security-policy'];
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);

    // The whole app works under it: sign-in, silent token use, a save.
    await signIn.as('adele');
    const form = await new PositionsPage(page).edit('Auditor at Contoso Ltd.');
    await form.jobTitle.fill('Audit Lead');
    graph.clear();
    await form.saveAndWait();
    expect(graph.writes().map((call) => [call.method, call.status])).toEqual([['PATCH', 200]]);

    // What an attacker would inject does not run.
    const injected = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected ?? false;
    });
    expect(injected).toBe(false);
    expect(
      violations.filter((text) => !text.includes('__injected') && !/inline script/i.test(text)),
    ).toEqual([]);
  });

  test('keeps tokens out of the address bar and local storage', async ({ page, signIn }) => {
    const urls: string[] = [];
    page.on('framenavigated', (frame) => urls.push(frame.url()));
    await signIn.as('adele');
    await expect(new PositionsPage(page).list).toBeVisible();
    expect(urls.some((url) => /access_token|id_token|refresh_token/.test(url))).toBe(false);
    const local = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
    expect(local).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\./);
    // MSAL keeps its cache in session storage, which ends with the tab.
    const session = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
    expect(session).toMatch(/eyJ|accesstoken|msal/i);
  });
});
