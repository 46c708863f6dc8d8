/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked by the tests' assertions, not by types */
import { randomBytes, randomUUID } from 'node:crypto';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { SeededProcedure, apiEnv, seedProcedure, withDatabase } from './participation-fixtures';
import { ADMIN, Method, PlannerClient, call, contribute } from './planner-fixtures';

/*
 * Workshops: managers open a touch table for an appointment and get its link once; the table's key
 * makes participant writes of that procedure only, each seat its own participant, counted per table.
 */
/** The status and the problem code of an answer. */
const refusal = (reply: { status: number; body: { code?: string } }) => [reply.status, reply.body?.code];

describe(`workshop tables (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let api: RunningApi;
  let post: SeededProcedure;
  let pre: SeededProcedure;
  let other: SeededProcedure;
  let appointment: string;
  let preAppointment: string;
  let otherAppointment: string;
  let pastAppointment: string;
  let admin: PlannerClient;
  let manager: PlannerClient;
  let moderator: PlannerClient;
  let otherManager: PlannerClient;

  const point = { type: 'Point', coordinates: [9.95, 53.55] };
  const workshops = (p: SeededProcedure) => `/api/v1/procedures/${p.id}/workshops`;
  const keyOf = (tableUrl: string) => tableUrl.replace(/^\/table\//, '');

  async function seedAppointment(ds: any, procedureId: string, title: string, startsIn: string): Promise<string> {
    const [{ id }] = await ds.query(
      `INSERT INTO appointments (procedure_id, title, starts_at, place) VALUES ($1, $2, now() + $3::interval, 'Bürgerhaus') RETURNING id`,
      [procedureId, title, startsIn],
    );
    return id;
  }

  async function signInMember(email: string, procedure: SeededProcedure, role: 'manager' | 'moderator'): Promise<PlannerClient> {
    const created = await admin.call('POST', '/api/v1/planners', { email, displayName: email.split('@')[0], password: `${role} password 2026` });
    expect(created.status).toBe(201);
    expect((await admin.call('PUT', `/api/v1/procedures/${procedure.id}/memberships/${created.body.id}`, { role })).status).toBe(200);
    return PlannerClient.signIn(api, email, `${role} password 2026`);
  }

  /** Opens a workshop as the manager; returns it with the table's key. */
  async function openWorkshop(
    procedure: SeededProcedure, appointmentId: string, client: PlannerClient = manager,
  ): Promise<{ workshop: any; key: string }> {
    const reply = await client.call('POST', workshops(procedure), { appointmentId, seats: [{ side: 'bottom' }, { side: 'top' }] }, {
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(reply.status).toBe(201);
    return { workshop: reply.body, key: keyOf(reply.body.tableUrl) };
  }

  /** A request as the table makes it: its key, and the seat's token once it has one. */
  function atTable(key: string, method: Method, path: string, body?: unknown, seatToken?: string) {
    return call(api, method, path, {
      body,
      headers: {
        'X-Table-Key': key,
        ...(method === 'POST' ? { 'Idempotency-Key': randomUUID() } : {}),
        ...(seatToken ? { 'X-Participant-Token': seatToken } : {}),
      },
    });
  }

  function newContribution(procedure: SeededProcedure, title: string, extra: Record<string, unknown> = {}) {
    return { title, text: `${title}: Text`, categoryId: procedure.categoryId, rubricId: procedure.rubricId, geometry: point, ...extra };
  }

  beforeAll(async () => {
    db = await freshDatabase();
    env = apiEnv({ ...db.env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, RATE_LIMIT_TABLE_WRITES_PER_MINUTE: '0' });
    [post, pre, other, appointment, preAppointment, otherAppointment, pastAppointment] = await withDatabase(env, async (ds) => {
      const p = await seedProcedure(ds, 'werkstatt');
      const q = await seedProcedure(ds, 'vorab', { settings: { moderation: 'pre' } });
      const o = await seedProcedure(ds, 'anderswo');
      return [
        p, q, o,
        await seedAppointment(ds, p.id, 'Planungswerkstatt Altona', '1 hour'),
        await seedAppointment(ds, q.id, 'Werkstatt vorab', '1 hour'),
        await seedAppointment(ds, o.id, 'Anderswo-Werkstatt', '1 hour'),
        await seedAppointment(ds, p.id, 'Vorige Woche', '-7 days'),
      ] as const;
    });
    api = await startApi(env);
    admin = await PlannerClient.signIn(api, ADMIN.email, ADMIN.password);
    manager = await signInMember('manager@stadtdialog.test', post, 'manager');
    expect((await admin.call('PUT', `/api/v1/procedures/${pre.id}/memberships/${manager.me.id}`, { role: 'manager' })).status).toBe(200);
    moderator = await signInMember('moderator@stadtdialog.test', post, 'moderator');
    otherManager = await signInMember('other@stadtdialog.test', other, 'manager');
    // a first embedded start unpacks PostGIS, and four accounts mean eight argon2 hashes: on a busy machine that is slow
  }, 300_000);

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('lets managers open, change and list workshops, shows the link once, and refuses moderators, other managers and the public', async () => {
    const idempotencyKey = randomUUID();
    const body = { appointmentId: appointment, seats: [{ side: 'bottom' }, { side: 'left' }, { side: 'top' }], idleSeconds: 120 };
    const opened = await manager.call('POST', workshops(post), body, { headers: { 'Idempotency-Key': idempotencyKey } });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      procedureId: post.id, title: 'Planungswerkstatt Altona', seats: body.seats, idleSeconds: 120, state: 'active', revokedAt: null,
      appointment: { id: appointment, title: 'Planungswerkstatt Altona' }, createdBy: { id: manager.me.id }, contributionCount: 0,
    });
    expect(opened.body.tableUrl).toMatch(/^\/table\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(opened.body.linkExpiresAt)).toBeGreaterThan(Date.now() + 3_600_000);
    const key = keyOf(opened.body.tableUrl);

    // a retry opens no second workshop, and the secret, which is not stored, is not repeated
    const replay = await manager.call('POST', workshops(post), body, { headers: { 'Idempotency-Key': idempotencyKey } });
    expect(replay.status).toBe(201);
    expect(replay.body).toMatchObject({ id: opened.body.id, tableUrl: null });

    const listed = await manager.call('GET', workshops(post));
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((w: any) => w.id)).toEqual([opened.body.id]);
    expect(listed.text).not.toContain(key);

    const changed = await manager.call('PATCH', `${workshops(post)}/${opened.body.id}`, { title: 'Tisch 1', seats: [{ side: 'right' }] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ title: 'Tisch 1', seats: [{ side: 'right' }], idleSeconds: 120, state: 'active' });
    expect((await atTable(key, 'GET', '/api/v1/table')).body.workshop).toMatchObject({ title: 'Tisch 1', seats: [{ side: 'right' }] });

    for (const client of [moderator, otherManager]) {
      expect(refusal(await client.call('GET', workshops(post)))).toEqual([403, 'forbidden']);
      expect(refusal(await client.call('POST', workshops(post), body))).toEqual([403, 'forbidden']);
      expect(refusal(await client.call('POST', `${workshops(post)}/${opened.body.id}/revoke`, {}))).toEqual([403, 'forbidden']);
      expect(refusal(await client.call('POST', `${workshops(post)}/${opened.body.id}/link`, {}))).toEqual([403, 'forbidden']);
      expect(refusal(await client.call('PATCH', `${workshops(post)}/${opened.body.id}`, { title: 'x' }))).toEqual([403, 'forbidden']);
    }
    expect(refusal(await call(api, 'GET', workshops(post)))).toEqual([401, 'sign_in_required']);
    expect((await manager.call('GET', workshops(post))).body.items).toHaveLength(1);

    const audit = await manager.call('GET', `/api/v1/procedures/${post.id}/audit`);
    const entries = audit.body.items.filter((e: any) => e.entityType === 'workshop');
    expect(entries.map((e: any) => [e.action, e.actor.id])).toEqual([
      ['workshop.update', manager.me.id],
      ['workshop.create', manager.me.id],
    ]);
    expect(entries[0].before).toMatchObject({ title: 'Planungswerkstatt Altona' });
    expect(entries[0].after).toMatchObject({ title: 'Tisch 1' });
    expect(audit.text).not.toContain(key);
  });

  it('refuses workshops it could not run, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ appointmentId: appointment, seats: [] }, 'seats:too_few_items'],
      [{ appointmentId: appointment, seats: [{ side: 'bottom' }, { side: 'bottom' }] }, 'seats:duplicate'],
      [{ appointmentId: appointment, seats: Array(5).fill({ side: 'top' }) }, 'seats:too_many_items'],
      [{ appointmentId: appointment, seats: [{ side: 'middle' }] }, 'seats.0.side:not_allowed'],
      [{ appointmentId: appointment, seats: [{ side: 'top' }], idleSeconds: 5 }, 'idleSeconds:too_small'],
      [{ appointmentId: otherAppointment, seats: [{ side: 'top' }] }, 'appointmentId:not_in_procedure'],
      [{ appointmentId: pastAppointment, seats: [{ side: 'top' }] }, 'appointmentId:appointment_over'],
      [{ appointmentId: appointment, seats: [{ side: 'top' }], secret: 'mine' }, 'secret:unknown_field'],
    ];
    const before = (await manager.call('GET', workshops(post))).body.items.length;
    for (const [body, field] of cases) {
      const reply = await manager.call('POST', workshops(post), body);
      expect([reply.status, reply.body.code, reply.body.errors?.map((e: any) => `${e.field}:${e.code}`)]).toEqual([422, 'validation_failed', [field]]);
    }
    expect((await manager.call('GET', workshops(post))).body.items).toHaveLength(before);
  });

  it('opens its own workshop with the table key, and answers a key that is none with 401', async () => {
    const { workshop, key } = await openWorkshop(post, appointment);
    const session = await atTable(key, 'GET', '/api/v1/table');
    expect(session.status).toBe(200);
    expect(session.body).toEqual({
      workshop: {
        id: workshop.id, title: 'Planungswerkstatt Altona', seats: [{ side: 'bottom' }, { side: 'top' }], idleSeconds: 180,
        appointment: { id: appointment, title: 'Planungswerkstatt Altona', startsAt: workshop.appointment.startsAt, endsAt: null },
      },
      procedure: { slug: 'werkstatt', title: 'werkstatt' },
    });
    expect(refusal(await call(api, 'GET', '/api/v1/table'))).toEqual([401, 'table_link_invalid']);
    for (const wrong of [randomBytes(32).toString('base64url'), 'kurz', `${key}x`]) {
      const reply = await atTable(wrong, 'GET', '/api/v1/table');
      expect([reply.status, reply.body.code, reply.headers.get('content-type')]).toEqual([401, 'table_link_invalid', 'application/problem+json; charset=utf-8']);
      expect(refusal(await atTable(wrong, 'POST', `/api/v1/procedures/${post.slug}/contributions`, newContribution(post, 'Falsch')))).toEqual([401, 'table_link_invalid']);
    }
  });

  it('grants the table key nothing beyond posting and public reads of its own procedure', async () => {
    const { workshop, key } = await openWorkshop(post, appointment);
    const plannerEndpoints: [Method, string, unknown?][] = [
      ['GET', workshops(post)],
      ['POST', workshops(post), { appointmentId: appointment, seats: [{ side: 'top' }] }],
      ['PATCH', `${workshops(post)}/${workshop.id}`, { title: 'übernommen' }],
      ['POST', `${workshops(post)}/${workshop.id}/revoke`, {}],
      ['POST', `${workshops(post)}/${workshop.id}/link`, {}],
      ['GET', `/api/v1/procedures/${post.id}/setup`],
      ['PATCH', `/api/v1/procedures/${post.id}/setup`, { title: 'übernommen' }],
      ['POST', `/api/v1/procedures/${post.id}/setup/appointments`, { title: 'x', startsAt: new Date().toISOString() }],
      ['GET', `/api/v1/procedures/${post.id}/moderation/queue`],
      ['POST', `/api/v1/procedures/${post.id}/moderation/bulk`, { action: 'approve', items: [] }],
      ['GET', `/api/v1/procedures/${post.id}/moderation/events`],
      ['GET', `/api/v1/procedures/${post.id}/audit`],
      ['GET', `/api/v1/procedures/${post.id}/memberships`],
      ['GET', '/api/v1/workspace/procedures'],
      ['GET', '/api/v1/planners'],
      ['GET', '/api/v1/auth/me'],
      ['POST', '/api/v1/auth/sign-in', { email: ADMIN.email, password: ADMIN.password }],
    ];
    for (const [method, path, body] of plannerEndpoints) {
      const alone = await atTable(key, method, path, body);
      expect([method, path, ...refusal(alone)]).toEqual([method, path, 403, 'table_link_not_allowed']);
      // not even beside a manager's own session: a browser with the table link is a table
      const withSession = await manager.call(method, path, body, { headers: { 'X-Table-Key': key } });
      expect([method, path, ...refusal(withSession)]).toEqual([method, path, 403, 'table_link_not_allowed']);
    }
    expect((await manager.call('GET', workshops(post))).body.items.find((w: any) => w.id === workshop.id).title).toBe('Planungswerkstatt Altona');

    // another procedure: neither its pages nor its writes
    expect(refusal(await atTable(key, 'GET', `/api/v1/procedures/${other.slug}`))).toEqual([403, 'table_link_not_allowed']);
    expect(refusal(await atTable(key, 'GET', `/api/v1/procedures/${other.slug}/contributions`))).toEqual([403, 'table_link_not_allowed']);
    expect(refusal(await atTable(key, 'POST', `/api/v1/procedures/${other.slug}/contributions`, newContribution(other, 'Fremd')))).toEqual([403, 'table_link_not_allowed']);

    // its own procedure's public reads work as without the key; non-public content stays hidden
    const hidden = await contribute(api, pre, 'Noch nicht freigegeben');
    expect(hidden.status).toBe('pending');
    for (const path of [`/api/v1/procedures/${post.slug}`, `/api/v1/procedures/${post.slug}/contributions`, `/api/v1/procedures/${post.slug}/contributions/features`]) {
      expect([path, (await atTable(key, 'GET', path)).status]).toEqual([path, 200]);
    }
    const { key: preKey } = await openWorkshop(pre, preAppointment);
    expect((await atTable(preKey, 'GET', `/api/v1/procedures/${pre.slug}/contributions/${hidden.id}`)).status).toBe(404);
    expect((await atTable(preKey, 'GET', `/api/v1/procedures/${pre.slug}/contributions`)).body.items).toEqual([]);
  });

  it('takes each seat as its own participant, marks contributions as from the workshop, and filters by source and workshop', async () => {
    const { workshop, key } = await openWorkshop(post, appointment);
    const contributions = `/api/v1/procedures/${post.slug}/contributions`;
    const first = await atTable(key, 'POST', contributions, newContribution(post, 'Sitzbänke am Spielplatz'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ source: 'workshop', workshopId: workshop.id, status: 'published' });
    const seatA = first.headers.get('x-participant-token') as string;
    const second = await atTable(key, 'POST', contributions, newContribution(post, 'Mehr Licht am Weg'));
    const seatB = second.headers.get('x-participant-token') as string;
    expect(second.body).toMatchObject({ source: 'workshop', workshopId: workshop.id });
    expect(seatA).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(seatB).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(seatB).not.toBe(seatA);

    // a retry from the table's outbox stores nothing twice
    const idempotencyKey = randomUUID();
    const once = await call(api, 'POST', contributions, {
      body: newContribution(post, 'Trinkbrunnen'), headers: { 'X-Table-Key': key, 'X-Participant-Token': seatA, 'Idempotency-Key': idempotencyKey },
    });
    const again = await call(api, 'POST', contributions, {
      body: newContribution(post, 'Trinkbrunnen'), headers: { 'X-Table-Key': key, 'X-Participant-Token': seatA, 'Idempotency-Key': idempotencyKey },
    });
    expect([once.status, again.status, again.body.id, again.headers.get('idempotent-replayed')]).toEqual([201, 201, once.body.id, 'true']);

    // seat A's rating does not change seat B's, and withdrawing B's leaves A's
    const rating = `${contributions}/${second.body.id}/rating`;
    expect((await atTable(key, 'PUT', rating, { value: 1 }, seatA)).body).toEqual({ up: 1, down: 0, own: 1 });
    expect((await atTable(key, 'PUT', rating, { value: -1 }, seatB)).body).toEqual({ up: 1, down: 1, own: -1 });
    expect((await atTable(key, 'DELETE', rating, undefined, seatB)).body).toEqual({ up: 1, down: 0, own: null });
    const seen = (token: string) => call(api, 'GET', `${contributions}/${second.body.id}`, { headers: { 'X-Table-Key': key, 'X-Participant-Token': token } });
    expect((await seen(seatA)).body.rating).toEqual({ up: 1, down: 0, own: 1 });
    expect((await seen(seatB)).body.rating).toEqual({ up: 1, down: 0, own: null });
    expect([(await seen(seatA)).body.mine, (await seen(seatB)).body.mine]).toEqual([false, true]);

    // comments and reports: each seat for itself
    expect((await atTable(key, 'POST', `${contributions}/${first.body.id}/comments`, { text: 'Gute Idee' }, seatB)).status).toBe(201);
    const report = { contributionId: first.body.id, reason: 'doppelt' };
    expect((await atTable(key, 'POST', `/api/v1/procedures/${post.slug}/reports`, report, seatA)).status).toBe(201);
    expect((await atTable(key, 'POST', `/api/v1/procedures/${post.slug}/reports`, report, seatB)).status).toBe(201);
    expect(refusal(await atTable(key, 'POST', `/api/v1/procedures/${post.slug}/reports`, report, seatB))).toEqual([409, 'already_reported']);

    const mine = await call(api, 'GET', `${contributions}?mine=true`, { headers: { 'X-Participant-Token': seatB } });
    expect(mine.body.items.map((c: any) => c.title)).toEqual(['Mehr Licht am Weg']);

    // list, map layer and moderation queue by source and by workshop
    const online = await contribute(api, post, 'Von zu Hause');
    const titles = async (query: string) => (await call(api, 'GET', `${contributions}?${query}`)).body.items.map((c: any) => c.title).sort();
    const atThisTable = ['Mehr Licht am Weg', 'Sitzbänke am Spielplatz', 'Trinkbrunnen'];
    expect(await titles(`workshop=${workshop.id}`)).toEqual(atThisTable);
    expect(await titles('source=online')).toEqual(['Von zu Hause']);
    expect(await titles(`source=workshop&workshop=${workshop.id}`)).toEqual(atThisTable);
    expect(await titles(`workshop=${randomUUID()}`)).toEqual([]);
    const features = await call(api, 'GET', `${contributions}/features?workshop=${workshop.id}`);
    expect(features.body.features.map((f: any) => f.id).sort()).toEqual([first.body.id, second.body.id, once.body.id].sort());
    expect(refusal(await call(api, 'GET', `${contributions}?source=table`))).toEqual([400, 'invalid_query']);
    expect(refusal(await call(api, 'GET', `${contributions}?workshop=7`))).toEqual([400, 'invalid_query']);

    const queue = async (query: string) =>
      (await moderator.call('GET', `/api/v1/procedures/${post.id}/moderation/queue?state=all&${query}`)).body.items;
    const fromTable = await queue(`workshop=${workshop.id}`);
    expect(fromTable.map((i: any) => [i.kind, i.source, i.workshopId]).sort()).toEqual([
      ['comment', 'workshop', workshop.id],
      ['contribution', 'workshop', workshop.id],
      ['contribution', 'workshop', workshop.id],
      ['contribution', 'workshop', workshop.id],
    ]);
    expect((await queue('source=online')).map((i: any) => i.id)).toEqual([online.id]);
    expect((await manager.call('GET', workshops(post))).body.items.find((w: any) => w.id === workshop.id).contributionCount).toBe(3);
  });

  it('follows the procedure\'s moderation mode: under pre-moderation a table\'s contribution waits', async () => {
    const { workshop, key } = await openWorkshop(pre, preAppointment);
    const made = await atTable(key, 'POST', `/api/v1/procedures/${pre.slug}/contributions`, newContribution(pre, 'Tempo 30'));
    expect(made.body).toMatchObject({ status: 'pending', source: 'workshop', workshopId: workshop.id });
    expect((await call(api, 'GET', `/api/v1/procedures/${pre.slug}/contributions?workshop=${workshop.id}`)).body.items).toEqual([]);
    const queue = await manager.call('GET', `/api/v1/procedures/${pre.id}/moderation/queue?state=pending&workshop=${workshop.id}`);
    expect(queue.body.items.map((i: any) => [i.id, i.status])).toEqual([[made.body.id, 'pending']]);
  });

  it('takes a phone hand-off\'s workshopId for an active workshop of the procedure only', async () => {
    const { workshop } = await openWorkshop(post, appointment);
    const { workshop: foreign } = await openWorkshop(other, otherAppointment, otherManager);
    const path = `/api/v1/procedures/${post.slug}/contributions`;
    const phone = (body: unknown) => call(api, 'POST', path, { body, headers: { 'Idempotency-Key': randomUUID() } });
    const handedOff = await phone(newContribution(post, 'Vom Handy', { workshopId: workshop.id }));
    expect(handedOff.status).toBe(201);
    expect(handedOff.body).toMatchObject({ source: 'workshop', workshopId: workshop.id });
    for (const workshopId of [foreign.id, randomUUID()]) {
      const refused = await phone(newContribution(post, 'Fremder Tisch', { workshopId }));
      expect([refused.status, refused.body.errors.map((e: any) => `${e.field}:${e.code}`)]).toEqual([422, ['workshopId:not_in_procedure']]);
    }
    expect((await manager.call('POST', `${workshops(post)}/${workshop.id}/revoke`, {})).status).toBe(200);
    const late = await phone(newContribution(post, 'Zu spät', { workshopId: workshop.id }));
    expect([late.status, late.body.errors.map((e: any) => `${e.field}:${e.code}`)]).toEqual([422, ['workshopId:not_in_procedure']]);
    expect((await call(api, 'GET', `${path}?workshop=${workshop.id}`)).body.items.map((c: any) => c.id)).toEqual([handedOff.body.id]);
  });

  it('answers a revoked link with 410 and stores nothing; a new link replaces the old key', async () => {
    const { workshop, key } = await openWorkshop(post, appointment);
    const revoked = await manager.call('POST', `${workshops(post)}/${workshop.id}/revoke`, {});
    expect(revoked.body).toMatchObject({ state: 'revoked' });
    expect(revoked.body.revokedAt).not.toBeNull();
    const session = await atTable(key, 'GET', '/api/v1/table');
    expect([session.status, session.body.code, session.body.title]).toEqual([410, 'table_link_revoked', 'Table link revoked']);
    const write = await atTable(key, 'POST', `/api/v1/procedures/${post.slug}/contributions`, newContribution(post, 'Nach dem Widerruf'));
    expect(refusal(write)).toEqual([410, 'table_link_revoked']);
    expect((await call(api, 'GET', `/api/v1/procedures/${post.slug}/contributions?workshop=${workshop.id}`)).body.items).toEqual([]);
    // revoking again changes nothing and logs nothing
    expect((await manager.call('POST', `${workshops(post)}/${workshop.id}/revoke`, {})).body.revokedAt).toBe(revoked.body.revokedAt);

    const renewed = await manager.call('POST', `${workshops(post)}/${workshop.id}/link`, {});
    expect(renewed.status).toBe(201);
    expect(renewed.body).toMatchObject({ id: workshop.id, state: 'active', revokedAt: null });
    const newKey = keyOf(renewed.body.tableUrl);
    expect(newKey).not.toBe(key);
    expect(refusal(await atTable(key, 'GET', '/api/v1/table'))).toEqual([401, 'table_link_invalid']);
    expect((await atTable(newKey, 'GET', '/api/v1/table')).status).toBe(200);

    const audit = await manager.call('GET', `/api/v1/procedures/${post.id}/audit`);
    const actions = audit.body.items.filter((e: any) => e.entityId === workshop.id).map((e: any) => e.action);
    expect(actions).toEqual(['workshop.new-link', 'workshop.revoke', 'workshop.create']);
  });

  it('lets a link follow its appointment: moved into the past it is expired (410), moved ahead it is valid again', async () => {
    const setup = `/api/v1/procedures/${post.id}/setup/appointments`;
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const created = await manager.call('POST', setup, { title: 'Verschiebbarer Termin', startsAt: inTwoDays });
    expect(created.status).toBe(201);
    const moved = created.body.id as string;
    const { workshop, key } = await openWorkshop(post, moved);
    expect((await atTable(key, 'GET', '/api/v1/table')).status).toBe(200);

    const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString();
    expect((await manager.call('PATCH', `${setup}/${moved}`, { startsAt: lastWeek })).status).toBe(200);
    const expired = await atTable(key, 'GET', '/api/v1/table');
    expect([expired.status, expired.body.code]).toEqual([410, 'table_link_expired']);
    // browsers would keep a 410 for good without it, and the link may become valid again
    expect(expired.headers.get('cache-control')).toBe('no-store');
    const write = await atTable(key, 'POST', `/api/v1/procedures/${post.slug}/contributions`, newContribution(post, 'Nach dem Termin'));
    expect(refusal(write)).toEqual([410, 'table_link_expired']);
    expect((await manager.call('GET', workshops(post))).body.items.find((w: any) => w.id === workshop.id).state).toBe('expired');

    expect((await manager.call('PATCH', `${setup}/${moved}`, { startsAt: inTwoDays })).status).toBe(200);
    expect((await atTable(key, 'GET', '/api/v1/table')).status).toBe(200);
    // with an end as well: last week for two hours, then today from an hour ago for two hours
    const lastWeekEnd = new Date(Date.now() - 7 * 86_400_000 + 7_200_000).toISOString();
    expect((await manager.call('PATCH', `${setup}/${moved}`, { startsAt: lastWeek, endsAt: lastWeekEnd })).status).toBe(200);
    expect((await atTable(key, 'GET', '/api/v1/table')).body.code).toBe('table_link_expired');
    const today = { startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() };
    const back = await manager.call('PATCH', `${setup}/${moved}`, today);
    expect(back.status).toBe(200);
    expect((await atTable(key, 'GET', '/api/v1/table')).status).toBe(200);
    expect((await call(api, 'GET', `/api/v1/procedures/${post.slug}/contributions?workshop=${workshop.id}`)).body.items).toEqual([]);
  });

  it('answers an expired link with 410 and counts a table\'s writes per table, not per seat or address', async () => {
    const { workshop: ended, key: endedKey } = await openWorkshop(post, appointment);
    const { key: tableC } = await openWorkshop(post, appointment);
    const { key: tableD } = await openWorkshop(post, appointment);
    await api.stop();
    await withDatabase(env, (ds) => ds.query(`UPDATE workshops SET link_expires_at = now() - interval '1 minute' WHERE id = $1`, [ended.id]));
    api = await startApi({
      ...env, RATE_LIMIT_WRITES_PER_MINUTE: '2', RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE: '3', RATE_LIMIT_TABLE_WRITES_PER_MINUTE: '6',
    });
    manager = await PlannerClient.signIn(api, 'manager@stadtdialog.test', 'manager password 2026');

    const expired = await atTable(endedKey, 'GET', '/api/v1/table');
    expect([expired.status, expired.body.code, expired.body.title]).toEqual([410, 'table_link_expired', 'Table link expired']);
    expect(refusal(await atTable(endedKey, 'POST', `/api/v1/procedures/${post.slug}/contributions`, newContribution(post, 'Zu spät')))).toEqual([410, 'table_link_expired']);
    expect((await manager.call('GET', workshops(post))).body.items.find((w: any) => w.id === ended.id).state).toBe('expired');

    const path = `/api/v1/procedures/${post.slug}/contributions`;
    let seat: string | undefined;
    for (let i = 0; i < 6; i++) {
      const reply = await atTable(tableC, 'POST', path, newContribution(post, `Tisch C ${i}`), seat);
      expect([i, reply.status]).toEqual([i, 201]);
      seat ??= reply.headers.get('x-participant-token') as string;
    }
    const limited = await atTable(tableC, 'POST', path, newContribution(post, 'Tisch C zu viel'), seat);
    expect(refusal(limited)).toEqual([429, 'rate_limited']);
    expect(limited.body.retryAfter).toBe(Number(limited.headers.get('retry-after')));
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await atTable(tableD, 'POST', path, newContribution(post, 'Tisch D'))).status).toBe(201);
    // a phone at the same address still has its own limits
    expect((await call(api, 'POST', path, { body: newContribution(post, 'Handy'), headers: { 'Idempotency-Key': randomUUID() } })).status).toBe(201);
  }, 240_000);
});
