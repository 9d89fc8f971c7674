import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { RecordedCall } from './support/graph-recorder';
import { PeoplePage } from './support/pages';
import { PERSONAS } from './support/personas';

const RETAIL = 'Retail Manager at Contoso';
const AUDITOR = 'Auditor at Contoso Ltd.';
const DIRECTORY = 'User.ReadBasic.All';

/** The picker of one people field ("Manager", "Colleagues") and the list of who is chosen. */
function picker(page: Page, label: 'Manager' | 'Colleagues') {
  return {
    input: page.getByRole('combobox', { name: label }),
    chosen: page.getByRole('list', { name: `${label} chosen` }),
    option: (name: string | RegExp): Locator => page.getByRole('option', { name }),
  };
}

const patches = (calls: RecordedCall[]) => calls.filter((call) => call.method === 'PATCH');

test.describe('manager and colleagues from the directory', () => {
  test.beforeEach(async ({ emulator, signIn, positions }) => {
    // As if Adele had allowed directory search before (user consent, given once). Signed
    // in through the provider: the new permission comes with a token it renews.
    await emulator.grantForOrganization([DIRECTORY]);
    await signIn.as('adele');
    await expect(positions.list).toBeVisible();
  });

  test('Adele sets her manager from the directory: the PATCH holds exactly manager, whole', async ({
    page,
    positions,
    graph,
  }) => {
    const form = await positions.edit(RETAIL);
    const manager = picker(page, 'Manager');
    graph.clear();
    await manager.input.fill('meg');
    await manager.option(/Megan Bowen/).click();
    await expect(manager.chosen).toContainText('Megan Bowen');
    const search = graph.calls.find((call) => call.path.startsWith('/users?'));
    expect(search?.headers.consistencylevel).toBe('eventual');
    expect(decodeURIComponent(search?.path ?? '')).toContain(
      '$search="displayName:meg"&$select=id,displayName,userPrincipalName,jobTitle',
    );
    graph.clear();
    await form.saveAndWait();
    const [patch] = patches(graph.calls);
    expect(patch.body).toEqual({
      manager: {
        displayName: 'Megan Bowen',
        relationship: 'manager',
        userId: PERSONAS.megan.id,
        userPrincipalName: 'megan@contoso.com',
      },
    });
    await form.backToPositions();
    const card = positions.card(RETAIL);
    await expect(card).toContainText('Manager: Megan Bowen');
  });

  test('Adele adds a colleague from the directory and a free name, and removes one: exactly colleagues', async ({
    page,
    positions,
    graph,
  }) => {
    const form = await positions.edit(RETAIL);
    const colleagues = picker(page, 'Colleagues');
    await expect(colleagues.chosen).toContainText('Alex Wilber');
    await colleagues.input.fill('lee');
    await colleagues.option(/Lee Gu/).click();
    await colleagues.input.fill('Jordan Price');
    await expect(page.getByText('No one in the directory matches "Jordan Price"')).toBeVisible();
    await colleagues.input.press('Enter');
    await expect(colleagues.chosen.getByRole('listitem')).toHaveCount(3);
    await page.getByRole('button', { name: 'Remove Alex Wilber' }).click();
    await expect(colleagues.chosen.getByRole('listitem')).toHaveCount(2);
    graph.clear();
    await form.saveAndWait();
    const [patch] = patches(graph.calls);
    expect(patch.body).toEqual({
      colleagues: [
        {
          displayName: 'Lee Gu',
          relationship: 'colleague',
          userId: PERSONAS.lee.id,
          userPrincipalName: 'lee@contoso.com',
        },
        { displayName: 'Jordan Price', relationship: 'colleague' },
      ],
    });
    await form.backToPositions();
    const count = positions.card(RETAIL).getByRole('button', { name: '2 colleagues' });
    await count.focus();
    await expect(page.getByRole('tooltip')).toHaveText('Lee Gu, Jordan Price');
  });

  test('Adele changes her cost center: exactly detail, whole, every other member kept', async ({
    page,
    positions,
    graph,
  }) => {
    const form = await positions.edit(AUDITOR);
    await page.getByRole('button', { name: 'More details' }).click();
    await page.getByRole('textbox', { name: 'Cost center' }).fill('CC-1010');
    await page.getByRole('textbox', { name: 'Layer' }).fill('two');
    await form.save.click();
    await expect(page.getByText('Enter the layer as a whole number')).toBeVisible();
    expect(patches(graph.calls)).toEqual([]);
    await page.getByRole('textbox', { name: 'Layer' }).fill('');
    graph.clear();
    await form.saveAndWait();
    const [patch] = patches(graph.calls);
    // Microsoft's example position as seeded, every member there, the cost center changed.
    expect(patch.body).toEqual({
      detail: {
        jobTitle: 'Auditor',
        description: null,
        summary: null,
        startMonthYear: '2001-01-01',
        endMonthYear: null,
        employeeId: null,
        employeeType: null,
        layer: null,
        level: null,
        role: null,
        secondaryJobTitle: null,
        secondaryRole: null,
        company: {
          displayName: 'Contoso Ltd.',
          department: 'Finance',
          officeLocation: '12/1110',
          webUrl: null,
          pronunciation: null,
          companyCode: null,
          costCenter: 'CC-1010',
          division: null,
          secondaryDepartment: null,
          address: {
            type: 'business',
            street: '30 Isabella St., Second Floor',
            city: 'Pittsburgh',
            state: 'PA',
            countryOrRegion: 'US',
            postalCode: '15212',
            postOfficeBox: null,
          },
        },
      },
    });
  });

  test('the picker by keyboard alone: search, choose, reorder, remove', async ({
    page,
    positions,
    graph,
  }) => {
    const form = await positions.edit(RETAIL);
    const colleagues = picker(page, 'Colleagues');
    await colleagues.input.focus();
    await page.keyboard.type('Die');
    await chooseByArrows(page, colleagues.input, colleagues.option(/Diego Siciliani/));
    await page.keyboard.press('Enter');
    await expect(colleagues.chosen).toContainText('Diego Siciliani');
    await page.keyboard.type('Sam Outside');
    await expect(page.getByText('No one in the directory matches "Sam Outside"')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(colleagues.chosen.getByRole('listitem')).toHaveCount(3);
    // Another, chosen with the arrow keys.
    await page.keyboard.type('Lee');
    await chooseByArrows(page, colleagues.input, colleagues.option(/Lee Gu/));
    await page.keyboard.press('Enter');
    await expect(colleagues.chosen.getByRole('listitem')).toHaveCount(4);
    await page.keyboard.press('Escape');
    // Move Sam Outside up, by keyboard: Tab to its "Move up" button.
    const moveUp = page.getByRole('button', { name: 'Move Sam Outside up' });
    await tabTo(page, moveUp, 'Tab');
    await page.keyboard.press('Enter');
    await expect(colleagues.chosen.getByRole('listitem')).toHaveText([
      /Alex Wilber/,
      /Sam Outside/,
      /Diego Siciliani/,
      /Lee Gu/,
    ]);
    // Remove Alex Wilber by keyboard.
    await tabTo(page, page.getByRole('button', { name: 'Remove Alex Wilber' }), 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(colleagues.chosen.getByRole('listitem')).toHaveCount(3);
    graph.clear();
    await tabTo(page, form.save, 'Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByText('All changes saved.').first()).toBeVisible();
    const [patch] = patches(graph.calls);
    expect(
      (patch.body as { colleagues: { displayName: string }[] }).colleagues.map(
        (person) => person.displayName,
      ),
    ).toEqual(['Sam Outside', 'Diego Siciliani', 'Lee Gu']);
  });
});

test.describe('the directory permission, asked when first searching', () => {
  test.beforeEach(async ({ signedIn, positions }) => {
    await signedIn.as('adele');
    await expect(positions.list).toBeVisible();
  });

  test('refused, the picker says why the directory is not searched and still takes a free name', async ({
    page,
    positions,
    graph,
  }) => {
    const form = await positions.edit(RETAIL);
    const manager = picker(page, 'Manager');
    await manager.input.fill('Megan');
    const allow = page.getByRole('button', { name: 'Allow directory search' });
    await expect(allow).toBeVisible();
    const popupOpened = page.waitForEvent('popup');
    await allow.click();
    const popup = await popupOpened;
    const account = popup.getByRole('button', { name: 'Sign in as Adele Vance' });
    const cancel = popup.getByRole('link', { name: 'Cancel' });
    await expect(account.or(cancel).first()).toBeVisible({ timeout: 15_000 });
    if (await account.isVisible()) await account.click();
    await expect(popup.getByText(DIRECTORY)).toBeVisible();
    await popup.getByRole('link', { name: 'Cancel' }).click();
    await expect(page.getByText("The directory isn't searched")).toBeVisible({ timeout: 15_000 });
    expect(graph.calls.filter((call) => call.path.startsWith('/users?'))).toEqual([]);

    await manager.input.fill('Karen Berg');
    await manager.input.press('Enter');
    await expect(manager.chosen).toContainText('Karen Berg (not in the directory)');
    graph.clear();
    await form.saveAndWait();
    expect(patches(graph.calls)[0].body).toEqual({
      manager: { displayName: 'Karen Berg', relationship: 'manager' },
    });
  });
});

test.describe("someone else's profile", () => {
  test("Megan edits Adele's current position: Adele's manager in the directory is proposed, and sent whole", async ({
    page,
    emulator,
    signedIn,
    graph,
  }) => {
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('megan');
    const people = new PeoplePage(page);
    await people.open();
    const adele = await people.openPerson('Adele Vance', people.directReports);
    await expect(adele.card(RETAIL)).toContainText('1 colleague');
    const form = await adele.edit(RETAIL);
    const use = page.getByRole('button', { name: 'Use as manager' });
    await expect(
      page.getByText("In the directory, this person's manager is Megan Bowen"),
    ).toBeVisible();
    expect(
      graph.calls.some((call) => call.path.startsWith(`/users/${PERSONAS.adele.id}/manager`)),
    ).toBe(true);
    await use.click();
    await expect(picker(page, 'Manager').chosen).toContainText('Megan Bowen');
    await expect(use).toBeHidden();
    graph.clear();
    await form.saveAndWait();
    expect(patches(graph.calls)[0]).toMatchObject({
      path: `/users/${PERSONAS.adele.id}/profile/positions/${patches(graph.calls)[0].path.split('/').at(-1) ?? ''}`,
      body: {
        manager: {
          displayName: 'Megan Bowen',
          relationship: 'manager',
          userId: PERSONAS.megan.id,
          userPrincipalName: 'megan@contoso.com',
        },
      },
    });
  });
});

/** Presses `key` (Tab or Shift+Tab) until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab'): Promise<void> {
  for (let step = 0; step < 60; step++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

/** Presses ArrowDown until `option` is the input's active option (what Enter would take). */
async function chooseByArrows(page: Page, input: Locator, option: Locator): Promise<void> {
  await expect(option).toBeVisible();
  const id = await option.getAttribute('id');
  for (let step = 0; step < 10; step++) {
    if ((await input.getAttribute('aria-activedescendant')) === id) return;
    await page.keyboard.press('ArrowDown');
  }
  await expect(input).toHaveAttribute('aria-activedescendant', id ?? '');
}
