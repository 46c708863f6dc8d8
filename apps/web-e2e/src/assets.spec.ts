import type { Page, Response } from '@playwright/test';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { readDrawnMap } from './support/procedure-map';

/** Budget for the JavaScript a resident's phone downloads to see a procedure (compressed). */
const PROCEDURE_PAGE_JS_BUDGET = 350 * 1024;

interface LoadedScript {
  url: string;
  encoding: string | null;
  cacheControl: string | null;
  /** bytes on the wire: the compressed body */
  transferred: number;
  /** whether it carries OpenLayers */
  openLayers: boolean;
}

/** Loads a page in a fresh context (nothing cached) and reports every script it fetched. */
async function scriptsOf(page: Page, path: string, ready: (page: Page) => Promise<unknown>): Promise<LoadedScript[]> {
  const responses: Response[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') responses.push(response);
  });
  await page.goto(path);
  await ready(page);
  return Promise.all(
    responses.map(async (response) => {
      const [sizes, headers, body] = await Promise.all([response.request().sizes(), response.allHeaders(), response.body()]);
      return {
        url: response.url(),
        encoding: headers['content-encoding'] ?? null,
        cacheControl: headers['cache-control'] ?? null,
        transferred: sizes.responseBodySize,
        // OpenLayers' control class names, which only its code carries
        openLayers: body.toString('utf8').includes('ol-attribution'),
      };
    }),
  );
}

test('the procedure page loads compressed, year-cached scripts within the budget; index.html is revalidated', async ({ page, request }) => {
  const scripts = await scriptsOf(page, `/procedures/${DEMO_SLUG}`, (p) => readDrawnMap(p, 1));
  const total = scripts.reduce((sum, s) => sum + s.transferred, 0);
  console.log(
    `procedure page: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KiB JavaScript transferred (compressed):\n` +
      scripts.map((s) => `  ${new URL(s.url).pathname} ${s.encoding ?? 'identity'} ${(s.transferred / 1024).toFixed(1)} KiB`).join('\n'),
  );
  expect(scripts.length).toBeGreaterThan(1);
  expect(scripts.filter((s) => s.encoding).length, 'the large scripts are compressed').toBeGreaterThan(2);
  for (const script of scripts) {
    // below 1 KiB compression gains nothing: those few go as they are
    if (script.transferred >= 1024) expect(script.encoding, script.url).toMatch(/^(br|gzip)$/);
    expect(script.cacheControl, script.url).toBe('public, max-age=31536000, immutable');
  }
  expect(scripts.some((s) => s.openLayers), 'the map chunk is loaded where the map is').toBe(true);
  expect(total).toBeLessThanOrEqual(PROCEDURE_PAGE_JS_BUDGET);

  for (const path of ['/', `/procedures/${DEMO_SLUG}`]) {
    const document = await request.get(path, { headers: { Accept: 'text/html' } });
    expect(document.headers()['content-type']).toContain('text/html');
    expect(document.headers()['cache-control'], path).toBe('no-cache');
  }
});

test('a page without a map does not load the map chunk', async ({ page }) => {
  const scripts = await scriptsOf(page, '/planner/sign-in', (p) => p.getByRole('button', { name: /anmelden/i }).waitFor());
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => s.openLayers).map((s) => s.url)).toEqual([]);
});
