import type { ContributionPage, ProcedureDetail } from '@stadtdialog/shared/contract';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { readDrawnMap } from './support/procedure-map';
import type { Page } from '@playwright/test';
import type OlMap from 'ol/Map';
import type VectorLayer from 'ol/layer/Vector';

async function mapCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const map = (document.querySelector('sd-procedure-map') as (Element & { olMap?: OlMap }) | null)?.olMap;
    const layer = map?.getAllLayers().find((l) => l.get('id') === 'contributions') as VectorLayer | undefined;
    return layer?.getSource()?.getFeatures().length ?? -1;
  });
}

test('filters map, list and count together, keep them in the URL, survive a reload and go back', async ({ page, request }) => {
  const procedure = (await (await request.get(`/api/v1/procedures/${DEMO_SLUG}`)).json()) as ProcedureDetail;
  const category = procedure.categories.find((c) => c.name === 'Verkehr & Wege');
  if (!category) throw new Error('demo category missing');
  const total = async (query: string) =>
    ((await (await request.get(`/api/v1/procedures/${DEMO_SLUG}/contributions?limit=1&${query}`)).json()) as ContributionPage).total;
  const all = await total('');
  const inCategory = await total(`category=${category.id}`);
  const searched = await total(`category=${category.id}&q=Querung`);
  expect(inCategory).toBeGreaterThan(searched);
  expect(searched).toBeGreaterThan(0);

  await page.goto(`/procedures/${DEMO_SLUG}`);
  await readDrawnMap(page, all);
  await expect(page.locator('.count')).toHaveText(`${all} Beiträge`);

  const agree = async (shown: number, query: RegExp) => {
    await expect(page).toHaveURL(query);
    await expect(page.locator('ol.contribution-list')).toHaveAttribute('aria-busy', 'false');
    await expect(page.locator('.count')).toHaveText(`${shown} von ${all} Beiträgen`);
    await expect.poll(() => mapCount(page)).toBe(shown);
    await expect(page.locator('li.contribution')).toHaveCount(Math.min(shown, 20));
    for (const meta of await page.locator('li.contribution .meta').allTextContents()) expect(meta).toContain('Verkehr & Wege');
    await expect(page.locator('.legend li').filter({ hasText: 'Verkehr & Wege' })).toContainText(`(${shown})`);
  };

  await page.getByLabel('Kategorie').selectOption({ label: 'Verkehr & Wege' });
  await agree(inCategory, new RegExp(`\\?category=${category.id}$`));

  await page.getByLabel('Suche im Text').fill('Querung');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await agree(searched, new RegExp(`category=${category.id}&q=Querung$`));

  await page.getByLabel('Sortierung').selectOption({ label: 'Am meisten kommentiert' });
  await expect(page).toHaveURL(/sort=commented/);
  const commentCounts = async () =>
    (await page.locator('li.contribution .counts').allTextContents()).map((t) => Number(/(\d+) Kommentare/.exec(t)?.[1]));
  await expect.poll(async () => {
    const counts = await commentCounts();
    return counts.length > 1 && counts.every((count, i) => i === 0 || counts[i - 1] >= count);
  }).toBe(true);

  await page.reload();
  await expect(page.getByLabel('Kategorie')).toHaveValue(category.id);
  await expect(page.getByLabel('Suche im Text')).toHaveValue('Querung');
  await expect(page.getByLabel('Sortierung')).toHaveValue('commented');
  await agree(searched, /sort=commented/);

  await page.goBack();
  await agree(searched, new RegExp(`category=${category.id}&q=Querung$`));
  await page.goBack();
  await agree(inCategory, new RegExp(`\\?category=${category.id}$`));
  await expect(page.getByLabel('Suche im Text')).toHaveValue('');

  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  await expect(page.locator('.count')).toHaveText(`${all} Beiträge`);
  await expect.poll(() => mapCount(page)).toBe(all);
});
