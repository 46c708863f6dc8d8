import type { ProcedureDetail } from '@stadtdialog/shared/contract';
import type OlMap from 'ol/Map';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { expectNoAxeViolations } from './support/accessibility';
import { INSIDE, tabTo } from './support/contribute';
import { canStandAlone, clusteredIds, colourAt, hexToRgb, pixelOf, readDrawnMap, standsAlone } from './support/procedure-map';
import { postContribution, publicCopyOfDemo } from './support/procedure-setup';

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

test('the legend over the map opens from its button and names every category of the procedure', async ({ page, request }) => {
  const procedure = (await (await request.get(`/api/v1/procedures/${DEMO_SLUG}`)).json()) as ProcedureDetail;
  await page.goto(`/procedures/${DEMO_SLUG}`);
  const toggle = page.getByRole('button', { name: 'Legende' });
  const legend = page.locator('.legend');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(legend).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(legend).toBeVisible();
  await expect(legend.getByRole('heading', { name: 'Legende' })).toBeVisible();
  for (const category of procedure.categories) await expect(legend).toContainText(category.name);
  await expect(legend).toContainText('Mehrere Beiträge – anklicken zum Vergrößern');
  const map = await page.locator('sd-procedure-map').boundingBox();
  const box = await legend.boundingBox();
  if (!map || !box) throw new Error('no box');
  expect(box.x >= map.x && box.y >= map.y && box.x + box.width <= map.x + map.width && box.y + box.height <= map.y + map.height, 'over the map').toBe(true);
  await expect(page.locator('.count')).toHaveText(/^\s*\d+ Beiträge\s*$/);
});

test.describe('at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('the map is in the first screen with the list beside it, and the information one tab away', async ({ page }) => {
    await page.goto(`/procedures/${DEMO_SLUG}`);
    await readDrawnMap(page, 1);
    const map = await page.locator('sd-procedure-map').boundingBox();
    if (!map) throw new Error('no map box');
    expect(map.y, 'the map starts in the upper third').toBeLessThan(768 / 3);
    expect(map.y + map.height, 'the whole map is on the first screen').toBeLessThanOrEqual(768);
    expect(map.height).toBeGreaterThanOrEqual(768 * 0.6);
    expect(map.width, 'the map takes the main area').toBeGreaterThan(1366 * 0.45);

    const first = page.locator('li.contribution').first();
    await expect(first).toBeInViewport();
    const item = await first.boundingBox();
    if (!item) throw new Error('no list item box');
    expect(item.x, 'the list is beside the map').toBeGreaterThanOrEqual(map.x + map.width);
    expect(item.y).toBeLessThan(map.y + map.height);
    await expect(page.getByRole('tab', { name: 'Liste' })).toHaveAttribute('aria-selected', 'true');
    await expectNoAxeViolations(page, 'the map with the list beside it at 1366×768');

    await page.getByRole('tab', { name: 'Infos' }).click();
    await expect(page).toHaveURL(/view=info/);
    await expect(page.getByRole('heading', { name: 'Über das Verfahren' })).toBeInViewport();
    await expect(page.getByRole('heading', { name: 'Ablauf' })).toBeInViewport();
    await expect(first).toBeHidden();
    await expect(page.locator('sd-procedure-map'), 'the map stays beside the information').toBeInViewport({ ratio: 1 });
    await expectNoAxeViolations(page, 'the information beside the map at 1366×768');
    await page.getByRole('tab', { name: 'Infos' }).press('ArrowLeft');
    await expect(page.getByRole('tab', { name: 'Liste' })).toBeFocused();
    await expect(first).toBeVisible();
  });
});

