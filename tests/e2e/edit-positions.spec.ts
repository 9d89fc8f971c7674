import { expect, test } from './support/fixtures';
import { PositionForm } from './support/pages';

const AUDITOR = 'Auditor at Contoso Ltd.';
const SALES = 'Sales Associate at Fabrikam, Inc.';

test.describe('editing my positions', () => {
  test.beforeEach(async ({ signedIn, positions }) => {
    await signedIn.as('adele');
    await expect(positions.list).toBeVisible();
  });

  test('lists current positions first, then newest first, with dates and who edited', async ({
    positions,
  }) => {
    expect(await positions.titles()).toEqual([
      'Retail Manager',
      'Auditor',
      'Regional Retail Lead',
      'Sales Associate',
    ]);
    const sales = positions.card(SALES);
    await expect(sales).toContainText('Jun 1998 – Dec 2000');
    await expect(sales).toContainText('Visible to: Everyone in my organization');
    await expect(sales).toContainText(/Last edited by Adele Vance on \w+/);
    await expect(positions.card(AUDITOR)).toContainText('Jan 2001 – Present');
    // From the directory: no dates, no company name, written by "AAD" at no known time.
    const synced = positions.card('Regional Retail Lead');
    await expect(synced).toContainText('No start date – Present');
    await expect(synced).toContainText('Last edited by AAD');
    await expect(synced).not.toContainText('Last edited by AAD on');
  });

  test('changing the job title sends only detail, whole, and survives a reload', async ({
    page,
    positions,
    graph,
  }) => {
    const form = await positions.edit(AUDITOR);
    graph.clear();
    await form.jobTitle.fill('Senior Auditor');
    await form.saveAndWait();

    // Graph's profile API has no etags: the current version is read, then one PATCH
    // without If-Match (the strict option's If-Match: never-lose-an-edit.spec.ts).
    expect(graph.calls.map((call) => call.method)).toEqual(['GET', 'PATCH']);
    const writes = graph.writes();
    expect(writes).toHaveLength(1);
    expect(writes[0].headers['if-match']).toBeUndefined();
    const body = writes[0].body as { detail: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(['detail']);
    expect(body.detail).toMatchObject({
      jobTitle: 'Senior Auditor',
      startMonthYear: '2001-01-01',
      endMonthYear: null,
      company: {
        displayName: 'Contoso Ltd.',
        department: 'Finance',
        officeLocation: '12/1110',
        address: {
          street: '30 Isabella St., Second Floor',
          city: 'Pittsburgh',
          state: 'PA',
          postalCode: '15212',
          countryOrRegion: 'US',
          type: 'business',
        },
      },
    });
    // The cache took the server's answer: nothing was read again after the save.
    await expect(form.save).toBeDisabled();

    await page.goto('/');
    await expect(positions.card('Senior Auditor at Contoso Ltd.')).toBeVisible();
    await expect(positions.card('Senior Auditor at Contoso Ltd.')).toContainText(
      'Last edited by Adele Vance',
    );
  });

  test('changing only categories sends only categories', async ({ page, positions, graph }) => {
    const form = await positions.edit(AUDITOR);
    graph.clear();
    await form.addCategory('audit');
    await form.addCategory('ms graph');
    await form.saveAndWait();
    expect(graph.writes().map((call) => call.body)).toEqual([
      { categories: ['audit', 'ms graph'] },
    ]);

    await page.reload();
    await expect(form.categoryTags()).toHaveText(['audit', 'ms graph']);
    await form.removeCategory('audit');
    graph.clear();
    await form.saveAndWait();
    expect(graph.writes().map((call) => call.body)).toEqual([{ categories: ['ms graph'] }]);
  });

  test('ticking "current" on a past position sends isCurrent and detail with the end date gone', async ({
    page,
    positions,
    graph,
  }) => {
    const form = await positions.edit(SALES);
    await expect(form.endYear).toHaveValue('2000');
    graph.clear();
    await form.current.check();
    await expect(form.endYear).toBeDisabled();
    await expect(form.endYear).toHaveValue('');
    await form.saveAndWait();

    const [write] = graph.writes();
    expect(graph.writes()).toHaveLength(1);
    const body = write.body as {
      isCurrent: boolean;
      detail: { endMonthYear: unknown; startMonthYear: string; jobTitle: string };
    };
    expect(Object.keys(body).sort()).toEqual(['detail', 'isCurrent']);
    expect(body.isCurrent).toBe(true);
    expect(body.detail.endMonthYear).toBeNull();
    expect(body.detail).toMatchObject({
      startMonthYear: '1998-06-01',
      jobTitle: 'Sales Associate',
    });

    await page.goto('/');
    await expect(positions.card(SALES)).toContainText('Jun 1998 – Present');
  });

  test('changing who can see it sends only allowedAudiences', async ({
    page,
    positions,
    graph,
  }) => {
    const form = await positions.edit(AUDITOR);
    graph.clear();
    await form.chooseAudience('Only me');
    await form.saveAndWait();
    expect(graph.writes().map((call) => call.body)).toEqual([{ allowedAudiences: 'me' }]);
    await page.goto('/');
    await expect(positions.card(AUDITOR)).toContainText('Visible to: Only me');
  });

  test('no change sends nothing: Save stays disabled, also after an edit is put back', async ({
    positions,
    graph,
  }) => {
    const form = await positions.edit(AUDITOR);
    graph.clear();
    await expect(form.save).toBeDisabled();
    await form.jobTitle.fill('Auditor!');
    await expect(form.save).toBeEnabled();
    await form.jobTitle.fill('Auditor');
    await expect(form.save).toBeDisabled();
    await form.jobTitle.press('Enter');
    expect(graph.writes()).toHaveLength(0);
  });

  test('invalid input blocks the save with a message next to the field', async ({
    page,
    positions,
    graph,
  }) => {
    const form = await positions.edit(SALES);
    graph.clear();
    await form.jobTitle.fill('');
    await form.webAddress.fill('javascript:alert(1)');
    await form.endYear.fill('1990');
    await form.save.click();
    await expect(page.getByText('Enter a job title.')).toBeVisible();
    await expect(
      page.getByText('Enter a full web address that starts with https:// or http://.'),
    ).toBeVisible();
    await expect(page.getByText(/can't be before the start/)).toBeVisible();
    await expect(page.getByText('Check the highlighted fields')).toBeVisible();
    await expect(form.jobTitle).toBeFocused();
    expect(graph.writes()).toHaveLength(0);

    await form.jobTitle.fill('x'.repeat(129));
    await expect(
      page.getByText('Job title can be at most 128 characters (it has 129).'),
    ).toBeVisible();
    expect(graph.writes()).toHaveLength(0);
  });

  test('an error from Graph that names a property lands on that field, and the input stays', async ({
    page,
    positions,
    endpoints,
  }) => {
    const form = await positions.edit(AUDITOR);
    await form.department.fill('Finance & Controlling');
    // Graph refusing a value the form allowed: its own error shape, naming the property.
    await page.route(`${endpoints.graphBaseUrl}/me/profile/positions/*`, (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 400,
            headers: {
              'content-type': 'application/json',
              'request-id': '11111111-2222-3333-4444-555555555555',
            },
            body: JSON.stringify({
              error: {
                code: 'invalidRequest',
                message:
                  "Property 'detail.company.department' contains a character that is not allowed.",
                target: 'detail.company.department',
                innerError: {
                  date: '2026-11-27T06:00:00',
                  'request-id': '11111111-2222-3333-4444-555555555555',
                },
              },
            }),
          })
        : route.continue(),
    );
    await form.save.click();
    await expect(
      page
        .getByText("Property 'detail.company.department' contains a character that is not allowed.")
        .first(),
    ).toBeVisible();
    await expect(form.department).toBeFocused();
    await expect(form.department).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: 'Saving your changes' })).toContainText(
      'Request ID 11111111-2222-3333-4444-555555555555',
    );
    await expect(form.department).toHaveValue('Finance & Controlling');
  });

  test('adds a position (POST 201) and deletes one (DELETE 204), the list updated in place', async ({
    page,
    positions,
    graph,
  }) => {
    await positions.addButton.click();
    const form = new PositionForm(page);
    await form.fillNew({
      jobTitle: 'Store Trainee',
      company: 'Northwind Traders',
      start: ['March', '1997'],
      end: ['May', '1998'],
    });
    graph.clear();
    await form.save.click();
    await expect(page.getByRole('heading', { name: 'Edit position' })).toBeVisible();
    const [post] = graph.writes();
    expect(post.method).toBe('POST');
    expect(post.status).toBe(201);
    expect(post.body).toMatchObject({
      detail: {
        jobTitle: 'Store Trainee',
        startMonthYear: '1997-03-01',
        endMonthYear: '1998-05-01',
        company: { displayName: 'Northwind Traders' },
      },
      isCurrent: false,
      categories: [],
      allowedAudiences: 'organization',
    });

    await form.backToPositions();
    await expect(positions.card('Store Trainee at Northwind Traders')).toBeVisible();
    expect(await positions.titles()).toEqual([
      'Retail Manager',
      'Auditor',
      'Regional Retail Lead',
      'Sales Associate',
      'Store Trainee',
    ]);

    graph.clear();
    await positions.delete('Store Trainee at Northwind Traders');
    await expect(positions.card('Store Trainee at Northwind Traders')).toHaveCount(0);
    expect(graph.calls.map((call) => [call.method, call.status])).toEqual([['DELETE', 204]]);
    await page.reload();
    await expect(positions.list).toBeVisible();
    await expect(positions.card('Store Trainee at Northwind Traders')).toHaveCount(0);
  });

  test('a save that fails keeps the input, says why with the request id, and succeeds on retry', async ({
    page,
    positions,
    graph,
    emulator,
  }) => {
    const form = await positions.edit(AUDITOR);
    await form.jobTitle.fill('Lead Auditor');
    await form.department.fill('Internal Audit');
    await emulator.setFaults({ errorRate: 1, retryAfterSeconds: 0 });
    graph.clear();
    await form.save.click();
    const alert = page.getByRole('alert').filter({ hasText: 'Saving your changes' });
    await expect(alert).toContainText('temporarily unavailable');
    await expect(alert).toContainText(/Request ID [0-9a-f-]{36}/);
    await expect(form.jobTitle).toHaveValue('Lead Auditor');
    await expect(form.department).toHaveValue('Internal Audit');
    // Tried more than once (each attempt reads first, and that read failed too).
    expect(graph.calls.length).toBeGreaterThan(1);

    await emulator.setFaults({ errorRate: 0 });
    graph.clear();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByText('All changes saved.')).toBeVisible();
    expect(graph.writes()).toHaveLength(1);
    await page.goto('/');
    await expect(positions.card('Lead Auditor at Contoso Ltd.')).toContainText('Internal Audit');
  });

  test('leaving with unsaved changes asks first, in the app and when reloading', async ({
    page,
    positions,
  }) => {
    const form = await positions.edit(AUDITOR);
    await form.jobTitle.fill('Chief Auditor');

    await form.backToPositions();
    const dialog = page.getByRole('alertdialog', { name: 'Leave without saving?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await expect(form.jobTitle).toHaveValue('Chief Auditor');

    await page.goBack();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await expect(page).toHaveURL(/\/positions\//);
    await expect(form.jobTitle).toHaveValue('Chief Auditor');

    const prompted = new Promise<string>((resolve) =>
      page.once('dialog', (browserDialog) => {
        resolve(browserDialog.type());
        void browserDialog.dismiss();
      }),
    );
    await page.evaluate(() => {
      window.location.reload();
    });
    expect(await prompted).toBe('beforeunload');
    await expect(form.jobTitle).toHaveValue('Chief Auditor');

    await form.backToPositions();
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await expect(positions.card(AUDITOR)).toBeVisible();
  });
});
