import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { SeededProcedure, apiEnv, seedProcedure, withDatabase } from './participation-fixtures';
import { ADMIN, PlannerClient, call } from './planner-fixtures';
import { EvaluationProcedure, KNOWN_TEXT, seedEvaluationProcedure } from './evaluation-fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked by the assertions */

/** Counts taken directly in SQL, to compare the statistics with. */
async function sqlCounts(ds: any, procedureId: string, publicOnly: boolean) {
  const status = publicOnly ? `AND c.status = 'published'` : '';
  const commentStatus = publicOnly ? `AND m.status = 'published'` : '';
  const [row] = await ds.query(
    `SELECT (SELECT count(*)::int FROM contributions c WHERE procedure_id = $1 ${status}) AS contributions,
            (SELECT count(*)::int FROM comments m JOIN contributions c ON c.id = m.contribution_id WHERE c.procedure_id = $1 ${status} ${commentStatus}) AS comments,
            (SELECT count(*)::int FROM ratings r JOIN contributions c ON c.id = r.contribution_id WHERE c.procedure_id = $1 ${status}) AS ratings,
            (SELECT count(DISTINCT p)::int FROM (
               SELECT participant_id AS p FROM contributions c WHERE procedure_id = $1 ${status}
               UNION SELECT m.participant_id FROM comments m JOIN contributions c ON c.id = m.contribution_id WHERE c.procedure_id = $1 ${status} ${commentStatus}
               UNION SELECT r.participant_id FROM ratings r JOIN contributions c ON c.id = r.contribution_id WHERE c.procedure_id = $1 ${status}) x
             WHERE p IS NOT NULL) AS participants,
            (SELECT json_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM contributions c WHERE procedure_id = $1 ${status} GROUP BY status) s) AS by_status`,
    [procedureId],
  );
  return row;
}

const asMap = (counts: { key: string; count: number }[]) => Object.fromEntries(counts.map((c) => [c.key, c.count]));

