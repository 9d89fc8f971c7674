import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD, PERSONAS, type Persona } from './personas';

/**
 * Page objects for Profile Editor. They find things the way a person does (roles,
 * labels, names), never by CSS class, so they hold across restyling.
 */

/** The header's account area: the signed-in user's name and Sign out. */
export const accountArea = (page: Page): Locator =>
  page.getByRole('group', { name: 'Your account' });

/** Signing in and out through the local identity provider. */
export class SignIn {
  constructor(readonly page: Page) {}

  /**
   * From the app's signed-out page to signed in as `persona`: one click on the demo
   * account (skipped when the provider still has a session), consent if asked.
   */
  async as(persona: Persona, { path = '/' }: { path?: string } = {}): Promise<void> {
    const { displayName } = PERSONAS[persona];
    await this.page.goto(path);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    const account = this.page.getByRole('button', { name: `Sign in as ${displayName}` });
    const accept = this.page.getByRole('button', { name: 'Accept' });
    const signedIn = accountArea(this.page);
    await expect(account.or(accept).or(signedIn).first()).toBeVisible({ timeout: 15_000 });
    if (await account.isVisible()) await account.click();
    await this.acceptConsentIfAsked();
    await expect(signedIn).toContainText(displayName);
  }

  /** The same, typing email and password into the provider's form. */
  async withPassword(email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.page.goto('/');
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  /** Accepts the provider's consent page if it shows (it asks once per user and permission). */
  async acceptConsentIfAsked(): Promise<void> {
    const accept = this.page.getByRole('button', { name: 'Accept' });
    const signedIn = accountArea(this.page);
    await expect(accept.or(signedIn).first()).toBeVisible({ timeout: 15_000 });
    if (await accept.isVisible()) await accept.click();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await expect(this.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  }
}

/** The People area: direct reports, directory search, and the way to someone's profile. */
export class PeoplePage {
  readonly search: Locator;
  readonly directReports: Locator;
  readonly results: Locator;
  /** What People says while nobody has granted it User.ReadWrite.All. */
  readonly permissionNeeded: Locator;

  constructor(readonly page: Page) {
    this.permissionNeeded = page.getByRole('region', {
      name: 'People needs a permission from an administrator',
    });
    this.search = page.getByRole('searchbox', { name: 'Search the directory by name' });
    this.directReports = page.getByRole('list', { name: 'Direct reports' });
    this.results = page.getByRole('list', { name: 'Search results' });
  }

  /**
   * Opens People from the header, with User.ReadWrite.All granted to the organisation (as
   * on Entra, nobody is sent to consent to it: `emulator.grantForOrganization` first).
   */
  async open(): Promise<void> {
    await this.openFromHeader();
    await expect(this.search.or(this.permissionNeeded).first()).toBeVisible({ timeout: 15_000 });
    if (await this.permissionNeeded.isVisible())
      throw new Error(
        'People says it needs User.ReadWrite.All: grant it to the organisation first (emulator.grantForOrganization).',
      );
  }

  /** Clicks People in the header. */
  async openFromHeader(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'People' })
      .click();
  }

  async find(text: string): Promise<void> {
    await this.search.fill(text);
    await expect(
      this.page.getByRole('status').filter({ hasText: /found\.|matches/ }),
    ).toBeVisible();
  }

  async openPerson(
    name: string,
    within: Locator = this.results.or(this.directReports),
  ): Promise<PositionsPage> {
    await within
      .getByRole('link', { name: new RegExp(`^${name}`) })
      .first()
      .click();
    const positions = new PositionsPage(this.page);
    await expect(this.page.getByRole('heading', { name: `${name}'s positions` })).toBeVisible();
    await expect(positions.list).toBeVisible();
    return positions;
  }
}

