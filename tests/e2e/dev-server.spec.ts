import { expect, test } from './support/fixtures';
import { accountArea } from './support/pages';

/**
 * The dev server that `npm start` runs (every other spec uses the production build): it
 * serves the app, the local provider and the Graph emulator, and a real edit goes through.
 */
test.use({ serverMode: 'dev' });

test('npm start: Adele signs in through the local provider, edits a position, and it is kept', async ({
  page,
  signIn,
  positions,
  graph,
}) => {
  // The first page makes the dev server transform the app's modules on demand.
  test.setTimeout(120_000);
  await signIn.as('adele');
  await expect(accountArea(page)).toContainText('Adele Vance');
  const form = await positions.edit('Auditor at Contoso Ltd.');
  graph.clear();
  await form.jobTitle.fill('Development Auditor');
  await form.saveAndWait();
  expect(graph.writes().map((call) => [call.method, call.status])).toEqual([['PATCH', 200]]);

  await page.reload();
  await expect(form.jobTitle).toHaveValue('Development Auditor');
  await page.goto('/');
  await expect(positions.card('Development Auditor at Contoso Ltd.')).toContainText(
    'Last edited by Adele Vance',
  );
});
