import { expectNoAxeViolations, expectNoHorizontalScroll } from './support/accessibility';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { PLANNER_ADMIN, signIn } from './support/planner';

const PAGES = [
  { link: 'Impressum', path: '/impressum', heading: 'Impressum', english: 'Imprint' },
  { link: 'Datenschutz', path: '/datenschutz', heading: 'Datenschutzerklärung', english: 'Privacy policy' },
  { link: 'Barrierefreiheit', path: '/barrierefreiheit', heading: 'Erklärung zur Barrierefreiheit', english: 'Accessibility statement' },
  { link: 'Regeln für Beiträge', path: '/regeln', heading: 'Regeln für Beiträge', english: 'Rules for contributions' },
  { link: 'Hilfe', path: '/hilfe', heading: 'Hilfe', english: 'Help' },
];

test.describe('imprint, privacy policy, accessibility statement, rules and help', () => {
  test('the footer of every resident page links them; each exists in German and English without axe violations', async ({ page }) => {
    for (const start of ['/', `/procedures/${DEMO_SLUG}`]) {
      await page.goto(start);
      const footer = page.getByRole('navigation', { name: 'Rechtliches und Hilfe' });
      await expect(footer.getByRole('link')).toHaveText(PAGES.map((p) => p.link));
    }
    for (const { link, path, heading } of PAGES) {
      await page.getByRole('navigation', { name: 'Rechtliches und Hilfe' }).getByRole('link', { name: link, exact: true }).click();
      await expect(page).toHaveURL(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page).toHaveTitle(`${heading} – Stadtdialog`);
      await expectNoAxeViolations(page, `the page ${path}`);
    }
    // The default imprint says what the operator still has to fill in.
    await page.goto('/impressum');
    await expect(page.getByText('[Bitte ergänzen: Name der Behörde oder Stelle (OPERATOR_NAME)]')).toBeVisible();
    await page.goto('/barrierefreiheit');
    await expect(page.getByRole('heading', { name: 'Schlichtungsverfahren' })).toBeVisible();

    await page.getByRole('button', { name: 'English' }).click();
    for (const { path, english } of PAGES) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(english);
      await expect(page.locator('article')).toHaveAttribute('lang', 'en');
    }
    await expect(page.getByRole('navigation', { name: 'Legal and help' }).getByRole('link')).toHaveText([
      'Imprint', 'Privacy', 'Accessibility', 'Rules for contributions', 'Help',
    ]);
    await page.goto('/barrierefreiheit');
    await expect(page.getByRole('heading', { name: 'Report a barrier' })).toBeVisible();
    await expectNoAxeViolations(page, 'the accessibility statement in English');

    // At 200 % zoom (640 CSS pixels) the statement and its form need no sideways scrolling.
    await page.setViewportSize({ width: 640, height: 450 });
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'the accessibility statement at 200 %');
  });

  test('the report dialog links the rules', async ({ page }) => {
    await page.goto(`/procedures/${DEMO_SLUG}`);
    await page.locator('li.contribution h4 a').first().click();
    await page.getByRole('button', { name: 'Beitrag melden' }).click();
    const dialog = page.getByRole('dialog', { name: 'Inhalt melden' });
    const rules = dialog.getByRole('link', { name: 'Regeln für Beiträge (öffnet in einem neuen Tab)' });
    await expect(rules).toHaveAttribute('href', '/regeln');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), rules.click()]);
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Regeln für Beiträge');
    await expect(tab.getByRole('heading', { name: 'Nicht erlaubt sind' })).toBeVisible();
  });

  test('feedback on a barrier reaches the admins, who delete it once dealt with', async ({ page }) => {
    const message = `Die Karte ist bei Vergrößerung abgeschnitten (${Date.now()}).`;
    await page.goto('/barrierefreiheit');
    const form = page.getByRole('region', { name: 'Barriere melden' });
    await form.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await expect(form.getByText('Bitte beschreiben Sie, was Ihnen aufgefallen ist.')).toBeVisible();
    await expect(form.getByLabel('Was ist Ihnen aufgefallen?')).toBeFocused();
    await form.getByLabel('E-Mail-Adresse für eine Antwort (freiwillig)').fill('keine adresse');
    await expectNoAxeViolations(page, 'the feedback form with errors');
    await form.getByLabel('Was ist Ihnen aufgefallen?').fill(message);
    await form.getByLabel('E-Mail-Adresse für eine Antwort (freiwillig)').fill('leserin@example.org');
    await form.getByLabel('Seite, auf der es war (freiwillig)').fill(`/procedures/${DEMO_SLUG}`);
    await form.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await expect(form.getByRole('status')).toHaveText('Danke! Ihre Rückmeldung ist beim Betreiber eingegangen.');

    await signIn(page, PLANNER_ADMIN);
    await page.getByRole('link', { name: 'Seiten & Rückmeldungen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Seiten und Rückmeldungen');
    const item = page.locator('.feedback li', { hasText: message });
    await expect(item).toContainText('leserin@example.org');
    await expect(item).toContainText(`/procedures/${DEMO_SLUG}`);
    await expectNoAxeViolations(page, 'the site pages editor');
    await item.getByRole('button', { name: 'Erledigt – löschen' }).click();
    await expect(page.getByText('Die Rückmeldung ist gelöscht.')).toBeVisible();
    await expect(item).toHaveCount(0);
    await page.reload();
    await expect(page.locator('.feedback li', { hasText: message })).toHaveCount(0);
  });

  test('an admin sets the imprint; readers see it, English readers in German until there is an English text', async ({ page }) => {
    await signIn(page, PLANNER_ADMIN);
    await page.goto('/planner/pages');
    await page.getByLabel('Seite', { exact: true }).selectOption({ label: 'Impressum' });
    const german = page.getByRole('group', { name: 'Deutsch' });
    await expect(german.getByLabel('Text (Deutsch)')).toHaveValue(/## Anbieter/);
    await german.getByLabel('Vorlage zeigen').uncheck();
    await german.getByLabel('Text (Deutsch)').fill('## Anbieter\n\nBezirksamt Musterstadt, Rathausplatz 1\n\n- Telefon 040 000');
    await page.getByRole('button', { name: 'Seite speichern' }).click();
    await expect(page.getByText('Gespeichert.')).toBeVisible();
    await expect(page.getByText(/Eigener Text, zuletzt geändert/)).toBeVisible();

    await page.getByRole('link', { name: 'Seite ansehen' }).click();
    await expect(page).toHaveURL('/impressum');
    await expect(page.getByText('Bezirksamt Musterstadt, Rathausplatz 1')).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Telefon 040 000' })).toBeVisible();
    await expect(page.getByText(/^Stand: /)).toBeVisible();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByText('This page is available in German only.')).toBeVisible();
    await expect(page.locator('article')).toHaveAttribute('lang', 'de');
    await expectNoAxeViolations(page, 'a German page in the English UI');

    // Back to the template.
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.goto('/planner/pages');
    await page.getByRole('group', { name: 'Deutsch' }).getByLabel('Vorlage zeigen').check();
    await page.getByRole('button', { name: 'Seite speichern' }).click();
    await expect(page.getByText('Gespeichert.')).toBeVisible();
    await page.goto('/impressum');
    await expect(page.getByText('[Bitte ergänzen: Name der Behörde oder Stelle (OPERATOR_NAME)]')).toBeVisible();
  });
});
