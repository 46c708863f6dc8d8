import type { ProcedureSummary } from '@stadtdialog/shared/contract';
import { DEMO_SLUG, expect, test } from './support/fixtures';

test.describe('participation pages', () => {
  test('the start page lists the demo procedure and leads to it', async ({ page, request }) => {
    const procedures = (await (await request.get('/api/v1/procedures')).json()) as ProcedureSummary[];
    const demo = procedures.find((p) => p.slug === DEMO_SLUG);
    expect(demo, 'the demo seed creates the procedure').toBeDefined();

    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beteiligungsverfahren');
    await expect(page).toHaveTitle('Beteiligungsverfahren – Stadtdialog');
    // the procedure list's item (the start page's appointments and contributions link to it too)
    const item = page.locator('li.procedure', { has: page.getByRole('link', { name: demo?.title, exact: true }) });
    await expect(item).toContainText(demo?.summary ?? '');
    await expect(item.locator('sd-state-badge')).toHaveText(/Offen|Demnächst|Abgeschlossen/);
    await expect(page.getByRole('heading', { name: 'Laufende Verfahren' })).toBeVisible();
    await expect(item.getByRole('img', { name: `Plangebiet von ${demo?.title}` })).toBeVisible();

    await item.getByRole('link', { name: demo?.title, exact: true }).click();
    await expect(page).toHaveURL(`/procedures/${DEMO_SLUG}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(demo?.title ?? '');
    await expect(page.getByRole('region', { name: 'Karte des Plangebiets mit den Beiträgen' })).toBeVisible();
    await page.getByRole('tab', { name: 'Infos' }).click();
    await expect(page.getByRole('heading', { name: 'Ablauf' })).toBeVisible();
    await expect(page.locator('.phase[aria-current="step"]')).toContainText('Aktuelle Phase');
    await expect(page.getByRole('heading', { name: 'Termine' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Karte des Plangebiets mit den Beiträgen' })).toBeVisible();
  });

  test('switches the language to English at run time', async ({ page }) => {
    await page.goto(`/procedures/${DEMO_SLUG}?view=info`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { name: 'Ablauf' })).toBeVisible();
    await page.getByRole('button', { name: 'Legende' }).click();
    await expect(page.getByRole('heading', { name: 'Legende' })).toBeVisible();

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('heading', { name: 'Schedule' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'About' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { name: 'Legend' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Map of the planning area with the contributions' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Zoom in' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'All procedures' })).toBeVisible();

    await expect(page.locator('.count')).toHaveText(/^\s*\d+ contributions\s*$/);
    await expect(page.getByLabel('Sort by')).toContainText('Most commented');
    await expect(page.locator('.appointment .when')).toHaveText(
      /^\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4},\s+\d{1,2}:\d\d\s[AP]M/,
    );

    await page.getByRole('link', { name: 'Write a contribution' }).click();
    await expect(page.getByRole('heading', { name: 'Step 1 of 5: Text' })).toBeVisible();
    await expect(page.getByText('0 of 3,000 characters')).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.locator('#title-error')).toHaveText('Please enter a title.');

    await page.getByRole('link', { name: /^Back to/ }).click();
    await page.getByRole('link', { name: 'All procedures' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Participation procedures');
    await expect(page.getByRole('heading', { name: 'Current procedures' })).toBeVisible();

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('an unknown procedure says so', async ({ page }) => {
    await page.goto('/procedures/gibt-es-nicht');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Dieses Verfahren gibt es nicht oder es ist nicht öffentlich.',
    );
  });
});
