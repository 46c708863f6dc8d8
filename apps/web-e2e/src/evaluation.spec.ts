import { execFileSync } from 'node:child_process';
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
  // the demo's published planning variants, with the residents' ratings and comments
  expect(api.variants.length).toBeGreaterThan(0);
  const variants = page.getByRole('table', { name: 'Bewertungen der Planungsvarianten als Tabelle' });
  expect(await tableRows(variants)).toEqual(
    api.variants.map((v: { title: string; ratingsUp: number; ratingsDown: number }) => [v.title, String(v.ratingsUp), String(v.ratingsDown)]),
  );
  expect(await tableRows(page.getByRole('table', { name: 'Kommentare zu den Planungsvarianten als Tabelle' }))).toEqual(
    api.variants.map((v: { title: string; comments: number }) => [v.title, String(v.comments)]),
  );

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
  const planner = await (await page.request.get(`/api/v1/procedures/${procedure.id}/evaluation/statistics`)).json();
  expect(planner.variants.length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Varianten mit Bewertungen als CSV (Excel)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'ist fertig' })).toContainText(`variants.csv ist fertig (${planner.variants.length} Zeilen)`);
  await page.getByRole('button', { name: 'Beiträge als CSV (Excel)' }).click();
  const done = page.getByRole('status').filter({ hasText: 'ist fertig' });
  await expect(done).toContainText(`(${total} Zeilen)`);
  const download = page.waitForEvent('download');
  await done.getByRole('link', { name: /speichern/ }).click();
  expect((await download).suggestedFilename()).toBe(`${SLUG}-contributions.csv`);
  await expectNoAxeViolations(page, 'the planner evaluation');
});

/** pdfinfo's "Key: value" lines as an object. */
function pdfInfo(file: string): Record<string, string> {
  const output = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(output.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

test('the results report prints to a tagged A4 PDF with the figures, key terms, top contributions and workshops', async ({ page }, testInfo) => {
  const report = await (await page.request.get(`/api/v1/procedures/${SLUG}/report`)).json();
  await page.goto(`/procedures/${SLUG}/statistics`);
  await page.getByRole('link', { name: 'Ergebnisbericht (druckfertig)' }).click();
  await expect(page).toHaveURL(new RegExp(`/procedures/${SLUG}/report$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(report.procedure.title);
  await expect(page).toHaveTitle(`Ergebnisbericht: ${report.procedure.title} – Stadtdialog`);
  await expect(page.getByRole('table', { name: 'Phasen' }).locator('tbody tr')).toHaveCount(report.procedure.phases.length);
  const category = page.getByRole('table', { name: 'Beiträge nach Kategorie als Tabelle' });
  expect(await tableRows(category)).toEqual(report.statistics.byCategory.map((c: { label: string; count: number }) => [c.label, String(c.count)]));
  const highlights = page.getByRole('region', { name: 'Die wichtigsten Beiträge mit den Antworten der Planenden' }).getByRole('article');
  await expect(highlights).toHaveCount(report.highlights.length);
  await expect(page.getByRole('button', { name: 'Drucken oder als PDF speichern' })).toBeVisible();
  await expectNoAxeViolations(page, 'the results report');

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Drucken oder als PDF speichern' })).toBeHidden();
  await expect(page.locator('.app-header')).toBeHidden();
  const file = testInfo.outputPath('ergebnisbericht.pdf');
  await page.pdf({ path: file, format: 'A4', tagged: true, outline: true, preferCSSPageSize: true, printBackground: true });

  const info = pdfInfo(file);
  expect(info['Tagged']).toBe('yes');
  expect(info['Title']).toBe(`Ergebnisbericht: ${report.procedure.title} – Stadtdialog`);
  expect(info['Page size']).toMatch(/^59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)$/);
  expect(Number(info['Pages'])).toBeGreaterThan(1);
  // the structure tree: headings, the charts as figures, tables with caption and header scopes
  const structure = execFileSync('pdfinfo', ['-struct', file], { encoding: 'utf8' });
  for (const tag of ['H1 (block)', 'H2 (block)', 'Figure', 'Table (block)', 'Caption', '/Scope /Column', '/Scope /Row']) expect(structure).toContain(tag);
  // bookmarks from the headings (outline: true), as poppler's pdftohtml lists them
  const outline = [...execFileSync('pdftohtml', ['-xml', '-i', '-stdout', file], { encoding: 'utf8' }).matchAll(/<item page="\d+">([^<]*)<\/item>/g)].map((m) => m[1]);
  expect(outline[0]).toBe(report.procedure.title);
  for (const heading of ['Das Verfahren', 'Überblick', 'Beiträge nach Kategorie', 'Häufige Begriffe', 'Workshops']) expect(outline).toContain(heading);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, ' ');
  expect(flat).toContain(report.procedure.title);
  expect(flat).toContain('Beiträge nach Kategorie als Tabelle');
  for (const c of report.statistics.byCategory) expect(flat).toContain(c.label);
  expect(flat).toMatch(new RegExp(`Überblick Beiträge .*\\b${report.statistics.totals.contributions}\\b`));
  for (const term of report.statistics.keyTerms.slice(0, 5)) expect(flat).toContain(term.term);
  for (const h of report.highlights) expect(flat).toContain(h.title.replace(/\s+/g, ' '));
  // (the demo has no official answers yet; evaluation-statistics.e2e.ts and the unit test show them in the report)
  expect(flat).toContain('Workshops');
  expect(flat).not.toContain('Für Planende');
});

test('planners open the report under their filters, and a key term leads to their list of every status', async ({ page }) => {
  const procedure = await (await page.request.get(`/api/v1/procedures/${SLUG}`)).json();
  await signIn(page, PLANNER_ADMIN);
  await page.goto(`/planner/procedures/${procedure.id}/evaluation`);
  await page.getByRole('combobox', { name: 'Herkunft' }).selectOption({ label: 'Online' });
  await page.getByRole('button', { name: 'Anwenden' }).click();
  await expect(page.getByRole('table', { name: 'Beiträge nach Herkunft als Tabelle' }).locator('tbody tr')).toHaveCount(1);
  await page.getByRole('link', { name: 'Ergebnisbericht (druckfertig)' }).click();
  await expect(page).toHaveURL(/\/evaluation\/report\?(.*&)?source=online/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(procedure.title);
  await expect(page.getByText('Alle Beiträge in jedem Status (interner Bericht).')).toBeVisible();
  await expect(page.getByText('Gefiltert: Herkunft: Online')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Beiträge nach Status als Tabelle' })).toBeVisible();
  await expectNoAxeViolations(page, 'the planner results report');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: /Abschnitte|Bereiche/ })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  await page.getByRole('link', { name: 'Zurück zur Auswertung' }).click();
  const terms = page.getByRole('table', { name: 'Häufige Begriffe' });
  const term = (await terms.locator('tbody tr th a').first().textContent())?.trim() ?? '';
  expect(term).not.toBe('');
  await terms.getByRole('link', { name: term, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/planner/procedures/${procedure.id}/moderation\\?.*state=all`));
  await expect(page.getByRole('searchbox', { name: 'Suche' })).toHaveValue(term);
  await expect(page.locator('.queue-item, li.item').first()).toBeVisible();
});