describe(`statistics (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let procedure: EvaluationProcedure;
  let other: SeededProcedure;
  let internal: EvaluationProcedure;
  let admin: PlannerClient;
  let otherModerator: PlannerClient;
  let expectedPlanner: any;
  let expectedPublic: any;

  beforeAll(async () => {
    db = await freshDatabase();
    const env = apiEnv({ ...db.env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    await withDatabase(env, async (ds) => {
      procedure = await seedEvaluationProcedure(ds, 'auswertung');
      internal = await seedEvaluationProcedure(ds, 'intern', { internal: true });
      other = await seedProcedure(ds, 'anderes', { settings: { comments: 'hidden' } });
      // for the start page's overview: a procedure that hides comments, and appointments to come
      const [{ id: quiet }] = await ds.query(
        `INSERT INTO contributions (procedure_id, category_id, rubric_id, title, body, status, created_at)
         VALUES ($1, $2, $3, 'Stiller Beitrag', 'Kommentare verborgen', 'published', now() - interval '2 hours') RETURNING id`,
        [other.id, other.categoryId, other.rubricId],
      );
      for (const body of ['eins', 'zwei', 'drei', 'vier']) {
        await ds.query(`INSERT INTO comments (contribution_id, body, status) VALUES ($1, $2, 'published')`, [quiet, body]);
      }
      for (const [id, title, inDays] of [[procedure.id, 'Spaziergang im Plangebiet', 3], [internal.id, 'Internes Treffen', 1], [procedure.id, 'Vorbei', -3]] as const) {
        await ds.query(`INSERT INTO appointments (procedure_id, title, starts_at, place) VALUES ($1, $2, now() + $3 * interval '1 day', 'Marktplatz')`, [id, title, inDays]);
      }
      expectedPlanner = await sqlCounts(ds, procedure.id, false);
      expectedPublic = await sqlCounts(ds, procedure.id, true);
    });
    api = await startApi(env);
    admin = await PlannerClient.signIn(api, ADMIN.email, ADMIN.password);
    const created = await admin.call('POST', '/api/v1/planners', { email: 'mod@stadtdialog.test', displayName: 'Mo', password: 'moderator password' });
    expect((await admin.call('PUT', `/api/v1/procedures/${other.id}/memberships/${created.body.id}`, { role: 'moderator' })).status).toBe(200);
    otherModerator = await PlannerClient.signIn(api, 'mod@stadtdialog.test', 'moderator password');
  }, 420_000);

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  const plannerPath = (query = '') => `/api/v1/procedures/${procedure.id}/evaluation/statistics${query}`;

  it('gives planners totals over every status equal to the counts in SQL', async () => {
    const { status, body } = await admin.call('GET', plannerPath());
    expect(status).toBe(200);
    expect(body.scope).toBe('planner');
    expect(expectedPlanner).toMatchObject({ contributions: 7, comments: 5, ratings: 5, participants: 4 });
    expect(body.totals).toEqual({
      contributions: expectedPlanner.contributions, comments: expectedPlanner.comments, ratings: expectedPlanner.ratings,
      ratingsUp: 4, ratingsDown: 1, participants: expectedPlanner.participants,
    });
    expect(asMap(body.byStatus)).toEqual(expectedPlanner.by_status);
    expect(asMap(body.commentsByStatus)).toEqual({ published: 4, hidden: 1 });
    expect(asMap(body.bySource)).toEqual({ online: 4, workshop: 2, import: 1 });
    expect(body.byWorkshop).toEqual([{ key: procedure.workshopId, label: 'Tisch 1', count: 2 }]);
    expect(asMap(body.byGeometry)).toEqual({ POINT: 4, LINESTRING: 1, POLYGON: 1, NONE: 1 });
    expect(body.byCategory.map((c: any) => [c.label, c.count])).toEqual([['Grün', 4], ['Verkehr', 3]]);
    expect(body.byRubric.map((c: any) => [c.key, c.label, c.count])).toEqual([['idea', 'Idee', 5], ['criticism', 'Kritik', 2]]);
    const days = body.overTime.buckets;
    expect(body.overTime.interval).toBe('day');
    expect(days.reduce((n: number, b: any) => n + b.contributions, 0)).toBe(7);
    expect(days.reduce((n: number, b: any) => n + b.comments, 0)).toBe(5);
    expect(days.length).toBeGreaterThanOrEqual(4);
    expect(body.topRated.map((t: any) => t.title)).toEqual([KNOWN_TEXT.title, 'Spielplatz', 'Versteckt', 'Zebrastreifen']);
    expect(body.topCommented[0]).toMatchObject({ title: KNOWN_TEXT.title, commentCount: 2 });
  });

  it('gives the public only published content of the public views, without the hidden counts', async () => {
    const { status, body, text } = await call(api, 'GET', `/api/v1/procedures/${procedure.slug}/statistics`);
    expect(status).toBe(200);
    expect(body.scope).toBe('public');
    expect(expectedPublic).toMatchObject({ contributions: 4, comments: 3, ratings: 4, participants: 3 });
    expect(body.totals).toEqual({
      contributions: expectedPublic.contributions, comments: expectedPublic.comments, ratings: expectedPublic.ratings,
      ratingsUp: 3, ratingsDown: 1, participants: expectedPublic.participants,
    });
    expect(body.byStatus).toBeNull();
    expect(body.commentsByStatus).toBeNull();
    expect(asMap(body.bySource)).toEqual({ online: 2, workshop: 1, import: 1 });
    expect(body.byWorkshop).toEqual([{ key: procedure.workshopId, label: 'Tisch 1', count: 1 }]);
    expect(body.topRated.map((t: any) => t.title)).toEqual([KNOWN_TEXT.title, 'Spielplatz', 'Zebrastreifen']);
    for (const secret of ['Versteckt', 'Wartet', 'Abgelehnt', 'Versteckter Kommentar', 'Beleidigung']) expect(text).not.toContain(secret);
    expect(body.keyTerms.map((t: any) => t.term)).not.toContain('Beleidigung');
  });

  it('gives the start page published counts per public procedure, the most discussed and newest contributions and the appointments to come', async () => {
    const { status, body, text } = await call(api, 'GET', '/api/v1/overview');
    expect(status).toBe(200);
    const counts = Object.fromEntries(body.procedures.map((p: any) => [p.id, p]));
    expect(counts[procedure.id]).toEqual({ id: procedure.id, contributions: expectedPublic.contributions, comments: expectedPublic.comments });
    expect(counts[other.id]).toEqual({ id: other.id, contributions: 1, comments: null });
    expect(counts[internal.id]).toBeUndefined();
    expect(body.mostDiscussed.map((c: any) => [c.title, c.commentCount, c.procedure.slug])).toEqual([
      [KNOWN_TEXT.title, 2, procedure.slug], ['Zebrastreifen', 1, procedure.slug],
    ]);
    expect(body.mostRecent.map((c: any) => c.title)).toEqual(['Ohne Ort', 'Stiller Beitrag', 'Spielplatz', 'Zebrastreifen', KNOWN_TEXT.title]);
    expect(body.mostRecent[1]).toMatchObject({ commentCount: null, procedure: { slug: other.slug, title: other.slug } });
    expect(body.appointments.map((a: any) => [a.title, a.place, a.procedure.slug])).toEqual([['Spaziergang im Plangebiet', 'Marktplatz', procedure.slug]]);
    expect(body.map).toMatchObject({ projection: expect.any(String), layers: expect.any(Array) });
    for (const secret of ['Versteckt', 'Wartet', 'Abgelehnt', 'Internes Treffen', 'Vorbei', 'participantId', 'token']) expect(text).not.toContain(secret);
  });

  it('counts the ratings and comments of the planning variants: every status and variant for planners, published ones for the public', async () => {
    const planner = await admin.call('GET', plannerPath());
    expect(planner.body.variants).toEqual([
      { id: procedure.variants['Variante Park'], title: 'Variante Park', published: true, ratingsUp: 2, ratingsDown: 1, comments: 3 },
      { id: procedure.variants['Entwurf Plaza'], title: 'Entwurf Plaza', published: false, ratingsUp: 1, ratingsDown: 0, comments: 1 },
    ]);
    // the time filters apply to them, the contribution filters do not
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
    const later = await admin.call('GET', plannerPath(`?from=${tomorrow}`));
    expect(later.body.variants.map((v: any) => [v.ratingsUp, v.ratingsDown, v.comments])).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect((await admin.call('GET', plannerPath('?source=import'))).body.variants[0]).toMatchObject({ ratingsUp: 2, comments: 3 });

    const { body, text } = await call(api, 'GET', `/api/v1/procedures/${procedure.slug}/statistics`);
    expect(body.variants).toEqual([{ id: procedure.variants['Variante Park'], title: 'Variante Park', published: true, ratingsUp: 2, ratingsDown: 1, comments: 1 }]);
    for (const secret of ['Entwurf Plaza', 'Verborgene Variantenkritik', 'Noch in Prüfung']) expect(text).not.toContain(secret);
  });

  it('finds the key terms of a known German text with their common surface form, without stop words', async () => {
    const { body } = await call(api, 'GET', `/api/v1/procedures/${procedure.slug}/statistics`);
    const terms = Object.fromEntries(body.keyTerms.map((t: any) => [t.term, t]));
    expect(body.keyTerms[0]).toMatchObject({ term: 'Bäume', stem: 'baum', occurrences: 3, contributions: 1 });
    expect(terms['Radweg']).toMatchObject({ occurrences: 2, contributions: 1 });
    expect(terms['Hauptstraße']).toMatchObject({ occurrences: 1 });
    for (const stop of ['Bitte', 'Mehr', 'und', 'der', 'Der', 'wäre', 'gut', 'Ein']) expect(terms[stop]).toBeUndefined();
    // the term's link searches the list, which finds the contribution that uses it
    const list = await call(api, 'GET', `/api/v1/procedures/${procedure.slug}/contributions?q=${encodeURIComponent('Bäume')}`);
    expect(list.body.items.map((c: any) => c.title)).toEqual([KNOWN_TEXT.title]);
  });

  it('leads a planner\'s key term to the moderation list of every status, which finds the contributions that use it', async () => {
    const { body } = await admin.call('GET', plannerPath());
    const terms = body.keyTerms.map((t: any) => t.term);
    expect(terms).toContain('Beleidigung');
    const queue = (q: string) => admin.call('GET', `/api/v1/procedures/${procedure.id}/moderation/queue?state=all&kind=contribution&q=${encodeURIComponent(q)}`);
    expect((await queue('Beleidigung')).body.items.map((i: any) => [i.title, i.status])).toEqual([['Versteckt', 'hidden']]);
    expect((await queue('Bäume')).body.items.map((i: any) => i.title)).toEqual([KNOWN_TEXT.title]);
    // a search never finds comments, and stays inside its procedure
    const all = await admin.call('GET', `/api/v1/procedures/${procedure.id}/moderation/queue?state=all&q=Radweg`);
    expect(all.body.items.map((i: any) => [i.kind, i.title])).toEqual([['contribution', KNOWN_TEXT.title]]);
    const elsewhere = await admin.call('GET', `/api/v1/procedures/${internal.id}/moderation/queue?state=all&kind=contribution&q=Zebrastreifen`);
    expect(elsewhere.body.items.map((i: any) => i.id)).toEqual([internal.contributions['Zebrastreifen']]);
    const tooLong = await admin.call('GET', `/api/v1/procedures/${procedure.id}/moderation/queue?q=${'a'.repeat(201)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors.map((e: any) => e.field)).toContain('q');
  });

  it('filters the planner statistics by source, category, rubric and days, and buckets by week', async () => {
    const workshop = await admin.call('GET', plannerPath('?source=workshop'));
    expect(workshop.body.totals.contributions).toBe(2);
    expect(asMap(workshop.body.byStatus)).toEqual({ published: 1, rejected: 1 });
    const workshop2 = await admin.call('GET', plannerPath(`?workshop=${procedure.workshopId}`));
    expect(workshop2.body.totals.contributions).toBe(2);
    expect((await admin.call('GET', plannerPath(`?workshop=${internal.workshopId}`))).status).toBe(400);
    const category = await admin.call('GET', plannerPath(`?category=${procedure.secondCategoryId}`));
    expect(category.body.totals.contributions).toBe(3);
    const rubric = await admin.call('GET', plannerPath(`?rubric=${procedure.secondRubricId}`));
    expect(rubric.body.totals.contributions).toBe(2);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
    const todayOnly = await admin.call('GET', plannerPath(`?from=${today}&to=${today}`));
    expect(todayOnly.body.totals.contributions).toBe(2);
    const weeks = await admin.call('GET', plannerPath('?interval=week'));
    expect(weeks.body.overTime.interval).toBe('week');
    expect(weeks.body.overTime.buckets.reduce((n: number, b: any) => n + b.contributions, 0)).toBe(7);
    for (const b of weeks.body.overTime.buckets) expect(new Date(`${b.start}T12:00:00Z`).getUTCDay()).toBe(1);
  });

  it('refuses bad filters with 400 and a field, and unknown procedures with 404', async () => {
    for (const [query, field] of [
      ['?from=2026-02-30', 'from'], ['?from=gestern', 'from'], ['?from=2026-03-02&to=2026-03-01', 'to'],
      ['?phase=00000000-0000-4000-8000-000000000000', 'phase'], [`?category=${internal.categoryId}`, 'category'],
      ['?source=fax', 'source'], [`?workshop=${internal.workshopId}`, 'workshop'], ['?workshop=1', 'workshop'], ['?interval=month', 'interval'], ['?unknown=1', 'unknown'],
    ]) {
      const reply = await admin.call('GET', plannerPath(query));
      expect({ query, status: reply.status, type: reply.headers.get('content-type') }).toEqual({ query, status: 400, type: expect.stringContaining('application/problem+json') });
      expect(reply.body.errors.map((e: any) => e.field)).toContain(field);
    }
    expect((await call(api, 'GET', `/api/v1/procedures/${internal.slug}/statistics`)).status).toBe(404);
    expect((await call(api, 'GET', `/api/v1/procedures/keins/statistics`)).status).toBe(404);
  });

  it('needs a planner role of the procedure for the planner statistics', async () => {
    expect((await call(api, 'GET', plannerPath())).status).toBe(401);
    expect((await otherModerator.call('GET', plannerPath())).status).toBe(403);
    expect((await otherModerator.call('GET', `/api/v1/procedures/${other.id}/evaluation/statistics`)).status).toBe(200);
  });

  // Last: it adds an official answer, which the counts above do not expect.
  it('gives the results report: texts, phases, the statistics, top contributions with the latest official answer, the workshops', async () => {
    const answer = await admin.call('POST', `/api/v1/procedures/${procedure.id}/moderation/contributions/${procedure.contributions[KNOWN_TEXT.title]}/responses`,
      { text: 'Der Bezirk prüft die Baumpflanzung bis zum Herbst.' }, { headers: { 'Idempotency-Key': '7c9e6679-7425-40de-944b-e07fc1f90ae7' } });
    expect(answer.status).toBe(201);
    const planner = await admin.call('GET', `/api/v1/procedures/${procedure.id}/evaluation/report?source=online&category=${procedure.categoryId}`);
    expect(planner.status).toBe(200);
    expect(planner.body.filter).toEqual({ source: 'online', category: procedure.categoryId });
    expect(planner.body.filterNames).toEqual({ category: 'Grün' });
    expect(planner.body.statistics).toMatchObject({ scope: 'planner', totals: { contributions: 3 } });
    expect(planner.body.procedure).toMatchObject({ id: procedure.id, slug: procedure.slug, summary: expect.any(String) });
    expect(planner.body.procedure.phases.length).toBeGreaterThan(0);
    expect(planner.body.highlights.map((h: any) => h.title)).toEqual([KNOWN_TEXT.title, 'Spielplatz']);
    expect(planner.body.highlights[0]).toMatchObject({
      text: KNOWN_TEXT.body, category: 'Grün', officialAnswer: 'Der Bezirk prüft die Baumpflanzung bis zum Herbst.', officialAnswerAt: expect.stringMatching(/Z$/),
    });
    expect(planner.body.workshops).toEqual([
      { id: procedure.workshopId, title: 'Tisch 1', startsAt: expect.stringMatching(/Z$/), endsAt: null, place: '', contributions: 0 },
    ]);

    const { status, body, text } = await call(api, 'GET', `/api/v1/procedures/${procedure.slug}/report`);
    expect(status).toBe(200);
    expect(body.statistics.scope).toBe('public');
    expect(body.statistics.totals.contributions).toBe(expectedPublic.contributions);
    expect(body.highlights.map((h: any) => h.title)).toEqual([KNOWN_TEXT.title, 'Spielplatz', 'Zebrastreifen']);
    expect(body.highlights[0].officialAnswer).toBe('Der Bezirk prüft die Baumpflanzung bis zum Herbst.');
    expect(body.workshops).toEqual([expect.objectContaining({ title: 'Tisch 1', contributions: 1 })]);
    for (const secret of ['Versteckt', 'Wartet', 'Abgelehnt', 'Versteckter Kommentar', 'Beleidigung', 'participant_id', 'participantId', 'token']) expect(text).not.toContain(secret);

    expect((await call(api, 'GET', `/api/v1/procedures/${procedure.id}/evaluation/report`)).status).toBe(401);
    expect((await otherModerator.call('GET', `/api/v1/procedures/${procedure.id}/evaluation/report`)).status).toBe(403);
    expect((await admin.call('GET', `/api/v1/procedures/${procedure.id}/evaluation/report?from=gestern`)).status).toBe(400);
    expect((await call(api, 'GET', `/api/v1/procedures/${internal.slug}/report`)).status).toBe(404);
  });
});
