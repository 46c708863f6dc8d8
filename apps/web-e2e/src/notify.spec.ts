import { randomUUID } from 'node:crypto';
import { expectNoAxeViolations } from './support/accessibility';
import { next, sentContributionId, writeText } from './support/contribute';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { SmtpSink } from '@stadtdialog/shared/testing';
import { SMTP_SINK_PORT } from './support/ports';

let sink: SmtpSink;

test.beforeAll(async () => {
  sink = await SmtpSink.start(SMTP_SINK_PORT);
});

test.afterAll(async () => {
  await sink?.stop();
});

function link(text: string, page: string): string {
  const match = new RegExp(`https?://[^\\s]+${page}\\?token=[A-Za-z0-9._-]+`).exec(text);
  expect(match, `a link to ${page}`).not.toBeNull();
  return (match as RegExpExecArray)[0];
}

test('after sending, a resident asks for e-mail, confirms the link from the mail, is told of a reply and unsubscribes', async ({ page, request }) => {
  const address = `anwohner-${Date.now()}@example.org`;
  await page.goto(`/procedures/${DEMO_SLUG}/contribute`);
  await writeText(page, 'Schattige Bänke am Wasser', 'Bitte mit Blick auf den Park.');
  await page.getByLabel('Ohne Ort einreichen').check();
  await next(page);
  await page.getByRole('button', { name: 'Beitrag senden' }).click();
  const id = await sentContributionId(page);

  const offer = page.getByRole('region', { name: 'Per E-Mail benachrichtigt werden' });
  await expect(offer).toContainText('ohne Bestätigung wird sie nach 48 Stunden gelöscht');
  await offer.getByRole('button', { name: 'Benachrichtigen' }).click();
  await expect(offer.getByText('Bitte geben Sie eine gültige E-Mail-Adresse an.')).toBeVisible();
  await offer.getByLabel('Ihre E-Mail-Adresse').fill(address);
  await offer.getByRole('button', { name: 'Benachrichtigen' }).click();
  await expect(offer.getByRole('status')).toHaveText('Wir haben Ihnen eine E-Mail geschickt. Bitte bestätigen Sie den Link darin.');
  await expectNoAxeViolations(page, 'the confirmation with the e-mail offer');

  const [confirmation] = await sink.mailsTo(address, 1);
  expect(confirmation.subject).toBe('Bitte bestätigen: Benachrichtigungen zu Ihrem Beitrag „Schattige Bänke am Wasser“');
  await page.goto(link(confirmation.text, '/benachrichtigung/bestaetigen'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E-Mail-Adresse bestätigen');
  await expectNoAxeViolations(page, 'the confirmation page');
  await page.getByRole('button', { name: 'Ja, bestätigen' }).click();
  await expect(page.getByRole('status')).toHaveText('Bestätigt. Sie erhalten ab jetzt E-Mails zu „Schattige Bänke am Wasser“.');

  await page.getByRole('banner').getByRole('link', { name: 'Meine Beiträge' }).click();
  const own = page.locator('li.own-contribution', { hasText: 'Schattige Bänke am Wasser' });
  await expect(own).toContainText('E-Mail-Benachrichtigung: bestellt');

  // Someone else replies: one mail, with the comment and a link to the contribution.
  const reply = await request.post(`/api/v1/procedures/${DEMO_SLUG}/contributions/${id}/comments`, {
    headers: { 'Idempotency-Key': randomUUID() },
    data: { text: 'Ja, und mit Trinkbrunnen.' },
  });
  expect(reply.status()).toBe(201);
  const mails = await sink.mailsTo(address, 2);
  expect(mails[1].subject).toBe('Neuer Kommentar zu Ihrem Beitrag „Schattige Bänke am Wasser“');
  expect(mails[1].text).toContain('> Ja, und mit Trinkbrunnen.');
  const contributionUrl = new RegExp(`https?://\\S+/procedures/${DEMO_SLUG}/contributions/${id}`).exec(mails[1].text)?.[0];
  expect(contributionUrl).toBeTruthy();
  await page.goto(contributionUrl as string);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Schattige Bänke am Wasser');

  await page.goto(link(mails[1].text, '/benachrichtigung/abbestellen'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E-Mails abbestellen');
  await page.getByRole('button', { name: 'Abbestellen' }).click();
  await expect(page.getByRole('status')).toHaveText('Abbestellt. Ihre Adresse ist gelöscht.');
  await expectNoAxeViolations(page, 'the unsubscribe page');
  await page.goto('/meine-beitraege');
  await expect(own).toBeVisible();
  await expect(own).not.toContainText('E-Mail-Benachrichtigung');

  // No more mail after unsubscribing.
  const late = await request.post(`/api/v1/procedures/${DEMO_SLUG}/contributions/${id}/comments`, { headers: { 'Idempotency-Key': randomUUID() }, data: { text: 'Noch ein Kommentar.' } });
  expect(late.status()).toBe(201);
  await page.waitForTimeout(3000);
  expect(sink.mails.filter((m) => m.to.includes(address))).toHaveLength(2);
});
