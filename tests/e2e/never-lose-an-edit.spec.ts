import type { APIRequestContext } from '@playwright/test';
import type { LocalEndpoints } from '../../emulator/endpoints.js';
import { expectJobTitleConflict, meganSavesOnAdele } from './support/conflict';
import { expect, test } from './support/fixtures';
import { GraphRecorder } from './support/graph-recorder';
import { PositionForm, PositionsPage } from './support/pages';

const AUDITOR = 'Auditor at Contoso Ltd.';

interface Position {
  id: string;
  detail: {
    jobTitle: string;
    description: string | null;
    company: { displayName: string; department: string | null };
  };
  categories: string[];
}

/** Reads a user's positions straight from the emulator with a token the page used. */
async function storedPositions(
  request: APIRequestContext,
  graph: GraphRecorder,
  endpoints: Pick<LocalEndpoints, 'graphBaseUrl'>,
  userId = 'me',
): Promise<Position[]> {
  const authorization = graph.calls
    .map((call) => call.headers.authorization)
    .filter(Boolean)
    .at(-1)!;
  const path =
    userId === 'me'
      ? `${endpoints.graphBaseUrl}/me/profile/positions`
      : `${endpoints.graphBaseUrl}/users/${userId}/profile/positions`;
  const response = await request.get(path, { headers: { authorization } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { value: Position[] }).value;
}

test.describe('never losing an edit', () => {
  test('with etags, two people change the same field: the conflict view shows both, and keeping mine saves it over the new version', async ({
    page,
    signedIn,
    graph,
    request,
    endpoints,
    emulator,
  }) => {
    // About the 412 path: Graph's profile API has no etags; ours does in the strict option.
    await emulator.setGraphSettings({ etags: 'strict' });
    // Megan edits Adele's profile: an administrator has granted User.ReadWrite.All for the organisation.
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('adele');
    const adeleForm = await new PositionsPage(page).edit(AUDITOR);

    // Megan saves first, on Adele's profile.
    await meganSavesOnAdele(signedIn, AUDITOR, (form) => form.jobTitle.fill('Chief Auditor'));

    // Adele, still on the version she opened, changes the same field and another one.
    await adeleForm.jobTitle.fill('Lead Auditor');
    await adeleForm.department.fill('Internal Audit');
    graph.clear();
    await adeleForm.save.click();
    const panel = await expectJobTitleConflict(page);
    expect(graph.writes().map((call) => call.status)).toEqual([412]);

    await panel.getByRole('radio', { name: 'Keep mine' }).check();
    await panel.getByRole('button', { name: 'Save with these choices' }).click();
    await expect(page.getByText('All changes saved.')).toBeVisible();
    const [, resend] = graph.writes();
    expect(resend.status).toBe(200);
    expect(resend.headers['if-match']).not.toBe(graph.writes()[0].headers['if-match']);
    expect(resend.body).toMatchObject({
      detail: { jobTitle: 'Lead Auditor', company: { department: 'Internal Audit' } },
    });

    const stored = (await storedPositions(request, graph, endpoints)).find(
      (position) => position.detail.company.displayName === 'Contoso Ltd.',
    )!;
    expect(stored.detail.jobTitle).toBe('Lead Auditor');
    expect(stored.detail.company.department).toBe('Internal Audit');
  });

  test('with etags, two people change different fields of the same position: both changes survive, nobody is asked', async ({
    page,
    signedIn,
    graph,
    request,
    endpoints,
    emulator,
  }) => {
    // About the 412 path: Graph's profile API has no etags; ours does in the strict option.
    await emulator.setGraphSettings({ etags: 'strict' });
    // Megan edits Adele's profile: an administrator has granted User.ReadWrite.All for the organisation.
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('adele');
    const adeleForm = await new PositionsPage(page).edit(AUDITOR);

    await meganSavesOnAdele(signedIn, AUDITOR, async (form) => {
      await form.department.fill('Group Finance');
      await form.addCategory('compliance');
    });

    await adeleForm.jobTitle.fill('Senior Auditor');
    graph.clear();
    await adeleForm.saveAndWait();
    await expect(page.getByRole('region', { name: /Someone else changed/ })).toHaveCount(0);
    expect(graph.writes().map((call) => call.status)).toEqual([412, 200]);
    // The re-sent patch still carries only what Adele changed: her title over Megan's department.
    expect(Object.keys(graph.writes()[1].body as object)).toEqual(['detail']);

    const stored = (await storedPositions(request, graph, endpoints)).find(
      (position) => position.detail.company.displayName === 'Contoso Ltd.',
    )!;
    expect(stored.detail.jobTitle).toBe('Senior Auditor');
    expect(stored.detail.company.department).toBe('Group Finance');
    expect(stored.categories).toEqual(['compliance']);
  });

  test('a save and a create meet throttling and an outage (the next answers 429, then 503): each is stored exactly once', async ({
    page,
    signedIn,
    graph,
    emulator,
    request,
    endpoints,
    positions,
  }) => {
    // The deterministic form of the soak's random faults (npm run soak).
    await signedIn.as('adele');
    const form = await positions.edit(AUDITOR);
    await form.description.fill('Audited through the faults');
    await emulator.setFaults({
      throttleNextRequests: 1,
      failNextRequests: 1,
      retryAfterSeconds: 0,
    });
    graph.clear();
    await form.save.click();
    await expect(page.getByText('All changes saved.')).toBeVisible();
    // Without etags the save reads first: the read meets the 429 and the 503, then the PATCH goes once.
    expect(graph.calls.map((call) => [call.method, call.status])).toEqual([
      ['GET', 429],
      ['GET', 503],
      ['GET', 200],
      ['PATCH', 200],
    ]);
    await form.backToPositions();

    // A create is never re-sent blindly: the app may check first, or leave the next try to
    // the user; press what it offers until done. It must end with one position.
    await positions.addButton.click();
    const added = new PositionForm(page);
    await added.fillNew({
      jobTitle: 'Faulty role',
      company: 'Tailspin Toys',
      start: ['May', '2010'],
    });
    await emulator.setFaults({
      throttleNextRequests: 1,
      failNextRequests: 1,
      retryAfterSeconds: 0,
    });
    graph.clear();
    await added.save.click();
    const done = page.getByRole('heading', { name: 'Edit position' });
    const retry = page.getByRole('button', { name: /^(Try again|Retry)$/ });
    for (let round = 0; round < 3 && !(await done.isVisible()); round++) {
      await expect(done.or(retry).first()).toBeVisible({ timeout: 20_000 });
      if (await retry.first().isVisible()) {
        await retry.first().click();
        await expect(retry.first()).toBeHidden();
      }
    }
    await expect(done).toBeVisible();
    const posts = graph.writes().filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.status)).toContain(429);
    // The 503 met whichever request came next (the check for the position, or the POST).
    expect(graph.calls.map((call) => call.status)).toContain(503);
    expect(posts.filter((call) => call.status === 201)).toHaveLength(1);

    const stored = await storedPositions(request, graph, endpoints);
    expect(
      stored.find((position) => position.detail.company.displayName === 'Contoso Ltd.')?.detail
        .description,
    ).toBe('Audited through the faults');
    expect(stored.filter((position) => position.detail.jobTitle === 'Faulty role')).toHaveLength(1);
    // Adele's four seeded positions and the one added.
    expect(stored).toHaveLength(5);
  });

  test('with etags, a save whose answer is lost is not sent twice into a conflict: it is recognised as done', async ({
    page,
    signedIn,
    graph,
    emulator,
    request,
    endpoints,
  }) => {
    // About the 412 path: Graph's profile API has no etags; ours does in the strict option.
    await emulator.setGraphSettings({ etags: 'strict' });
    await signedIn.as('adele');
    const form = await new PositionsPage(page).edit(AUDITOR);
    await form.jobTitle.fill('Principal Auditor');
    await emulator.setFaults({ loseNextResponses: 1 });
    graph.clear();
    await form.save.click();
    await expect(page.getByText('All changes saved.')).toBeVisible();
    const patches = graph.calls.filter((call) => call.method === 'PATCH');
    expect(patches.map((call) => call.status)).toEqual([undefined, 412]);
    const stored = await storedPositions(request, graph, endpoints);
    expect(
      stored.filter((position) => position.detail.jobTitle === 'Principal Auditor'),
    ).toHaveLength(1);
  });

  test('with etags, typing while a save meets a conflict: the typing stays, unsaved, and nothing is lost', async ({
    page,
    signedIn,
    graph,
    emulator,
    request,
    endpoints,
  }) => {
    // About the 412 path: Graph's profile API has no etags; ours does in the strict option.
    await emulator.setGraphSettings({ etags: 'strict' });
    await signedIn.as('adele');
    const form = await new PositionsPage(page).edit(AUDITOR);
    await form.jobTitle.fill('Careful Auditor');
    // The first answer is lost (the save lands), the retry meets 412: slow enough to type meanwhile.
    await emulator.setFaults({ loseNextResponses: 1, latencyMs: 700 });
    graph.clear();
    await form.save.click();
    await form.description.fill('Typed while saving');
    await expect(page.getByText('All changes saved.')).toBeVisible({ timeout: 15_000 });
    await emulator.setFaults({ latencyMs: 0 });
    expect(graph.writes().map((call) => call.status)).toEqual([undefined, 412]);
    await expect(form.description).toHaveValue('Typed while saving');
    await expect(form.save).toBeEnabled();
    const stored = (await storedPositions(request, graph, endpoints)).find(
      (position) => position.detail.jobTitle === 'Careful Auditor',
    );
    expect(stored?.detail.description).toBeNull();
    await form.saveAndWait();
    expect(
      (await storedPositions(request, graph, endpoints)).find(
        (position) => position.detail.jobTitle === 'Careful Auditor',
      )?.detail.description,
    ).toBe('Typed while saving');
  });

  test('a create whose answer is lost makes one position, not two', async ({
    page,
    signedIn,
    graph,
    emulator,
    request,
    positions,
    endpoints,
  }) => {
    await signedIn.as('adele');
    await positions.addButton.click();
    const form = new PositionForm(page);
    await form.fillNew({
      jobTitle: 'Night Auditor',
      company: 'Fourth Coffee',
      start: ['June', '2003'],
      end: ['July', '2004'],
    });
    await emulator.setFaults({ loseNextResponses: 1 });
    graph.clear();
    await form.save.click();
    await expect(page.getByRole('heading', { name: 'Edit position' })).toBeVisible();
    expect(graph.calls.filter((call) => call.method === 'POST')).toHaveLength(1);
    const stored = await storedPositions(request, graph, endpoints);
    expect(stored.filter((position) => position.detail.jobTitle === 'Night Auditor')).toHaveLength(
      1,
    );
    await form.backToPositions();
    await expect(positions.card('Night Auditor at Fourth Coffee')).toHaveCount(1);
  });

  test('offline: the save waits and says so, then goes through when the network is back', async ({
    page,
    context,
    signedIn,
    graph,
    request,
    endpoints,
  }) => {
    await signedIn.as('adele');
    const form = await new PositionsPage(page).edit(AUDITOR);
    await form.jobTitle.fill('Travelling Auditor');
    graph.clear();
    await context.setOffline(true);
    await form.save.click();
    await expect(
      page.getByRole('status').filter({ hasText: "You're offline" }).first(),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Saving…' })).toBeDisabled();
    await expect(form.jobTitle).toHaveValue('Travelling Auditor');

    // Counted at the moment the network comes back: nothing was saved while it was away.
    expect(graph.writes().filter((call) => call.status === 200)).toHaveLength(0);
    await context.setOffline(false);
    await expect(page.getByText('All changes saved.')).toBeVisible();
    expect(graph.writes().filter((call) => call.status === 200)).toHaveLength(1);
    const stored = await storedPositions(request, graph, endpoints);
    expect(stored.some((position) => position.detail.jobTitle === 'Travelling Auditor')).toBe(true);
  });

  test('unsaved input survives a reload and a crashed tab, is offered back, and is gone once saved', async ({
    page,
    context,
    signedIn,
    positions,
    request,
    endpoints,
  }) => {
    await signedIn.as('adele');
    const form = await positions.edit(AUDITOR);
    await form.jobTitle.fill('Draft Auditor');
    await form.addCategory('kept');
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            Object.keys(localStorage).filter((key) => key.startsWith('profile-editor.draft.'))
              .length,
        ),
      )
      .toBe(1);

    // A reload: the browser asks first; leaving anyway keeps the draft.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await expect(form.jobTitle).toHaveValue('Auditor');
    await expect(page.getByText('You have unsaved changes')).toBeVisible();
    await page.getByRole('button', { name: 'Restore changes' }).click();
    await expect(form.jobTitle).toHaveValue('Draft Auditor');
    await expect(form.categoryTags()).toHaveText(['kept']);

    // A crash: the tab dies without a chance to ask; a new tab (new session) gets it back too.
    const url = page.url();
    await page.close({ runBeforeUnload: false });
    const again = await context.newPage();
    const reopened = new PositionForm(again);
    await signedIn.as('adele', { path: url, page: again });
    await expect(again.getByText('You have unsaved changes')).toBeVisible();
    await again.getByRole('button', { name: 'Restore changes' }).click();
    await expect(reopened.jobTitle).toHaveValue('Draft Auditor');
    const recorder = new GraphRecorder(again, endpoints);
    await reopened.saveAndWait();
    expect(
      await again.evaluate(() =>
        Object.keys(localStorage).filter((key) => key.startsWith('profile-editor.draft.')),
      ),
    ).toEqual([]);
    // Nothing in local storage looks like a token.
    expect(
      await again.evaluate(() =>
        Object.values<string>(localStorage).some((value) => /eyJ[\w-]+\.eyJ[\w-]+\./.test(value)),
      ),
    ).toBe(false);
    const stored = await storedPositions(request, recorder, endpoints);
    expect(
      stored.find((position) => position.detail.jobTitle === 'Draft Auditor')?.categories,
    ).toEqual(['kept']);
  });

  test('an access token that expires mid-session is renewed once and the save goes through', async ({
    page,
    signIn,
    graph,
    emulator,
    request,
    endpoints,
  }) => {
    await signIn.as('adele');
    const form = await new PositionsPage(page).edit(AUDITOR);
    await form.jobTitle.fill('Renewed Auditor');
    await emulator.expireTokens();
    graph.clear();
    await form.saveAndWait();
    // The save's first request (its read of the current version) meets the 401.
    expect(graph.calls.map((call) => [call.method, call.status])).toEqual([
      ['GET', 401],
      ['GET', 200],
      ['PATCH', 200],
    ]);
    expect(graph.tokenCalls).toHaveLength(1);
    expect(graph.calls[0].headers.authorization).not.toBe(graph.calls[2].headers.authorization);
    expect(
      (await storedPositions(request, graph, endpoints)).some(
        (position) => position.detail.jobTitle === 'Renewed Auditor',
      ),
    ).toBe(true);
  });

  test('with the refresh token revoked too, the token is renewed silently in a hidden frame (the redirect bridge)', async ({
    page,
    signIn,
    graph,
    emulator,
    request,
    endpoints,
  }) => {
    await signIn.as('adele');
    const form = await new PositionsPage(page).edit(AUDITOR);
    await form.jobTitle.fill('Quietly Renewed Auditor');
    const bridge: string[] = [];
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === '/redirect.html')
        bridge.push(req.frame() === page.mainFrame() ? 'main' : 'frame');
    });
    const authorize: string[] = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (`${url.origin}${url.pathname}` === `${endpoints.issuer}/auth`)
        authorize.push(url.searchParams.get('prompt') ?? '');
    });
    await emulator.expireTokens({ revokeRefreshTokens: true });
    graph.clear();
    await form.saveAndWait();
    expect(graph.calls.map((call) => [call.method, call.status])).toEqual([
      ['GET', 401],
      ['GET', 200],
      ['PATCH', 200],
    ]);
    expect(authorize).toEqual(['none']);
    expect(bridge).toEqual(['frame']);
    await expect(page).toHaveURL(/\/positions\//);
    expect(
      (await storedPositions(request, graph, endpoints)).some(
        (position) => position.detail.jobTitle === 'Quietly Renewed Auditor',
      ),
    ).toBe(true);
  });

  test('when the session has ended too, the user signs in again and comes back to the form as it was', async ({
    page,
    signIn,
    graph,
    emulator,
    request,
    endpoints,
  }) => {
    await signIn.as('adele');
    const form = await new PositionsPage(page).edit(AUDITOR);
    const url = page.url();
    await form.jobTitle.fill('Returning Auditor');
    await form.department.fill('Risk');
    await emulator.expireTokens({ endSessions: true });
    await page.context().clearCookies();
    // Leaving to sign in keeps a draft; the page must not also ask "Leave site?".
    const prompts: string[] = [];
    page.on('dialog', (dialog) => {
      prompts.push(dialog.type());
      void dialog.accept();
    });
    await form.save.click();

    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Sign in as Adele Vance' }).click();
    await expect(page).toHaveURL(url);
    await expect(
      page.getByText('You signed in again; what you were typing is back.'),
    ).toBeVisible();
    await expect(form.jobTitle).toHaveValue('Returning Auditor');
    await expect(form.department).toHaveValue('Risk');
    await form.saveAndWait();
    expect(prompts).toEqual([]);
    const stored = (await storedPositions(request, graph, endpoints)).find(
      (position) => position.detail.jobTitle === 'Returning Auditor',
    );
    expect(stored?.detail.company.department).toBe('Risk');
  });

  test('hostile data renders as text: markup, script URLs, very long and right-to-left strings', async ({
    page,
    signedIn,
    graph,
    request,
    endpoints,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signedIn.as('adele');
    const authorization = graph.calls.map((call) => call.headers.authorization).find(Boolean)!;
    const hostile = [
      {
        jobTitle: '<img src=x onerror="window.__pwned=1">',
        company: '<script>window.__pwned=2</script>',
        webUrl: 'javascript:window.__pwned=3',
      },
      {
        jobTitle: 'x'.repeat(128),
        company: 'W'.repeat(256),
        webUrl: `https://example.com/${'a'.repeat(300)}`,
      },
      {
        jobTitle: 'مدير المبيعات \u202Egnp.exe',
        company: 'שלום עולם',
        webUrl: 'data:text/html,<script>alert(1)</script>',
      },
    ];
    for (const [index, item] of hostile.entries()) {
      const response = await request.post(`${endpoints.graphBaseUrl}/me/profile/positions`, {
        headers: { authorization, 'content-type': 'application/json' },
        data: {
          isCurrent: false,
          allowedAudiences: 'organization',
          categories: ['<b>bold</b>'],
          detail: {
            jobTitle: item.jobTitle,
            startMonthYear: `200${index}-01-01`,
            endMonthYear: `200${index}-06-01`,
            description: `<iframe src="javascript:alert(${index})"></iframe>`,
            company: { displayName: item.company, webUrl: item.webUrl },
          },
        },
      });
      expect(response.status()).toBe(201);
    }
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto('/');
    const list = new PositionsPage(page).list;
    await expect(list.getByText('<img src=x onerror="window.__pwned=1">')).toBeVisible();
    await expect(list.getByText('<script>window.__pwned=2</script>')).toBeVisible();
    await expect(list.getByText('javascript:window.__pwned=3')).toBeVisible();
    await expect(list.getByRole('link', { name: /javascript:|data:/ })).toHaveCount(0);
    await expect(list.locator('img, script, iframe')).toHaveCount(0);
    const safeLink = list.getByRole('link', { name: /^https:\/\/example\.com\// });
    await expect(safeLink).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(list.getByText('שלום עולם')).toHaveAttribute('dir', 'auto');
    // Nothing pushes the page wider than a phone.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);

    await page.getByRole('link', { name: /^Edit <img/ }).click();
    await expect(page.getByLabel('Job title')).toHaveValue(
      '<img src=x onerror="window.__pwned=1">',
    );
    await expect(page.getByLabel('Description')).toHaveValue(
      '<iframe src="javascript:alert(0)"></iframe>',
    );
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'the form fits a phone',
    ).toBe(true);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  test('someone else deleted the position meanwhile: the input stays and can be added back', async ({
    page,
    signedIn,
    graph,
    request,
    endpoints,
  }) => {
    await signedIn.as('adele');
    const form = await new PositionsPage(page).edit(AUDITOR);
    await form.jobTitle.fill('Orphaned Auditor');
    const authorization = graph.calls.map((call) => call.headers.authorization).find(Boolean)!;
    const id = page.url().split('/').at(-1)!;
    expect(
      (
        await request.delete(`${endpoints.graphBaseUrl}/me/profile/positions/${id}`, {
          headers: { authorization },
        })
      ).status(),
    ).toBe(204);
    await form.save.click();
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else deleted this position' });
    await expect(alert).toBeVisible();
    await expect(form.jobTitle).toHaveValue('Orphaned Auditor');
    await alert.getByRole('button', { name: 'Add it as a new position' }).click();
    await expect(page).not.toHaveURL(new RegExp(id));
    const stored = await storedPositions(request, graph, endpoints);
    expect(
      stored.filter((position) => position.detail.jobTitle === 'Orphaned Auditor'),
    ).toHaveLength(1);
  });
});
