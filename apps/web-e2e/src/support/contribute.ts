import { expect, type Locator, type Page } from '@playwright/test';
import { pixelOf, PICKER_MAP, readDrawnMap } from './procedure-map';

export type LonLat = [number, number];

/** Positions inside the demo's planning area (the former rail yard in Altona). */
export const INSIDE = {
  point: [9.9335, 53.5597] as LonLat,
  line: [[9.9295, 53.5585], [9.9335, 53.5612], [9.9372, 53.5596]] as LonLat[],
  polygon: [[9.9300, 53.5620], [9.9345, 53.5625], [9.9330, 53.5595]] as LonLat[],
};
/** East of the planning area, well beyond the 250 m the API allows. */
export const OUTSIDE: LonLat = [9.9505, 53.5598];

export async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Weiter' }).click();
}

/** Steps 1 to 3 with the mouse: title and text, category, rubric. */
export async function writeText(page: Page, title: string, text: string, category = 'Grün & Freiraum', rubric = 'Idee'): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Schritt 1 von 5: Text' })).toBeVisible();
  await page.getByLabel('Titel').fill(title);
  await page.getByLabel('Ihr Beitrag').fill(text);
  await next(page);
  await page.getByRole('radio', { name: category }).check();
  await next(page);
  await page.getByRole('radio', { name: rubric }).check();
  await next(page);
  await expect(page.getByRole('heading', { name: 'Schritt 4 von 5: Ort' })).toBeVisible();
}

/** The map of the location step, once it is laid out. */
export async function pickerViewport(page: Page): Promise<Locator> {
  await readDrawnMap(page, 0, 24, PICKER_MAP);
  return page.locator(`${PICKER_MAP} .sd-procedure-map__viewport`);
}

/** Clicks (or taps) the map canvas at lon/lat positions; the canvas is what receives the click. */
export async function clickMap(page: Page, positions: LonLat[], how: 'click' | 'tap' = 'click'): Promise<void> {
  const viewport = await pickerViewport(page);
  const canvas = viewport.locator('canvas').first();
  for (const position of positions) {
    const [x, y] = await pixelOf(page, position, PICKER_MAP);
    const box = await viewport.boundingBox();
    expect(x > 0 && y > 0 && box && x < box.width && y < box.height, `${position} is in view`).toBeTruthy();
    if (how === 'tap') await canvas.tap({ position: { x, y } });
    else await canvas.click({ position: { x, y } });
    // Two clicks in quick succession would be one double click.
    await page.waitForTimeout(300);
  }
}

/** The id of the contribution just sent, from the link of the confirmation. */
export async function sentContributionId(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Danke für Ihren Beitrag!' })).toBeFocused();
  const href = await page.getByRole('link', { name: 'Beitrag ansehen' }).getAttribute('href');
  const id = href?.split('/').pop();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id ?? '';
}

/** Presses Tab until `target` has the focus: proof that the keyboard reaches it. */
export async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target, `reached by Tab within ${maxPresses} presses`).toBeFocused();
}
