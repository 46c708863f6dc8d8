import type { Locator, Page } from '@playwright/test';
import type { ProcedureDetail } from '@stadtdialog/shared/contract';
import { expectNoAxeViolations } from './support/accessibility';
import { clickMap, INSIDE, sentContributionId, writeText } from './support/contribute';
import { expect, test } from './support/fixtures';
import {
  centre,
  clientPixelOf,
  decodeQr,
  Fingers,
  lonLatAt,
  openWorkshop,
  revokeWorkshop,
  TABLE_MAP,
  TableWorkshop,
  typeOnKeyboard,
  viewState,
  workshopContributions,
} from './support/touch-table';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

/** seats in the order the workshop lists them: bottom, right, top, left */
const seat = (page: Page, n: number): Locator => page.getByRole('region', { name: `Platz ${n}`, exact: true });

async function openTable(page: Page, workshop: TableWorkshop): Promise<void> {
  await page.goto(workshop.tableUrl);
  await page.waitForFunction((selector) => {
    const host = document.querySelector(selector) as (Element & { olMap?: { getSize(): number[] | undefined } }) | null;
    const size = host?.olMap?.getSize();
    return !!size && size[0] > 0 && size[1] > 0;
  }, TABLE_MAP);
  await expect(seat(page, 1)).toBeVisible();
}

/** Start, category, rubric: the seat is at the "where" step. */
async function toPlaceStep(panel: Locator): Promise<void> {
  await panel.getByRole('button', { name: 'Beitrag verfassen' }).tap();
  await panel.locator('.seat__choice').first().tap();
  await panel.locator('.seat__choice').first().tap();
  await expect(panel.getByRole('heading', { name: 'Wo ist es?' })).toBeVisible();
}

/** A whole contribution without location, texts filled in as a physical keyboard would. */
async function composeWithoutLocation(panel: Locator, title: string): Promise<void> {
  await toPlaceStep(panel);
  await panel.getByRole('button', { name: 'Ohne Ort weiter' }).tap();
  await panel.getByLabel('Überschrift').fill(title);
  await panel.getByLabel('Ihr Beitrag', { exact: false }).fill(`Text zu ${title}`);
  await panel.getByRole('button', { name: 'Weiter', exact: true }).tap();
  await panel.getByRole('button', { name: 'Absenden' }).tap();
  await expect(panel.getByText('Danke! Ihr Beitrag ist gespeichert und wird gesendet.')).toBeVisible();
}

/** Moves the view so that a lon/lat lies at a client pixel (setup for a tap, not under test). */
async function bringTo(page: Page, lonLat: [number, number], client: [number, number]): Promise<void> {
  const [x, y] = await clientPixelOf(page, lonLat);
  await page.evaluate(
    ({ selector, dx, dy }) => {
      const map = (document.querySelector(selector) as Element & {
        olMap: { getView(): { getCenter(): number[]; getResolution(): number; setCenter(c: number[]): void } };
      }).olMap;
      const view = map.getView();
      const [cx, cy] = view.getCenter();
      const resolution = view.getResolution();
      view.setCenter([cx + dx * resolution, cy - dy * resolution]);
    },
    { selector: TABLE_MAP, dx: x - client[0], dy: y - client[1] },
  );
  await page.waitForTimeout(100);
}

async function tapWithFinger(fingers: Fingers, id: number, [x, y]: [number, number]): Promise<void> {
  await fingers.add({ id, x, y });
  await fingers.lift(id);
}

