import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import type { Contribution } from '@stadtdialog/shared/contract';
import { expect, test } from './support/fixtures';
import { expectNoAxeViolations } from './support/accessibility';
import { INSIDE, next, sentContributionId, writeText } from './support/contribute';
import { PLANNER_ADMIN } from './support/planner';
import { readDrawnMap } from './support/procedure-map';
import { postContribution, publicCopyOfDemo } from './support/procedure-setup';

/** What the issue asks of a live page: a contribution posted elsewhere shows within 2 s. */
const LIVE_WITHIN_MS = 2000;

function post(request: APIRequestContext, slug: string, title: string): Promise<Contribution> {
  return postContribution(request, slug, {
    title,
    text: 'Von einer anderen Person geschrieben, während die Seite offen ist.',
    geometry: { type: 'Point', coordinates: INSIDE.point },
  });
}

async function hide(request: APIRequestContext, procedureId: string, id: string): Promise<void> {
  const signIn = await request.post('/api/v1/auth/sign-in', { data: PLANNER_ADMIN });
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const response = await request.post(`/api/v1/procedures/${procedureId}/moderation/contributions/${id}/hide`, {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { reason: 'Doppelt eingereicht' },
  });
  expect(response.status(), await response.text()).toBe(200);
}

async function mapIds(page: Page): Promise<string[]> {
  return (await readDrawnMap(page, 0)).contributionIds;
}

/** Opens the procedure page and waits until its event stream answered. */
async function openLive(page: Page, slug: string): Promise<void> {
  const stream = page.waitForResponse((r) => r.url().includes(`/procedures/${slug}/events`));
  await page.goto(`/procedures/${slug}`);
  await stream;
  await readDrawnMap(page, 1);
}

test('a contribution posted elsewhere appears on the open procedure page, is announced, and vanishes when hidden', async ({ page, request }) => {
  const { id: procedureId, slug } = await publicCopyOfDemo(request, { title: 'Live Karte', moderation: 'post' });
  await post(request, slug, 'Schon vorher da');
  await openLive(page, slug);
  const before = (await mapIds(page)).length;
  const count = page.locator('.count');
  /** "1 Beitrag", "2 Beiträge": the count in its plural form */
  const contributions = (n: number) => new RegExp(`^\\s*${n} ${n === 1 ? 'Beitrag' : 'Beiträge'}\\s*$`);
  await expect(count).toHaveText(contributions(before));
  const firstInList = await page.locator('.contribution-list h4').first().textContent();

  const first = await post(request, slug, 'Live: Trinkbrunnen am Platz');
  await expect.poll(() => mapIds(page), { timeout: LIVE_WITHIN_MS }).toContain(first.id);
  const announcement = page.getByRole('status').filter({ hasText: 'neue' });
  await expect(page.locator('.live-arrivals')).toHaveText(/1 neuer Beitrag/, { timeout: LIVE_WITHIN_MS });
  await expect(count).toHaveText(contributions(before + 1));
  // The list stays as the reader left it until they ask for the new ones.
  await expect(page.locator('.contribution-list h4').first()).toHaveText(firstInList ?? '');

  const second = await post(request, slug, 'Live: Schattenbäume');
  await expect(announcement).toHaveText(/2 neue Beiträge/, { timeout: LIVE_WITHIN_MS });
  await expectNoAxeViolations(page, 'the procedure page with new contributions announced');
  await page.getByRole('button', { name: 'Neue Beiträge in die Liste übernehmen' }).click();
  await expect(page.locator('.contribution-list h4').nth(0)).toHaveText('Live: Schattenbäume');
  await expect(page.locator('.contribution-list h4').nth(1)).toHaveText('Live: Trinkbrunnen am Platz');
  await expect(page.locator('.live-arrivals')).toBeEmpty();

  await hide(request, procedureId, second.id);
  await expect.poll(() => mapIds(page), { timeout: LIVE_WITHIN_MS }).not.toContain(second.id);
  await expect(page.locator('.contribution-list h4').filter({ hasText: 'Live: Schattenbäume' })).toHaveCount(0);
  await expect(count).toHaveText(contributions(before + 1));
  expect(await mapIds(page)).toContain(first.id);
});

