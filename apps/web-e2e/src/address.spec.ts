import type { ContributionDetail } from '@stadtdialog/shared/contract';
import { expectNoAxeViolations } from './support/accessibility';
import { next, sentContributionId, writeText } from './support/contribute';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { NominatimFixture } from '@stadtdialog/shared/testing';
import { GEOCODER_FIXTURE_PORT } from './support/ports';
import { mapView, MAIN_MAP, PICKER_MAP, pixelOf, readDrawnMap } from './support/procedure-map';

let geocoder: NominatimFixture;

test.beforeAll(async () => {
  geocoder = await NominatimFixture.start(GEOCODER_FIXTURE_PORT);
});

test.afterAll(async () => {
  await geocoder?.stop();
});

/** The place is in the middle of the map, within a few pixels. */
async function expectCentred(page: Parameters<typeof pixelOf>[0], lonLat: [number, number], selector: string) {
  await expect
    .poll(async () => {
      const [x, y] = await pixelOf(page, lonLat, selector);
      const size = await page.locator(`${selector} .sd-procedure-map__viewport`).boundingBox();
      return size ? Math.max(Math.abs(x - size.width / 2), Math.abs(y - size.height / 2)) : Infinity;
    })
    .toBeLessThan(3);
}

test('the address search on the procedure map is a keyboard combobox; the place chosen moves the map there', async ({ page }) => {
  await page.goto(`/procedures/${DEMO_SLUG}`);
  await readDrawnMap(page, 1);
  const before = await mapView(page, MAIN_MAP);
  const search = page.getByRole('combobox', { name: 'Adresse suchen' });
  await search.fill('Harkort');
  const list = page.getByRole('listbox', { name: 'Gefundene Orte' });
  // only the places in the procedure's area: the Harkortstraße in Bochum is left out
  await expect(list.getByRole('option')).toHaveText(['Harkortstraße, Altona-Nord, Hamburg', 'Harkortstieg, Altona-Nord, Hamburg']);
  await expect(page.getByRole('status').filter({ hasText: '2 Orte gefunden.' })).toBeVisible();
  await expect(search).toHaveAttribute('aria-expanded', 'true');
  await expectNoAxeViolations(page, 'the procedure page with the address list open');
  await search.press('ArrowDown');
  await search.press('ArrowDown');
  await expect(list.getByRole('option', { name: 'Harkortstieg, Altona-Nord, Hamburg' })).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');
  await expect(search).toHaveAttribute('aria-expanded', 'false');
  await expect(search).toHaveValue('Harkortstieg, Altona-Nord, Hamburg');
  await expectCentred(page, [9.9312, 53.5583], MAIN_MAP);
  expect((await mapView(page, MAIN_MAP)).zoom).toBeGreaterThan(before.zoom);
  const asked = geocoder.requests[geocoder.requests.length - 1];
  expect(asked.searchParams.get('bounded')).toBe('1');

  await page.getByRole('button', { name: 'English' }).click();
  const english = page.getByRole('combobox', { name: 'Search for an address' });
  await english.fill('Harkortstr');
  await expect(page.getByRole('listbox', { name: 'Places found' }).getByRole('option')).toHaveText(['Harkortstraße, Altona-Nord, Hamburg']);
  await expect(page.getByRole('status').filter({ hasText: '1 place found.' })).toBeVisible();
  await english.press('Escape');
  await expect(english).toHaveAttribute('aria-expanded', 'false');
});

test('on the location step the place chosen sets the point, which the contribution keeps', async ({ page, request }) => {
  await page.goto(`/procedures/${DEMO_SLUG}/contribute`);
  await writeText(page, 'Querung an der Harkortstraße', 'Hier fehlt ein Zebrastreifen.');
  const search = page.getByRole('combobox', { name: 'Adresse suchen' });
  await search.fill('Harkortstraße');
  await expect(page.getByRole('option', { name: 'Harkortstraße, Altona-Nord, Hamburg' })).toBeVisible();
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Der Ort ist bei Harkortstraße, Altona-Nord, Hamburg gesetzt.' })).toBeVisible();
  await expectCentred(page, [9.9335, 53.5597], PICKER_MAP);
  await expectNoAxeViolations(page, 'the location step after an address search');
  await next(page);
  await page.getByRole('button', { name: 'Beitrag senden' }).click();
  const id = await sentContributionId(page);
  const sent = (await (await request.get(`/api/v1/procedures/${DEMO_SLUG}/contributions/${id}`)).json()) as ContributionDetail;
  expect(sent.geometry?.type).toBe('Point');
  const [lon, lat] = (sent.geometry as { coordinates: number[] }).coordinates;
  expect(Math.abs(lon - 9.9335)).toBeLessThan(1e-5);
  expect(Math.abs(lat - 53.5597)).toBeLessThan(1e-5);
});
