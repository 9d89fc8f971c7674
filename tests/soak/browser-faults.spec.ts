import type { Locator } from '@playwright/test';
import { expect, test } from '../e2e/support/fixtures';
import { PositionForm } from '../e2e/support/pages';

/**
 * Phase C of `npm run soak`: the app itself makes SOAK_BROWSER_EDITS edits and creates (50
 * by default: four fifths edits of Adele's four positions, one fifth new positions) while
 * the emulator answers 30 % of requests 429 or 503. The faults' seed is E2E_FAULT_SEED (the
 * soak sets it; EmulatorControls prints it). Every edit must be stored exactly once.
 */
const EDITS = Number(process.env.SOAK_BROWSER_EDITS ?? '50');
const CREATES = Math.max(1, Math.round(EDITS / 5));
const EXISTING = [
  'Retail Manager at Contoso',
  'Auditor at Contoso Ltd.',
  'Sales Associate at Fabrikam, Inc.',
  // From the directory, untidy (no dates, an empty company name): edited like the rest.
  'Regional Retail Lead',
];

interface StoredPosition {
  detail: { jobTitle: string; description: string | null; company: { displayName: string } };
}

test(`${EDITS} edits against an emulator answering 30% of requests with 429 or 503: every edit stored exactly once, no duplicates`, async ({
  page,
  signedIn,
  graph,
  emulator,
  request,
  endpoints,
  positions,
}) => {
  await signedIn.as('adele');
  const { seed } = await emulator.setFaults({
    throttleRate: 0.15,
    errorRate: 0.15,
    retryAfterSeconds: 0,
  });
  test.info().annotations.push({ type: 'fault seed', description: String(seed) });

  // What a user does when Graph keeps failing: wait while it retries, press the button offered.
  const untilDone = async (done: Locator) => {
    const retry = page.getByRole('button', { name: /^(Try again|Retry)$/ });
    for (let round = 0; round < 6; round++) {
      await expect(done.or(retry).first()).toBeVisible({ timeout: 30_000 });
      if (await done.first().isVisible()) return;
      await retry.first().click();
    }
    throw new Error(`it never went through (fault seed ${seed})`);
  };
  const saved = page.getByText(/^(All changes saved\.|Position added\.)$/);

  const expected = new Map<string, string>();
  let edits = 0;
  const editsOfExisting = EDITS - CREATES;
  for (const [index, name] of EXISTING.entries()) {
    const rounds =
      Math.floor(editsOfExisting / EXISTING.length) +
      (index < editsOfExisting % EXISTING.length ? 1 : 0);
    await untilDone(page.getByRole('link', { name: `Edit ${name}` }));
    const form = await positions.edit(name);
    // Positions are told apart by company name; the one from the directory has an empty one.
    const company = name.split(' at ')[1] ?? '';
    for (let round = 1; round <= rounds; round++) {
      const description = `${company || name} edit ${round}`;
      await form.description.fill(description);
      await form.save.click();
      await untilDone(saved);
      expected.set(company, description);
      edits++;
    }
    await form.backToPositions();
  }
  for (let index = 1; index <= CREATES; index++) {
    await untilDone(positions.addButton);
    await positions.addButton.click();
    const form = new PositionForm(page);
    await form.fillNew({
      jobTitle: `Soak role ${index}`,
      company: 'Tailspin Toys',
      start: ['May', '2010'],
    });
    await form.save.click();
    await untilDone(page.getByRole('heading', { name: 'Edit position' }));
    await form.backToPositions();
    edits++;
  }
  expect(edits).toBe(Math.max(EDITS, CREATES));

  await emulator.setFaults({ throttleRate: 0, errorRate: 0 });
  const authorization = graph.calls
    .map((call) => call.headers.authorization)
    .filter(Boolean)
    .at(-1)!;
  const response = await request.get(`${endpoints.graphBaseUrl}/me/profile/positions`, {
    headers: { authorization },
  });
  expect(response.status()).toBe(200);
  const stored = ((await response.json()) as { value: StoredPosition[] }).value;
  for (const [company, description] of expected) {
    expect(
      stored.find((position) => position.detail.company.displayName === company)?.detail
        .description,
      `${company} (fault seed ${seed})`,
    ).toBe(description);
  }
  for (let index = 1; index <= CREATES; index++) {
    expect(
      stored.filter((position) => position.detail.jobTitle === `Soak role ${index}`),
      `Soak role ${index} (fault seed ${seed})`,
    ).toHaveLength(1);
  }
  expect(stored).toHaveLength(EXISTING.length + CREATES);
  // The faults were real: some requests failed and were retried.
  expect(graph.calls.some((call) => call.status === 429 || call.status === 503)).toBe(true);
});