test('the tabs of one browser share one event connection, and a draft in another tab is left alone', async ({ context, page, request }) => {
  const { slug } = await publicCopyOfDemo(request, { title: 'Live Tabs', moderation: 'post' });
  await post(request, slug, 'Schon vorher da');
  const streams: string[] = [];
  context.on('request', (r) => {
    if (r.url().includes('/events')) streams.push(r.url());
  });

  await openLive(page, slug);
  const second = await context.newPage();
  await second.goto(`/procedures/${slug}`);
  await readDrawnMap(second, 1);

  // A resident is half-way through writing a contribution and a comment in a third tab.
  const drafting = await context.newPage();
  await drafting.goto(`/procedures/${slug}/contribute`);
  await drafting.getByLabel('Titel').fill('Halb geschrieben');
  await drafting.getByLabel('Ihr Beitrag').fill('Ich bin noch nicht fertig mit');

  const first = await post(request, slug, 'Live: Fahrradbügel');
  await expect.poll(() => mapIds(page), { timeout: LIVE_WITHIN_MS }).toContain(first.id);
  await expect.poll(() => mapIds(second), { timeout: LIVE_WITHIN_MS }).toContain(first.id);
  await expect(second.locator('.live-arrivals')).toHaveText(/1 neuer Beitrag/);
  expect(streams, 'one connection for both tabs').toHaveLength(1);

  await expect(drafting.getByLabel('Titel')).toHaveValue('Halb geschrieben');
  await expect(drafting.getByLabel('Ihr Beitrag')).toHaveValue('Ich bin noch nicht fertig mit');
  await expect(drafting.getByRole('heading', { name: 'Schritt 1 von 5: Text' })).toBeVisible();

  // The tab holding the connection closes: another takes over and resumes.
  await page.close();
  const again = await post(request, slug, 'Live: Sitzstufen');
  await expect.poll(() => mapIds(second), { timeout: LIVE_WITHIN_MS * 2 }).toContain(again.id);
  expect(streams, 'the connection moved to a remaining tab').toHaveLength(2);
  expect(streams[1]).toMatch(/lastEventId=\d+/);
  await expect(drafting.getByLabel('Ihr Beitrag')).toHaveValue('Ich bin noch nicht fertig mit');
});

test('comments arrive on an open contribution page without touching the comment being written', async ({ page, request }) => {
  const { slug } = await publicCopyOfDemo(request, { title: 'Live Kommentare', moderation: 'post' });
  const contribution = await post(request, slug, 'Live: Boule-Platz');
  const stream = page.waitForResponse((r) => r.url().includes(`/procedures/${slug}/events`));
  await page.goto(`/procedures/${slug}/contributions/${contribution.id}`);
  await stream;
  await expect(page.getByRole('heading', { name: 'Kommentare (0)' })).toBeVisible();
  const field = page.getByLabel('Ihr Kommentar');
  await field.fill('Mein Gedanke dazu ist');

  const reply = await request.post(`/api/v1/procedures/${slug}/contributions/${contribution.id}/comments`, {
    headers: { 'Idempotency-Key': randomUUID() },
    data: { text: 'Gute Idee, bitte mit Schatten.' },
  });
  expect(reply.status(), await reply.text()).toBe(201);
  await expect(page.locator('.comment-text')).toHaveText(['Gute Idee, bitte mit Schatten.'], { timeout: LIVE_WITHIN_MS });
  await expect(page.getByRole('heading', { name: 'Kommentare (1)' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '1 neuer Kommentar' })).toBeAttached();
  await expect(field).toHaveValue('Mein Gedanke dazu ist');
  await expect(field).toBeFocused();
});

test('a contribution whose answer was lost is sent again with the same key, shown as retrying, and stored once', async ({ page, request }) => {
  const { slug } = await publicCopyOfDemo(request, { title: 'Live Wiederholung', moderation: 'post' });
  const keys: string[] = [];
  await page.route(`**/api/v1/procedures/${slug}/contributions`, async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    keys.push(route.request().headers()['idempotency-key']);
    if (keys.length === 1) {
      // The server stores it, the answer never arrives.
      await route.fetch();
      return route.abort('connectionreset');
    }
    if (keys.length === 2) {
      return route.fulfill({
        status: 503,
        headers: { 'Retry-After': '1', 'Content-Type': 'application/problem+json' },
        body: JSON.stringify({ type: 'about:blank', title: 'Service unavailable', status: 503 }),
      });
    }
    return route.fallback();
  });
  await page.goto(`/procedures/${slug}/contribute`);
  await writeText(page, 'Einmal gespeichert', 'Die erste Antwort ging verloren.');
  await page.getByLabel('Ohne Ort einreichen').check();
  await next(page);
  await page.getByRole('button', { name: 'Beitrag senden' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'wird erneut gesendet' })).toBeVisible();
  const id = await sentContributionId(page);

  expect(keys).toHaveLength(3);
  expect(new Set(keys).size).toBe(1);
  const list = (await (await request.get(`/api/v1/procedures/${slug}/contributions?limit=100`)).json()) as { items: Contribution[] };
  expect(list.items.filter((c) => c.title === 'Einmal gespeichert').map((c) => c.id)).toEqual([id]);
});
