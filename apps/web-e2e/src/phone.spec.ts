import { expectNoAxeViolations, expectNoHorizontalScroll } from './support/accessibility';
import { clickMap, INSIDE, sentContributionId } from './support/contribute';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { readDrawnMap } from './support/procedure-map';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });

test('on a phone with touch: map and list as tabs, and a contribution placed with a tap', async ({ page }) => {
  await page.goto(`/procedures/${DEMO_SLUG}`);
  await readDrawnMap(page, 1);
  const mapTab = page.getByRole('tab', { name: 'Karte' });
  const listTab = page.getByRole('tab', { name: 'Liste' });
  await expect(mapTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('li.contribution').first()).toBeHidden();
  await expectNoHorizontalScroll(page);

  await listTab.tap();
  await expect(page).toHaveURL(/view=list/);
  await expect(listTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('li.contribution').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Karte des Plangebiets mit den Beiträgen' })).toBeHidden();
  await expectNoAxeViolations(page, 'the list tab on a phone');

  // "Show on the map" switches to the map tab and selects the contribution there.
  const first = page.locator('li.contribution').first();
  const title = (await first.locator('h4').textContent())?.trim() ?? '';
  await first.getByRole('button', { name: /Auf der Karte zeigen/ }).tap();
  await expect(mapTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.selection a')).toHaveText(title);

  await page.getByRole('link', { name: 'Beitrag verfassen' }).tap();
  await page.getByLabel('Titel').fill('Vom Handy aus');
  await page.getByLabel('Ihr Beitrag').fill('Unterwegs eingetragen.');
  await page.getByRole('button', { name: 'Weiter' }).tap();
  await page.getByText('Klima & Wasser').tap();
  await page.getByRole('button', { name: 'Weiter' }).tap();
  await page.getByText('Frage', { exact: true }).tap();
  await page.getByRole('button', { name: 'Weiter' }).tap();
  await expectNoHorizontalScroll(page);
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
