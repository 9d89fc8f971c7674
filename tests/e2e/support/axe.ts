import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** No WCAG 2.1 A or AA violations on what is on screen now (as accessibility.spec.ts checks). */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  // Colours are measured once popovers and tooltips have finished fading in (spinners turn forever).
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' ||
          animation.effect?.getTiming().iterations === Infinity,
      ),
  );
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // Fluent UI's focus sentinels (Tabster): aria-hidden and focusable on purpose
    // (microsoft/tabster#288); only these nodes are left out.
    .exclude('[data-tabster-dummy]')
    .analyze();
  const found = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .map((node) => node.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
  expect(found, `axe violations in "${state}"`).toEqual([]);
}
