import type { ProcedureDetail } from '@stadtdialog/shared/contract';
import type OlMap from 'ol/Map';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { expectNoAxeViolations } from './support/accessibility';
import { colourAt, hexToRgb, readDrawnMap } from './support/procedure-map';
import { publicCopyOfDemo } from './support/procedure-setup';

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
  await expect(page.locator('.count')).toHaveText(/^\s*\d+ Beiträge\s*$/);
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

test('hovering outlines a contribution, a click selects it, and a cluster opens up on click', async ({ page }) => {
  await page.goto(`/procedures/${DEMO_SLUG}`);
  const drawn = await readDrawnMap(page, 40);
  const viewport = page.locator('sd-procedure-map .sd-procedure-map__viewport');
  const ringOf = (pixel: [number, number]): [number, number] => [pixel[0] + 13, pixel[1]];
  // A marker whose surroundings are light (no line or planning-area edge right beside it).
  const screenshot = await viewport.screenshot({ scale: 'css', animations: 'disabled' });
  let point: (typeof drawn.isolatedPoints)[number] | undefined;
  let before: [number, number, number] = [0, 0, 0];
  for (const candidate of drawn.isolatedPoints) {
    before = await colourAt(page, screenshot, ringOf(candidate.pixel));
    if (Math.max(...before) > 64) {
      point = candidate;
      break;
    }
  }
  if (!point) throw new Error('no isolated point with light surroundings in view');
  const ring = ringOf(point.pixel);

  await viewport.hover({ position: { x: point.pixel[0], y: point.pixel[1] } });
  await expect
    .poll(async () => {
      const colour = await colourAt(page, await viewport.screenshot({ scale: 'css', animations: 'disabled' }), ring);
      return Math.max(...colour);
    }, { message: 'a dark outline around the hovered marker' })
    .toBeLessThan(64);

  await viewport.click({ position: { x: point.pixel[0], y: point.pixel[1] } });
  const selection = page.locator('.selection');
  await expect(selection.getByRole('link')).toHaveAttribute('href', `/procedures/${DEMO_SLUG}/contributions/${point.id}`);
  await page.mouse.move(0, 0);
  await expect
    .poll(async () => Math.max(...(await colourAt(page, await viewport.screenshot({ scale: 'css', animations: 'disabled' }), ring))))
    .toBeLessThan(64);

  const cluster = await page.evaluate(() => {
    const map = (document.querySelector('sd-procedure-map') as Element & { olMap: OlMap }).olMap;
    const layer = map.getAllLayers().find((l) => l.get('id') === 'contribution-points');
    const clusters = (layer?.getSource() as unknown as { getFeatures(): { get(k: string): unknown[]; getGeometry(): { getCoordinates(): number[] } }[] })
      .getFeatures()
      .filter((c) => c.get('features').length > 1);
    const [width, height] = map.getSize() ?? [0, 0];
    const pixels = clusters
      .map((c) => map.getPixelFromCoordinate(c.getGeometry().getCoordinates()))
      .filter(([x, y]) => x > 64 && y > 96 && x < width - 64 && y < height - 48);
    return { pixel: pixels[0] as [number, number] | undefined, zoom: map.getView().getZoom() ?? 0 };
  });
  expect(cluster.pixel, 'the demo has clustered markers at the start').toBeDefined();
  if (!cluster.pixel) return;
  await viewport.click({ position: { x: cluster.pixel[0], y: cluster.pixel[1] } });
  await expect
    .poll(() => page.evaluate(() => (document.querySelector('sd-procedure-map') as Element & { olMap: OlMap }).olMap.getView().getZoom() ?? 0))
    .toBeGreaterThan(cluster.zoom);
});

test('the layer switcher chooses the base map', async ({ page }) => {
  await page.goto(`/procedures/${DEMO_SLUG}`);
  await readDrawnMap(page, 1);
  const baseVisible = () =>
    page.evaluate(() => {
      const map = (document.querySelector('sd-procedure-map') as Element & { olMap: OlMap }).olMap;
      return map.getAllLayers().find((l) => l.get('id') === 'osm')?.getVisible();
    });
  expect(await baseVisible()).toBe(true);
  await page.getByText('Kartenebenen').click();
  await page.getByRole('radio', { name: 'Ohne Hintergrundkarte' }).check();
  await expect.poll(baseVisible).toBe(false);
  await page.getByRole('radio', { name: 'OpenStreetMap' }).check();
  await expect.poll(baseVisible).toBe(true);
});

