import type { ProcedureDetail } from '@stadtdialog/shared/contract';
import type OlMap from 'ol/Map';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { colourAt, hexToRgb, readDrawnMap } from './support/procedure-map';

const COLOUR_TOLERANCE = 16;
/** The category icon sits in the middle of a marker; its colour shows beside it. */
const BESIDE_ICON = 8;

test('the demo contributions are drawn on the map in their category colours', async ({ page, request }) => {
  const procedure = (await (await request.get(`/api/v1/procedures/${DEMO_SLUG}`)).json()) as ProcedureDetail;
  const categoryColour = new Map(procedure.categories.map((c) => [c.id, c.colour.toLowerCase()]));

  await page.goto(`/procedures/${DEMO_SLUG}`);
  const drawn = await readDrawnMap(page, 40);

  expect(drawn.contributionCount).toBeGreaterThanOrEqual(40);
  expect(drawn.geometryTypes).toEqual(['LineString', 'Point', 'Polygon']);
  expect(drawn.planningAreaCount).toBe(1);
  expect(drawn.isolatedPoints.length, 'a point contribution clear of others is in view').toBeGreaterThan(0);

  const viewport = page.locator('sd-procedure-map .sd-procedure-map__viewport');
  const screenshot = await viewport.screenshot({ scale: 'css', animations: 'disabled' });

  for (const point of drawn.isolatedPoints.slice(0, 3)) {
    expect(point.colour.toLowerCase()).toBe(categoryColour.get(point.categoryId));
    const actual = await colourAt(page, screenshot, [point.pixel[0] - BESIDE_ICON, point.pixel[1]]);
    const expected = hexToRgb(point.colour);
    actual.forEach((channel, i) =>
      expect(
        Math.abs(channel - expected[i]),
        `pixel ${point.pixel} of ${point.id} is rgb(${actual}), expected rgb(${expected})`,
      ).toBeLessThanOrEqual(COLOUR_TOLERANCE),
    );
  }
});

test('the legend names every category of the procedure', async ({ page, request }) => {
  const procedure = (await (await request.get(`/api/v1/procedures/${DEMO_SLUG}`)).json()) as ProcedureDetail;
  await page.goto(`/procedures/${DEMO_SLUG}`);
  const legend = page.locator('.legend');
  for (const category of procedure.categories) await expect(legend).toContainText(category.name);
  await expect(page.locator('.count')).toHaveText(/^\d+ Beiträge$/);
});

test('the map pans and zooms from the keyboard', async ({ page }) => {
  await page.goto(`/procedures/${DEMO_SLUG}`);
  await readDrawnMap(page, 1);
  const view = () =>
    page.evaluate(() => {
      const map = (document.querySelector('sd-procedure-map') as Element & { olMap: OlMap }).olMap;
      return { center: map.getView().getCenter() ?? [0, 0], zoom: map.getView().getZoom() ?? 0 };
    });
  const before = await view();

  await page.getByRole('region', { name: 'Karte des Plangebiets mit den Beiträgen' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await view()).center[0]).toBeGreaterThan(before.center[0]);
  await page.keyboard.press('+');
  await expect.poll(async () => (await view()).zoom).toBeGreaterThan(before.zoom);
});
