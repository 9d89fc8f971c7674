import { expectAccessible } from './support/axe';
import { expect, test } from './support/fixtures';
import { PeoplePage, PositionForm, PositionsPage, SignIn } from './support/pages';
import { PERSONAS } from './support/personas';
test.describe('accessibility, light and dark themes', () => {
  test('sign-in, list, form, validation errors, dialogs, drafts, errors', async ({
    page,
    emulator,
  }) => {
    test.setTimeout(120_000);
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expectAccessible(page, 'app sign-in screen');

    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expectAccessible(page, 'provider sign-in page');
    await page.getByLabel('Email').fill('adele@contoso.com');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'provider sign-in page with an error');
    await page.getByRole('button', { name: 'Sign in as Adele Vance' }).click();
    await expect(page.getByRole('button', { name: 'Accept' })).toBeVisible();
    await expectAccessible(page, 'provider consent page');
    await page.getByRole('button', { name: 'Accept' }).click();

    const positions = new PositionsPage(page);
    await expect(positions.list).toBeVisible();
    await expectAccessible(page, 'positions list');

    await page.getByRole('button', { name: 'Delete Sales Associate at Fabrikam, Inc.' }).click();
    await expect(page.getByRole('alertdialog', { name: 'Delete this position?' })).toBeVisible();
    await expectAccessible(page, 'delete dialog');
    await page.keyboard.press('Escape');

    const form = await positions.edit('Auditor at Contoso Ltd.');
    await expectAccessible(page, 'position form');
    await form.jobTitle.fill('');
    await form.webAddress.fill('not a url');
    await form.save.click();
    await expect(page.getByText('Check the highlighted fields')).toBeVisible();
    await expectAccessible(page, 'position form with errors');

    await form.jobTitle.fill('Auditor in progress');
    await form.backToPositions();
    await expect(page.getByRole('alertdialog', { name: 'Leave without saving?' })).toBeVisible();
    await expectAccessible(page, 'unsaved-changes dialog');
    await page.getByRole('button', { name: 'Keep editing' }).click();

    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await expect(page.getByText('You have unsaved changes')).toBeVisible();
    await expectAccessible(page, 'draft offered back');
    await page.getByRole('button', { name: 'Discard them' }).click();

    await emulator.setFaults({ errorRate: 1, retryAfterSeconds: 0 });
    await page.goto('/');
    await expect(page.getByRole('alert').filter({ hasText: 'Loading positions' })).toBeVisible({
      timeout: 20_000,
    });
    await expectAccessible(page, 'list that failed to load');
    await emulator.setFaults({ errorRate: 0 });

    await page.getByRole('button', { name: 'Retry' }).click();
    await positions.edit('Auditor at Contoso Ltd.');
    await page.context().setOffline(true);
    await form.jobTitle.fill('Offline Auditor');
    await form.save.click();
    await expect(
      page.getByRole('status').filter({ hasText: "You're offline" }).first(),
    ).toBeVisible();
    await expectAccessible(page, 'offline save waiting');
    await page.context().setOffline(false);
    await expect(page.getByText('All changes saved.')).toBeVisible();

    await page.goto('/positions/new');
    await expect(page.getByRole('heading', { name: 'Add a position' })).toBeVisible();
    await expectAccessible(page, 'new position form');
    await page.goto('/no/such/page');
    await expectAccessible(page, 'page not found');
  });

  test('empty list, People, a person, search, read-only, conflict view', async ({
    page,
    signedIn,
    graph,
    request,
    endpoints,
    emulator,
  }) => {
    test.setTimeout(120_000);
    // As a tenant's administrator would have: People granted to the organisation. The
    // conflict view needs etags, which Graph's profile API does not send (ours: strict).
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await emulator.setGraphSettings({ etags: 'strict' });
    await signedIn.as('megan');
    const people = new PeoplePage(page);
    await people.open();
    await expectAccessible(page, 'People with direct reports');
    await people.find('gu');
    await expectAccessible(page, 'People search results');
    await people.find('zz-nobody');
    await expectAccessible(page, 'People search without results');
    const alex = await people.openPerson('Alex Wilber', people.directReports);
    await expectAccessible(page, "a person's positions");

    // Alex's only position deleted: his list is empty.
    await alex.delete('Marketing Assistant at Contoso');
    await expect(page.getByText('No positions yet')).toBeVisible();
    // The toast that says so fades in: measured once it is there and its animation done.
    await expect(
      page.getByRole('listitem').filter({ hasText: 'Deleted Marketing Assistant at Contoso.' }),
    ).toBeVisible();
    await expectAccessible(page, 'empty list');

    // Someone else changes Adele's Auditor while Megan edits it: the conflict view.
    await page.goto(`/people/${PERSONAS.adele.id}`);
    const form = await new PositionsPage(page).edit('Auditor at Contoso Ltd.');
    const authorization = graph.calls
      .map((call) => call.headers.authorization)
      .filter(Boolean)
      .at(-1)!;
    const positionId = page.url().split('/').at(-1)!;
    const changed = await request.patch(
      `${endpoints.graphBaseUrl}/users/${PERSONAS.adele.id}/profile/positions/${positionId}`,
      {
        headers: { authorization, 'content-type': 'application/json' },
        data: {
          detail: {
            jobTitle: 'Changed elsewhere',
            startMonthYear: '2001-01-01',
            company: { displayName: 'Contoso Ltd.' },
          },
        },
      },
    );
    expect(changed.status()).toBe(200);
    await form.jobTitle.fill('Changed here');
    await form.save.click();
    await expect(
      page.getByRole('region', { name: /Someone else changed this position/ }),
    ).toBeVisible();
    await expectAccessible(page, 'conflict view');

    // A save Graph refuses for want of a role: the form turns read-only.
    await page.goto(`/people/${PERSONAS.lee.id}`);
    const lee = await new PositionsPage(page).edit('Director at Contoso');
    await lee.jobTitle.fill('Refused Director');
    const failNext = await request.post('/_emulator/faults', {
      data: { failNext: [{ error: 'accessDeniedForRole', method: 'PATCH' }] },
    });
    expect(failNext.ok()).toBe(true);
    await lee.save.click();
    await expect(page.getByText('the form is read-only now')).toBeVisible();
    await expectAccessible(page, 'form turned read-only by a 403');

    // Alex may read others, not change them.
    const alexPage = await signedIn.newPage('alex', {
      path: `/people/${PERSONAS.adele.id}`,
    });
    await expect(
      new PositionsPage(alexPage).card('Sales Associate at Fabrikam, Inc.'),
    ).toBeVisible();
    await expectAccessible(alexPage, "someone else's positions, read-only");
    await alexPage.goto(`/people/${PERSONAS.adele.id}/positions/new`);
    await expect(
      alexPage.getByRole('heading', { name: "You can't change this profile" }),
    ).toBeVisible();
    await expectAccessible(alexPage, "can't change this profile");
    await alexPage.context().close();
  });

  test("Entra's screens: People before consent, administrator consent, refusals and sign-in problems", async ({
    page,
    browser,
    signIn,
    emulator,
  }) => {
    test.setTimeout(120_000);
    // Nobody has granted People: Alex is told what to ask for.
    await signIn.as('alex');
    const people = new PeoplePage(page);
    await people.openFromHeader();
    await expect(people.permissionNeeded).toBeVisible();
    await expectAccessible(page, 'People: permission needed');

    // Patti may grant it, and does, through the administrator-consent endpoint.
    const pattiContext = await browser.newContext({ ignoreHTTPSErrors: true });
    const pattiPage = await pattiContext.newPage();
    await new SignIn(pattiPage).as('patti');
    await new PeoplePage(pattiPage).openFromHeader();
    await expect(
      pattiPage.getByRole('button', { name: 'Grant for the organisation' }),
    ).toBeVisible();
    await expectAccessible(pattiPage, 'People: permission needed, for an administrator');
    await pattiPage.getByRole('button', { name: 'Grant for the organisation' }).click();
    await pattiPage.getByRole('button', { name: 'Accept' }).click();
    await expect(
      pattiPage.getByRole('status').filter({ hasText: 'Permission granted for your organisation' }),
    ).toBeVisible();
    await expectAccessible(pattiPage, 'People: granted for the organisation');
    await pattiContext.close();

    // A sign-in the tenant blocks, met while renewing: explained in the page.
    await emulator.setIdentityPolicy({ blockByPolicy: ['alex'] });
    await emulator.expireTokens();
    await page.goto('/');
    await expect(
      page.getByRole('alert').filter({ hasText: 'access policy blocked this sign-in' }),
    ).toBeVisible({ timeout: 20_000 });
    await expectAccessible(page, 'a sign-in problem in the page');

    // A tenant that refuses user consent: the provider's page, then the app says why.
    await emulator.setIdentityPolicy({ userConsent: 'disabled', blockByPolicy: [] });
    const adeleContext = await browser.newContext({ ignoreHTTPSErrors: true });
    const adelePage = await adeleContext.newPage();
    await adelePage.goto('/');
    await adelePage.getByRole('button', { name: 'Sign in' }).click();
    await adelePage.getByRole('button', { name: 'Sign in as Adele Vance' }).click();
    await expect(adelePage.getByRole('heading', { name: 'Need admin approval' })).toBeVisible();
    await expectAccessible(adelePage, 'provider: needs administrator approval');
    await adelePage
      .getByRole('link', { name: 'Return to the application without granting consent' })
      .click();
    await expect(
      adelePage.getByRole('alert').filter({ hasText: 'An administrator must approve this first' }),
    ).toBeVisible();
    await expectAccessible(adelePage, 'sign-in screen with an Entra error');
    await adeleContext.close();
  });
});

