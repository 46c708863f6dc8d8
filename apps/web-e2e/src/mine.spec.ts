import type { APIRequestContext } from '@playwright/test';
import { expectNoAxeViolations, expectNoHorizontalScroll } from './support/accessibility';
import { next, sentContributionId, writeText } from './support/contribute';
import { expect, test } from './support/fixtures';
import { PLANNER_ADMIN } from './support/planner';
import { publicCopyOfDemo } from './support/procedure-setup';

async function moderator(request: APIRequestContext) {
  const signIn = await request.post('/api/v1/auth/sign-in', { data: PLANNER_ADMIN });
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return async (method: 'post' | 'patch', path: string, data: unknown) => {
    const response = await request[method](`/api/v1/procedures/${path}`, { headers: { 'X-CSRF-Token': csrfToken }, data });
    expect(response.status(), await response.text()).toBe(200);
  };
}

test.describe('"Meine Beiträge"', () => {
  test('a resident without an account finds a pending contribution again, then the rejection with its reason and an edit with the original', async ({
    page,
    request,
  }) => {
    const procedure = await publicCopyOfDemo(request, { title: 'Vorab geprüft', moderation: 'pre' });
    const write = async (title: string) => {
      await page.goto(`/procedures/${procedure.slug}/contribute`);
      await writeText(page, title, `${title}: bitte prüfen.`);
      await page.getByLabel('Ohne Ort einreichen').check();
      await next(page);
      await page.getByRole('button', { name: 'Beitrag senden' }).click();
      return sentContributionId(page);
    };

    const first = await write('Mehr Bänke am Spielplatz');
    await page.getByRole('link', { name: 'Sie finden ihn jederzeit unter „Meine Beiträge“.' }).click();
    await expect(page).toHaveURL('/meine-beitraege');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Beiträge');
    const own = page.locator('li.own-contribution');
    await expect(own).toHaveCount(1);
    await expect(own.first().getByRole('heading', { level: 3 })).toHaveText('Mehr Bänke am Spielplatz');
    await expect(own.first().locator('.state')).toHaveText('Status: Wird geprüft');
    await expect(own.first()).toContainText('Die Moderation prüft ihn, bevor er öffentlich erscheint.');
    await expectNoAxeViolations(page, '"Meine Beiträge" with a pending contribution');

    // From the header, on any page.
    const second = await write('Radweg an der Schule von Herrn M.');
    await page.getByRole('banner').getByRole('link', { name: 'Meine Beiträge' }).click();
    await expect(own).toHaveCount(2);

    const moderate = await moderator(request);
    await moderate('post', `${procedure.id}/moderation/contributions/${first}/reject`, { reason: 'Bitte nur ein Anliegen je Beitrag.' });
    await moderate('patch', `${procedure.id}/moderation/contributions/${second}`, {
      title: 'Radweg an der Schule', reason: 'Personenbezogene Daten entfernt.',
    });
    await moderate('post', `${procedure.id}/moderation/contributions/${second}/approve`, {});

    await page.reload();
    const rejected = own.filter({ hasText: 'Mehr Bänke am Spielplatz' });
    await expect(rejected.locator('.state')).toHaveText('Status: Abgelehnt');
    await expect(rejected).toContainText('Begründung der Moderation: Bitte nur ein Anliegen je Beitrag.');
    const edited = own.filter({ has: page.getByRole('heading', { name: 'Radweg an der Schule', exact: true }) });
    await expect(edited.locator('.state')).toHaveText('Status: Veröffentlicht');
    await expect(edited).toContainText('Von der Moderation bearbeitet');
    await expect(edited).toContainText('Grund der Änderung: Personenbezogene Daten entfernt.');
    await edited.getByText('Ihr ursprünglicher Text').click();
    await expect(edited.locator('details')).toContainText('Radweg an der Schule von Herrn M.');
    await expectNoAxeViolations(page, '"Meine Beiträge" with a rejection and an edit');

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('My contributions');
    await expect(rejected.locator('.state')).toHaveText('Status: Rejected');
    await expectNoAxeViolations(page, '"My contributions" in English');
    await page.setViewportSize({ width: 640, height: 450 });
    await expectNoHorizontalScroll(page);
  });

  test('the personal link carries the contributions to another device, which asks first', async ({ page, browser, request }) => {
    const procedure = await publicCopyOfDemo(request, { title: 'Zweites Geraet', moderation: 'post' });
    await page.goto(`/procedures/${procedure.slug}/contribute`);
    await writeText(page, 'Trinkbrunnen am Platz', 'Im Sommer fehlt Wasser.');
    await page.getByLabel('Ohne Ort einreichen').check();
    await next(page);
    await page.getByRole('button', { name: 'Beitrag senden' }).click();
    await sentContributionId(page);

    await page.goto('/meine-beitraege');
    await page.getByRole('button', { name: 'Persönlichen Link anzeigen' }).click();
    const link = await page.getByLabel('Ihr persönlicher Link').inputValue();
    expect(link).toMatch(/\/meine-beitraege#teilnahme=[A-Za-z0-9_-]{43}$/);

    const other = await browser.newContext({ baseURL: new URL(page.url()).origin });
    const device = await other.newPage();
    await device.goto('/meine-beitraege');
    await expect(device.getByText('Auf diesem Gerät haben Sie noch nichts geschrieben.')).toBeVisible();
    await device.goto(link);
    const offer = device.getByRole('region', { name: 'Persönlichen Link verwenden?' });
    await expect(offer).toBeVisible();
    await expectNoAxeViolations(device, 'the offer of a personal link');
    await offer.getByRole('button', { name: 'Ja, dieses Gerät verwenden' }).click();
    await expect(device.getByText('Dieses Gerät zeigt jetzt die Beiträge Ihres persönlichen Links.')).toBeVisible();
    await expect(device.locator('li.own-contribution h3')).toHaveText(['Trinkbrunnen am Platz']);
    // the token leaves the address bar once used
    expect(new URL(device.url()).hash).toBe('');
    await other.close();
  });
});