/** A list of positions: "My positions", or someone else's. */
export class PositionsPage {
  readonly list: Locator;
  readonly addButton: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Positions' });
    this.addButton = page.getByRole('link', { name: 'Add position' }).first();
  }

  async goto(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.list).toBeVisible();
  }

  /** A position's card, by its accessible name "Job title at Company". */
  card(name: string): Locator {
    return this.list.getByRole('listitem', { name, exact: true });
  }

  /** The job titles in the order shown. */
  async titles(): Promise<string[]> {
    return this.list
      .getByRole('heading', { level: 2 })
      .allInnerTexts()
      .then((texts) => texts.map((text) => text.replace(/\s*Current$/, '').trim()));
  }

  async edit(name: string): Promise<PositionForm> {
    await this.page.getByRole('link', { name: `Edit ${name}` }).click();
    const form = new PositionForm(this.page);
    await expect(form.jobTitle).toBeVisible();
    return form;
  }

  async delete(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Delete ${name}` }).click();
    const dialog = this.page.getByRole('alertdialog', { name: 'Delete this position?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(dialog).toBeHidden();
  }
}

/** The position form (new or existing). */
export class PositionForm {
  readonly jobTitle: Locator;
  readonly company: Locator;
  readonly department: Locator;
  readonly officeLocation: Locator;
  readonly webAddress: Locator;
  readonly startMonth: Locator;
  readonly startYear: Locator;
  readonly endMonth: Locator;
  readonly endYear: Locator;
  readonly current: Locator;
  readonly visibleTo: Locator;
  readonly newCategory: Locator;
  readonly description: Locator;
  readonly save: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    // Exact: "More details" has a "Second job title" and a "Second department".
    this.jobTitle = page.getByRole('textbox', { name: 'Job title', exact: true });
    this.company = page.getByRole('textbox', { name: 'Company', exact: true });
    this.department = page.getByRole('textbox', { name: 'Department', exact: true });
    this.officeLocation = page.getByLabel('Office location');
    this.webAddress = page.getByLabel('Company web address');
    this.startMonth = page.getByLabel('Start month');
    this.startYear = page.getByLabel('Start year');
    this.endMonth = page.getByLabel('End month');
    this.endYear = page.getByLabel('End year');
    this.current = page.getByLabel('I currently work in this role');
    this.visibleTo = page.getByRole('combobox', { name: 'Visible to' });
    this.newCategory = page.getByRole('combobox', { name: 'Categories' });
    this.description = page.getByLabel('Description');
    this.save = page.getByRole('button', { name: /^(Save|Add position|Try again)$/ });
    this.status = page
      .getByRole('status')
      .filter({ hasText: /saved|added|not saved|not added|No changes/i });
  }

  /** Fills what a new position needs: title, company, start (month name, year) and, unless current, end. */
  async fillNew({
    jobTitle,
    company,
    start,
    end,
  }: {
    jobTitle: string;
    company: string;
    start: [string, string];
    end?: [string, string];
  }): Promise<void> {
    await this.jobTitle.fill(jobTitle);
    await this.company.fill(company);
    await this.startMonth.selectOption({ label: start[0] });
    await this.startYear.fill(start[1]);
    if (end) {
      await this.endMonth.selectOption({ label: end[0] });
      await this.endYear.fill(end[1]);
    } else {
      await this.current.check();
    }
  }

  async addCategory(name: string): Promise<void> {
    await this.newCategory.fill(name);
    await this.newCategory.press('Enter');
  }

  /** The categories shown as tags. */
  categoryTags(): Locator {
    return this.page.getByRole('listbox', { name: 'Categories added' }).getByRole('option');
  }

  async removeCategory(name: string): Promise<void> {
    await this.categoryTags().filter({ hasText: name }).click();
  }

  async chooseAudience(label: string): Promise<void> {
    await this.visibleTo.click();
    await this.page.getByRole('option', { name: label }).click();
  }

  async saveAndWait(): Promise<void> {
    await this.save.click();
    await expect(this.page.getByText(/All changes saved\.|Position added\./).first()).toBeVisible();
  }

  async backToPositions(): Promise<void> {
    await this.page.getByRole('link', { name: '← Back to positions' }).click();
  }
}
