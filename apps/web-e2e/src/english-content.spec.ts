import { DEMO_SLUG, expect, test } from './support/fixtures';
import { cloneDemo, expectNoViolations, PLANNER_ADMIN, signIn } from './support/planner';

test.describe('English versions of procedure texts', () => {
  test('a manager enters English texts in the workspace; a resident with the English UI sees them, and German where there is none', async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const suffix = Date.now().toString(36);
    const title = `Neuer Platz ${suffix}`;
    const englishTitle = `New square ${suffix}`;
    const category = `Bänke ${suffix}`;
    const englishCategory = `Benches ${suffix}`;
    const rubric = `Hinweis ${suffix}`;

    await signIn(page, PLANNER_ADMIN);
    const id = await cloneDemo(page, title);

    // The procedure's title, with its English version beside the German one.
    const texts = page.getByRole('region', { name: 'Texte' });
    await expect(texts.getByLabel('Titel – englische Fassung (optional)')).toHaveAttribute('lang', 'en');
    await texts.getByLabel('Titel – englische Fassung (optional)').fill(englishTitle);
    await texts.getByRole('button', { name: 'Texte speichern' }).click();
    await expect(texts.getByRole('status')).toHaveText('Gespeichert.');
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await expect(page.getByText('Das Verfahren ist jetzt öffentlich.')).toBeVisible();
    await expectNoViolations(page, 'the general setup page with English versions');

    // A category with an English name, a rubric without one; both forms reached by keyboard.
    await page.getByRole('link', { name: 'Ablauf & Kategorien' }).click();
    const newCategory = page.getByRole('form', { name: 'Kategorie hinzufügen' });
    await newCategory.getByLabel('Name', { exact: true }).fill(category);
    await page.keyboard.press('Tab');
    await expect(newCategory.getByLabel('Name – englische Fassung (optional)')).toBeFocused();
    await page.keyboard.type(englishCategory);
    await newCategory.getByRole('button', { name: 'Kategorie hinzufügen' }).click();
    await expect(page.getByText(`Kategorie „${category}“ hinzugefügt.`)).toBeVisible();
    const newRubric = page.getByRole('form', { name: 'Art hinzufügen' });
    await newRubric.getByLabel('Name', { exact: true }).fill(rubric);
    await newRubric.getByLabel('Kennung').fill('hint');
    await newRubric.getByRole('button', { name: 'Art hinzufügen' }).click();
    await expect(page.getByText(`Art „${rubric}“ hinzugefügt.`)).toBeVisible();
    // The stored English name shows in the new category's row, the last one.
    await expect(page.locator('input[id^="category-name-"]').last()).toHaveValue(category);
    await expect(page.locator('input[id^="category-en-name-"]').last()).toHaveValue(englishCategory);
    await expect(page.locator('input[id^="category-en-name-"]').last()).toHaveAccessibleName('Name – englische Fassung (optional)');
    await expectNoViolations(page, 'the phases and categories page with English versions');

    // The labels in the English UI.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('form', { name: 'Add a category' }).getByLabel('Name – English version (optional)')).toBeVisible();
    await expectNoViolations(page, 'the phases and categories page in English');
    await page.getByRole('button', { name: 'Deutsch' }).click();

    const setup = await (await page.request.get(`/api/v1/procedures/${id}/setup`)).json();
    const slug: string = setup.slug;

    // A resident, English UI: the English texts where they exist, German (marked as German) where not.
    const resident = await browser.newContext();
    const residentPage = await resident.newPage();
    await residentPage.goto(`/procedures/${slug}`);
    await expect(residentPage.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(residentPage.getByLabel('Kategorie')).toContainText(category);
    await residentPage.getByRole('button', { name: 'English' }).click();
    await expect(residentPage.getByRole('heading', { level: 1 })).toHaveText(englishTitle);
    await expect(residentPage.getByRole('heading', { level: 1 })).not.toHaveAttribute('lang', /./);
    const categories = residentPage.getByLabel('Category', { exact: true });
    await expect(categories.locator('option', { hasText: englishCategory })).toHaveCount(1);
    await expect(categories).not.toContainText(category);
    // the demo's categories came with the template, in English too
    await expect(categories.locator('option', { hasText: 'Green & open space' })).toHaveCount(1);
    const fallback = residentPage.getByLabel('Type', { exact: true }).locator('option', { hasText: rubric });
    await expect(fallback).toHaveCount(1);
    await expect(fallback).toHaveAttribute('lang', 'de');
    await expect(residentPage).toHaveTitle(new RegExp(`^${englishTitle} – `));
    await resident.close();
  });

  test('an English visitor sees the demo procedure in English', async ({ page }) => {
    await page.goto(`/procedures/${DEMO_SLUG}`);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Green Centre Altona');
    await expect(page.getByLabel('Category', { exact: true }).locator('option', { hasText: 'Traffic & paths' })).toHaveCount(1);
    await expect(page.getByLabel('Type', { exact: true }).locator('option', { hasText: 'Question' })).toHaveCount(1);
  });
});
