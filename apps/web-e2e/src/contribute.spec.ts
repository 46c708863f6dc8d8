import type { ContributionDetail } from '@stadtdialog/shared/contract';
import type OlMap from 'ol/Map';
import type VectorLayer from 'ol/layer/Vector';
import { expectNoAxeViolations } from './support/accessibility';
import { clickMap, INSIDE, type LonLat, next, OUTSIDE, pickerViewport, sentContributionId, tabTo, writeText } from './support/contribute';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { mapView, pixelOf, PICKER_MAP, readDrawnMap } from './support/procedure-map';
import { endParticipation, publicCopyOfDemo } from './support/procedure-setup';

/** The geometry type of each contribution drawn on the procedure map, by id. */
async function drawnTypes(page: import('@playwright/test').Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const map = (document.querySelector('sd-procedure-map') as Element & { olMap: OlMap }).olMap;
    const layer = map.getAllLayers().find((l) => l.get('id') === 'contributions') as VectorLayer;
    return Object.fromEntries(
      (layer.getSource()?.getFeatures() ?? []).map((f) => [String(f.getId()), f.getGeometry()?.getType() ?? '']),
    );
  });
}

/** Metres on the ground between two lon/lat positions (haversine). */
function metresBetween([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}

/** Web Mercator x/y of the demo's view → lon/lat. */
function toLonLat([x, y]: number[]): [number, number] {
  const radius = 6378137;
  return [((x / radius) * 180) / Math.PI, ((2 * Math.atan(Math.exp(y / radius)) - Math.PI / 2) * 180) / Math.PI];
}

async function drawnOnPicker(page: import('@playwright/test').Page): Promise<number> {
  return page.evaluate((selector) => {
    const map = (document.querySelector(selector) as Element & { olMap: OlMap }).olMap;
    const layer = map.getAllLayers().find((l) => l.get('id') === 'contributions') as VectorLayer;
    return layer.getSource()?.getFeatures().length ?? 0;
  }, PICKER_MAP);
}

for (const layout of [
  { name: 'at 1366×768', use: { viewport: { width: 1366, height: 768 } } },
  { name: 'on a 390×844 phone with touch', use: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } },
]) {
  test.describe(`the location step ${layout.name}`, () => {
    test.use(layout.use);

    test('shows its map in the first screen with the planning area and the existing contributions, which can be hidden', async ({ page }) => {
      await page.goto(`/procedures/${DEMO_SLUG}/contribute`);
      await writeText(page, 'Schon da?', 'Mal sehen, ob es das schon gibt.');
      const drawn = await readDrawnMap(page, 1, 24, PICKER_MAP);
      expect(drawn.planningAreaCount).toBe(1);
      expect(drawn.contributionCount, 'existing contributions on the location map').toBeGreaterThan(0);
      const picker = page.locator('sd-location-picker');
      await expect(picker, 'the whole map on the first screen').toBeInViewport({ ratio: 1 });
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      const box = await picker.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(240);
      await expectNoAxeViolations(page, `the location step ${layout.name}`);

      const toggle = page.getByRole('checkbox', { name: 'Vorhandene Beiträge auf der Karte zeigen' });
      await expect(toggle).toBeChecked();
      await toggle.uncheck();
      await expect.poll(() => drawnOnPicker(page)).toBe(0);
      expect((await readDrawnMap(page, 0, 24, PICKER_MAP)).planningAreaCount).toBe(1);
      await toggle.check();
      await expect.poll(() => drawnOnPicker(page)).toBeGreaterThan(0);
    });
  });
}