async function resident(page: Page, workshop: TableWorkshop, title: string, lonLat: [number, number]): Promise<string> {
  const procedure = (await (await page.request.get(`/api/v1/procedures/${workshop.slug}`)).json()) as ProcedureDetail;
  const response = await page.request.post(`/api/v1/procedures/${workshop.slug}/contributions`, {
    headers: { 'Idempotency-Key': crypto.randomUUID() },
    data: { title, text: 'Von zu Hause', categoryId: procedure.categories[0].id, rubricId: procedure.rubrics[0].id, geometry: { type: 'Point', coordinates: lonLat } },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size, hasTouch: true, deviceScaleFactor: 1 });

    test('two seats compose at once while a third finger pans; both arrive where they were placed, each its own participant', async ({ page }) => {
      // Software rendering at 4K makes each drawn frame slow here; the steps are many.
      test.setTimeout(150_000);
      const workshop = await openWorkshop(page.request, `Tisch ${size.width} gleichzeitig`);
      await openTable(page, workshop);
      const a = seat(page, 1);
      const b = seat(page, 3);
      await toPlaceStep(a);
      await toPlaceStep(b);
      const { width: W, height: H } = size;
      const fingers = await Fingers.on(page);

      // Finger 1 pans the map; after a first move it is part of the gesture.
      let pan: [number, number] = [W * 0.3, H * 0.5];
      await fingers.set([{ id: 1, x: pan[0], y: pan[1] }]);
      pan = [pan[0] + 30, pan[1]];
      await fingers.move(1, ...pan, 4);
      const panStart = pan;
      const before = await viewState(page);
      const panBy = async (dx: number, dy: number, steps = 3) => {
        pan = [pan[0] + dx, pan[1] + dy];
        await fingers.move(1, ...pan, steps);
      };

      // Seat A drags its pin out of the panel onto the map while the map is being panned.
      const [px, py] = await centre(a.locator('.seat__pin'));
      await fingers.add({ id: 2, x: px, y: py });
      const drop: [number, number] = [Math.round(W * 0.4), Math.round(H * 0.42)];
      await fingers.move(2, (px + drop[0]) / 2, (py + drop[1]) / 2, 4);
      await panBy(20, 10);
      await fingers.move(2, ...drop, 4);
      await panBy(10, -15);
      await fingers.lift(2);
      // The view has not moved since the last pan step: what is under the drop spot now is where it landed.
      const placedA = await lonLatAt(page, drop);
      await expect(a.getByText('Ort gesetzt', { exact: true })).toBeVisible();

      // Seat B taps "tap the map" on its panel, then taps the map while finger 1 keeps dragging.
      await tapWithFinger(fingers, 3, await centre(b.getByRole('button', { name: 'Auf die Karte tippen' })));
      await panBy(-25, 5);
      const tapAt: [number, number] = [Math.round(W * 0.62), Math.round(H * 0.4)];
      await fingers.add({ id: 4, x: tapAt[0], y: tapAt[1] });
      await panBy(6, 0, 1);
      await fingers.lift(4);
      const placedB = await lonLatAt(page, tapAt);
      await expect(b.getByText('Ort gesetzt', { exact: true })).toBeVisible();

      // Both type at the same time: one finger on each seat's keyboard per chord.
      await tapWithFinger(fingers, 5, await centre(a.getByRole('button', { name: 'Weiter', exact: true })));
      await tapWithFinger(fingers, 6, await centre(b.getByRole('button', { name: 'Weiter', exact: true })));
      const titleA = 'bank am teich';
      const titleB = 'baum pflanzen';
      for (let i = 0; i < titleA.length; i++) {
        const keyOf = (panel: Locator, char: string) => panel.locator(`.hg-button[data-skbtn="${char === ' ' ? '{space}' : char}"]`);
        const [ka, kb] = await Promise.all([centre(keyOf(a, titleA[i])), centre(keyOf(b, titleB[i]))]);
        await fingers.add({ id: 7, x: ka[0], y: ka[1] });
        await fingers.add({ id: 8, x: kb[0], y: kb[1] });
        await fingers.lift(7);
        await fingers.lift(8);
        if (i % 4 === 0) await panBy(4, 2);
      }
      await expect(a.getByLabel('Überschrift')).toHaveValue(titleA);
      await expect(b.getByLabel('Überschrift')).toHaveValue(titleB);
      await tapWithFinger(fingers, 9, await centre(a.getByLabel('Ihr Beitrag', { exact: false })));
      await tapWithFinger(fingers, 10, await centre(b.getByLabel('Ihr Beitrag', { exact: false })));
      await typeOnKeyboard(fingers, a, 'schatten');
      await typeOnKeyboard(fingers, b, 'ä ö ü ß');
      await expect(b.getByLabel('Ihr Beitrag', { exact: false })).toHaveValue('ä ö ü ß');
      await fingers.lift(1);

      // The view moved exactly as finger 1 moved it: no pinch, no drift from the others.
      const after = await viewState(page);
      expect(after.resolution).toBeCloseTo(before.resolution, 9);
      const moved = [pan[0] - panStart[0], pan[1] - panStart[1]];
      expect(after.center[0]).toBeCloseTo(before.center[0] - moved[0] * before.resolution, 0);
      expect(after.center[1]).toBeCloseTo(before.center[1] + moved[1] * before.resolution, 0);

      for (const panel of [a, b]) {
        await panel.getByRole('button', { name: 'Weiter', exact: true }).tap();
        await panel.getByRole('button', { name: 'Absenden' }).tap();
      }
      await expect(page.getByText('Alles gesendet')).toBeVisible();
      await expect.poll(async () => (await workshopContributions(page.request, workshop)).length).toBe(2);
      const stored = await workshopContributions(page.request, workshop);
      const byTitle = new Map(stored.map((c) => [c.title, c]));
      for (const [title, placed] of [[titleA, placedA], [titleB, placedB]] as const) {
        const contribution = byTitle.get(title);
        expect(contribution?.source).toBe('workshop');
        expect(contribution?.geometry?.type).toBe('Point');
        expect(contribution?.geometry?.coordinates[0]).toBeCloseTo(placed[0], 6);
        expect(contribution?.geometry?.coordinates[1]).toBeCloseTo(placed[1], 6);
      }

      // Each seat is its own participant: a seat sees "your contribution" on its own only.
      const contributionA = byTitle.get(titleA);
      const contributionB = byTitle.get(titleB);
      const nearA: [number, number] = [W * 0.25, H * 0.86];
      const nearB: [number, number] = [W * 0.75, H * 0.14];
      await bringTo(page, contributionA?.geometry?.coordinates as [number, number], nearA);
      await page.touchscreen.tap(...nearA);
      await expect(a.getByRole('heading', { name: titleA })).toBeVisible();
      await expect(a.getByText('Ihr eigener Beitrag', { exact: true })).toBeVisible();
      await bringTo(page, contributionB?.geometry?.coordinates as [number, number], nearA);
      await page.touchscreen.tap(...nearA);
      await expect(a.getByRole('heading', { name: titleB })).toBeVisible();
      await expect(a.getByText('Ihr eigener Beitrag', { exact: true })).toHaveCount(0);
      await bringTo(page, contributionB?.geometry?.coordinates as [number, number], nearB);
      await page.touchscreen.tap(...nearB);
      await expect(b.getByRole('heading', { name: titleB })).toBeVisible();
      await expect(b.getByText('Ihr eigener Beitrag', { exact: true })).toBeVisible();
    });

    test('two fingers on the map zoom; two fingers on two panels, or a panel finger beside a map finger, do not', async ({ page }) => {
      const workshop = await openWorkshop(page.request, `Tisch ${size.width} zoom`);
      await openTable(page, workshop);
      const { width: W, height: H } = size;
      const fingers = await Fingers.on(page);

      const start = await viewState(page);
      await fingers.set([
        { id: 1, x: W * 0.42, y: H * 0.5 },
        { id: 2, x: W * 0.58, y: H * 0.5 },
      ]);
      for (let i = 1; i <= 8; i++) {
        await fingers.set([
          { id: 1, x: W * (0.42 - 0.015 * i), y: H * 0.5 },
          { id: 2, x: W * (0.58 + 0.015 * i), y: H * 0.5 },
        ]);
      }
      await fingers.set([]);
      await page.waitForTimeout(400);
      const zoomed = await viewState(page);
      expect(zoomed.resolution).toBeLessThan(start.resolution / 1.5);

      // Two people dragging on two panels: the map stays where it is.
      const [ax, ay] = await centre(seat(page, 1).getByRole('heading', { name: 'Platz 1' }));
      const [bx, by] = await centre(seat(page, 3).getByRole('heading', { name: 'Platz 3' }));
      await fingers.set([
        { id: 3, x: ax, y: ay },
        { id: 4, x: bx, y: by },
      ]);
      for (let i = 1; i <= 6; i++) {
        await fingers.set([
          { id: 3, x: ax - 12 * i, y: ay - 6 * i },
          { id: 4, x: bx + 12 * i, y: by + 6 * i },
        ]);
      }
      await fingers.set([]);
      // One finger resting on the map while another drags on a panel: still nothing moves.
      await fingers.set([{ id: 5, x: W * 0.5, y: H * 0.5 }]);
      const [cx, cy] = await centre(seat(page, 2).getByRole('heading', { name: 'Platz 2' }));
      await fingers.add({ id: 6, x: cx, y: cy });
      await fingers.move(6, cx - 80, cy + 60, 6);
      await fingers.set([]);
      await page.waitForTimeout(400);
      const still = await viewState(page);
      expect(still.resolution).toBeCloseTo(zoomed.resolution, 9);
      expect(still.center[0]).toBeCloseTo(zoomed.center[0], 3);
      expect(still.center[1]).toBeCloseTo(zoomed.center[1], 3);
    });

    test('the table at this size: screenshot, axe on the table and its dialogs', async ({ page }, testInfo) => {
      const workshop = await openWorkshop(page.request, `Tisch ${size.width} ansicht`);
      await resident(page, workshop, 'Spielplatz erneuern', INSIDE.point);
      await openTable(page, workshop);
      await expectNoAxeViolations(page, 'the table');
      await toPlaceStep(seat(page, 1));
      await seat(page, 1).getByRole('button', { name: 'Ohne Ort weiter' }).tap();
      await seat(page, 3).getByRole('button', { name: 'Auf dem Handy weiterschreiben' }).tap();
      await expect(seat(page, 3).getByRole('img', { name: /^QR-Code für/ })).toBeVisible();
      const [x, y] = [size.width * 0.75, size.height * 0.14];
      await bringTo(page, INSIDE.point, [x, y]);
      await page.touchscreen.tap(x, y);
      await expect(seat(page, 3).getByRole('heading', { name: 'Spielplatz erneuern' })).toBeVisible();
      await expect(seat(page, 1).locator('.hg-button').first()).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`table-${size.width}x${size.height}.png`) });
      await expectNoAxeViolations(page, 'the table with keyboard, QR code and an open contribution');

      // Every touch target is at least 20 mm on a 55" screen.
      const millimetre = Math.min(size.width / 1217.6, size.height / 684.9);
      const smallest = await page.evaluate(() =>
        Math.min(
          ...[...document.querySelectorAll<HTMLElement>('sd-table-page button, sd-table-page .hg-button')]
            .filter((element) => element.offsetWidth > 0)
            .map((element) => Math.min(element.offsetHeight, element.offsetWidth)),
        ),
      );
      expect(smallest).toBeGreaterThanOrEqual(20 * millimetre - 0.5);
    });
  });
}

