import { expectNoAxeViolations, expectNoHorizontalScroll } from './support/accessibility';
import { clickMap, INSIDE, sentContributionId } from './support/contribute';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { mapView, readDrawnMap } from './support/procedure-map';
import { Fingers } from './support/touch-table';

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });

test('on a phone the map fills the screen under a compact header; one finger pans it and the page stays put', async ({ page }) => {
  await page.goto(`/procedures/${DEMO_SLUG}`);
  await readDrawnMap(page, 1);
  const map = page.locator('sd-procedure-map');
  const box = await map.boundingBox();
  if (!box) throw new Error('no map box');
  expect(box.y, 'the map starts in the upper part of the screen').toBeLessThan(PHONE.height * 0.4);
  expect(box.y + box.height, 'the whole map is on the first screen').toBeLessThanOrEqual(PHONE.height);
  expect(box.height, 'the map takes most of the screen').toBeGreaterThanOrEqual(PHONE.height * 0.6);
  expect(box.width, 'the map spans the screen but for the page margins').toBeGreaterThanOrEqual(PHONE.width - 2 * 16 - 2);
  await expectNoHorizontalScroll(page);

  // A short hint says how to move and zoom, in touch words; nothing speaks of clicking.
  await expect(page.locator('.touch-hint')).toHaveText(/Mit einem Finger verschieben, mit zwei Fingern oder den Schaltflächen \+ und − zoomen\./);
  await expect(page.locator('#map-help')).not.toContainText('Pfeiltasten');
  await page.getByRole('button', { name: 'Legende' }).tap();
  await expect(page.locator('.legend')).toBeVisible();
  await expect(page.locator('.legend')).toContainText('Mehrere Beiträge – antippen zum Vergrößern');
  await expect(page.locator('.legend')).not.toContainText('anklicken');
  await page.getByRole('button', { name: 'Legende' }).tap();
  await expect(page.locator('.legend')).toBeHidden();
  await expectNoAxeViolations(page, 'the map tab on a phone');

  await page.getByRole('button', { name: 'English' }).tap();
  await expect(page.locator('.touch-hint')).toHaveText(/Drag with one finger to move the map; pinch with two fingers or use the \+ and − buttons to zoom\./);
  await expect(page.getByRole('tab')).toHaveText(['Map', 'List', 'About']);
  await expect(page.locator('.legend')).toContainText('Several contributions – tap to zoom in');
  await expectNoAxeViolations(page, 'the map tab on a phone in English');
  await page.getByRole('button', { name: 'Deutsch' }).tap();
  await expect(page.getByRole('tab')).toHaveText(['Karte', 'Liste', 'Infos']);

  // One finger drags the map: the view centre follows the finger, the page does not scroll.
  const scrollable = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
  expect(scrollable, 'the page could scroll, so staying put means something').toBe(true);
  const before = await mapView(page);
  const fingers = await Fingers.on(page);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await fingers.set([{ id: 1, x, y }]);
  await fingers.move(1, x - 100, y - 150, 12);
  // Resting before lifting: no fling carries the map further than the finger went.
  await page.waitForTimeout(250);
  await fingers.set([]);
  await expect.poll(async () => (await mapView(page)).center, { message: 'the map moved' }).not.toEqual(before.center);
  const after = await mapView(page);
  const moved = [(after.center[0] - before.center[0]) / before.resolution, (after.center[1] - before.center[1]) / before.resolution];
  // The finger went 100 px left and 150 px up: the view centre went as far east and south.
  expect(Math.abs(moved[0] - 100), `moved ${moved} px`).toBeLessThan(16);
  expect(Math.abs(moved[1] + 150), `moved ${moved} px`).toBeLessThan(16);
  expect(await page.evaluate(() => window.scrollY), 'the page did not scroll under the map').toBe(0);
});

