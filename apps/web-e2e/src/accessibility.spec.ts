import AxeBuilder from '@axe-core/playwright';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { readDrawnMap } from './support/procedure-map';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

test.describe('accessibility (WCAG 2.1 AA, axe-core)', () => {
  test('the start page has no violations', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('li.procedure').first()).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
    expect(violations).toEqual([]);
  });

  test('the procedure page has no violations, with the map drawn and the list opened', async ({ page }) => {
    await page.goto(`/procedures/${DEMO_SLUG}`);
    await readDrawnMap(page, 40);
    await page.locator('.contribution-list summary').click();
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
    expect(violations).toEqual([]);
  });

  test('the procedure page has no violations in English', async ({ page }) => {
    await page.goto(`/procedures/${DEMO_SLUG}`);
    await page.getByRole('button', { name: 'English' }).click();
    await readDrawnMap(page, 40);
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
    expect(violations).toEqual([]);
  });
});
