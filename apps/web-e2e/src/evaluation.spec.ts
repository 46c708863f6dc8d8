import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/accessibility';
import { PLANNER_ADMIN, signIn } from './support/planner';

const SLUG = 'gruene-mitte-altona';

/** The rows of a table as [header cell, ...data cells] texts. */
async function tableRows(table: import('@playwright/test').Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim())),
  );
}

test('the public statistics show every chart as an SVG with values, a summary and a table that matches the API', async ({ page }) => {
  const api = await (await page.request.get(`/api/v1/procedures/${SLUG}/statistics`)).json();
  await page.goto(`/procedures/${SLUG}/statistics`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Statistik');
  await expect(page.locator('dl.totals')).toContainText(String(api.totals.contributions));

  const category = page.getByRole('table', { name: 'Beiträge nach Kategorie als Tabelle' });
  await expect(category).toBeVisible();
  await expect(category.locator('thead th[scope="col"]')).toHaveText(['Wert', 'Anzahl']);
  expect(await tableRows(category)).toEqual(api.byCategory.map((c: { label: string; count: number }) => [c.label, String(c.count)]));
  const categoryFigure = page.locator('figure', { has: category });
  await expect(categoryFigure.locator('svg[role="img"]')).toHaveAccessibleName(/Beiträge nach Kategorie.*Am häufigsten/);
  // each value is written at its bar
  for (const c of api.byCategory) await expect(categoryFigure.locator('svg text.value', { hasText: new RegExp(`^${c.count}$`) }).first()).toBeVisible();

  const time = page.getByRole('table', { name: 'Beiträge und Kommentare pro Tag als Tabelle' });
  await expect(time.locator('thead th')).toHaveText(['Zeitraum ab', 'Beiträge', 'Kommentare']);
  const timeRows = await tableRows(time);
  expect(timeRows.reduce((n, r) => n + Number(r[1]), 0)).toBe(api.totals.contributions);
  await expect(page.getByRole('table', { name: 'Beiträge nach Status als Tabelle' })).toHaveCount(0);

  const terms = page.getByRole('table', { name: 'Häufige Begriffe' });
  if (api.keyTerms.length) {
    const first = api.keyTerms[0];
    await terms.getByRole('link', { name: first.term, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/procedures/${SLUG}\\?q=`));
  }
  await page.goBack();
  await expect(page.getByRole('table', { name: 'Beiträge nach Kategorie als Tabelle' })).toBeVisible();
  await expectNoAxeViolations(page, 'the public statistics');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('table', { name: 'Contributions by category as a table' })).toBeVisible();
});

test('planners see every status with filters and export a CSV with progress', async ({ page }) => {
  const procedure = await (await page.request.get(`/api/v1/procedures/${SLUG}`)).json();
  await signIn(page, PLANNER_ADMIN);
  await page.goto(`/planner/procedures/${procedure.id}/evaluation`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Auswertung');
  const status = page.getByRole('table', { name: 'Beiträge nach Status als Tabelle' });
  await expect(status).toBeVisible();
  const rows = await tableRows(status);
  const total = rows.reduce((n, r) => n + Number(r[1]), 0);
  await expect(page.locator('dl.totals')).toContainText(String(total));

  await page.getByRole('combobox', { name: 'Herkunft' }).selectOption({ label: 'Import' });
  await page.getByRole('button', { name: 'Anwenden' }).click();
  await expect(page.locator('dl.totals dd').first()).toHaveText('0');

  await page.getByRole('combobox', { name: 'Herkunft' }).selectOption({ label: 'Alle' });
  await page.getByRole('button', { name: 'Anwenden' }).click();
  await page.getByRole('button', { name: 'Beiträge als CSV (Excel)' }).click();
  const done = page.getByRole('status').filter({ hasText: 'ist fertig' });
  await expect(done).toContainText(`(${total} Zeilen)`);
  const download = page.waitForEvent('download');
  await done.getByRole('link', { name: /speichern/ }).click();
  expect((await download).suggestedFilename()).toBe(`${SLUG}-contributions.csv`);
  await expectNoAxeViolations(page, 'the planner evaluation');
});
