import { expectNoAxeViolations } from './support/accessibility';
import { DEMO_SLUG, expect, test } from './support/fixtures';

test('a contribution has its own page: rate and change the rating, comment, reply and report', async ({ page, context }) => {
  await page.goto(`/procedures/${DEMO_SLUG}?sort=commented`);
  const link = page.locator('li.contribution h4 a').first();
  const title = (await link.textContent())?.trim() ?? '';
  // The list counts comments with their replies, as the thread on the contribution's page shows them.
  const listed = Number(/(\d+) Kommentar/.exec((await page.locator('li.contribution .counts').first().textContent()) ?? '')?.[1]);
  expect(listed).toBeGreaterThan(0);
  const href = await link.getAttribute('href');
  expect(href).toMatch(new RegExp(`^/procedures/${DEMO_SLUG}/contributions/[0-9a-f-]{36}$`));

  // The link opens in a new tab like any link.
  const [detail] = await Promise.all([context.waitForEvent('page'), link.click({ modifiers: ['Control'] })]);
  await detail.waitForLoadState();
  await expect(detail).toHaveURL(href ?? '');
  await expect(detail.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(detail.getByRole('region', { name: 'Karte mit dem Ort des Beitrags' })).toBeVisible();
  await expect(detail.getByRole('heading', { name: `Kommentare (${listed})` })).toBeVisible();
  await expect(detail.locator('.comment-list .comment')).toHaveCount(listed);
  await expectNoAxeViolations(detail, 'the contribution page');

  // Rating: agree, then change to disagree; the own rating is pressed and survives a reload.
  const agree = detail.getByRole('button', { name: /^Stimme zu/ });
  const disagree = detail.getByRole('button', { name: /^Stimme nicht zu/ });
  const count = async (button: typeof agree) => Number((await button.locator('.number').textContent())?.trim());
  const up = await count(agree);
  const down = await count(disagree);
  await expect(agree).toHaveAttribute('aria-pressed', 'false');
  await agree.click();
  await expect(agree).toHaveAttribute('aria-pressed', 'true');
  await expect(agree.locator('.number')).toHaveText(String(up + 1));
  await expect(detail.getByText('Ihre Bewertung: Zustimmung.')).toBeVisible();
  await disagree.click();
  await expect(disagree).toHaveAttribute('aria-pressed', 'true');
  await expect(agree).toHaveAttribute('aria-pressed', 'false');
  await expect(agree.locator('.number')).toHaveText(String(up));
  await expect(disagree.locator('.number')).toHaveText(String(down + 1));
  await detail.reload();
  await expect(detail.getByRole('button', { name: /^Stimme nicht zu/ })).toHaveAttribute('aria-pressed', 'true');

  // A comment, then a reply to it.
  const comments = detail.locator('.comment-list > li.comment');
  const before = await comments.count();
  const shown = await detail.locator('.comment-list .comment').count();
  await detail.getByLabel('Ihr Kommentar').fill('Wichtiger Punkt, bitte berücksichtigen.');
  await detail.getByRole('button', { name: 'Kommentar senden' }).click();
  await expect(comments).toHaveCount(before + 1);
  const mine = comments.last();
  await expect(mine.locator('.comment-text').first()).toHaveText('Wichtiger Punkt, bitte berücksichtigen.');
  await expect(detail.getByRole('heading', { name: `Kommentare (${shown + 1})` })).toBeVisible();

  // Its actions are separate, spaced buttons ("Antworten", "Kommentar melden"), not one run of text.
  const actions = mine.locator('.comment-actions').first();
  await expect(actions.getByRole('button')).toHaveText(['Antworten', 'Kommentar melden']);
  expect(await actions.evaluate((element) => parseFloat(getComputedStyle(element).columnGap))).toBeGreaterThanOrEqual(16);
  await mine.getByRole('button', { name: 'Antworten' }).click();
  await mine.getByLabel('Ihre Antwort').fill('Dem schließe ich mich an.');
  await mine.getByRole('button', { name: 'Antwort senden' }).click();
  await expect(mine.locator('.replies .comment-text')).toHaveText(['Dem schließe ich mich an.']);
  await expect(detail.getByRole('heading', { name: `Kommentare (${shown + 2})` })).toBeVisible();

  await detail.reload();
  await expect(detail.locator('.comment-list > li.comment').last().locator('.replies .comment-text')).toHaveText([
    'Dem schließe ich mich an.',
  ]);

  // Reporting asks for a reason in a dialog.
  await detail.getByRole('button', { name: 'Beitrag melden' }).click();
  const dialog = detail.getByRole('dialog', { name: 'Inhalt melden' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Grund der Meldung')).toBeVisible();
  await expectNoAxeViolations(detail, 'the report dialog');
  await dialog.getByRole('button', { name: 'Meldung senden' }).click();
  await expect(dialog.getByText('Bitte nennen Sie einen Grund.')).toBeVisible();
  await dialog.getByLabel('Grund der Meldung').fill('Enthält eine Beleidigung.');
  await dialog.getByRole('button', { name: 'Meldung senden' }).click();
  await expect(dialog).toBeHidden();
  await expect(detail.getByText('Danke, Ihre Meldung ist eingegangen.')).toBeVisible();
  await expect(detail.getByRole('button', { name: 'Beitrag melden' })).toBeFocused();

  // Reporting it again: the API says "already reported" (409 already_reported), and the dialog says so.
  await detail.getByRole('button', { name: 'Beitrag melden' }).click();
  await dialog.getByLabel('Grund der Meldung').fill('Immer noch beleidigend.');
  await dialog.getByRole('button', { name: 'Meldung senden' }).click();
  await expect(dialog.getByText('Sie haben diesen Inhalt bereits gemeldet. Die Moderation sieht sich Ihre Meldung an.')).toBeVisible();
  await expect(dialog.getByText(/später erneut/)).toHaveCount(0);
  await detail.keyboard.press('Escape');

  // Escape closes the dialog and gives the focus back.
  await detail.getByRole('button', { name: 'Kommentar melden' }).first().click();
  await expect(dialog).toBeVisible();
  await detail.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(detail.getByRole('button', { name: 'Kommentar melden' }).first()).toBeFocused();
});