test.describe('at 1920×1080', () => {
  test.use({ viewport: SIZES[0], hasTouch: true, deviceScaleFactor: 1 });

  test("seat A's rating does not change seat B's", async ({ page }) => {
    const workshop = await openWorkshop(page.request, 'Tisch bewerten');
    await resident(page, workshop, 'Mehr Bänke', INSIDE.point);
    await openTable(page, workshop);
    const a = seat(page, 1);
    const b = seat(page, 3);
    const nearA: [number, number] = [1920 * 0.25, 1080 * 0.86];
    const nearB: [number, number] = [1920 * 0.75, 1080 * 0.14];
    await bringTo(page, INSIDE.point, nearA);
    await page.touchscreen.tap(...nearA);
    await a.getByRole('button', { name: 'Zustimmen (0)' }).tap();
    await expect(a.getByRole('button', { name: 'Zustimmen (1)' })).toHaveAttribute('aria-pressed', 'true');

    await bringTo(page, INSIDE.point, nearB);
    await page.touchscreen.tap(...nearB);
    await expect(b.getByRole('button', { name: 'Zustimmen (1)' })).toHaveAttribute('aria-pressed', 'false');
    await b.getByRole('button', { name: 'Ablehnen (0)' }).tap();
    await expect(b.getByRole('button', { name: 'Ablehnen (1)' })).toHaveAttribute('aria-pressed', 'true');
    // Seat A still agrees, and sees B's vote counted beside its own.
    await expect(a.getByRole('button', { name: 'Zustimmen (1)' })).toHaveAttribute('aria-pressed', 'true');
    await expect(a.getByRole('button', { name: 'Ablehnen (1)' })).toHaveAttribute('aria-pressed', 'false');
    const detail = (await (await page.request.get(`/api/v1/procedures/${workshop.slug}/contributions?q=Bänke`)).json()) as {
      items: { ratingsUp: number; ratingsDown: number }[];
    };
    expect(detail.items.map((c) => [c.ratingsUp, c.ratingsDown])).toEqual([[1, 1]]);
  });

  test('offline: 20 contributions from two seats wait in IndexedDB, the table reloads without network, and all arrive once when the network is back', async ({ page, context }) => {
    test.setTimeout(180_000);
    const workshop = await openWorkshop(page.request, 'Tisch offline');
    await openTable(page, workshop);
    // the table keeps its own copy for a reload without network (table-sw.js)
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await context.setOffline(true);
    for (let i = 0; i < 20; i++) {
      const panel = seat(page, i % 2 === 0 ? 1 : 3);
      if (i >= 2) await panel.getByRole('button', { name: 'Fertig' }).tap();
      await composeWithoutLocation(panel, `offline ${i + 1}`);
    }
    await expect(page.getByText('20 Beiträge warten')).toBeVisible();
    // Someone reloads the page while the venue's network is down: the table opens again, with its
    // seats, its map and the 20 still waiting.
    await page.reload();
    await expect(seat(page, 1)).toBeVisible();
    await expect(page.locator(TABLE_MAP)).toBeVisible();
    await expect(page.getByText('20 Beiträge warten')).toBeVisible();
    expect(await workshopContributions(page.request, workshop)).toEqual([]);
    // Meanwhile a resident posts from home; the table catches up once it is online again.
    const fromHome = await resident(page, workshop, 'Während der Funkstille', INSIDE.point);
    await context.setOffline(false);
    await expect(page.getByText('Alles gesendet')).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(() =>
        page.evaluate(
          ({ selector, id }) => {
            const map = (document.querySelector(selector) as Element & { olMap: { getLayers(): { getArray(): { get(k: string): string; getSource(): { getFeatureById(id: string): unknown } }[] } } }).olMap;
            const layer = map.getLayers().getArray().find((l) => l.get('id') === 'contributions');
            return !!layer?.getSource().getFeatureById(id);
          },
          { selector: TABLE_MAP, id: fromHome },
        ),
      )
      .toBe(true);
    const stored = await workshopContributions(page.request, workshop);
    expect(stored.map((c) => c.title).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `offline ${i + 1}`).sort());
  });

  test('the QR code of a tapped spot opens the phone form; what the phone sends appears on the table within 2 s', async ({ page, browser }) => {
    const workshop = await openWorkshop(page.request, 'Tisch QR');
    await openTable(page, workshop);
    const a = seat(page, 1);
    const spot: [number, number] = [1920 * 0.25, 1080 * 0.86];
    await bringTo(page, INSIDE.point, spot);
    const at = await lonLatAt(page, spot);
    await page.touchscreen.tap(...spot);
    await a.getByRole('button', { name: 'Diesen Ort aufs Handy' }).tap();
    const qr = a.getByRole('img', { name: /^QR-Code für/ });
    await expect(qr).toBeVisible();
    await expectNoAxeViolations(page, 'the table with a QR code');
    const url = new URL(await decodeQr(qr));
    expect(url.pathname).toBe(`/procedures/${workshop.slug}/contribute`);
    expect(url.searchParams.get('workshop')).toBe(workshop.workshopId);
    expect(Number(url.searchParams.get('lon'))).toBeCloseTo(at[0], 6);
    expect(Number(url.searchParams.get('lat'))).toBeCloseTo(at[1], 6);

    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await phoneContext.route((u) => u.origin !== url.origin, (route) => route.abort('internetdisconnected'));
    const phone = await phoneContext.newPage();
    await phone.goto(url.toString());
    await writeText(phone, 'Vom Handy am Tisch', 'Über den QR-Code geschickt.');
    await clickMap(phone, [INSIDE.point], 'tap');
    await phone.getByRole('button', { name: 'Weiter', exact: true }).tap();
    const countBefore = await page.evaluate((selector) => {
      const map = (document.querySelector(selector) as Element & { olMap: { getLayers(): { getArray(): { get(k: string): string; getSource(): { getFeatures(): unknown[] } }[] } } }).olMap;
      return map.getLayers().getArray().find((l) => l.get('id') === 'contributions')?.getSource().getFeatures().length ?? 0;
    }, TABLE_MAP);
    await phone.getByRole('button', { name: 'Beitrag senden' }).tap();
    await sentContributionId(phone);
    await expect
      .poll(
        () =>
          page.evaluate((selector) => {
            const map = (document.querySelector(selector) as Element & { olMap: { getLayers(): { getArray(): { get(k: string): string; getSource(): { getFeatures(): unknown[] } }[] } } }).olMap;
            return map.getLayers().getArray().find((l) => l.get('id') === 'contributions')?.getSource().getFeatures().length ?? 0;
          }, TABLE_MAP),
        { timeout: 2_000, intervals: [100] },
      )
      .toBe(countBefore + 1);
    await phoneContext.close();
  });

  test('an idle seat counts down and resets to a new person, and its unsent contribution still arrives', async ({ page, context }) => {
    const workshop = await openWorkshop(page.request, 'Tisch Pause', ['bottom', 'top'], 30);
    await page.clock.install();
    await openTable(page, workshop);
    const a = seat(page, 1);
    await context.setOffline(true);
    await composeWithoutLocation(a, 'vor der Pause');
    await a.getByRole('button', { name: 'Noch ein Beitrag' }).tap();
    await expect(page.getByText('1 Beitrag wartet')).toBeVisible();
    await page.clock.fastForward(31_000);
    await expect(a.getByText('Sind Sie noch da?')).toBeVisible();
    await expect(a.getByText(/wird in \d+ s für die nächste Person frei/)).toBeVisible();
    await expectNoAxeViolations(page, 'the idle countdown');
    await page.clock.fastForward(21_000);
    await expect(a.getByRole('button', { name: 'Beitrag verfassen' })).toBeVisible();
    await expect(a.getByText('Sind Sie noch da?')).toHaveCount(0);
    await expect(page.getByText('1 Beitrag wartet')).toBeVisible();
    await context.setOffline(false);
    await expect(page.getByText('Alles gesendet')).toBeVisible({ timeout: 30_000 });
    expect((await workshopContributions(page.request, workshop)).map((c) => c.title)).toEqual(['vor der Pause']);
  });

  test('a revoked or unknown table link shows the "no longer valid" page in both languages; the staff hold leaves table mode', async ({ page }) => {
    const workshop = await openWorkshop(page.request, 'Tisch Ende');
    await openTable(page, workshop);
    const fingers = await Fingers.on(page);
    const [x, y] = await centre(page.locator('.sd-table__status'));
    await fingers.set([{ id: 1, x, y }]);
    await page.waitForTimeout(3300);
    await fingers.set([]);
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('Tischmodus beenden?');
    await expectNoAxeViolations(page, 'the leave dialog');
    await dialog.getByRole('button', { name: 'Beenden' }).tap();
    await expect(page.getByRole('heading', { name: 'Der Tischmodus ist beendet.' })).toBeVisible();

    await revokeWorkshop(page.request, workshop);
    await page.goto(workshop.tableUrl);
    await expect(page.getByRole('heading', { name: 'Dieser Tisch-Link ist nicht mehr gültig' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'This table link is no longer valid' })).toBeVisible();
    await expect(page.getByText('Die Planenden haben den Link zurückgezogen.')).toBeVisible();
    await expect(page.locator('sd-procedure-map')).toHaveCount(0);
    await expectNoAxeViolations(page, 'the invalid link page');

    await page.goto('/table/not-a-table-link');
    await expect(page.getByText('Diesen Link kennt Stadtdialog nicht.')).toBeVisible();
  });
});
