import {
  expect,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test';
import { accountArea, PeoplePage, SignIn } from './pages';
import { PERSONAS, type Persona } from './personas';

/** What a fresh tab needs to be signed in: MSAL's cache, which it keeps in session storage. */
export interface SavedSignIn {
  persona: Persona;
  /** Whether the cache holds a token for other people's profiles (People) too. */
  withPeople: boolean;
  /** The app's origin the cache belongs to (its authority names the provider's port). */
  origin: string;
  sessionStorage: [string, string][];
  savedAt: number;
}

/**
 * Saved sign-ins are used well inside the access tokens' hour (MSAL renews five minutes
 * before the end, which would take the provider's pages, or a session that a reset ended).
 */
const MAX_AGE_MS = 20 * 60_000;
/** Set in a tab once MSAL's cache was put back, so that a sign-out in it stays signed out. */
const RESTORED_FLAG = 'profile-editor-e2e.sign-in-restored';

/**
 * One sign-in per person per server (and per kind: with or without People), made through
 * the provider's pages the first time it is asked for (in a browser context of its own)
 * and kept: MSAL's session storage, with the token for the user's own profile and, when
 * `User.ReadWrite.All` is granted to the organisation as the test asks, for other people's
 * too (People opened once). Without that grant nobody has People's token, as on Entra,
 * where only an administrator can grant it. Playwright's storageState does not capture
 * session storage, so `restoreSignIn` puts it back with an init script before the app starts.
 *
 * Only MSAL's cache is kept, not the provider's cookies: the demo data reset before each
 * test ends the provider's sessions anyway, so a test that needs the provider (renewal,
 * consent, expiry) signs in for real.
 */
export class SignInCache {
  private readonly saved = new Map<string, Promise<SavedSignIn>>();

  constructor(
    private readonly browser: Browser,
    /** The app's origin on this worker's server. */
    readonly origin: string,
    private readonly contextOptions: BrowserContextOptions = {},
  ) {}

  /**
   * The saved sign-in of `persona`, signing in now if there is none (or it is old); with
   * People's token when `withPeople` (the organisation has been granted User.ReadWrite.All).
   */
  async get(persona: Persona, { withPeople = false } = {}): Promise<SavedSignIn> {
    const key = `${persona}${withPeople ? '+people' : ''}`;
    const known = this.saved.get(key);
    if (known) {
      const saved = await known.catch(() => undefined);
      if (saved && Date.now() - saved.savedAt < MAX_AGE_MS) return saved;
    }
    const fresh = this.signIn(persona, withPeople);
    this.saved.set(key, fresh);
    fresh.catch(() => this.saved.delete(key));
    return fresh;
  }

  /** Every saved sign-in is void (the emulator expired the tokens in them). */
  forget(): void {
    this.saved.clear();
  }

  private async signIn(persona: Persona, withPeople: boolean): Promise<SavedSignIn> {
    const context = await this.browser.newContext({
      ...this.contextOptions,
      baseURL: this.origin,
      ignoreHTTPSErrors: true,
    });
    try {
      const page = await context.newPage();
      await new SignIn(page).as(persona);
      if (withPeople) await new PeoplePage(page).open();
      const sessionStorage = await page.evaluate(() =>
        Object.entries<string>(window.sessionStorage),
      );
      if (!sessionStorage.some(([key]) => key.includes('accesstoken')))
        throw new Error(`After ${persona} signed in, session storage holds no MSAL access token.`);
      return { persona, withPeople, origin: this.origin, sessionStorage, savedAt: Date.now() };
    } finally {
      await context.close();
    }
  }
}

/** Whether the emulator holds an organisation-wide grant of `scope` for the app now. */
async function grantedToOrganization(page: Page, origin: string, scope: string): Promise<boolean> {
  const answer = await page.request.get(`${origin}/_emulator/consents`);
  if (!answer.ok()) throw new Error(`GET /_emulator/consents failed: ${answer.status()}`);
  const { organization } = (await answer.json()) as { organization: string[] };
  return organization.includes(scope);
}

const restored = new WeakMap<BrowserContext, Persona>();

/**
 * Every tab of `context` opens signed in as saved: MSAL's cache is put into session storage
 * before any script of the app's origin runs (top-level documents only, once per tab).
 * A context is one person's browser: it cannot be restored as a second person.
 */
export async function restoreSignIn(context: BrowserContext, saved: SavedSignIn): Promise<void> {
  const already = restored.get(context);
  if (already === saved.persona) return;
  if (already)
    throw new Error(
      `This browser context is signed in as ${already}; open another one for ${saved.persona}.`,
    );
  restored.set(context, saved.persona);
  await context.addInitScript(
    ({ origin, entries, flag }) => {
      if (window.top !== window || window.location.origin !== origin) return;
      if (window.sessionStorage.getItem(flag)) return;
      for (const [key, value] of entries) window.sessionStorage.setItem(key, value);
      window.sessionStorage.setItem(flag, '1');
    },
    { origin: saved.origin, entries: saved.sessionStorage, flag: RESTORED_FLAG },
  );
}

/**
 * Signed in without the provider's pages, for tests that are not about signing in: the
 * person's sign-in from this worker's cache put back into the page's browser context.
 */
export class SignedIn {
  constructor(
    readonly page: Page,
    private readonly cache: SignInCache,
  ) {}

  /**
   * Opens `path` signed in as `persona`, in the test's page or another tab of its browser.
   * When the test has granted User.ReadWrite.All to the organisation (as an administrator
   * would: `emulator.grantForOrganization`), the sign-in holds People's token too.
   */
  async as(
    persona: Persona,
    { path = '/', page = this.page }: { path?: string; page?: Page } = {},
  ): Promise<void> {
    const withPeople = await grantedToOrganization(page, this.cache.origin, 'User.ReadWrite.All');
    await restoreSignIn(page.context(), await this.cache.get(persona, { withPeople }));
    await page.goto(path);
    await expect(accountArea(page)).toContainText(PERSONAS[persona].displayName);
  }

  /**
   * Another person at another desk: a browser context of their own (close it when done),
   * signed in as `persona` and showing `path`.
   */
  async newPage(
    persona: Persona,
    { path = '/', ...options }: BrowserContextOptions & { path?: string } = {},
  ): Promise<Page> {
    const browser = this.page.context().browser();
    if (!browser) throw new Error('The page has no browser to open another context in.');
    const context = await browser.newContext({
      baseURL: this.cache.origin,
      ignoreHTTPSErrors: true,
      ...options,
    });
    const page = await context.newPage();
    await this.as(persona, { path, page });
    return page;
  }
}
