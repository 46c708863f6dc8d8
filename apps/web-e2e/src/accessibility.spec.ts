import { expectNoAxeViolations, expectNoHorizontalScroll } from './support/accessibility';
import { next, writeText } from './support/contribute';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { readDrawnMap } from './support/procedure-map';

// The contribution flow, its errors, the contribution page and the report dialog are scanned in
// contribute.spec.ts and contribution-detail.spec.ts, where they are reached.
test.describe('accessibility (WCAG 2.1 AA, axe-core)', () => {
  test('the start page has no violations', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('li.procedure').first()).toBeVisible();
    await expectNoAxeViolations(page, 'the start page');
  });

  test('the procedure page has no violations, with the map drawn, a contribution selected, the legend open and in English', async ({ page }) => {
    await page.goto(`/procedures/${DEMO_SLUG}`);
    await readDrawnMap(page, 40);
    await page.locator('li.contribution').first().getByRole('button', { name: /Auf der Karte zeigen/ }).click();
    await expect(page.locator('.selection')).toBeVisible();
    await page.getByRole('button', { name: 'Legende' }).click();
    await page.getByText('Kartenebenen').click();
    await expectNoAxeViolations(page, 'the procedure page');

    await page.getByRole('tab', { name: 'Infos' }).click();
    await expect(page.getByRole('heading', { name: 'Ablauf' })).toBeVisible();
    await expectNoAxeViolations(page, 'the procedure page with its information');

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Schedule' })).toBeVisible();
    await expectNoAxeViolations(page, 'the procedure page in English');
  });

  test('the procedure page has headings, landmarks and a list alternative on every layout', async ({ page }) => {
    for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      await page.goto(`/procedures/${DEMO_SLUG}`);
      await readDrawnMap(page, 1);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Grüne Mitte Altona');
      await expect(page.getByRole('main')).toBeVisible();
      await expect(page.getByRole('region', { name: 'Karte des Plangebiets mit den Beiträgen' })).toBeVisible();
      await expect(page.getByRole('search', { name: 'Beiträge filtern', includeHidden: true })).toBeAttached();
      for (const name of ['Karte', 'Beiträge', 'Über das Verfahren', 'Ablauf', 'Termine']) {
        await expect(page.getByRole('heading', { name, exact: true, includeHidden: true }), `heading ${name} at ${viewport.width}`).toBeAttached();
      }
      await expect(page.getByRole('tablist', { name: 'Ansicht' })).toBeVisible();
      await expectNoAxeViolations(page, `the procedure page at ${viewport.width}×${viewport.height}`);
    }
  });

  test('the steps of a new contribution have no violations, also with their errors', async ({ page }) => {
    await page.goto(`/procedures/${DEMO_SLUG}/contribute`);
    await next(page);
    await expect(page.locator('#title-error')).toHaveText('Bitte geben Sie einen Titel ein.');
    await expect(page.getByLabel('Titel')).toBeFocused();
    await expect(page.getByLabel('Titel')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, 'the text step with errors');
    await page.getByLabel('Titel').fill('Barrierefrei');
    await page.getByLabel('Ihr Beitrag').fill('Geprüft mit axe.');
    await next(page);
    await next(page);
    await expect(page.locator('#category-error')).toHaveText('Bitte wählen Sie eine Kategorie.');
    await expectNoAxeViolations(page, 'the category step with an error');
  });

  test('at 200 % zoom (640 CSS pixels wide) and on a 360 px phone nothing needs sideways scrolling', async ({ page }) => {
    for (const width of [360, 640]) {
      await page.setViewportSize({ width, height: 450 });
      await page.goto('/');
      await expect(page.locator('li.procedure').first()).toBeVisible();
      await expectNoHorizontalScroll(page);
    }

    await page.goto(`/procedures/${DEMO_SLUG}`);
    await readDrawnMap(page, 1);
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'the map tab at 200 % zoom');
    await page.getByRole('tab', { name: 'Liste' }).click();
    await expect(page.locator('li.contribution').first()).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'the list tab at 200 % zoom');
    await page.getByRole('tab', { name: 'Infos' }).click();
    await expect(page.getByRole('heading', { name: 'Ablauf' })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'the information tab at 200 % zoom');

    await page.goto(`/procedures/${DEMO_SLUG}/contribute`);
    await writeText(page, 'Zoom', 'Bei 200 % lesbar.');
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'the location step at 200 % zoom');
    await next(page);
    await page.getByLabel('Ohne Ort einreichen').check();
    await next(page);
    await expect(page.locator('.review')).toContainText('Ohne Ort.');
    await expectNoHorizontalScroll(page);
  });
});
