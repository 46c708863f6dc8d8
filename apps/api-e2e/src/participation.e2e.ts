import { DataSource } from 'typeorm';
import {
  Comment,
  Contribution,
  ContributionDetail,
  ContributionFeatureCollection,
  Problem,
  ProblemCode,
  RatingSummary,
  ReportReceipt,
} from '@stadtdialog/shared/contract';
import {
  Answer,
  SeededProcedure,
  apiEnv,
  rowCounts,
  seedComment,
  seedContribution,
  seedParticipant,
  seedProcedure,
  send,
  withDatabase,
} from './participation-fixtures';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';

/** Every text that must never reach a public response starts with this. */
const SECRET = 'VERBORGEN';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const UNKNOWN_ID = '7d1f5a3c-9b2e-4c6d-8e0f-1a2b3c4d5e6f';

const problemOf = (answer: Answer<unknown>) => answer.body as Problem;

/** A refusal: its status, its machine code, and the refused fields as `field:code`. */
function expectProblem(answer: Answer<unknown>, status: number, code: ProblemCode, fields?: string[]): void {
  expect({ status: answer.status, type: answer.headers.get('content-type') }).toEqual({
    status,
    type: expect.stringContaining('application/problem+json'),
  });
  const problem = problemOf(answer);
  expect({ status: problem.status, code: problem.code }).toEqual({ status, code });
  if (fields) expect(problem.errors?.map((e) => `${e.field}:${e.code}`)).toEqual(fields);
  // a refused write issues no participant token
  expect(answer.headers.get('x-participant-token')).toBeNull();
}