test.describe('writing a contribution', () => {
  test('a point, a line and a polygon placed by clicking the map canvas show on the map and in the list', async ({
    page,
    request,
  }) => {
    const sent: { id: string; title: string; type: string }[] = [];

    // Point: a click sets it, another click moves it.
    await page.goto(`/procedures/${DEMO_SLUG}/contribute`);
    await writeText(page, 'Sitzstufen am Wasser', 'Breite Stufen zum Sitzen in der Sonne.');
    await expectNoAxeViolations(page, 'the location step');
    await clickMap(page, [INSIDE.line[0], INSIDE.point]);
    await expect(page.locator('.location-status')).toHaveText('Punkt gesetzt.');
    await next(page);
    await expect(page.getByRole('heading', { name: 'Schritt 5 von 5: Prüfen und senden' })).toBeVisible();
    await expect(page.locator('.review')).toContainText('Sitzstufen am Wasser');
    await expect(page.locator('.review')).toContainText('Punkt gesetzt.');
    await expectNoAxeViolations(page, 'the review step');
    await page.getByRole('button', { name: 'Beitrag senden' }).click();
    sent.push({ id: await sentContributionId(page), title: 'Sitzstufen am Wasser', type: 'Point' });
    await expect(page.getByText('Ihr Beitrag ist veröffentlicht')).toBeVisible();
    await expectNoAxeViolations(page, 'the confirmation');

    // Line: three corners, undo the last, place it again, finish by clicking the last corner again.
    await page.getByRole('button', { name: 'Weiteren Beitrag verfassen' }).click();
    await writeText(page, 'Radweg quer durch den Park', 'Eine direkte Verbindung für Räder.', 'Verkehr & Wege', 'Kritik');
    await page.getByRole('radio', { name: 'Linie' }).check();
    await clickMap(page, INSIDE.line);
    await expect(page.locator('.location-status')).toHaveText('3 Eckpunkte gesetzt – noch nicht abgeschlossen.');
    await page.getByRole('button', { name: 'Rückgängig' }).click();
    await expect(page.locator('.location-status')).toHaveText('2 Eckpunkte gesetzt – noch nicht abgeschlossen.');
    await next(page);
    await expect(page.locator('#location-error')).toHaveText(/Bitte schließen Sie die Form ab/);
    await clickMap(page, [INSIDE.line[2], INSIDE.line[2]]);
    await expect(page.locator('.location-status')).toHaveText('Linie gesetzt.');
    await next(page);
    await page.getByRole('button', { name: 'Beitrag senden' }).click();
    sent.push({ id: await sentContributionId(page), title: 'Radweg quer durch den Park', type: 'LineString' });

    // Polygon: three corners, closed by clicking the first again, then one corner dragged elsewhere.
    await page.getByRole('button', { name: 'Weiteren Beitrag verfassen' }).click();
    await writeText(page, 'Wiese für Picknick', 'Eine große Wiese ohne Wege.', 'Spiel & Sport', 'Idee');
    await page.getByRole('radio', { name: 'Fläche' }).check();
    await clickMap(page, [...INSIDE.polygon, INSIDE.polygon[0]]);
    await expect(page.locator('.location-status')).toHaveText('Fläche gesetzt.');
    const viewport = await pickerViewport(page);
    const box = await viewport.boundingBox();
    const [x, y] = await pixelOf(page, INSIDE.polygon[1], PICKER_MAP);
    if (!box) throw new Error('no map box');
    await page.mouse.move(box.x + x, box.y + y);
    await page.mouse.down();
    await page.mouse.move(box.x + x + 40, box.y + y + 10, { steps: 8 });
    await page.mouse.up();
    await expect
      .poll(async () => {
        const draft = await page.evaluate((slug) => localStorage.getItem(`stadtdialog.draft.${slug}`), DEMO_SLUG);
        return (JSON.parse(draft ?? '{}').geometry?.coordinates?.[0]?.[1]?.[0] ?? 0) as number;
      })
      .toBeGreaterThan(INSIDE.polygon[1][0] + 0.0003);
    await next(page);
    await page.getByRole('button', { name: 'Beitrag senden' }).click();
    sent.push({ id: await sentContributionId(page), title: 'Wiese für Picknick', type: 'Polygon' });

    const polygon = (await (await request.get(`/api/v1/procedures/${DEMO_SLUG}/contributions/${sent[2].id}`)).json()) as ContributionDetail;
    expect(polygon.geometry?.type).toBe('Polygon');

    // All three on the map, each with its shape, and in the list.
    await page.goto(`/procedures/${DEMO_SLUG}`);
    await readDrawnMap(page, 1);
    const types = await drawnTypes(page);
    for (const contribution of sent) {
      expect(types[contribution.id], contribution.title).toBe(contribution.type);
      const link = page.locator('.contribution-list').getByRole('link', { name: contribution.title });
      await expect(link).toHaveAttribute('href', `/procedures/${DEMO_SLUG}/contributions/${contribution.id}`);
    }
  });

  test('with the keyboard alone, the location placed under the crosshair with Enter', async ({ page }) => {
    await page.goto(`/procedures/${DEMO_SLUG}`);
    await tabTo(page, page.getByRole('link', { name: 'Beitrag verfassen' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Schritt 1 von 5: Text' })).toBeVisible();
    // The next Tab starts in the new page, not at the top of the document.
    await expect(page.locator('main')).toBeFocused();

    await tabTo(page, page.getByLabel('Titel'));
    await page.keyboard.type('Tastatur-Beitrag');
    await tabTo(page, page.getByLabel('Ihr Beitrag'));
    await page.keyboard.type('Ganz ohne Maus geschrieben.');
    await tabTo(page, page.getByRole('button', { name: 'Weiter' }));
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Schritt 2 von 5: Kategorie' })).toBeFocused();
    await tabTo(page, page.getByRole('radio').first());
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'Verkehr & Wege' })).toBeChecked();
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Schritt 3 von 5: Art' })).toBeFocused();
    await tabTo(page, page.getByRole('radio').first());
    await page.keyboard.press('Space');
    await expect(page.getByRole('radio', { name: 'Idee' })).toBeChecked();
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Schritt 4 von 5: Ort' })).toBeFocused();
    await pickerViewport(page);
    const map = page.getByRole('region', { name: 'Karte zum Setzen des Ortes' });
    await tabTo(page, map);
    await expect(page.locator('.sd-location-picker__crosshair')).toBeVisible();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect(page.locator('.location-status')).toHaveText('Punkt gesetzt.');
    await tabTo(page, page.getByRole('button', { name: 'Weiter' }));
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Schritt 5 von 5: Prüfen und senden' })).toBeFocused();
    await tabTo(page, page.getByRole('button', { name: 'Beitrag senden' }));
    await page.keyboard.press('Enter');
    const id = await sentContributionId(page);

    await tabTo(page, page.getByRole('link', { name: 'Beitrag ansehen' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/procedures/${DEMO_SLUG}/contributions/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tastatur-Beitrag');
  });

  test('with the keyboard, arrows move the crosshair by metres, Enter sets distinct corners where it is and finishes on the last one', async ({ page }) => {
    await page.goto(`/procedures/${DEMO_SLUG}/contribute`);
    await writeText(page, 'Weg per Tastatur', 'Drei Ecken, mit den Pfeiltasten gesetzt.', 'Verkehr & Wege', 'Idee');
    await page.getByRole('radio', { name: 'Linie' }).check();
    await expect(page.locator('#location-help')).toContainText('Pfeiltasten');
    await pickerViewport(page);
    await tabTo(page, page.getByRole('region', { name: 'Karte zum Setzen des Ortes' }));
    const centre = async () => toLonLat((await mapView(page, PICKER_MAP)).center);

    // One press: a step of metres (not OpenLayers' 128 pixels, hundreds of metres here); Shift: a larger one.
    const start = await centre();
    await page.keyboard.press('ArrowRight');
    const step = metresBetween(start, await centre());
    expect(step).toBeGreaterThan(1);
    expect(step).toBeLessThan(50);
    const beforeLarge = await centre();
    await page.keyboard.press('Shift+ArrowUp');
    const large = metresBetween(beforeLarge, await centre());
    expect(large).toBeGreaterThan(step * 4);
    expect(large).toBeLessThan(250);

    const placedAt: [number, number][] = [];
    placedAt.push(await centre());
    await page.keyboard.press('Enter');
    await expect(page.locator('.location-status')).toHaveText('1 Eckpunkt gesetzt – noch nicht abgeschlossen.');
    // The same spot again: no second corner there.
    await page.keyboard.press('Enter');
    await expect(page.locator('.location-status')).toHaveText(/An dieser Stelle liegt schon ein Eckpunkt/);
    for (const keys of [['ArrowRight', 'ArrowRight', 'ArrowRight'], ['Shift+ArrowDown', 'ArrowLeft']]) {
      for (const key of keys) await page.keyboard.press(key);
      placedAt.push(await centre());
      await page.keyboard.press('Enter');
    }
    await expect(page.locator('.location-status')).toHaveText('3 Eckpunkte gesetzt – noch nicht abgeschlossen.');
    // Enter on the last corner finishes the line.
    await page.keyboard.press('Enter');
    await expect(page.locator('.location-status')).toHaveText('Linie gesetzt.');

    const draft = JSON.parse((await page.evaluate((slug) => localStorage.getItem(`stadtdialog.draft.${slug}`), DEMO_SLUG)) ?? '{}');
    const positions = draft.geometry?.coordinates as [number, number][];
    expect(draft.geometry?.type).toBe('LineString');
    expect(positions).toHaveLength(3);
    positions.forEach((position, i) => expect(metresBetween(position, placedAt[i]), `corner ${i + 1} under the crosshair`).toBeLessThan(0.5));
    for (let i = 1; i < positions.length; i++) expect(metresBetween(positions[i - 1], positions[i])).toBeGreaterThan(1);
    await next(page);
    await expect(page.locator('.review')).toContainText('Linie gesetzt.');
  });

  test('a place outside the planning area is refused on the location step at once, a lost connection keeps the draft and the retry reuses its key', async ({
    page,
  }) => {
    await page.goto(`/procedures/${DEMO_SLUG}/contribute`);
    await writeText(page, 'Zu weit draußen', 'Dieser Ort liegt außerhalb des Plangebiets.');
    // The map beside the tools shows the planning area; the place east of it comes into view one step out.
    const zoom = (await mapView(page, PICKER_MAP)).zoom;
    await page.getByRole('button', { name: 'Verkleinern' }).click();
    await expect.poll(async () => (await mapView(page, PICKER_MAP)).zoom).toBeLessThan(zoom - 0.9);
    const checks: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/contributions/validate-location')) checks.push(String(r.status()));
    });
    await clickMap(page, [OUTSIDE]);

    // The API judges the place as soon as it is set: the error is beside the map before any other step.
    const error = page.locator('#location-error');
    await expect(error).toHaveText(/Der Ort liegt außerhalb des Plangebiets/);
    await expect(page.getByRole('heading', { name: 'Schritt 4 von 5: Ort' })).toBeVisible();
    expect(checks).toEqual(['422']);
    await next(page);
    await expect(page.getByRole('heading', { name: 'Schritt 4 von 5: Ort' })).toBeVisible();
    await expect(error).toBeFocused();
    await expectNoAxeViolations(page, 'the location step with an error');

    // The draft survives a reload, and its place is judged again.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Schritt 4 von 5: Ort' })).toBeVisible();
    await expect(page.locator('#location-error')).toHaveText(/Der Ort liegt außerhalb des Plangebiets/);
    await clickMap(page, [INSIDE.point]);
    await expect(page.locator('#location-error')).toHaveCount(0);
    await next(page);
    await expect(page.locator('.review')).toContainText('Zu weit draußen');

    // The connection drops while sending.
    const keys: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/contributions')) keys.push(r.headers()['idempotency-key']);
    });
    await page.route(`**/api/v1/procedures/${DEMO_SLUG}/contributions`, (route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback(),
    );
    await page.getByRole('button', { name: 'Beitrag senden' }).click();
    // It is sent again by itself for a few seconds, with the same key, before the form gives up.
    await expect(page.getByRole('status').filter({ hasText: 'wird erneut gesendet' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText(/Keine Verbindung zum Server. Ihr Entwurf ist gespeichert/);
    expect(keys.length).toBeGreaterThan(1);
    expect(new Set(keys).size).toBe(1);
    const stored = JSON.parse((await page.evaluate((slug) => localStorage.getItem(`stadtdialog.draft.${slug}`), DEMO_SLUG)) ?? '{}');
    expect(stored.title).toBe('Zu weit draußen');
    expect(stored.idempotencyKey).toBe(keys[0]);

    await page.unroute(`**/api/v1/procedures/${DEMO_SLUG}/contributions`);
    const attempts = keys.length;
    await page.getByRole('button', { name: 'Erneut senden' }).click();
    await sentContributionId(page);
    expect(keys).toHaveLength(attempts + 1);
    expect(new Set(keys).size).toBe(1);
    expect(await page.evaluate((slug) => localStorage.getItem(`stadtdialog.draft.${slug}`), DEMO_SLUG)).toBeNull();
  });

  test('a line that crosses itself and a title of spaces are refused where they happen, with the form\'s own words', async ({ page }) => {
    await page.goto(`/procedures/${DEMO_SLUG}/contribute`);
    await expect(page.getByRole('heading', { name: 'Schritt 1 von 5: Text' })).toBeVisible();
    // A title of spaces (and a no-break space) fails step 1 with its own sentence, not the browser's.
    await page.getByLabel('Titel').fill('   \u00a0 ');
    await page.getByLabel('Ihr Beitrag').fill('Eine Linie, die sich kreuzt.');
    await next(page);
    await expect(page.getByRole('heading', { name: 'Schritt 1 von 5: Text' })).toBeVisible();
    await expect(page.locator('#title-error')).toHaveText('Der Titel besteht nur aus Leerzeichen. Bitte geben Sie einen Titel ein.');
    await expect(page.getByLabel('Titel')).toHaveAttribute('aria-invalid', 'true');
    expect(await page.getByLabel('Titel').evaluate((input: HTMLInputElement) => input.validationMessage)).toBe('');

    await page.getByLabel('Titel').fill('Schleife');
    await next(page);
    await page.getByRole('radio', { name: 'Grün & Freiraum' }).check();
    await next(page);
    await page.getByRole('radio', { name: 'Idee' }).check();
    await next(page);
    await expect(page.getByRole('heading', { name: 'Schritt 4 von 5: Ort' })).toBeVisible();

    // A Z drawn back across itself, finished on its last corner: the API calls it self_crossing at once.
    await page.getByRole('radio', { name: 'Linie' }).check();
    const zigzag: LonLat[] = [[9.9300, 53.5590], [9.9360, 53.5610], [9.9360, 53.5590], [9.9300, 53.5610]];
    await clickMap(page, [...zigzag, zigzag[3]]);
    await expect(page.locator('.location-status')).toHaveText('Linie gesetzt.');
    await expect(page.locator('#location-error')).toHaveText('Die Linie kreuzt sich selbst. Bitte zeichnen Sie sie neu.');
    await next(page);
    await expect(page.getByRole('heading', { name: 'Schritt 4 von 5: Ort' })).toBeVisible();
    await expectNoAxeViolations(page, 'the location step with a crossing line');
    // The same verdict in English: the client translates the API's code, not its sentence.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('#location-error')).toHaveText('The line crosses itself. Please draw it again.');
    await expect(page.getByRole('heading', { name: 'Step 4 of 5: Location' })).toBeVisible();
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect(page.locator('#location-error')).toHaveText('Die Linie kreuzt sich selbst. Bitte zeichnen Sie sie neu.');

    // Drawn again without the crossing, it passes.
    await page.getByRole('button', { name: 'Ort entfernen' }).click();
    await clickMap(page, [...INSIDE.line, INSIDE.line[2]]);
    await expect(page.locator('.location-status')).toHaveText('Linie gesetzt.');
    await expect(page.locator('#location-error')).toHaveCount(0);
    await next(page);
    await expect(page.getByRole('heading', { name: 'Schritt 5 von 5: Prüfen und senden' })).toBeVisible();
  });

  test('in pre-moderation the author learns that the contribution awaits moderation', async ({ page, request }) => {
    const { slug } = await publicCopyOfDemo(request, { title: 'Vorab geprüft', moderation: 'pre' });
    await page.goto(`/procedures/${slug}/contribute`);
    await writeText(page, 'Erst nach Freigabe', 'Dieser Beitrag wird erst geprüft.');
    await page.getByLabel('Ohne Ort einreichen').check();
    await next(page);
    await expect(page.getByText('Beiträge werden in diesem Verfahren vor der Veröffentlichung von der Moderation geprüft.')).toBeVisible();
    await page.getByRole('button', { name: 'Beitrag senden' }).click();
    const id = await sentContributionId(page);
    await expect(page.getByText('Ihr Beitrag wartet auf die Freigabe durch die Moderation')).toBeVisible();

    await page.getByRole('link', { name: 'Beitrag ansehen' }).click();
    await expect(page).toHaveURL(`/procedures/${slug}/contributions/${id}`);
    await expect(page.locator('.meta')).toContainText('Wartet auf Freigabe');
    await expect(page.locator('.meta')).toContainText('Ihr Beitrag');
    await expectNoAxeViolations(page, 'a pending contribution seen by its author');

    const list = await (await request.get(`/api/v1/procedures/${slug}/contributions?q=Freigabe`)).json();
    expect(list.total, 'not public before moderation').toBe(0);
  });

  test('when the procedure closes while writing, the refusal shows beside the send button and the draft stays', async ({
    page,
    request,
  }) => {
    const { id, slug } = await publicCopyOfDemo(request, { title: 'Bald geschlossen', moderation: 'post' });
    await page.goto(`/procedures/${slug}/contribute`);
    await writeText(page, 'Knapp zu spät', 'Geschrieben, als die Beteiligung noch lief.');
    await clickMap(page, [INSIDE.point]);
    await next(page);

    await endParticipation(request, id);
    await page.getByRole('button', { name: 'Beitrag senden' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toHaveText('Das Verfahren nimmt gerade keine Beiträge an. Ihr Entwurf bleibt auf diesem Gerät gespeichert.');
    await expect(page.getByRole('button', { name: 'Erneut senden' })).toHaveAttribute('aria-describedby', 'form-problem');
    await expect(page.locator('.review')).toContainText('Knapp zu spät');
    const stored = JSON.parse((await page.evaluate((s) => localStorage.getItem(`stadtdialog.draft.${s}`), slug)) ?? '{}');
    expect(stored).toMatchObject({ title: 'Knapp zu spät', step: 'review' });
    await expectNoAxeViolations(page, 'the review step with a refusal');

    await page.reload();
    await expect(page.getByRole('alert')).toHaveText('Dieses Verfahren nimmt derzeit keine Beiträge an.');
  });
});
