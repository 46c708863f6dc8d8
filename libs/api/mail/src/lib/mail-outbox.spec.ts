import { DataSource } from 'typeorm';
import { loadConfig } from '@stadtdialog/api/config';
import { MailOutbox, QueuedMail, retryDelaySeconds } from './mail-outbox';

const queued: QueuedMail = { id: '7', kind: 'note', subscriptionId: null, recipient: 'a@example.org', payload: { n: 1 }, attempts: 1 };

function outbox(sendMail: jest.Mock) {
  const query = jest.fn(async (sql: string) => (sql.includes('WITH due AS') ? [queued] : []));
  const config = loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'Bezirk <b@bezirk.example>' });
  const box = new MailOutbox({ query, manager: {} } as unknown as DataSource, config);
  (box as unknown as { transport: unknown }).transport = { sendMail };
  return { box, query };
}

describe('MailOutbox', () => {
  it('waits longer after each failure, then hourly', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(retryDelaySeconds)).toEqual([5, 30, 120, 600, 1800, 3600, 3600]);
  });

  it('sends a leased mail as its renderer writes it and deletes it once the server took it', async () => {
    const sendMail = jest.fn(async () => ({}));
    const { box, query } = outbox(sendMail);
    box.register('note', async (mail) => ({ to: mail.recipient as string, subject: 'Betreff', text: 'Text', replyTo: 'r@example.org', headers: { 'X-A': '1' } }));
    await box.tick();
    expect(sendMail).toHaveBeenCalledWith({
      from: 'Bezirk <b@bezirk.example>', to: 'a@example.org', replyTo: 'r@example.org', subject: 'Betreff', text: 'Text',
      headers: { 'Auto-Submitted': 'auto-generated', 'X-A': '1' },
    });
    expect(query).toHaveBeenLastCalledWith('DELETE FROM mail_outbox WHERE id = $1', ['7']);
  });

  it('keeps a mail whose sending failed, with its next attempt after the back-off', async () => {
    const { box, query } = outbox(jest.fn(async () => Promise.reject(new Error('451 try again later'))));
    box.register('note', async () => ({ to: 'a@example.org', subject: 'S', text: 'T' }));
    await box.tick();
    const [sql, params] = query.mock.calls[query.mock.calls.length - 1] as unknown as [string, unknown[]];
    expect(sql).toContain('UPDATE mail_outbox SET next_attempt_at = now() + make_interval(secs => $2)');
    expect(params).toEqual(['7', 5, '451 try again later']);
  });

  it('drops a mail whose renderer finds its cause gone, and keeps one no renderer knows', async () => {
    const sendMail = jest.fn();
    const { box, query } = outbox(sendMail);
    box.register('note', async () => null);
    await box.tick();
    expect(sendMail).not.toHaveBeenCalled();
    expect(query).toHaveBeenLastCalledWith('DELETE FROM mail_outbox WHERE id = $1', ['7']);

    const other = outbox(sendMail);
    await other.box.tick();
    expect(other.query.mock.calls.some(([sql]) => String(sql).startsWith('DELETE'))).toBe(false);
  });

  it('is off without SMTP_URL', () => {
    expect(new MailOutbox({} as DataSource, loadConfig({})).enabled).toBe(false);
  });
});