test.describe('keyboard only', () => {
  test('sign in, open a position, change two fields, save and hear about it; focus visible and returned after dialogs', async ({
    page,
  }) => {
    const press = (key: string) => page.keyboard.press(key);
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLInputElement | null;
        const label =
          element?.labels?.[0]?.textContent ??
          element?.getAttribute('aria-label') ??
          element?.textContent ??
          '';
        return {
          name: label.trim(),
          tag: element?.tagName ?? '',
          outline: element ? getComputedStyle(element).outlineStyle : '',
        };
      });
    /** Tabs forward until the focused element's accessible text matches. */
    const tabTo = async (pattern: RegExp, limit = 60) => {
      for (let step = 0; step < limit; step++) {
        await press('Tab');
        if (pattern.test((await focused()).name)) return;
      }
      throw new Error(`never reached ${pattern}`);
    };

    await page.goto('/');
    // The sign-in screen loads when it is needed: Tab from its first moment on.
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await tabTo(/^Sign in$/);
    await press('Enter');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await tabTo(/^Sign in as Adele Vance$/);
    await press('Enter');
    await expect(page.getByRole('button', { name: 'Accept' })).toBeFocused();
    await press('Enter');
    const positions = new PositionsPage(page);
    await expect(positions.list).toBeVisible();

    // A dialog returns focus to what opened it.
    await tabTo(/^Delete Auditor at Contoso Ltd\.$/);
    await press('Enter');
    const dialog = page.getByRole('alertdialog', { name: 'Delete this position?' });
    await expect(dialog).toBeVisible();
    await press('Escape');
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('button', { name: 'Delete Auditor at Contoso Ltd.' }),
    ).toBeFocused();

    await tabTo(/^Edit Auditor at Contoso Ltd\.$/);
    expect((await focused()).outline).not.toBe('none');
    await press('Enter');
    await expect(page.getByRole('heading', { name: 'Edit position' })).toBeFocused();
    const form = new PositionForm(page);
    await tabTo(/^Job title/);
    await expect(form.jobTitle).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Keyboard Auditor');
    await tabTo(/^Department/);
    await expect(form.department).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Accessibility');
    await press('Enter');
    const announced = page.getByRole('status').filter({ hasText: 'All changes saved.' });
    await expect(announced).toHaveAttribute('aria-live', 'polite');
    await expect(announced).toBeVisible();

    await page.goto('/');
    await expect(positions.card('Keyboard Auditor at Contoso Ltd.')).toContainText('Accessibility');
  });
});
