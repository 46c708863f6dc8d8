import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { SeededProcedure, apiEnv, seedProcedure, withDatabase } from './participation-fixtures';
import { ADMIN, EventStream, PlannerClient, call, contribute } from './planner-fixtures';

/*
 * Moderation as the public sees it: after hide, reject or while pending an item is in no public
 * answer (map layer, list, detail, live events, replay). Every step is in the audit log.
 */
describe(`moderation and what the public sees (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let post: SeededProcedure;
  let pre: SeededProcedure;
  let admin: PlannerClient;
  let moderator: PlannerClient;
  let live: EventStream;

  beforeAll(async () => {
    db = await freshDatabase();
    const env = apiEnv({ ...db.env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    [post, pre] = await withDatabase(env, async (ds) => [
      await seedProcedure(ds, 'nachher'),
      await seedProcedure(ds, 'vorher', { settings: { moderation: 'pre', reportThreshold: 2 } }),
    ]);
    api = await startApi(env);
    admin = await PlannerClient.signIn(api, ADMIN.email, ADMIN.password);
    const created = await admin.call('POST', '/api/v1/planners', { email: 'mod@stadtdialog.test', displayName: 'Mo', password: 'moderator password' });
    for (const p of [post, pre]) {
      expect((await admin.call('PUT', `/api/v1/procedures/${p.id}/memberships/${created.body.id}`, { role: 'moderator' })).status).toBe(200);
    }
    moderator = await PlannerClient.signIn(api, 'mod@stadtdialog.test', 'moderator password');
    live = await EventStream.open(api, `/api/v1/procedures/${post.slug}/events`);
    expect(live.status).toBe(200);
  });

  afterAll(async () => {
    await live?.close();
    await api?.stop();
    await db?.drop();
  });

  /** Where a contribution shows up publicly right now. */
  async function publicly(slug: string, id: string) {
    const features = await call(api, 'GET', `/api/v1/procedures/${slug}/contributions/features`);
    const list = await call(api, 'GET', `/api/v1/procedures/${slug}/contributions?limit=100`);
    const detail = await call(api, 'GET', `/api/v1/procedures/${slug}/contributions/${id}`);
    expect(features.status).toBe(200);
    expect(list.status).toBe(200);
    return {
      map: features.body.features.some((f: { id: string }) => f.id === id),
      list: list.body.items.some((c: { id: string }) => c.id === id),
      detail: detail.status === 200,
    };
  }

  const shown = { map: true, list: true, detail: true };
  const gone = { map: false, list: false, detail: false };
  const moderation = (p: SeededProcedure, id: string) => `/api/v1/procedures/${p.id}/moderation/contributions/${id}`;

  it('takes a hidden, then a rejected contribution out of every public answer and the live stream, and puts it back on approval', async () => {
    const { id } = await contribute(api, post, 'Geheimer Titel');
    expect(await publicly(post.slug, id)).toEqual(shown);
    expect(await live.waitFor((e) => e.some((x) => x.event === 'contribution' && x.data.contribution.id === id))).toBe(true);

    expect((await moderator.call('POST', `${moderation(post, id)}/hide`, { reason: 'Beleidigung' })).status).toBe(200);
    expect(await publicly(post.slug, id)).toEqual(gone);
    expect(await live.waitFor((e) => e.at(-1)?.event === 'contribution-removed' && e.at(-1)?.data.id === id)).toBe(true);

    expect((await moderator.call('POST', `${moderation(post, id)}/unhide`, {})).status).toBe(200);
    expect(await publicly(post.slug, id)).toEqual(shown);
    expect(await live.waitFor((e) => e.at(-1)?.event === 'contribution' && e.at(-1)?.data.contribution.id === id)).toBe(true);

    const refused = await moderator.call('POST', `${moderation(post, id)}/reject`, {});
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'reason', code: 'required', message: 'a rejection needs a reason' }] });
    expect((await moderator.call('POST', `${moderation(post, id)}/reject`, { reason: 'kein Bezug zum Verfahren' })).status).toBe(200);
    expect(await publicly(post.slug, id)).toEqual(gone);
    expect(await live.waitFor((e) => e.at(-1)?.event === 'contribution-removed' && e.at(-1)?.data.id === id)).toBe(true);

    // a resumed stream replays the latest state only: the rejected contribution as removed, no content
    const replay = await EventStream.open(api, `/api/v1/procedures/${post.slug}/events`, { 'Last-Event-ID': '0' });
    expect(await replay.waitFor((e) => e.some((x) => x.data.id === id))).toBe(true);
    await replay.close();
    expect(replay.events.filter((x) => x.data.id === id || x.data.contribution?.id === id).map((x) => x.event)).toEqual(['contribution-removed']);
    expect(replay.raw).not.toContain('Geheimer Titel');

    const audit = await moderator.call('GET', `${moderation(post, id)}/audit`);
    expect(audit.body.items.map((e: { action: string; actor: { displayName: string } }) => [e.action, e.actor.displayName])).toEqual([
      ['contribution.reject', 'Mo'], ['contribution.unhide', 'Mo'], ['contribution.hide', 'Mo'],
    ]);
    expect(audit.body.items[0]).toMatchObject({
      entityType: 'contribution', entityId: id, procedureId: post.id,
      before: { status: 'published' }, after: { status: 'rejected', reason: 'kein Bezug zum Verfahren' },
    });
  });

  it('keeps pending contributions of a pre-moderated procedure out of public view and streams them to moderators', async () => {
    const queue = await EventStream.open(api, `/api/v1/procedures/${pre.id}/moderation/events`, { cookie: `sd_session=${moderator.session}` });
    const publicLive = await EventStream.open(api, `/api/v1/procedures/${pre.slug}/events`);
    const { id, status } = await contribute(api, pre, 'Wartet auf Freigabe');
    expect(status).toBe('pending');
    expect(await queue.waitFor((e) => e.some((x) => x.event === 'queue' && x.data.id === id && x.data.status === 'pending'))).toBe(true);
    expect(await publicly(pre.slug, id)).toEqual(gone);

    const counts = async () =>
      (await moderator.call('GET', '/api/v1/workspace/procedures')).body.find((p: { id: string }) => p.id === pre.id);
    expect(await counts()).toMatchObject({ slug: pre.slug, role: 'moderator', pending: 1, flagged: 0 });
    const page = await moderator.call('GET', `/api/v1/procedures/${pre.id}/moderation/queue`);
    expect(page.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[id, 'pending']]);

    expect((await moderator.call('POST', `${moderation(pre, id)}/approve`, {})).status).toBe(200);
    expect(await publicly(pre.slug, id)).toEqual(shown);
    expect(await publicLive.waitFor((e) => e.some((x) => x.event === 'contribution' && x.data.contribution.id === id))).toBe(true);
    expect((await moderator.call('GET', `/api/v1/procedures/${pre.id}/moderation/queue`)).body.items).toEqual([]);
    expect(await counts()).toMatchObject({ pending: 0 });
    // nothing reached the public stream while it was pending
    expect(publicLive.events.map((x) => x.event)).toEqual(['contribution']);
    await queue.close();
    await publicLive.close();
  });

  it('queues reported contributions as flagged and clears the flag and the reports with the decision', async () => {
    const { id } = await contribute(api, post, 'Wird gemeldet');
    for (let i = 0; i < 2; i++) {
      const { token } = await contribute(api, post, `Melder ${i}`);
      const report = await call(api, 'POST', `/api/v1/procedures/${post.slug}/reports`, {
        body: { contributionId: id, reason: 'Werbung' },
        headers: { 'X-Participant-Token': token, 'Idempotency-Key': crypto.randomUUID() },
      });
      expect(report.status).toBe(201);
    }
    // post's threshold is the default 3
    const { token } = await contribute(api, post, 'Melder 3');
    await call(api, 'POST', `/api/v1/procedures/${post.slug}/reports`, {
      body: { contributionId: id, reason: 'Spam' }, headers: { 'X-Participant-Token': token, 'Idempotency-Key': crypto.randomUUID() },
    });
    const flagged = await moderator.call('GET', `/api/v1/procedures/${post.id}/moderation/queue?state=flagged&kind=contribution`);
    expect(flagged.status).toBe(200);
    expect(flagged.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(flagged.body.items[0].openReports.map((r: { reason: string }) => r.reason).sort()).toEqual(['Spam', 'Werbung', 'Werbung']);
    const approved = await moderator.call('POST', `${moderation(post, id)}/approve`, {});
    expect(approved.body).toMatchObject({ status: 'published', flaggedAt: null, openReports: [] });
    expect((await moderator.call('GET', `/api/v1/procedures/${post.id}/moderation/queue?state=flagged`)).body.items).toEqual([]);
  });

  it('edits a contribution keeping the participant\'s original, and answers officially in public', async () => {
    const { id } = await contribute(api, post, 'Tippfeler im Titel');
    const edited = await moderator.call('PATCH', moderation(post, id), {
      title: 'Tippfehler im Titel', geometry: { type: 'Point', coordinates: [9.951, 53.551] }, reason: 'Rechtschreibung',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Tippfehler im Titel', edited: true, geometry: { type: 'Point', coordinates: [9.951, 53.551] } });
    await moderator.call('PATCH', moderation(post, id), { text: 'Zweite Fassung' });
    const full = await moderator.call('GET', moderation(post, id));
    expect(full.body.original).toMatchObject({ title: 'Tippfeler im Titel', text: 'Tippfeler im Titel: Text', geometry: { type: 'Point', coordinates: [9.95, 53.55] } });
    const detail = await call(api, 'GET', `/api/v1/procedures/${post.slug}/contributions/${id}`);
    expect(detail.body).toMatchObject({ title: 'Tippfehler im Titel', text: 'Zweite Fassung' });
    expect(JSON.stringify(detail.body)).not.toContain('original');

    const badArea = await moderator.call('PATCH', moderation(post, id), { geometry: { type: 'Polygon', coordinates: [[[9.95, 53.55], [9.96, 53.56], [9.96, 53.55], [9.95, 53.56], [9.95, 53.55]]] } });
    expect(badArea.status).toBe(422);
    expect(badArea.body.errors[0]).toMatchObject({ field: 'geometry', code: 'self_intersection', message: expect.stringMatching(/not valid: Self-intersection/) });

    const answer = await moderator.call('POST', `${moderation(post, id)}/responses`, { text: 'Danke, wir prüfen das.' });
    expect(answer.status).toBe(201);
    const thread = await call(api, 'GET', `/api/v1/procedures/${post.slug}/contributions/${id}`);
    expect(thread.body.comments).toEqual([expect.objectContaining({ text: 'Danke, wir prüfen das.', official: true })]);

    const audit = await moderator.call('GET', `${moderation(post, id)}/audit`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['comment.official-response', 'contribution.edit', 'contribution.edit']);
    expect(audit.body.items[2].before).toMatchObject({ title: 'Tippfeler im Titel' });
    expect(audit.body.items[2].after).toMatchObject({ title: 'Tippfehler im Titel', reason: 'Rechtschreibung' });
  });

  it('counts what residents read: a hidden comment takes its replies out of the count in the list and on the page, and back', async () => {
    const { id, token } = await contribute(api, post, 'Gezählte Kommentare');
    const say = (text: string, parentId?: string) =>
      call(api, 'POST', `/api/v1/procedures/${post.slug}/contributions/${id}/comments`, {
        body: { text, ...(parentId ? { parentId } : {}) }, headers: { 'X-Participant-Token': token, 'Idempotency-Key': crypto.randomUUID() },
      });
    const first = await say('Erster Kommentar');
    expect(first.status).toBe(201);
    for (const text of ['Antwort eins', 'Antwort zwei']) expect((await say(text, first.body.id)).status).toBe(201);
    expect((await say('Zweiter Kommentar')).status).toBe(201);
    const counts = async () => {
      const detail = await call(api, 'GET', `/api/v1/procedures/${post.slug}/contributions/${id}`);
      const shown = (detail.body.comments as { replies?: unknown[] }[]).reduce((n, c) => n + 1 + (c.replies?.length ?? 0), 0);
      const list = await call(api, 'GET', `/api/v1/procedures/${post.slug}/contributions?q=${encodeURIComponent('Gezählte Kommentare')}`);
      const listed = (list.body.items as { id: string; commentCount: number }[]).find((c) => c.id === id);
      return { shown, detail: detail.body.commentCount, list: listed?.commentCount };
    };
    expect(await counts()).toEqual({ shown: 4, detail: 4, list: 4 });
    const hide = await moderator.call('POST', `/api/v1/procedures/${post.id}/moderation/comments/${first.body.id}/hide`, {});
    expect(hide.status).toBe(200);
    expect(await counts()).toEqual({ shown: 1, detail: 1, list: 1 });
    expect((await moderator.call('POST', `/api/v1/procedures/${post.id}/moderation/comments/${first.body.id}/unhide`, {})).status).toBe(200);
    expect(await counts()).toEqual({ shown: 4, detail: 4, list: 4 });
  });

  it('hides comments from the public thread and applies bulk decisions in one step, all or nothing', async () => {
    const a = await contribute(api, post, 'Bulk A');
    const b = await contribute(api, post, 'Bulk B');
    const comment = await call(api, 'POST', `/api/v1/procedures/${post.slug}/contributions/${a.id}/comments`, {
      body: { text: 'Unpassender Kommentar' }, headers: { 'X-Participant-Token': a.token, 'Idempotency-Key': crypto.randomUUID() },
    });
    expect((await moderator.call('POST', `/api/v1/procedures/${post.id}/moderation/comments/${comment.body.id}/hide`, {})).status).toBe(200);
    const thread = await call(api, 'GET', `/api/v1/procedures/${post.slug}/contributions/${a.id}`);
    expect(JSON.stringify(thread.body)).not.toContain('Unpassender Kommentar');
    expect(await live.waitFor((e) => e.some((x) => x.event === 'comment-removed' && x.data.id === comment.body.id))).toBe(true);

    const foreign = await contribute(api, pre, 'Anderes Verfahren');
    const mixed = await moderator.call('POST', `/api/v1/procedures/${post.id}/moderation/bulk`, {
      action: 'hide', items: [{ kind: 'contribution', id: a.id }, { kind: 'contribution', id: foreign.id }],
    });
    expect(mixed.status).toBe(404);
    expect(mixed.body.code).toBe('not_found');
    expect(await publicly(post.slug, a.id)).toEqual(shown);

    const bulk = await moderator.call('POST', `/api/v1/procedures/${post.id}/moderation/bulk`, {
      action: 'hide', reason: 'Doppelt', items: [{ kind: 'contribution', id: a.id }, { kind: 'contribution', id: b.id }],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.items.map((i: { status: string }) => i.status)).toEqual(['hidden', 'hidden']);
    expect(await publicly(post.slug, a.id)).toEqual(gone);
    expect(await publicly(post.slug, b.id)).toEqual(gone);
    const log = await moderator.call('GET', `/api/v1/procedures/${post.id}/audit?limit=3`);
    expect(log.body.items.map((e: { action: string; entityId: string }) => [e.action, e.entityId])).toEqual([
      ['contribution.hide', b.id], ['contribution.hide', a.id], ['comment.hide', comment.body.id],
    ]);
    expect(log.body.nextCursor).toEqual(log.body.items[2].id);
  });

  it('offers no way to change or delete audit entries', async () => {
    const path = `/api/v1/procedures/${post.id}/audit`;
    const before = (await admin.call('GET', `${path}?limit=100`)).body.items;
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      expect((await admin.call(method, path, method === 'DELETE' ? undefined : {})).status).toBe(404);
      expect((await admin.call(method, `${path}/${before[0].id}`, method === 'DELETE' ? undefined : {})).status).toBe(404);
    }
    expect((await admin.call('GET', `${path}?limit=100`)).body.items).toEqual(before);
  });

  it('sets procedures up: planning area judged by PostGIS, map hosts in the Content-Security-Policy, clone as template', async () => {
    const setup = `/api/v1/procedures/${post.id}/setup`;
    const bowtie = { type: 'Polygon', coordinates: [[[9.9, 53.5], [10, 53.6], [10, 53.5], [9.9, 53.6], [9.9, 53.5]]] };
    const refused = await admin.call('PATCH', setup, { planningArea: bowtie });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'planningArea', code: 'self_intersection', message: expect.stringMatching(/not valid/) });
    const unknown = await admin.call('PATCH', setup, { planningArea: { type: 'Polygon', coordinates: [[[9.9, 53.5]]] }, colour: 'red' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'colour', code: 'unknown_field' })]);
    const area = { type: 'Polygon', coordinates: [[[9.9, 53.5], [10, 53.5], [10, 53.6], [9.9, 53.6], [9.9, 53.5]]] };
    const map = {
      projection: 'EPSG:25832', center: [9.95, 53.55], zoom: 13,
      layers: [
        { id: 'basemap', kind: 'wmts', role: 'base', title: 'Basemap', url: 'https://sgx.geodatenzentrum.de/wmts_basemapde/1.0.0/WMTSCapabilities.xml', layers: 'de_basemapde_web_raster_farbe' },
        { id: 'plan', kind: 'wms', role: 'overlay', title: 'Bebauungsplan', url: 'https://geodienste.hamburg.de/HH_WMS_Bebauungsplaene' },
      ],
    };
    const injected = await admin.call('PATCH', setup, { map: { ...map, layers: [{ ...map.layers[1], url: "https://x.org; script-src 'unsafe-inline'" }] } });
    expect(injected.status).toBe(422);
    expect(injected.body.errors[0]).toMatchObject({ field: 'map.layers.0.url', code: 'invalid_url' });
    const saved = await admin.call('PATCH', setup, {
      planningArea: area, map, settings: { moderation: 'pre', textMaxLength: 2000 }, title: 'Nachher (neu)',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ planningArea: { type: 'MultiPolygon' }, map, settings: { moderation: 'pre', textMaxLength: 2000, comments: 'on' } });
    const csp = (await call(api, 'GET', '/api/health')).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/img-src 'self' data: blob: [^;]*https:\/\/geodienste\.hamburg\.de/);
    expect(csp).toMatch(/connect-src 'self' [^;]*https:\/\/sgx\.geodatenzentrum\.de/);
    expect(csp).toMatch(/default-src 'self';/);
    expect(csp).not.toMatch(/script-src[^;]*(https:|\*)/);

    const clone = await admin.call('POST', `${setup}/clone`, { slug: 'nachher-2027', title: 'Nachher 2027', startsAt: '2027-05-01T00:00:00.000Z' });
    expect(clone.status).toBe(201);
    expect(clone.body).toMatchObject({ slug: 'nachher-2027', internal: true, map, planningArea: { type: 'MultiPolygon' } });
    expect(clone.body.categories.map((c: { name: string }) => c.name)).toEqual(saved.body.categories.map((c: { name: string }) => c.name));
    expect(clone.body.phases[0].startsAt).toBe('2027-05-01T00:00:00.000Z');
    const clonedQueue = await admin.call('GET', `/api/v1/procedures/${clone.body.id}/moderation/queue?state=all`);
    expect(clonedQueue.body.items).toEqual([]);
    expect((await call(api, 'GET', '/api/v1/procedures/nachher-2027')).status).toBe(404);
  });
});
