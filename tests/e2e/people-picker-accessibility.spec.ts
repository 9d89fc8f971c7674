import { expect, test } from './support/fixtures';
import { expectAccessible } from './support/axe';

const RETAIL = 'Retail Manager at Contoso';
test.describe('the people picker and More details, light and dark themes', () => {
  test('the picker asking for the directory, its results, chosen people, More details with a problem, the card', async ({
    page,
    emulator,
    signIn,
    positions,
  }) => {
    test.setTimeout(90_000);
    await signIn.as('adele');
    const form = await positions.edit(RETAIL);
    const manager = page.getByRole('combobox', { name: 'Manager' });
    await manager.fill('Megan');
    await expect(page.getByRole('button', { name: 'Allow directory search' })).toBeVisible();
    await expectAccessible(page, 'picker asking for the directory permission');

    // Allowed for everyone meanwhile: reloaded, the picker searches.
    await emulator.grantForOrganization(['User.ReadBasic.All']);
    await page.reload();
    const colleagues = page.getByRole('combobox', { name: 'Colleagues' });
    await colleagues.fill('lee');
    await expect(page.getByRole('option', { name: /Lee Gu/ })).toBeVisible();
    await expectAccessible(page, 'picker with directory results');
    await page.getByRole('option', { name: /Lee Gu/ }).click();
    await colleagues.fill('Jordan Price');
    await expect(page.getByRole('option', { name: /Add "Jordan Price"/ })).toBeVisible();
    await expectAccessible(page, 'picker offering the name as written');
    await colleagues.press('Enter');
    await expect(page.getByRole('list', { name: 'Colleagues chosen' })).toContainText(
      'Jordan Price',
    );

    await page.getByRole('button', { name: 'More details' }).click();
    await page.getByRole('textbox', { name: 'Layer' }).fill('3.5');
    await form.save.click();
    await expect(page.getByText('Enter the layer as a whole number')).toBeVisible();
    await expectAccessible(page, 'More details open, with a problem in the layer');
    await page.getByRole('textbox', { name: 'Layer' }).fill('3');
    await form.saveAndWait();

    await form.backToPositions();
    const count = positions.card(RETAIL).getByRole('button', { name: '3 colleagues' });
    await count.focus();
    await expect(page.getByRole('tooltip')).toHaveText('Alex Wilber, Lee Gu, Jordan Price');
    await expectAccessible(page, 'card with colleagues named on focus');
  });
});