test('on a phone a tapped marker opens its card over the map, in view', async ({ page }) => {
  await page.goto(`/procedures/${DEMO_SLUG}`);
  await readDrawnMap(page, 1);
  // Closer in, markers stand apart (zoomed out, the server counts them in clusters).
  const zoomed = (await mapView(page)).zoom;
  await page.getByRole('button', { name: 'Vergrößern' }).tap();
  await expect.poll(async () => (await mapView(page)).zoom).toBeGreaterThan(zoomed + 0.9);
  const drawn = await readDrawnMap(page, 20);
  const point = drawn.isolatedPoints[0];
  expect(point, 'a marker standing alone is in view').toBeDefined();
  const box = await page.locator('sd-procedure-map').boundingBox();
  if (!box || !point) return;
  await page.touchscreen.tap(box.x + point.pixel[0], box.y + point.pixel[1]);
  const card = page.locator('.selection');
  await expect(card.getByRole('link')).toHaveAttribute('href', `/procedures/${DEMO_SLUG}/contributions/${point.id}`);
  await expect(card).toBeInViewport({ ratio: 1 });
  const cardBox = await card.boundingBox();
  if (!cardBox) throw new Error('no card box');
  expect(cardBox.y).toBeGreaterThanOrEqual(box.y);
  expect(cardBox.y + cardBox.height).toBeLessThanOrEqual(box.y + box.height);
  await expectNoAxeViolations(page, 'a chosen contribution on a phone');
  await card.getByRole('button', { name: 'Auswahl aufheben' }).tap();
  await expect(card).toHaveCount(0);
});

test('on a phone with touch: map, list and information as tabs, and a contribution placed with a tap', async ({ page }) => {
  await page.goto(`/procedures/${DEMO_SLUG}`);
  await readDrawnMap(page, 1);
  const mapTab = page.getByRole('tab', { name: 'Karte' });
  const listTab = page.getByRole('tab', { name: 'Liste' });
  const infoTab = page.getByRole('tab', { name: 'Infos' });
  await expect(mapTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('li.contribution').first()).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Ablauf' })).toBeHidden();
  await expectNoHorizontalScroll(page);

  await infoTab.tap();
  await expect(page).toHaveURL(/view=info/);
  await expect(infoTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Über das Verfahren' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ablauf' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Termine' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Karte des Plangebiets mit den Beiträgen' })).toBeHidden();
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolations(page, 'the information tab on a phone');

  await listTab.tap();
  await expect(page).toHaveURL(/view=list/);
  await expect(listTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('li.contribution').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Karte des Plangebiets mit den Beiträgen' })).toBeHidden();
  await expectNoAxeViolations(page, 'the list tab on a phone');

  // "Show on the map" switches to the map tab and selects the contribution there, its card in view.
  // (the first one with a location: other specs add contributions without one)
  const first = page.locator('li.contribution').filter({ has: page.locator('.show-on-map') }).first();
  const title = (await first.locator('h4').textContent())?.trim() ?? '';
  await first.getByRole('button', { name: /Auf der Karte zeigen/ }).tap();
  await expect(mapTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.selection a')).toHaveText(title);
  await expect(page.locator('.selection')).toBeInViewport({ ratio: 1 });

  await page.getByRole('link', { name: 'Beitrag verfassen' }).tap();
  await page.getByLabel('Titel').fill('Vom Handy aus');
  await page.getByLabel('Ihr Beitrag').fill('Unterwegs eingetragen.');
  await page.getByRole('button', { name: 'Weiter' }).tap();
  await page.getByText('Klima & Wasser').tap();
  await page.getByRole('button', { name: 'Weiter' }).tap();
  await page.getByText('Frage', { exact: true }).tap();
  await page.getByRole('button', { name: 'Weiter' }).tap();
  await expectNoHorizontalScroll(page);
  // Touch words, and no keyboard help on a touch-only phone.
  await expect(page.locator('#location-help')).toContainText('Tippen Sie auf die Karte');
  await expect(page.locator('#location-help')).not.toContainText('Pfeiltasten');
  await expect(page.locator('#location-help')).not.toContainText('Klicken');
  await clickMap(page, [INSIDE.point], 'tap');
  await expect(page.locator('.location-status')).toHaveText('Punkt gesetzt.');
  await page.getByRole('button', { name: 'Weiter' }).tap();
  await page.getByRole('button', { name: 'Beitrag senden' }).tap();
  const id = await sentContributionId(page);
  await expectNoHorizontalScroll(page);

  await page.getByRole('link', { name: 'Beitrag ansehen' }).tap();
  await expect(page).toHaveURL(`/procedures/${DEMO_SLUG}/contributions/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vom Handy aus');
  await expectNoHorizontalScroll(page);
});