test('a configured EPSG:25832 view with a plan overlay whose opacity the resident sets', async ({ page, request }) => {
  const { slug } = await publicCopyOfDemo(request, {
    title: 'Plan in UTM',
    moderation: 'post',
    map: {
      projection: 'EPSG:25832',
      center: [9.9332, 53.5598],
      zoom: 15,
      layers: [
        { id: 'osm', kind: 'xyz', role: 'base', title: 'Stadtplan', url: 'https://tiles.example/{z}/{x}/{y}.png' },
        {
          id: 'entwurf',
          kind: 'image',
          role: 'overlay',
          title: 'Entwurf Freiraumplanung',
          url: 'https://plans.example/entwurf.png',
          extent: [9.925, 53.5545, 9.9415, 53.565],
          opacity: 0.6,
        },
      ],
    },
  });
  await page.goto(`/procedures/${slug}`);
  await readDrawnMap(page, 0);
  const state = () =>
    page.evaluate(() => {
      const map = (document.querySelector('sd-procedure-map') as Element & { olMap: OlMap }).olMap;
      const overlay = map.getAllLayers().find((l) => l.get('id') === 'entwurf');
      const area = map.getAllLayers().find((l) => l.get('id') === 'planning-area') as unknown as {
        getSource(): { getExtent(): number[] };
      };
      const [minX, minY, maxX, maxY] = area.getSource().getExtent();
      const [x, y] = map.getView().getCenter() ?? [0, 0];
      return {
        projection: map.getView().getProjection().getCode(),
        centredOnArea: x > minX && x < maxX && y > minY && y < maxY,
        overlay: { visible: overlay?.getVisible(), opacity: overlay?.getOpacity() },
      };
    });
  expect(await state()).toEqual({ projection: 'EPSG:25832', centredOnArea: true, overlay: { visible: true, opacity: 0.6 } });

  await page.getByText('Kartenebenen').click();
  const slider = page.getByRole('slider', { name: 'Deckkraft – Entwurf Freiraumplanung' });
  await expect(slider).toHaveValue('60');
  await slider.fill('25');
  await expect.poll(async () => (await state()).overlay.opacity).toBe(0.25);
  await page.getByRole('checkbox', { name: 'Entwurf Freiraumplanung' }).uncheck();
  await expect.poll(async () => (await state()).overlay.visible).toBe(false);
  await expect(slider).toBeDisabled();
  await expectNoAxeViolations(page, 'the layer switcher with an overlay');
});

test("a planner's attribution reaches the map as text, with only its http(s) links as links", async ({ page }) => {
  // As if stored before the API refused markup: the page must not trust what the procedure holds.
  const hostile =
    '<img src=x onerror="window.pwned=1"><svg onload="window.pwned=2"></svg>' +
    '<a href="javascript:window.pwned=3">Quelle</a> <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
  await page.route(`**/api/v1/procedures/${DEMO_SLUG}`, async (route) => {
    const response = await route.fetch();
    const procedure = (await response.json()) as ProcedureDetail;
    procedure.map.layers = procedure.map.layers.map((layer) => (layer.id === 'osm' ? { ...layer, attribution: hostile } : layer));
    await route.fulfill({ response, json: procedure });
  });
  await page.goto(`/procedures/${DEMO_SLUG}`);
  await readDrawnMap(page, 1);

  const list = page.locator('sd-procedure-map .ol-attribution ul');
  await expect(list).toContainText('<img src=x onerror="window.pwned=1"><svg onload="window.pwned=2"></svg>');
  await expect(list).toContainText('<a href="javascript:window.pwned=3">Quelle</a>');
  const found = await list.evaluate((ul) => ({
    elements: [...ul.querySelectorAll('li *')].map((e) => e.tagName.toLowerCase()),
    handlers: [...ul.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((name) => name.startsWith('on')),
    links: [...ul.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    pwned: (window as unknown as { pwned?: number }).pwned ?? null,
  }));
  expect(found).toEqual({ elements: ['a'], handlers: [], links: ['https://www.openstreetmap.org/copyright'], pwned: null });
});
