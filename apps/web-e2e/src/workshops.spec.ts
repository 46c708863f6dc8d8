import type { WorkspaceProcedureSummary } from '@stadtdialog/shared/contract';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { expectNoViolations, PLANNER_ADMIN, signIn } from './support/planner';
import { moveAppointment, openWorkshop, revokeWorkshop } from './support/touch-table';

test.describe('workshops in the planner workspace', () => {
  test('a manager opens a workshop and gets its table link once; revoking it makes the table show "link no longer valid"', async ({
    page,
    context,
    browser,
  }) => {
    test.setTimeout(120_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, PLANNER_ADMIN);
    const procedures = (await (await page.request.get('/api/v1/workspace/procedures')).json()) as WorkspaceProcedureSummary[];
    const demo = procedures.find((p) => p.slug === DEMO_SLUG) as WorkspaceProcedureSummary;

    await page.goto(`/planner/procedures/${demo.id}/moderation`);
    await page.getByRole('link', { name: 'Workshops' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workshops am Touch-Tisch');
    await expectNoViolations(page, 'the workshops page');

    // Keyboard only: appointment, name, seats, idle time, open.
    const form = page.getByRole('region', { name: 'Workshop öffnen' });
    const appointment = form.getByLabel('Termin');
    await appointment.focus();
    await page.keyboard.press('ArrowDown');
    await expect(appointment.locator('option:checked')).toHaveText(/Werkstatt am Planungstisch/);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Tisch Saal 1');
    await form.getByRole('checkbox', { name: 'rechts' }).focus();
    await page.keyboard.press('Space');
    await form.getByLabel('Zurücksetzen nach Leerlauf (Sekunden)').fill('120');
    await form.getByRole('button', { name: 'Workshop öffnen' }).focus();
    await page.keyboard.press('Enter');

    const link = page.getByRole('region', { name: 'Tisch-Link für „Tisch Saal 1“' });
    await expect(link).toBeVisible();
    await expect(link.getByRole('heading')).toBeFocused();
    await expect(link.getByText('Dieser Link wird nur jetzt angezeigt.')).toBeVisible();
    const tableUrl = await link.getByLabel('Tisch-Link').inputValue();
    expect(tableUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/table\/[A-Za-z0-9_-]{43}$/);
    await expect(link.getByRole('img', { name: 'QR-Code des Tisch-Links' })).toBeVisible();
    await link.getByRole('button', { name: 'Link kopieren' }).click();
    await expect(link.getByText('Link kopiert.')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tableUrl);
    await expectNoViolations(page, 'the workshops page with a new table link');

    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Tisch Saal 1/ }) });
    await expect(item.getByRole('heading')).toContainText('aktiv');
    await expect(item).toContainText('Plätze: unten, rechts, oben');
    await expect(item).toContainText('Leerlauf: 120 s');

    // The link is shown once: after hiding it or reloading, it is gone from the page.
    await link.getByRole('button', { name: 'Link gesehen, ausblenden' }).click();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workshops am Touch-Tisch');
    await expect(page.getByLabel('Tisch-Link')).toHaveCount(0);
    expect(await page.content()).not.toContain(new URL(tableUrl).pathname);

    // The table laptop opens the link: its workshop starts (no invalid-link page).
    const table = await browser.newPage();
    await table.goto(tableUrl);
    await expect(table.getByRole('heading', { name: 'Workshop-Tisch: Tisch Saal 1' })).toBeVisible({ timeout: 30_000 });
    await expect(table.getByRole('heading', { name: 'Dieser Tisch-Link ist nicht mehr gültig' })).toHaveCount(0);

    page.once('dialog', (dialog) => dialog.accept());
    await item.getByRole('button', { name: /^Link widerrufen/ }).click();
    await expect(page.getByText('Der Link von „Tisch Saal 1“ gilt nicht mehr.')).toBeVisible();
    await expect(item.getByRole('heading')).toContainText('widerrufen');

    await table.goto(tableUrl);
    await expect(table.getByRole('heading', { name: 'Dieser Tisch-Link ist nicht mehr gültig' })).toBeVisible();
    await expect(table.getByText('Die Planenden haben den Link zurückgezogen.')).toBeVisible();
    await table.close();
  });

  test('an expired table link shows the "valid until the end of the appointment day" page, a revoked one the "revoked" page', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const workshop = await openWorkshop(page.request, 'Abgelaufener Tisch', ['bottom']);
    const tableContext = await browser.newContext();
    const table = await tableContext.newPage();
    await table.goto(workshop.tableUrl);
    await expect(table.getByRole('heading', { name: /^Workshop-Tisch/ })).toBeVisible({ timeout: 30_000 });

    // The manager moves the appointment to last week: the link ends with that day (410 table_link_expired).
    const lastWeek = Date.now() - 7 * 86_400_000;
    await moveAppointment(page.request, workshop, new Date(lastWeek), new Date(lastWeek + 7_200_000));
    await table.goto(workshop.tableUrl);
    await expect(table.getByRole('heading', { name: 'Dieser Tisch-Link ist nicht mehr gültig' })).toBeVisible();
    await expect(table.getByText('Der Link galt bis zum Ende des Termintages.')).toBeVisible();
    await expect(table.getByText('The link was valid until the end of the appointment day.')).toBeVisible();
    await expect(table.getByText('Die Planenden haben den Link zurückgezogen.')).toHaveCount(0);
    await expect(table.locator('sd-procedure-map')).toHaveCount(0);
    await expectNoViolations(table, 'the expired-link page');

    // Moved back to today it is valid again; revoked, the table says so instead.
    const now = Date.now();
    await moveAppointment(page.request, workshop, new Date(now - 3_600_000), new Date(now + 3_600_000));
    await table.goto(workshop.tableUrl);
    await expect(table.getByRole('heading', { name: /^Workshop-Tisch/ })).toBeVisible({ timeout: 30_000 });
    await revokeWorkshop(page.request, workshop);
    await table.goto(workshop.tableUrl);
    await expect(table.getByText('Die Planenden haben den Link zurückgezogen.')).toBeVisible();
    await expect(table.getByText('Der Link galt bis zum Ende des Termintages.')).toHaveCount(0);
    await tableContext.close();
  });
});