describe(`participation on the ${ENGINE} engine: detail, comments, ratings, reports`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  const p: Record<'offen' | 'vorab' | 'geschlossen' | 'ohne' | 'verborgen' | 'intern', SeededProcedure> = {} as never;
  const c: Record<string, string> = {};
  const m: Record<string, string> = {};

  const detailPath = (slug: string, id: string) => `/api/v1/procedures/${slug}/contributions/${id}`;
  const detail = (slug: string, id: string, token?: string) =>
    send<ContributionDetail>(api, 'GET', detailPath(slug, id), undefined, token ? { 'X-Participant-Token': token } : {});
  const comment = (slug: string, id: string, body: unknown, headers: Record<string, string> = {}) =>
    send<Comment>(api, 'POST', `${detailPath(slug, id)}/comments`, body, headers);
  const rate = (slug: string, id: string, body: unknown, headers: Record<string, string> = {}) =>
    send<RatingSummary>(api, 'PUT', `${detailPath(slug, id)}/rating`, body, headers);
  const withdraw = (slug: string, id: string, headers: Record<string, string> = {}) =>
    send<RatingSummary>(api, 'DELETE', `${detailPath(slug, id)}/rating`, undefined, headers);
  const report = (slug: string, body: unknown, headers: Record<string, string> = {}) =>
    send<ReportReceipt>(api, 'POST', `/api/v1/procedures/${slug}/reports`, body, headers);
  const features = (slug: string) =>
    send<ContributionFeatureCollection>(api, 'GET', `/api/v1/procedures/${slug}/contributions/features`);

  /** Stops the API, runs `work` on its database, starts the API again. */
  async function whileStopped<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
    await api.stop();
    const result = await withDatabase(db.env, work);
    api = await startApi(apiEnv(db.env));
    return result;
  }

  beforeAll(async () => {
    db = await freshDatabase();
    await withDatabase(db.env, async (ds) => {
      p.offen = await seedProcedure(ds, 'offen', { settings: { reportThreshold: 2 } });
      p.vorab = await seedProcedure(ds, 'vorab', { settings: { moderation: 'pre' } });
      p.geschlossen = await seedProcedure(ds, 'geschlossen', { closed: true });
      p.ohne = await seedProcedure(ds, 'ohne', { settings: { comments: 'off', ratings: 'off' } });
      p.verborgen = await seedProcedure(ds, 'verborgen', { settings: { comments: 'hidden', ratings: 'hidden' } });
      p.intern = await seedProcedure(ds, 'intern', { internal: true });

      c.main = await seedContribution(ds, p.offen, 'Mehr Bäume');
      c.other = await seedContribution(ds, p.offen, 'Zweiter Beitrag');
      c.rejected = await seedContribution(ds, p.offen, `${SECRET} abgelehnt`, 'rejected');
      c.hidden = await seedContribution(ds, p.offen, `${SECRET} ausgeblendet`, 'hidden');
      c.pending = await seedContribution(ds, p.offen, `${SECRET} wartend`, 'pending');
      c.vorab = await seedContribution(ds, p.vorab, 'Vorab veröffentlicht');
      c.geschlossen = await seedContribution(ds, p.geschlossen, 'Aus der Beteiligung');
      c.ohne = await seedContribution(ds, p.ohne, 'Ohne Kommentare');
      c.verborgen = await seedContribution(ds, p.verborgen, 'Verdeckt bewertet');
      c.intern = await seedContribution(ds, p.intern, `${SECRET} intern`);

      m.first = await seedComment(ds, c.main, 'Erster Kommentar', { minutesAgo: 50 });
      m.hiddenTop = await seedComment(ds, c.main, `${SECRET} ausgeblendeter Kommentar`, { status: 'hidden', minutesAgo: 45 });
      m.firstReply = await seedComment(ds, c.main, 'Antwort auf den ersten', { parentId: m.first, minutesAgo: 40 });
      m.hiddenReply = await seedComment(ds, c.main, `${SECRET} ausgeblendete Antwort`, {
        parentId: m.first, status: 'hidden', minutesAgo: 38,
      });
      m.replyToHidden = await seedComment(ds, c.main, `${SECRET} Antwort auf Ausgeblendetes`, { parentId: m.hiddenTop, minutesAgo: 35 });
      m.second = await seedComment(ds, c.main, 'Zweiter Kommentar', { minutesAgo: 30 });
      m.pending = await seedComment(ds, c.main, `${SECRET} wartender Kommentar`, { status: 'pending', minutesAgo: 20 });
      m.rejected = await seedComment(ds, c.main, `${SECRET} abgelehnter Kommentar`, { status: 'rejected', minutesAgo: 10 });
      m.onOther = await seedComment(ds, c.other, 'Zum zweiten Beitrag', { minutesAgo: 10 });
      m.onRejected = await seedComment(ds, c.rejected, `${SECRET} Kommentar zum Abgelehnten`, { minutesAgo: 10 });
      m.intern = await seedComment(ds, c.intern, `${SECRET} interner Kommentar`, { minutesAgo: 10 });
      m.ohne = await seedComment(ds, c.ohne, 'Alter Kommentar', { minutesAgo: 10 });
      m.verborgen = await seedComment(ds, c.verborgen, `${SECRET} Kommentar bei verborgenen Kommentaren`, { minutesAgo: 10 });
      for (const id of [c.ohne, c.verborgen]) {
        await ds.query(`INSERT INTO ratings (contribution_id, participant_id, value) VALUES ($1, $2, 1)`, [id, await seedParticipant(ds)]);
      }
    });
    api = await startApi(apiEnv(db.env));
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  describe('the contribution detail', () => {
    it('shows the contribution with its rating and its published comments, oldest first, each with its replies', async () => {
      const { status, body } = await detail('offen', c.main);
      expect(status).toBe(200);
      expect(body).toMatchObject({ id: c.main, title: 'Mehr Bäume', status: 'published', mine: false });
      expect(body.rating).toEqual({ up: 0, down: 0, own: null });
      expect(body.comments.map((x) => [x.text, (x.replies ?? []).map((r) => r.text)])).toEqual([
        ['Erster Kommentar', ['Antwort auf den ersten']],
        ['Zweiter Kommentar', []],
      ]);
      expect(body.comments[0]).toEqual({
        id: m.first, contributionId: c.main, parentId: null, text: 'Erster Kommentar', official: false,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        replies: [expect.objectContaining({ id: m.firstReply, parentId: m.first })],
      });
      expect(JSON.stringify(body)).not.toContain(SECRET);
    });

    it('shows pending, rejected and hidden content and internal procedures in no public response', async () => {
      for (const id of [c.rejected, c.hidden, c.pending]) expectProblem(await detail('offen', id), 404, 'not_found');
      expectProblem(await detail('intern', c.intern), 404, 'not_found');
      expectProblem(await detail('offen', c.intern), 404, 'not_found');
      expectProblem(await features('intern'), 404, 'not_found');
      const map = await features('offen');
      expect(map.status).toBe(200);
      expect(map.body.features.map((f) => f.id).sort()).toEqual([c.main, c.other].sort());
      const everything = await Promise.all([
        detail('offen', c.main), detail('offen', c.other), detail('verborgen', c.verborgen), features('offen'),
        features('verborgen'), send(api, 'GET', '/api/v1/procedures'),
      ]);
      for (const answer of everything) {
        expect(answer.status).toBe(200);
        expect(JSON.stringify(answer.body)).not.toContain(SECRET);
      }
    });

    it('shows a pending contribution to its author only, marked as theirs', async () => {
      const created = await send<Contribution>(api, 'POST', '/api/v1/procedures/vorab/contributions', {
        title: 'Wartet auf Prüfung', text: 'Erst nach der Moderation öffentlich.',
        categoryId: p.vorab.categoryId, rubricId: p.vorab.rubricId,
      });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe('pending');
      const author = created.headers.get('x-participant-token') as string;
      expect(author).toMatch(TOKEN);
      const stranger = (await rate('offen', c.other, { value: 1 })).headers.get('x-participant-token') as string;
      expect(stranger).toMatch(TOKEN);

      expectProblem(await detail('vorab', created.body.id), 404, 'not_found');
      expectProblem(await detail('vorab', created.body.id, stranger), 404, 'not_found');
      const own = await detail('vorab', created.body.id, author);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ status: 'pending', mine: true, comments: [], rating: { up: 0, down: 0, own: null } });
      expect((await features('vorab')).body.features.map((f) => f.id)).toEqual([c.vorab]);
      // taking part needs a public contribution, also for its author
      expectProblem(await comment('vorab', created.body.id, { text: 'Nachtrag' }, { 'X-Participant-Token': author }), 404, 'not_found');
      expectProblem(await rate('vorab', created.body.id, { value: 1 }, { 'X-Participant-Token': author }), 404, 'not_found');
    });

    it("leaves out counts and comments where the procedure hides them, and still takes the participant's part", async () => {
      const before = await detail('verborgen', c.verborgen);
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ ratingsUp: null, ratingsDown: null, commentCount: null, comments: [] });
      expect(before.body.rating).toEqual({ up: null, down: null, own: null });

      const rated = await rate('verborgen', c.verborgen, { value: -1 });
      expect(rated.status).toBe(200);
      expect(rated.body).toEqual({ up: null, down: null, own: -1 });
      const token = rated.headers.get('x-participant-token') as string;
      const written = await comment('verborgen', c.verborgen, { text: 'Nur für das Planungsteam' }, { 'X-Participant-Token': token });
      expect(written.status).toBe(201);

      const after = await detail('verborgen', c.verborgen, token);
      expect(after.body).toMatchObject({ comments: [], commentCount: null, rating: { up: null, down: null, own: -1 } });
      // a comment nobody can see cannot be reported either
      expectProblem(await report('verborgen', { commentId: written.body.id, reason: 'Beleidigend' }), 422, 'validation_failed', ['commentId:not_in_procedure']);
    });

    it('shows the counts but takes nothing new where the procedure has switched comments and ratings off', async () => {
      const { body } = await detail('ohne', c.ohne);
      expect(body).toMatchObject({ ratingsUp: 1, commentCount: 1, rating: { up: 1, down: 0, own: null } });
      expect(body.comments.map((x) => x.text)).toEqual(['Alter Kommentar']);
    });

    it('answers 404 for an id that is not a UUID and for an unknown procedure', async () => {
      expectProblem(await send(api, 'GET', '/api/v1/procedures/offen/contributions/123'), 404, 'not_found');
      expectProblem(await detail('gibt-es-nicht', c.main), 404, 'not_found');
    });
  });

  describe('comments', () => {
    it('takes a comment and a reply, trims the text, issues a participant token once, and shows both in the thread', async () => {
      const before = (await detail('offen', c.main)).body;
      const written = await comment('offen', c.main, { text: '  Gute Idee,\r\nunbedingt!  ' });
      expect(written.status).toBe(201);
      expect(written.body).toEqual({
        id: expect.any(String), contributionId: c.main, parentId: null, text: 'Gute Idee,\nunbedingt!', official: false,
        status: 'published', createdAt: expect.any(String),
      });
      const token = written.headers.get('x-participant-token') as string;
      expect(token).toMatch(TOKEN);

      const reply = await comment('offen', c.main, { text: 'Sehe ich auch so.', parentId: written.body.id }, { 'X-Participant-Token': token });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ parentId: written.body.id, status: 'published' });
      expect(reply.headers.get('x-participant-token')).toBeNull();

      const after = (await detail('offen', c.main)).body;
      expect(after.commentCount).toBe((before.commentCount as number) + 2);
      expect(after.comments.map((x) => x.id)).toEqual([m.first, m.second, written.body.id]);
      expect(after.comments[2].replies?.map((r) => r.text)).toEqual(['Sehe ich auch so.']);
    });

    it('holds a comment for moderation in a pre-moderation procedure', async () => {
      const written = await comment('vorab', c.vorab, { text: 'Bitte prüfen' });
      expect(written.status).toBe(201);
      expect(written.body.status).toBe('pending');
      const { body } = await detail('vorab', c.vorab, written.headers.get('x-participant-token') as string);
      expect(body).toMatchObject({ commentCount: 0, comments: [] });
    });

    it('answers a retry with the same Idempotency-Key with the first comment, and refuses the key for another body', async () => {
      const key = { 'Idempotency-Key': '3f0c8a52-1b7e-4e39-9d61-5c2a7b8e0f14' };
      const before = (await detail('offen', c.other)).body.commentCount as number;
      const first = await comment('offen', c.other, { text: 'Nur einmal' }, key);
      const retry = await comment('offen', c.other, { text: 'Nur einmal' }, key);
      expect([first.status, retry.status]).toEqual([201, 201]);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect((await detail('offen', c.other)).body.commentCount).toBe(before + 1);
      expectProblem(await comment('offen', c.other, { text: 'Etwas anderes' }, key), 422, 'validation_failed', ['Idempotency-Key:key_reused']);
    });
  });

  describe('ratings', () => {
    it('sets, changes and withdraws one rating per participant, with exact counts', async () => {
      const up = await rate('offen', c.main, { value: 1 });
      expect(up.status).toBe(200);
      expect(up.body).toEqual({ up: 1, down: 0, own: 1 });
      const token = up.headers.get('x-participant-token') as string;
      expect(token).toMatch(TOKEN);
      const me = { 'X-Participant-Token': token };

      const again = await rate('offen', c.main, { value: 1 }, me);
      expect(again.body).toEqual({ up: 1, down: 0, own: 1 });
      expect(again.headers.get('x-participant-token')).toBeNull();
      expect((await rate('offen', c.main, { value: -1 }, me)).body).toEqual({ up: 0, down: 1, own: -1 });
      const seen = (await detail('offen', c.main, token)).body;
      expect(seen).toMatchObject({ ratingsUp: 0, ratingsDown: 1, rating: { up: 0, down: 1, own: -1 }, mine: false });

      expect((await withdraw('offen', c.main, me)).body).toEqual({ up: 0, down: 0, own: null });
      expect((await withdraw('offen', c.main, me)).body).toEqual({ up: 0, down: 0, own: null });
      const anonymous = await withdraw('offen', c.main);
      expect(anonymous.status).toBe(200);
      expect(anonymous.headers.get('x-participant-token')).toBeNull();
      expect((await detail('offen', c.main, token)).body.rating).toEqual({ up: 0, down: 0, own: null });
    });
  });

  describe('reports', () => {
    it('takes one report per participant and item, flags the item at the threshold and keeps it public', async () => {
      const first = await report('offen', { contributionId: c.main, reason: '  Werbung  ' });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ id: expect.any(String) });
      const token = first.headers.get('x-participant-token') as string;
      expect(token).toMatch(TOKEN);

      const twice = await report('offen', { contributionId: c.main, reason: 'Immer noch Werbung' }, { 'X-Participant-Token': token });
      expectProblem(twice, 409, 'already_reported');
      expect(problemOf(twice).detail).toMatch(/already reported this contribution/);

      const second = await report('offen', { contributionId: c.main, reason: 'Spam' });
      expect(second.status).toBe(201);
      const onComment = await report('offen', { commentId: m.second, reason: 'Beleidigend' }, { 'X-Participant-Token': token });
      expect(onComment.status).toBe(201);
      // after the procedure's participation phase, harmful content can still be reported
      expect((await report('geschlossen', { contributionId: c.geschlossen, reason: 'Falsche Angaben' })).status).toBe(201);

      expect((await detail('offen', c.main)).status).toBe(200);
      expect((await features('offen')).body.features.map((f) => f.id)).toContain(c.main);
    });

    it('answers a retry with the same Idempotency-Key with the first report', async () => {
      const key = { 'Idempotency-Key': 'a4d9e7b1-6c3f-4a28-8e5b-0f1d2c3b4a59' };
      const body = { commentId: m.onOther, reason: 'Off-topic' };
      const first = await report('offen', body, key);
      const retry = await report('offen', body, key);
      expect([first.status, retry.status]).toEqual([201, 201]);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
    });
  });

  describe('refused writes', () => {
    let before: Record<string, number>;

    beforeAll(async () => {
      before = await whileStopped(rowCounts);
    });

    it('refuses bad comments with the field at fault', async () => {
      const bad: [unknown, string[]][] = [
        [{ text: '   \n ' }, ['text:blank_text']],
        [{ text: '\u200b\u00a0\u2800' }, ['text:blank_text']],
        [{ text: 'x'.repeat(1501) }, ['text:too_long']],
        [{}, ['text:required']],
        [{ text: 42 }, ['text:not_text']],
        [{ text: 'ok', official: true }, ['official:unknown_field']],
        [{ text: 'ok', parentId: 'nope' }, ['parentId:invalid_id']],
        [{ text: 'Antwort auf eine Antwort', parentId: m.firstReply }, ['parentId:reply_depth']],
        [{ text: 'falscher Beitrag', parentId: m.onOther }, ['parentId:not_in_procedure']],
        [{ text: 'auf Wartendes', parentId: m.pending }, ['parentId:not_in_procedure']],
        [{ text: 'auf Ausgeblendetes', parentId: m.hiddenTop }, ['parentId:not_in_procedure']],
        [{ text: 'unbekannt', parentId: UNKNOWN_ID }, ['parentId:not_in_procedure']],
        ['{"text": "kaputt"', []],
      ];
      for (const [body, fields] of bad) {
        const answer = await comment('offen', c.main, body);
        if (typeof body === 'string') expectProblem(answer, 400, 'invalid_json');
        else expectProblem(answer, 422, 'validation_failed', fields);
      }
      const replyToReply = await comment('offen', c.main, { text: 'tiefer', parentId: m.firstReply });
      expect(problemOf(replyToReply).errors?.[0].message).toMatch(/reply cannot be answered/);
      expect((await comment('offen', c.main, { text: 'x'.repeat(1501) })).body).toMatchObject({
        errors: [{ field: 'text', code: 'too_long', max: 1500, message: 'text must be at most 1500 characters' }],
      });
    });

    it('refuses comments where they cannot be made', async () => {
      for (const [slug, id] of [['offen', c.rejected], ['offen', c.hidden], ['offen', c.pending], ['offen', UNKNOWN_ID],
        ['intern', c.intern], ['offen', c.intern], ['gibt-es-nicht', c.main]]) {
        expectProblem(await comment(slug, id, { text: 'Hallo' }), 404, 'not_found');
      }
      expectProblem(await send(api, 'POST', '/api/v1/procedures/offen/contributions/123/comments', { text: 'Hallo' }), 404, 'not_found');
      const off = await comment('ohne', c.ohne, { text: 'Hallo' });
      expectProblem(off, 409, 'comments_off');
      expect(problemOf(off).title).toBe('Comments are closed');
      const closed = await comment('geschlossen', c.geschlossen, { text: 'Hallo' });
      expectProblem(closed, 409, 'participation_closed');
      expect(problemOf(closed).what).toBe('comments');
      expectProblem(await comment('offen', c.main, { text: 'Hallo' }, { 'Idempotency-Key': 'retry-1' }), 400, 'invalid_header', ['Idempotency-Key:invalid_id']);
    });

    it('refuses bad ratings and ratings where they cannot be made', async () => {
      const bad: [unknown, string][] = [
        [{ value: 2 }, 'value:not_allowed'], [{ value: 0 }, 'value:not_allowed'], [{ value: '1' }, 'value:not_allowed'],
        [{}, 'value:required'], [{ value: 1, weight: 3 }, 'weight:unknown_field'],
      ];
      for (const [body, field] of bad) {
        const answer = await rate('offen', c.main, body);
        expectProblem(answer, 422, 'validation_failed', [field]);
      }
      expect((await rate('offen', c.main, { value: 2 })).body).toMatchObject({ errors: [{ field: 'value', allowed: [1, -1] }] });
      for (const [slug, id] of [['offen', c.rejected], ['offen', c.hidden], ['offen', c.pending], ['offen', UNKNOWN_ID],
        ['intern', c.intern], ['gibt-es-nicht', c.main]]) {
        expectProblem(await rate(slug, id, { value: 1 }), 404, 'not_found');
        expectProblem(await withdraw(slug, id), 404, 'not_found');
      }
      expectProblem(await rate('ohne', c.ohne, { value: 1 }), 409, 'ratings_off');
      expectProblem(await withdraw('ohne', c.ohne), 409, 'ratings_off');
      expectProblem(await rate('geschlossen', c.geschlossen, { value: -1 }), 409, 'participation_closed');
    });

    it('refuses bad reports with the field at fault', async () => {
      const bad: [unknown, string[]][] = [
        [{ reason: 'Spam' }, ['contributionId:required', 'commentId:required']],
        [{ contributionId: c.main, commentId: m.first, reason: 'Spam' }, ['contributionId:not_combinable', 'commentId:not_combinable']],
        [{ contributionId: c.main, reason: '  ' }, ['reason:blank_text']],
        [{ contributionId: c.main, reason: '\u200b\u200b' }, ['reason:blank_text']],
        [{ contributionId: c.main, reason: 'x'.repeat(1001) }, ['reason:too_long']],
        [{ contributionId: c.main }, ['reason:required']],
        [{ contributionId: 'abc', reason: 'Spam' }, ['contributionId:invalid_id']],
        [{ contributionId: c.main, reason: 'Spam', severity: 'high' }, ['severity:unknown_field']],
        [{ contributionId: c.hidden, reason: 'Spam' }, ['contributionId:not_in_procedure']],
        [{ contributionId: c.pending, reason: 'Spam' }, ['contributionId:not_in_procedure']],
        [{ contributionId: c.intern, reason: 'Spam' }, ['contributionId:not_in_procedure']],
        [{ contributionId: c.vorab, reason: 'Spam' }, ['contributionId:not_in_procedure']],
        [{ commentId: m.pending, reason: 'Spam' }, ['commentId:not_in_procedure']],
        [{ commentId: m.replyToHidden, reason: 'Spam' }, ['commentId:not_in_procedure']],
        [{ commentId: m.onRejected, reason: 'Spam' }, ['commentId:not_in_procedure']],
        [{ commentId: UNKNOWN_ID, reason: 'Spam' }, ['commentId:not_in_procedure']],
      ];
      for (const [body, fields] of bad) expectProblem(await report('offen', body), 422, 'validation_failed', fields);
      expectProblem(await report('intern', { contributionId: c.intern, reason: 'Spam' }), 404, 'not_found');
      expectProblem(await report('gibt-es-nicht', { contributionId: c.main, reason: 'Spam' }), 404, 'not_found');
    });

    it('stored nothing for any of them', async () => {
      expect(await whileStopped(rowCounts)).toEqual(before);
    });
  });

  it('queues exactly the items whose open reports reached the threshold for moderation', async () => {
    const flagged = await whileStopped(async (ds) => {
      const rows: { id: string }[] = await ds.query(
        `SELECT id FROM contributions WHERE flagged_at IS NOT NULL UNION ALL SELECT id FROM comments WHERE flagged_at IS NOT NULL`,
      );
      return rows.map((r) => r.id);
    });
    // two reports on the main contribution (threshold 2); one each on a comment and the closed procedure's contribution (threshold 3)
    expect(flagged).toEqual([c.main]);
  });
});
