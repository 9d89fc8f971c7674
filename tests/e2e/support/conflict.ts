import { expect, type Locator, type Page } from '@playwright/test';
import { PeoplePage, type PositionForm } from './pages';
import type { SignedIn } from './signed-in';

/** Megan, in a browser of her own, opens Adele's position through People, changes it and saves. */
export async function meganSavesOnAdele(
  signedIn: SignedIn,
  positionName: string,
  change: (form: PositionForm) => Promise<void>,
): Promise<void> {
  const page = await signedIn.newPage('megan');
  const people = new PeoplePage(page);
  await people.open();
  const form = await (
    await people.openPerson('Adele Vance', people.directReports)
  ).edit(positionName);
  await change(form);
  await form.saveAndWait();
  await page.context().close();
}

/**
 * The conflict view after Megan saved the job title 'Chief Auditor' while Adele typed
 * 'Lead Auditor' and a department: both titles side by side, the department (hers alone)
 * not in question.
 */
export async function expectJobTitleConflict(page: Page): Promise<Locator> {
  const panel = page.getByRole('region', {
    name: 'Someone else changed this position while you were editing',
  });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('Last edited by Megan Bowen');
  await expect(panel).toContainText('Job title: now on the server');
  await expect(panel).toContainText('Chief Auditor');
  await expect(panel).toContainText('Lead Auditor');
  await expect(panel).not.toContainText('Department');
  return panel;
}