test('"Auf der Karte zeigen" on a contribution inside a cluster zooms until its marker stands alone', async ({ page }) => {
  await page.goto(`/procedures/${DEMO_SLUG}`);
  await readDrawnMap(page, 40);
  const clustered = new Set(await clusteredIds(page));
  const items = page.locator('li.contribution');
  let id: string | undefined;
  for (let i = 0; i < (await items.count()) && !id; i++) {
    const candidate = (await items.nth(i).locator('h4 a').getAttribute('href'))?.split('/').pop();
    if (candidate && clustered.has(candidate) && (await items.nth(i).locator('.show-on-map').count()) && (await canStandAlone(page, candidate)))
      id = candidate;
  }
  expect(id, 'a listed contribution is drawn inside a cluster at the start').toBeDefined();
  if (!id) return;
  expect(await standsAlone(page, id)).toBe(false);
  const zoom = () => page.evaluate(() => (document.querySelector('sd-procedure-map') as Element & { olMap: OlMap }).olMap.getView().getZoom() ?? 0);
  const before = await zoom();

  await page.locator('li.contribution').filter({ has: page.locator(`a[href$="/${id}"]`) }).getByRole('button', { name: /Auf der Karte zeigen/ }).click();
  await expect.poll(() => standsAlone(page, id), { message: 'its own marker, in view' }).toBe(true);
  expect(await zoom()).toBeGreaterThan(before);
  const card = page.locator('.selection');
  await expect(card.getByRole('link')).toHaveAttribute('href', `/procedures/${DEMO_SLUG}/contributions/${id}`);
  await expect(card.getByRole('link')).toBeFocused();
  await expect(card).toBeInViewport({ ratio: 1 });
});

test('a cluster of contributions on one spot, which no zoom parts, lists them over the map when clicked', async ({ page, request }) => {
  const { slug } = await publicCopyOfDemo(request, { title: 'Eine Stelle', moderation: 'post' });
  const titles = ['Bank am Wasser', 'Noch eine Bank am Wasser', 'Schatten für die Bank'];
  const ids: string[] = [];
  for (const title of titles) {
    const text = 'Am Tisch der Werkstatt über den QR-Code an dieselbe Stelle gesetzt.';
    ids.push((await postContribution(request, slug, { title, text, geometry: { type: 'Point', coordinates: INSIDE.point } })).id);
  }
  await page.goto(`/procedures/${slug}`);
  await readDrawnMap(page, 3);
  expect(new Set(await clusteredIds(page))).toEqual(new Set(ids));
  const pixel = await pixelOf(page, INSIDE.point);
  await page.locator('sd-procedure-map .sd-procedure-map__viewport').click({ position: { x: pixel[0], y: pixel[1] } });

  const card = page.locator('.selection.spot');
  await expect(card.getByRole('heading', { name: '3 Beiträge an dieser Stelle' })).toBeFocused();
  for (const [i, title] of titles.entries())
    await expect(card.getByRole('link', { name: title, exact: true })).toHaveAttribute('href', `/procedures/${slug}/contributions/${ids[i]}`);
  await expect(card).toBeInViewport({ ratio: 1 });
  await expectNoAxeViolations(page, 'the contributions of one spot');
  await card.getByRole('link', { name: titles[1], exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/contributions/${ids[1]}$`));
  await expect(page.getByRole('heading', { level: 1, name: titles[1] })).toBeVisible();
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

  const help = page.locator('#map-help');
  await expect(help).toHaveText(/Pfeiltasten verschieben die Karte, Plus und Minus zoomen/);
  await expect(help, 'the keyboard help shows once the keyboard is on the map').not.toBeInViewport();
  await tabTo(page, page.getByRole('region', { name: 'Karte des Plangebiets mit den Beiträgen' }));
  await expect(help).toBeInViewport();
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
  // The card opens over the map, on the screen.
  await expect(selection).toBeInViewport({ ratio: 1 });
  const mapBox = await viewport.boundingBox();
  const cardBox = await selection.boundingBox();
  if (!mapBox || !cardBox) throw new Error('no box');
  expect(cardBox.y >= mapBox.y && cardBox.y + cardBox.height <= mapBox.y + mapBox.height, 'the card lies over the map').toBe(true);
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
  // The card covers part of the map: closed, it leaves the map free.
  await selection.getByRole('button', { name: 'Auswahl aufheben' }).click();
  await expect(selection).toHaveCount(0);
  await expect(viewport).toBeFocused();
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
  await page.getByRole('button', { name: 'Legende' }).click();
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

  await page.getByRole('button', { name: 'Legende' }).click();
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
