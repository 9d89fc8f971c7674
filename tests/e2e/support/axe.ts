import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const waitForAnimations = (page: Page) =>
  // Colours are measured once dialogs, toasts and theme transitions have finished (spinners
  // turn forever).
  page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' ||
          animation.effect?.getTiming().iterations === Infinity,
      ),
  );

async function violations(page: Page): Promise<string[]> {
  await waitForAnimations(page);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // Fluent UI's focus sentinels (Tabster) are aria-hidden and focusable on purpose: they
    // pass focus on at once and must stay silent. A documented Fluent v9 false positive
    // (microsoft/tabster#288); only these nodes are left out.
    .exclude('[data-tabster-dummy]')
    .analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .map((node) => node.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
}

/**
 * No WCAG 2.1 A or AA violations on what is on screen now, in the light theme and in the
 * dark one: the same screen is checked again with the system asking for dark, rather than
 * the whole flow walked twice (the app and the provider's pages follow
 * `prefers-color-scheme` as it changes). The page is left in the light theme.
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await violations(page), `axe violations in "${state}", light theme`).toEqual([]);
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    // The screen did turn dark (else the second check would only repeat the first).
    await expect.poll(background, `"${state}" in the dark theme`).not.toBe(light);
    expect(await violations(page), `axe violations in "${state}", dark theme`).toEqual([]);
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
}
