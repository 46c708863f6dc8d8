/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked by the tests' assertions, not by types */
import { randomUUID } from 'node:crypto';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { SeededProcedure, apiEnv, seedProcedure, withDatabase } from './participation-fixtures';
import { ADMIN, PlannerClient, call, contribute } from './planner-fixtures';
import { ReceivedMail, SmtpSink } from '@stadtdialog/shared/testing';

const PUBLIC_URL = 'http://beteiligung.test';
const OPERATOR = 'betrieb@bezirk.test';

describe(`e-mail notifications, opt-in, through a real SMTP server (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let sink: SmtpSink;
  let admin: PlannerClient;
  let procedure: SeededProcedure;
  let env: Record<string, string>;

  const subscribe = (id: string, token: string, email: string, language = 'de') =>
    call(api, 'POST', `/api/v1/me/contributions/${id}/notifications`, {
      body: { email, language }, headers: { 'Idempotency-Key': randomUUID(), 'X-Participant-Token': token },
    });
  const comment = (id: string, text: string, token?: string) =>
    call(api, 'POST', `/api/v1/procedures/${procedure.slug}/contributions/${id}/comments`, {
      body: { text }, headers: { 'Idempotency-Key': randomUUID(), ...(token ? { 'X-Participant-Token': token } : {}) },
    });
  const state = async (id: string, token: string) =>
    (await call(api, 'GET', '/api/v1/me/contributions', { headers: { 'X-Participant-Token': token } })).body.contributions.find((c: any) => c.id === id)
      ?.notification;
  const linkIn = (mail: ReceivedMail, page: string) => {
    const match = new RegExp(`${PUBLIC_URL}${page}\\?token=([A-Za-z0-9._-]+)`).exec(mail.text);
    expect(match).not.toBeNull();
    return (match as RegExpExecArray)[1];
  };
  /** Waits for the `count`-th mail to `address`, then a moment more: a mail that should not come would come by then. */
  const settledMails = async (address: string, count: number) => {
    await sink.mailsTo(address, count);
    await new Promise((r) => setTimeout(r, 2500));
    return sink.mails.filter((m) => m.to.includes(address));
  };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    db = await freshDatabase();
    env = apiEnv({
      ...db.env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SMTP_URL: sink.url, PUBLIC_URL,
      MAIL_FROM: 'Beteiligung Altona <beteiligung@bezirk.test>', OPERATOR_EMAIL: OPERATOR,
    });
    [procedure] = await withDatabase(env, async (ds) => [await seedProcedure(ds, 'vorab', { settings: { moderation: 'pre' } })]);
    api = await startApi(env);
    admin = await PlannerClient.signIn(api, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await api?.stop();
    await sink?.stop();
    await db?.drop();
  });

  it('offers notifications and takes an address only for an own contribution, as an e-mail address', async () => {
    expect((await call(api, 'GET', '/api/v1/site')).body.notifications).toBe(true);
    const own = await contribute(api, procedure, 'Eigener Beitrag');
    const other = await contribute(api, procedure, 'Fremder Beitrag');
    expect((await subscribe(other.id, own.token, 'a@example.org')).status).toBe(404);
    expect((await subscribe(own.id, 'x'.repeat(43), 'a@example.org')).status).toBe(404);
    const bad = await subscribe(own.id, own.token, 'keine adresse');
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    expect((await subscribe(own.id, own.token, 'a@example.org', 'fr')).status).toBe(422);
  });

  it('double opt-in: a confirmation mail, nothing else until confirmed; then a reply, the official answer and decisions are mailed once each; one click unsubscribes and deletes the address', async () => {
    const address = 'anwohnerin@example.org';
    const author = await contribute(api, procedure, 'Mehr Bänke am Spielplatz');
    const subscribed = await subscribe(author.id, author.token, address);
    expect(subscribed.status).toBe(202);
    expect(subscribed.body).toEqual({ state: 'pending' });
    expect(await state(author.id, author.token)).toBe('pending');

    const [confirmation] = await sink.mailsTo(address, 1);
    expect(confirmation.from).toBe('beteiligung@bezirk.test');
    expect(confirmation.subject).toBe('Bitte bestätigen: Benachrichtigungen zu Ihrem Beitrag „Mehr Bänke am Spielplatz“');
    expect(confirmation.text).toContain('Ihre Adresse wird nach 48 Stunden gelöscht');
    const confirmToken = linkIn(confirmation, '/benachrichtigung/bestaetigen');
    const unsubscribeToken = linkIn(confirmation, '/benachrichtigung/abbestellen');
    expect(confirmation.headers['list-unsubscribe']).toBe(`<${PUBLIC_URL}/api/v1/notifications/unsubscribe?token=${unsubscribeToken}>`);
    expect(confirmation.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    // Before confirmation: the contribution is approved and commented on, and nothing is mailed.
    expect((await admin.call('POST', `/api/v1/procedures/${procedure.id}/moderation/contributions/${author.id}/approve`, {})).status).toBe(200);
    const early = await comment(author.id, 'Ein Kommentar vor der Bestätigung.');
    expect(early.status).toBe(201);
    expect((await admin.call('POST', `/api/v1/procedures/${procedure.id}/moderation/comments/${early.body.id}/approve`, {})).status).toBe(200);
    expect(await settledMails(address, 1)).toHaveLength(1);

    // A tampered token confirms nothing; the real one does, and again changes nothing.
    const at = confirmToken.indexOf('.') + 5;
    const tampered = `${confirmToken.slice(0, at)}${confirmToken[at] === 'A' ? 'B' : 'A'}${confirmToken.slice(at + 1)}`;
    expect((await call(api, 'POST', '/api/v1/notifications/confirm', { body: { token: tampered } })).status).toBe(404);
    expect((await call(api, 'POST', '/api/v1/notifications/confirm', { body: { token: unsubscribeToken } })).status).toBe(404);
    const confirmed = await call(api, 'POST', '/api/v1/notifications/confirm', { body: { token: confirmToken } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.contribution).toMatchObject({ id: author.id, title: 'Mehr Bänke am Spielplatz', procedure: { slug: 'vorab' } });
    expect((await call(api, 'POST', '/api/v1/notifications/confirm', { body: { token: confirmToken } })).status).toBe(200);
    expect(await state(author.id, author.token)).toBe('confirmed');

    // A reply by someone else: one mail. The author's own comment: none. Until a moderator publishes it, none.
    const reply = await comment(author.id, 'Gute Idee, bitte auch an der Schule.');
    expect((await comment(author.id, 'Danke für die Rückmeldung!', author.token)).status).toBe(201);
    const ownReply = (await call(api, 'GET', `/api/v1/me/contributions`, { headers: { 'X-Participant-Token': author.token } })).body.comments[0];
    expect((await admin.call('POST', `/api/v1/procedures/${procedure.id}/moderation/comments/${ownReply.id}/approve`, {})).status).toBe(200);
    expect((await admin.call('POST', `/api/v1/procedures/${procedure.id}/moderation/comments/${reply.body.id}/approve`, {})).status).toBe(200);
    let mails = await settledMails(address, 2);
    expect(mails.map((m) => m.subject)).toEqual([
      'Bitte bestätigen: Benachrichtigungen zu Ihrem Beitrag „Mehr Bänke am Spielplatz“',
      'Neuer Kommentar zu Ihrem Beitrag „Mehr Bänke am Spielplatz“',
    ]);
    expect(mails[1].text).toContain('> Gute Idee, bitte auch an der Schule.');
    expect(mails[1].text).toContain(`${PUBLIC_URL}/procedures/vorab/contributions/${author.id}`);
    expect(mails[1].text).toContain(`${PUBLIC_URL}/benachrichtigung/abbestellen?token=${unsubscribeToken}`);
    expect(mails[1].headers['list-unsubscribe']).toBe(`<${PUBLIC_URL}/api/v1/notifications/unsubscribe?token=${unsubscribeToken}>`);

    // The planners' answer, then a moderator hides the contribution with a reason.
    expect((await admin.call('POST', `/api/v1/procedures/${procedure.id}/moderation/contributions/${author.id}/responses`, { text: 'Wir prüfen zwei Standorte.' })).status).toBe(201);
    // (a mail is written when it is sent, from what is public then: the answer goes out before the contribution is hidden)
    await sink.mailsTo(address, 3);
    expect((await admin.call('POST', `/api/v1/procedures/${procedure.id}/moderation/contributions/${author.id}/hide`, { reason: 'Doppelt eingereicht.' })).status).toBe(200);
    mails = await settledMails(address, 4);
    expect(mails.slice(2).map((m) => m.subject)).toEqual([
      'Antwort der Planung zu Ihrem Beitrag „Mehr Bänke am Spielplatz“',
      'Ihr Beitrag „Mehr Bänke am Spielplatz“ wurde ausgeblendet',
    ]);
    expect(mails[2].text).toContain('> Wir prüfen zwei Standorte.');
    expect(mails[3].text).toContain('Begründung: Doppelt eingereicht.');
    expect(mails[3].text).toContain(`${PUBLIC_URL}/meine-beitraege`);

    // The List-Unsubscribe address: a browser is led to the page; a mail client's one click unsubscribes.
    const oneClick = new URL(mails[3].headers['list-unsubscribe'].slice(1, -1));
    const page = await fetch(`${api.baseUrl}${oneClick.pathname}${oneClick.search}`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/benachrichtigung/abbestellen?token=${unsubscribeToken}`);
    const clicked = await fetch(`${api.baseUrl}${oneClick.pathname}${oneClick.search}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.status).toBe(200);
    expect(await state(author.id, author.token)).toBeNull();
    expect((await admin.call('POST', `/api/v1/procedures/${procedure.id}/moderation/contributions/${author.id}/unhide`, {})).status).toBe(200);
    expect((await call(api, 'POST', '/api/v1/notifications/confirm', { body: { token: confirmToken } })).status).toBe(404);
    expect(await settledMails(address, 4)).toHaveLength(4);
  });

  it('unsubscribes from the web page with the token as JSON, and from "Meine Beiträge" by the participant token', async () => {
    const author = await contribute(api, procedure, 'Radweg an der Schule');
    await subscribe(author.id, author.token, 'radfahrer@example.org', 'en');
    const [mail] = await sink.mailsTo('radfahrer@example.org', 1);
    expect(mail.subject).toBe('Please confirm: notifications about your contribution "Radweg an der Schule"');
    const token = linkIn(mail, '/benachrichtigung/abbestellen');
    const done = await call(api, 'POST', '/api/v1/notifications/unsubscribe', { body: { token } });
    expect(done.status).toBe(200);
    expect(done.body.contribution.title).toBe('Radweg an der Schule');
    expect(await state(author.id, author.token)).toBeNull();
    expect((await call(api, 'POST', '/api/v1/notifications/unsubscribe', { body: { token } })).body).toEqual({ contribution: null });
    expect((await call(api, 'POST', '/api/v1/notifications/unsubscribe', { body: {} })).status).toBe(422);

    await subscribe(author.id, author.token, 'radfahrer@example.org', 'en');
    expect(await state(author.id, author.token)).toBe('pending');
    const removed = await call(api, 'DELETE', `/api/v1/me/contributions/${author.id}/notifications`, { headers: { 'X-Participant-Token': author.token } });
    expect(removed.status).toBe(204);
    expect(await state(author.id, author.token)).toBeNull();
  });

  it('keeps a mail the SMTP server refused for now and sends it on a later attempt', async () => {
    const author = await contribute(api, procedure, 'Trinkbrunnen');
    sink.refuseNext(1);
    await subscribe(author.id, author.token, 'durst@example.org');
    const mails = await sink.mailsTo('durst@example.org', 1, 60_000);
    expect(sink.refused).toBe(1);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('Bitte bestätigen');
  });

  it('mails accessibility feedback to the operator, with the sender as Reply-To', async () => {
    const sent = await call(api, 'POST', '/api/v1/accessibility-feedback', { body: { message: 'Der Kontrast ist zu schwach.', email: 'leserin@example.org', page: '/hilfe' } });
    expect(sent.status).toBe(201);
    const [mail] = await sink.mailsTo(OPERATOR, 1);
    expect(mail.headers['reply-to']).toBe('leserin@example.org');
    expect(mail.text).toContain('Der Kontrast ist zu schwach.');
    expect(mail.text).toContain('Seite: /hilfe');
  });

  it('leaves no address behind: the outbox is empty and unsubscribed addresses are gone', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    await api.stop();
    const rows = await withDatabase(env, async (ds) => ({
      outbox: await ds.query(`SELECT kind, attempts FROM mail_outbox`),
      addresses: await ds.query(`SELECT email, confirmed_at IS NOT NULL AS confirmed FROM email_subscriptions ORDER BY email`),
    }));
    expect(rows.outbox).toEqual([]);
    // only the unconfirmed subscription of the retry test is left, until its 48 hours are over
    expect(rows.addresses).toEqual([{ email: 'durst@example.org', confirmed: false }]);
    api = await startApi(env);
  });
});
