/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked by the tests' assertions, not by types */
import { randomUUID } from 'node:crypto';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { SeededProcedure, apiEnv, seedProcedure, withDatabase } from './participation-fixtures';
import { ADMIN, PlannerClient, call, contribute } from './planner-fixtures';

describe(`"Meine Beiträge": a participant's own contributions and comments (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let admin: PlannerClient;
  let pre: SeededProcedure;
  let post: SeededProcedure;
  let internal: SeededProcedure;

  const mine = (token?: string) => call(api, 'GET', '/api/v1/me/contributions', { headers: token ? { 'X-Participant-Token': token } : {} });
  const moderate = (procedure: SeededProcedure, id: string, action: string, body: unknown = {}) =>
    admin.call('POST', `/api/v1/procedures/${procedure.id}/moderation/contributions/${id}/${action}`, body);
  const comment = (procedure: SeededProcedure, contributionId: string, text: string, token: string) =>
    call(api, 'POST', `/api/v1/procedures/${procedure.slug}/contributions/${contributionId}/comments`, {
      body: { text }, headers: { 'Idempotency-Key': randomUUID(), 'X-Participant-Token': token },
    });

  beforeAll(async () => {
    db = await freshDatabase();
    const env = apiEnv({ ...db.env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    [pre, post, internal] = await withDatabase(env, async (ds) => [
      await seedProcedure(ds, 'vorab-geprueft', { settings: { moderation: 'pre' } }),
      await seedProcedure(ds, 'offen', { settings: { moderation: 'post' } }),
      await seedProcedure(ds, 'intern', { settings: { moderation: 'post' } }),
    ]);
    api = await startApi(env);
    admin = await PlannerClient.signIn(api, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('lists nothing without a token, or with one the server never issued', async () => {
    for (const token of [undefined, 'x'.repeat(43), 'kurz']) {
      const reply = await mine(token);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ contributions: [], comments: [] });
    }
  });

  it('shows the author a pending contribution with its state, a rejection with its reason and an edit with the original, and nothing of others', async () => {
    const first = await contribute(api, pre, 'Mehr Bänke am Spielplatz');
    const token = first.token;
    expect(first.status).toBe('pending');
    const second = await contribute(api, pre, 'Radweg an der Schule', token);
    const third = await contribute(api, pre, 'Parkplatz statt Wiese', token);
    const other = await contribute(api, post, 'Fremder Beitrag über Lärm');
    const inInternal = await contribute(api, internal, 'Im internen Verfahren', token);
    expect(other.token).not.toBe(token);

    let list = (await mine(token)).body;
    expect(list.contributions.map((c: any) => [c.title, c.status])).toEqual(
      ([['Mehr Bänke am Spielplatz', 'pending'], ['Radweg an der Schule', 'pending'], ['Parkplatz statt Wiese', 'pending'], ['Im internen Verfahren', 'published']].reverse()),
    );
    expect(list.contributions.find((c: any) => c.id === first.id)).toMatchObject({
      procedure: { slug: 'vorab-geprueft', title: 'vorab-geprueft' }, category: 'Grün', rubric: 'Idee', moderationReason: null, edit: null, notification: null,
      geometry: { type: 'Point', coordinates: [9.95, 53.55] },
    });

    // An internal procedure leaves every public view, "Meine Beiträge" included.
    await withDatabaseFlag(internal, true);
    list = (await mine(token)).body;
    expect(list.contributions.map((c: any) => c.id)).not.toContain(inInternal.id);
    expect(list.contributions).toHaveLength(3);

    expect((await moderate(pre, first.id, 'reject', { reason: 'Bitte nur ein Anliegen je Beitrag.' })).status).toBe(200);
    const edit = await admin.call('PATCH', `/api/v1/procedures/${pre.id}/moderation/contributions/${second.id}`, {
      text: 'Radweg an der Schule (Name entfernt)', reason: 'Personenbezogene Daten entfernt.',
    });
    expect(edit.status).toBe(200);
    expect((await moderate(pre, second.id, 'approve')).status).toBe(200);
    expect((await moderate(pre, third.id, 'hide', { reason: 'Doppelt eingereicht.' })).status).toBe(200);

    const reply = await mine(token);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const byTitle = Object.fromEntries(reply.body.contributions.map((c: any) => [c.title, c]));
    expect(byTitle['Mehr Bänke am Spielplatz']).toMatchObject({ status: 'rejected', moderationReason: 'Bitte nur ein Anliegen je Beitrag.', edit: null });
    expect(byTitle['Radweg an der Schule (Name entfernt)']).toBeUndefined();
    const edited = reply.body.contributions.find((c: any) => c.id === second.id);
    expect(edited).toMatchObject({
      status: 'published',
      text: 'Radweg an der Schule (Name entfernt)',
      edit: { original: { title: 'Radweg an der Schule', text: 'Radweg an der Schule: Text', category: 'Grün', rubric: 'Idee' }, reason: 'Personenbezogene Daten entfernt.' },
      commentCount: 0,
    });
    expect(byTitle['Parkplatz statt Wiese']).toMatchObject({ status: 'hidden', moderationReason: 'Doppelt eingereicht.' });
    expect(JSON.stringify(reply.body)).not.toContain('Fremder Beitrag');

    const others = (await mine(other.token)).body;
    expect(others.contributions.map((c: any) => c.title)).toEqual(['Fremder Beitrag über Lärm']);
    expect(JSON.stringify(others)).not.toMatch(/Spielplatz|Radweg|Parkplatz/);
  });

  it('lists own comments and replies with their state, and the contribution title only while it is public', async () => {
    const author = await contribute(api, post, 'Baumscheiben begrünen');
    const commenter = await contribute(api, post, 'Eigener Beitrag des Kommentierenden');
    const top = await comment(post, author.id, 'Gute Idee, bitte auch in der Nebenstraße.', commenter.token);
    expect(top.status).toBe(201);
    const reply = await call(api, 'POST', `/api/v1/procedures/${post.slug}/contributions/${author.id}/comments`, {
      body: { text: 'Dem stimme ich zu.', parentId: top.body.id },
      headers: { 'Idempotency-Key': randomUUID(), 'X-Participant-Token': commenter.token },
    });
    expect(reply.status).toBe(201);
    const pending = await contribute(api, pre, 'Noch nicht geprüft');
    expect((await moderate(pre, pending.id, 'approve')).status).toBe(200);
    const prePending = await comment(pre, pending.id, 'Kommentar in Vorabprüfung', commenter.token);
    expect(prePending.body.status).toBe('pending');

    let list = (await mine(commenter.token)).body;
    expect(list.comments.map((m: any) => [m.text, m.status, m.reply, m.contributionTitle])).toEqual([
      ['Kommentar in Vorabprüfung', 'pending', false, 'Noch nicht geprüft'],
      ['Dem stimme ich zu.', 'published', true, 'Baumscheiben begrünen'],
      ['Gute Idee, bitte auch in der Nebenstraße.', 'published', false, 'Baumscheiben begrünen'],
    ]);
    expect(list.comments[1]).toMatchObject({ procedure: { slug: 'offen' }, contributionId: author.id, moderationReason: null });
    expect(list.contributions.map((c: any) => c.title)).toEqual(['Eigener Beitrag des Kommentierenden']);

    // The contribution commented on is hidden: the commenter keeps the comment, no longer its title.
    expect((await moderate(post, author.id, 'hide', { reason: 'Prüfung' })).status).toBe(200);
    expect((await admin.call('POST', `/api/v1/procedures/${post.id}/moderation/comments/${top.body.id}/reject`, { reason: 'Werbung' })).status).toBe(200);
    list = (await mine(commenter.token)).body;
    const byText = Object.fromEntries(list.comments.map((m: any) => [m.text, m]));
    expect(byText['Gute Idee, bitte auch in der Nebenstraße.']).toMatchObject({ status: 'rejected', moderationReason: 'Werbung', contributionTitle: null });
    expect(byText['Dem stimme ich zu.'].contributionTitle).toBeNull();
    expect(JSON.stringify(list)).not.toContain('Baumscheiben');
    // the author still sees the own hidden contribution with its reason
    expect((await mine(author.token)).body.contributions[0]).toMatchObject({ title: 'Baumscheiben begrünen', status: 'hidden', moderationReason: 'Prüfung' });
  });

  it('offers no e-mail notifications when the installation has no SMTP server', async () => {
    expect((await call(api, 'GET', '/api/v1/site')).body.notifications).toBe(false);
    const own = await contribute(api, post, 'Ohne E-Mail');
    const refused = await call(api, 'POST', `/api/v1/me/contributions/${own.id}/notifications`, {
      body: { email: 'anwohnerin@example.org', language: 'de' },
      headers: { 'Idempotency-Key': randomUUID(), 'X-Participant-Token': own.token },
    });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await mine(own.token)).body.contributions[0].notification).toBeNull();
  });

  async function withDatabaseFlag(procedure: SeededProcedure, value: boolean): Promise<void> {
    const reply = await admin.call('PATCH', `/api/v1/procedures/${procedure.id}/setup`, { internal: value });
    expect(reply.status).toBe(200);
  }
});
