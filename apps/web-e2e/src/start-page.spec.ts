import type { Page } from '@playwright/test';
import type OlMap from 'ol/Map';
import type VectorLayer from 'ol/layer/Vector';
import type { MultiPolygon } from 'ol/geom';
import { expectNoAxeViolations } from './support/accessibility';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { movePlanningArea, publicCopyOfDemo } from './support/procedure-setup';

interface DrawnAreas {
  slugs: string[];
  labels: string[];
  /** CSS pixel inside each area, by slug */
  inside: Record<string, [number, number]>;
  /** the slugs whose inside pixel no other area covers (copies of the demo share its area) */
  alone: string[];
  center: number[];
}

/** Waits until the start page's map has drawn its planning areas, then reads them from OpenLayers. */
async function readAreas(page: Page, count: number): Promise<DrawnAreas> {
  await page.waitForFunction((n) => {
    const map = (document.querySelector('sd-procedures-map') as (Element & { olMap?: OlMap }) | null)?.olMap;
    const layer = map?.getAllLayers().find((l) => l.get('id') === 'procedure-areas') as VectorLayer | undefined;
    const size = map?.getSize();
    return !!size && size[0] > 0 && (layer?.getSource()?.getFeatures().length ?? 0) >= n && map?.isRendered();
  }, count);
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    const map = (document.querySelector('sd-procedures-map') as Element & { olMap: OlMap }).olMap;
    const layer = map.getAllLayers().find((l) => l.get('id') === 'procedure-areas') as VectorLayer;
    const features = layer.getSource()?.getFeatures() ?? [];
    const inside: Record<string, [number, number]> = {};
    const alone: string[] = [];
    for (const f of features) {
      const point = (f.getGeometry() as MultiPolygon).getInteriorPoints().getPoint(0)?.getCoordinates() ?? [NaN, NaN];
      inside[String(f.get('slug'))] = map.getPixelFromCoordinate(point) as [number, number];
      const covering = features.filter((other) => other.getGeometry()?.intersectsCoordinate(point));
      if (covering.length === 1) alone.push(String(f.get('slug')));
    }
    return {
      slugs: features.map((f) => String(f.get('slug'))).sort(),
      labels: features.map((f) => String(f.get('label'))),
      inside,
      alone: alone.sort(),
      center: map.getView().getCenter() ?? [],
    };
  });
}

test('the start page shows every public procedure\'s area on one map with state and counts, beside the list, and what happens across procedures', async ({ page }) => {
  // A procedure of its own a little east of the demo (other specs of the run make public copies of
  // the demo, which share its area), to click on.
  const solo = await publicCopyOfDemo(page.request, { title: 'Startseite eigenes Gebiet', moderation: 'post' });
  await movePlanningArea(page.request, solo.id, {
    type: 'Polygon',
    coordinates: [[[9.962, 53.556], [9.968, 53.556], [9.968, 53.560], [9.962, 53.560], [9.962, 53.556]]],
  });
  const procedures: { slug: string; id: string; title: string; planningArea: unknown }[] = await (await page.request.get('/api/v1/procedures')).json();
  const overview = await (await page.request.get('/api/v1/overview')).json();
  const withArea = procedures.filter((p) => p.planningArea);
  expect(withArea.length).toBeGreaterThan(0);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 2, name: 'Karte aller Verfahren' })).toBeVisible();
  const drawn = await readAreas(page, withArea.length);
  expect(drawn.slugs).toEqual(withArea.map((p) => p.slug).sort());
  const demo = procedures.find((p) => p.slug === DEMO_SLUG);
  const counts = overview.procedures.find((p: { id: string }) => p.id === demo?.id);
  expect(drawn.labels).toContain(`${demo?.title} (Offen): ${counts.contributions} Beiträge`);
  // the list beside it says the same, with the comments
  const item = page.locator('li.procedure', { has: page.getByRole('link', { name: demo?.title, exact: true }) });
  await expect(item.locator('.counts')).toHaveText(`${counts.contributions} Beiträge, ${counts.comments} Kommentare`);

  // keyboard: the map region takes the focus and pans with the arrow keys
  const region = page.getByRole('region', { name: 'Karte aller Verfahren' });
  await region.focus();
  await expect(region).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await readAreas(page, withArea.length)).center[0]).not.toBe(drawn.center[0]);

  const discussed = page.getByRole('region', { name: 'Meistdiskutiert' });
  await expect(discussed.getByRole('listitem')).toHaveCount(overview.mostDiscussed.length);
  await expect(page.getByRole('region', { name: 'Neueste Beiträge' }).getByRole('listitem')).toHaveCount(overview.mostRecent.length);
  await expect(page.getByRole('region', { name: 'Nächste Termine' })).toBeVisible();
  await expectNoAxeViolations(page, 'the start page with its map');

  // clicking an area opens its procedure (back to the view that fits every area first)
  await region.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await readAreas(page, withArea.length)).center[0]).toBeCloseTo(drawn.center[0], 3);
  const moved = await readAreas(page, withArea.length);
  expect(moved.alone).toContain(solo.slug);
  const [x, y] = moved.inside[solo.slug];
  await region.click({ position: { x, y } });
  await expect(page).toHaveURL(new RegExp(`/procedures/${solo.slug}$`));

  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Map of all procedures' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Most discussed' })).toBeVisible();
});
