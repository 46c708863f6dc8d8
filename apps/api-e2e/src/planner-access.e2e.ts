import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { SeededProcedure, apiEnv, seedProcedure, withDatabase } from './participation-fixtures';
import { ADMIN, EventStream, Method, PlannerClient, Reply, call, contribute } from './planner-fixtures';

/*
 * The authorisation matrix: every planner endpoint, called by nobody, by a participant (token, no
 * cookie), by the moderator of A, the manager of A and an admin, on procedure A and on procedure B.
 * A moderator only moderates A; a manager also sets A up; only admins create procedures, clone,
 * assign members and manage accounts; nobody but an admin touches B.
 */

type Caller = 'anonymous' | 'participant' | 'moderatorA' | 'managerA' | 'admin';
type Needs = 'moderator' | 'manager' | 'admin' | 'planner';
const CALLERS: Caller[] = ['anonymous', 'participant', 'moderatorA', 'managerA', 'admin'];

interface Target {
  procedure: SeededProcedure;
  /** a published contribution, a comment on it */
  contributionId: string;
  commentId: string;
}

interface Case {
  name: string;
  needs: Needs;
  /** false: the endpoint is not about one procedure, called once */
  perProcedure: boolean;
  method: Method;
  /** path and body for one call; may first prepare state as admin, so an allowed call succeeds */
  request: (t: Target) => Promise<{ path: string; body?: unknown }> | { path: string; body?: unknown };
}

const PASSWORD = 'planner password 2026';

function expected(caller: Caller, needs: Needs, onA: boolean): number | '2xx' {
  if (caller === 'anonymous' || caller === 'participant') return 401;
  if (caller === 'admin' || needs === 'planner') return '2xx';
  if (needs === 'admin' || !onA) return 403;
  if (needs === 'manager') return caller === 'managerA' ? '2xx' : 403;
  return '2xx';
}

describe(`planner endpoints: who may call what (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let A: Target;
  let B: Target;
  let participantToken: string;
  const clients: Partial<Record<Caller, PlannerClient>> = {};
  let spareId: string;
  let admin: PlannerClient;

  const as = async (caller: Caller, method: Method, path: string, body?: unknown): Promise<Reply> => {
    if (caller === 'anonymous') return call(api, method, path, { body });
    if (caller === 'participant') return call(api, method, path, { body, headers: { 'X-Participant-Token': participantToken } });
    return (clients[caller] as PlannerClient).call(method, path, body);
  };

  async function target(procedure: SeededProcedure): Promise<Target> {
    const { id: contributionId, token } = await contribute(api, procedure, `Beitrag in ${procedure.slug}`);
    participantToken ??= token;
    const comment = await call(api, 'POST', `/api/v1/procedures/${procedure.slug}/contributions/${contributionId}/comments`, {
      body: { text: 'Ein Kommentar' },
      headers: { 'Idempotency-Key': crypto.randomUUID(), 'X-Participant-Token': token },
    });
    expect(comment.status).toBe(201);
    return { procedure, contributionId, commentId: comment.body.id };
  }

  beforeAll(async () => {
    db = await freshDatabase();
    const env = apiEnv({ ...db.env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    const [a, b] = await withDatabase(env, async (ds) => [await seedProcedure(ds, 'verfahren-a'), await seedProcedure(ds, 'verfahren-b')]);
    api = await startApi(env);
    admin = await PlannerClient.signIn(api, ADMIN.email, ADMIN.password);
    clients.admin = admin;
    for (const [email, role] of [['manager-a@stadtdialog.test', 'manager'], ['moderator-a@stadtdialog.test', 'moderator']] as const) {
      const created = await admin.call('POST', '/api/v1/planners', { email, displayName: email.split('@')[0], password: PASSWORD });
      expect(created.status).toBe(201);
      expect((await admin.call('PUT', `/api/v1/procedures/${a.id}/memberships/${created.body.id}`, { role })).status).toBe(200);
    }
    const spare = await admin.call('POST', '/api/v1/planners', { email: 'spare@stadtdialog.test', displayName: 'Spare' });
    expect(spare.status).toBe(201);
    expect(spare.body.generatedPassword).toMatch(/^.{20}$/);
    spareId = spare.body.id;
    clients.managerA = await PlannerClient.signIn(api, 'manager-a@stadtdialog.test', PASSWORD);
    clients.moderatorA = await PlannerClient.signIn(api, 'moderator-a@stadtdialog.test', PASSWORD);
    A = await target(a);
    B = await target(b);
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  const base = (t: Target) => `/api/v1/procedures/${t.procedure.id}`;
  const contribution = (t: Target) => `${base(t)}/moderation/contributions/${t.contributionId}`;
  let n = 0;
  const unique = () => `${++n}`;
  const asAdmin = async (method: Method, path: string, body?: unknown) => {
    const reply = await admin.call(method, path, body);
    if (reply.status >= 300) throw new Error(`preparing ${method} ${path}: ${reply.status} ${reply.text}`);
    return reply.body;
  };

  const CASES: Case[] = [
    // any planner
    { name: 'GET /auth/me', needs: 'planner', perProcedure: false, method: 'GET', request: () => ({ path: '/api/v1/auth/me' }) },
    { name: 'GET /workspace/procedures', needs: 'planner', perProcedure: false, method: 'GET', request: () => ({ path: '/api/v1/workspace/procedures' }) },
    // moderation
    { name: 'GET setup', needs: 'moderator', perProcedure: true, method: 'GET', request: (t) => ({ path: `${base(t)}/setup` }) },
    { name: 'GET moderation queue', needs: 'moderator', perProcedure: true, method: 'GET', request: (t) => ({ path: `${base(t)}/moderation/queue?state=all` }) },
    { name: 'GET moderation contribution', needs: 'moderator', perProcedure: true, method: 'GET', request: (t) => ({ path: contribution(t) }) },
    { name: 'GET audit', needs: 'moderator', perProcedure: true, method: 'GET', request: (t) => ({ path: `${base(t)}/audit` }) },
    { name: 'GET contribution audit', needs: 'moderator', perProcedure: true, method: 'GET', request: (t) => ({ path: `${contribution(t)}/audit` }) },
    { name: 'POST hide', needs: 'moderator', perProcedure: true, method: 'POST', request: (t) => ({ path: `${contribution(t)}/hide`, body: {} }) },
    {
      name: 'POST unhide', needs: 'moderator', perProcedure: true, method: 'POST',
      request: async (t) => {
        await asAdmin('POST', `${contribution(t)}/hide`, {});
        return { path: `${contribution(t)}/unhide`, body: {} };
      },
    },
    { name: 'POST reject', needs: 'moderator', perProcedure: true, method: 'POST', request: (t) => ({ path: `${contribution(t)}/reject`, body: { reason: 'off topic' } }) },
    { name: 'POST approve', needs: 'moderator', perProcedure: true, method: 'POST', request: (t) => ({ path: `${contribution(t)}/approve`, body: {} }) },
    { name: 'PATCH contribution (edit)', needs: 'moderator', perProcedure: true, method: 'PATCH', request: (t) => ({ path: contribution(t), body: { text: `bearbeitet ${unique()}` } }) },
    { name: 'POST official response', needs: 'moderator', perProcedure: true, method: 'POST', request: (t) => ({ path: `${contribution(t)}/responses`, body: { text: 'Antwort der Planung' } }) },
    { name: 'POST comment hide', needs: 'moderator', perProcedure: true, method: 'POST', request: (t) => ({ path: `${base(t)}/moderation/comments/${t.commentId}/hide`, body: {} }) },
    { name: 'POST comment approve', needs: 'moderator', perProcedure: true, method: 'POST', request: (t) => ({ path: `${base(t)}/moderation/comments/${t.commentId}/approve`, body: {} }) },
    {
      name: 'POST bulk', needs: 'moderator', perProcedure: true, method: 'POST',
      request: (t) => ({ path: `${base(t)}/moderation/bulk`, body: { action: 'approve', items: [{ kind: 'contribution', id: t.contributionId }] } }),
    },
    // setup
    { name: 'PATCH setup', needs: 'manager', perProcedure: true, method: 'PATCH', request: (t) => ({ path: `${base(t)}/setup`, body: { summary: `Kurz ${unique()}` } }) },
    {
      name: 'PUT phases', needs: 'manager', perProcedure: true, method: 'PUT',
      request: (t) => ({
        path: `${base(t)}/setup/phases`,
        body: { phases: [{ kind: 'participation', startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }] },
      }),
    },
    { name: 'POST category', needs: 'manager', perProcedure: true, method: 'POST', request: (t) => ({ path: `${base(t)}/setup/categories`, body: { name: `Kategorie ${unique()}`, colour: '#AA3300', icon: 'tree' } }) },
    {
      name: 'PATCH category', needs: 'manager', perProcedure: true, method: 'PATCH',
      request: (t) => ({ path: `${base(t)}/setup/categories/${t.procedure.categoryId}`, body: { colour: '#1565c0' } }),
    },
    {
      name: 'DELETE category', needs: 'manager', perProcedure: true, method: 'DELETE',
      request: async (t) => {
        const c = await asAdmin('POST', `${base(t)}/setup/categories`, { name: `Weg ${unique()}`, colour: '#000000' });
        return { path: `${base(t)}/setup/categories/${c.id}` };
      },
    },
    { name: 'POST rubric', needs: 'manager', perProcedure: true, method: 'POST', request: (t) => ({ path: `${base(t)}/setup/rubrics`, body: { kind: `art_${'abcdefghij'[n % 10]}${unique().replace(/\d/g, (d) => 'abcdefghij'[+d])}`, name: 'Art' } }) },
    { name: 'PATCH rubric', needs: 'manager', perProcedure: true, method: 'PATCH', request: (t) => ({ path: `${base(t)}/setup/rubrics/${t.procedure.rubricId}`, body: { name: 'Idee!' } }) },
    {
      name: 'DELETE rubric', needs: 'manager', perProcedure: true, method: 'DELETE',
      request: async (t) => {
        const r = await asAdmin('POST', `${base(t)}/setup/rubrics`, { kind: `weg_${unique().replace(/\d/g, (d) => 'abcdefghij'[+d])}`, name: 'Weg' });
        return { path: `${base(t)}/setup/rubrics/${r.id}` };
      },
    },
    {
      name: 'POST appointment', needs: 'manager', perProcedure: true, method: 'POST',
      request: (t) => ({ path: `${base(t)}/setup/appointments`, body: { title: 'Werkstatt', startsAt: '2027-03-01T17:00:00Z', location: { type: 'Point', coordinates: [9.95, 53.55] } } }),
    },
    {
      name: 'PATCH appointment', needs: 'manager', perProcedure: true, method: 'PATCH',
      request: async (t) => {
        const a = await asAdmin('POST', `${base(t)}/setup/appointments`, { title: 'Termin', startsAt: '2027-03-01T17:00:00Z' });
        return { path: `${base(t)}/setup/appointments/${a.id}`, body: { place: 'Rathaus' } };
      },
    },
    {
      name: 'DELETE appointment', needs: 'manager', perProcedure: true, method: 'DELETE',
      request: async (t) => {
        const a = await asAdmin('POST', `${base(t)}/setup/appointments`, { title: 'Termin', startsAt: '2027-03-01T17:00:00Z' });
        return { path: `${base(t)}/setup/appointments/${a.id}` };
      },
    },
    // variants and planning information (uploads are covered with real files in variants.e2e.ts)
    { name: 'GET variants', needs: 'moderator', perProcedure: true, method: 'GET', request: (t) => ({ path: `${base(t)}/setup/variants` }) },
    { name: 'POST variant', needs: 'manager', perProcedure: true, method: 'POST', request: (t) => ({ path: `${base(t)}/setup/variants`, body: { title: `Variante ${unique()}` } }) },
    {
      name: 'PUT variant', needs: 'manager', perProcedure: true, method: 'PUT',
      request: async (t) => {
        const v = await asAdmin('POST', `${base(t)}/setup/variants`, { title: 'Variante' });
        return { path: `${base(t)}/setup/variants/${v.id}`, body: { title: 'Variante', published: true } };
      },
    },
    {
      name: 'DELETE variant', needs: 'manager', perProcedure: true, method: 'DELETE',
      request: async (t) => {
        const v = await asAdmin('POST', `${base(t)}/setup/variants`, { title: 'Weg damit' });
        return { path: `${base(t)}/setup/variants/${v.id}` };
      },
    },
    { name: 'GET uploads', needs: 'manager', perProcedure: true, method: 'GET', request: (t) => ({ path: `${base(t)}/setup/uploads` }) },
    { name: 'GET information', needs: 'moderator', perProcedure: true, method: 'GET', request: (t) => ({ path: `${base(t)}/setup/information` }) },
    { name: 'POST faq', needs: 'manager', perProcedure: true, method: 'POST', request: (t) => ({ path: `${base(t)}/setup/faq`, body: { question: 'Wann?', answer: 'Bald.' } }) },
    {
      name: 'PUT faq', needs: 'manager', perProcedure: true, method: 'PUT',
      request: async (t) => {
        const f = await asAdmin('POST', `${base(t)}/setup/faq`, { question: 'Wo?', answer: 'Hier.' });
        return { path: `${base(t)}/setup/faq/${f.id}`, body: { question: 'Wo genau?', answer: 'Hier.' } };
      },
    },
    {
      name: 'DELETE faq', needs: 'manager', perProcedure: true, method: 'DELETE',
      request: async (t) => {
        const f = await asAdmin('POST', `${base(t)}/setup/faq`, { question: 'Wer?', answer: 'Wir.' });
        return { path: `${base(t)}/setup/faq/${f.id}` };
      },
    },
    { name: 'POST contact', needs: 'manager', perProcedure: true, method: 'POST', request: (t) => ({ path: `${base(t)}/setup/contacts`, body: { name: 'Bezirksamt', email: 'plan@example.org' } }) },
    {
      name: 'DELETE contact', needs: 'manager', perProcedure: true, method: 'DELETE',
      request: async (t) => {
        const c = await asAdmin('POST', `${base(t)}/setup/contacts`, { name: 'Weg' });
        return { path: `${base(t)}/setup/contacts/${c.id}` };
      },
    },
    { name: 'POST archive', needs: 'manager', perProcedure: true, method: 'POST', request: (t) => ({ path: `${base(t)}/setup/archive`, body: {} }) },
    { name: 'POST restore', needs: 'manager', perProcedure: true, method: 'POST', request: (t) => ({ path: `${base(t)}/setup/restore`, body: {} }) },
    { name: 'GET memberships', needs: 'manager', perProcedure: true, method: 'GET', request: (t) => ({ path: `${base(t)}/memberships` }) },
    // admins
    { name: 'PUT membership', needs: 'admin', perProcedure: true, method: 'PUT', request: (t) => ({ path: `${base(t)}/memberships/${spareId}`, body: { role: 'moderator' } }) },
    {
      name: 'DELETE membership', needs: 'admin', perProcedure: true, method: 'DELETE',
      request: async (t) => {
        await asAdmin('PUT', `${base(t)}/memberships/${spareId}`, { role: 'moderator' });
        return { path: `${base(t)}/memberships/${spareId}` };
      },
    },
    {
      name: 'POST clone', needs: 'admin', perProcedure: true, method: 'POST',
      request: (t) => ({ path: `${base(t)}/setup/clone`, body: { slug: `kopie-${unique()}`, title: 'Kopie', startsAt: '2027-01-01T00:00:00Z' } }),
    },
    { name: 'POST workspace procedure', needs: 'admin', perProcedure: false, method: 'POST', request: () => ({ path: '/api/v1/workspace/procedures', body: { slug: `neu-${unique()}`, title: 'Neu' } }) },
    { name: 'GET planners', needs: 'admin', perProcedure: false, method: 'GET', request: () => ({ path: '/api/v1/planners' }) },
    { name: 'GET planner', needs: 'admin', perProcedure: false, method: 'GET', request: () => ({ path: `/api/v1/planners/${spareId}` }) },
    { name: 'GET planners audit', needs: 'admin', perProcedure: false, method: 'GET', request: () => ({ path: '/api/v1/planners/audit' }) },
    { name: 'POST planner', needs: 'admin', perProcedure: false, method: 'POST', request: () => ({ path: '/api/v1/planners', body: { email: `p${unique()}@stadtdialog.test`, displayName: 'P' } }) },
    { name: 'PATCH planner', needs: 'admin', perProcedure: false, method: 'PATCH', request: () => ({ path: `/api/v1/planners/${spareId}`, body: { displayName: `Spare ${unique()}` } }) },
    { name: 'POST planner disable', needs: 'admin', perProcedure: false, method: 'POST', request: () => ({ path: `/api/v1/planners/${spareId}/disable`, body: {} }) },
    { name: 'POST planner enable', needs: 'admin', perProcedure: false, method: 'POST', request: () => ({ path: `/api/v1/planners/${spareId}/enable`, body: {} }) },
    { name: 'POST planner reset-password', needs: 'admin', perProcedure: false, method: 'POST', request: () => ({ path: `/api/v1/planners/${spareId}/reset-password`, body: {} }) },
    // site pages and accessibility feedback
    { name: 'GET workspace pages', needs: 'admin', perProcedure: false, method: 'GET', request: () => ({ path: '/api/v1/workspace/pages' }) },
    { name: 'PUT workspace page', needs: 'admin', perProcedure: false, method: 'PUT', request: () => ({ path: '/api/v1/workspace/pages/help', body: { de: `Hilfe ${unique()}`, en: null } }) },
    { name: 'GET accessibility feedback', needs: 'admin', perProcedure: false, method: 'GET', request: () => ({ path: '/api/v1/workspace/accessibility-feedback' }) },
    {
      name: 'DELETE accessibility feedback', needs: 'admin', perProcedure: false, method: 'DELETE',
      request: async () => {
        const sent = await call(api, 'POST', '/api/v1/accessibility-feedback', { body: { message: `Barriere ${unique()}` } });
        expect(sent.status).toBe(201);
        return { path: `/api/v1/workspace/accessibility-feedback/${sent.body.id}` };
      },
    },
  ];

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const targets = c.perProcedure ? [[A, true], [B, false]] as const : [[A, true]] as const;
    const outcomes: string[] = [];
    const wrong: string[] = [];
    for (const [t, onA] of targets) {
      for (const caller of CALLERS) {
        const want = expected(caller, c.needs, onA);
        const { path, body } = await c.request(t);
        const reply = await as(caller, c.method, path, body);
        const ok = want === '2xx' ? reply.status >= 200 && reply.status < 300 : reply.status === want;
        const line = `${caller} on ${c.perProcedure ? (onA ? 'A' : 'B') : '-'}: ${reply.status} (want ${want})`;
        outcomes.push(line);
        if (!ok) wrong.push(`${line} ${reply.text.slice(0, 200)}`);
        if (reply.status >= 400) expect(reply.headers.get('content-type')).toContain('application/problem+json');
      }
    }
    expect(wrong).toEqual([]);
    expect(outcomes.length).toBe(targets.length * CALLERS.length);
  });

  it('streams the moderation queue only to members of the procedure and admins', async () => {
    const statuses: Record<string, number> = {};
    for (const [t, label] of [[A, 'A'], [B, 'B']] as const) {
      for (const caller of CALLERS) {
        const headers: Record<string, string> =
          caller === 'anonymous' ? {} : caller === 'participant' ? { 'X-Participant-Token': participantToken }
            : { cookie: `sd_session=${(clients[caller] as PlannerClient).session}` };
        const stream = await EventStream.open(api, `${base(t)}/moderation/events`, headers);
        statuses[`${caller} ${label}`] = stream.status;
        await stream.close();
      }
    }
    expect(statuses).toEqual({
      'anonymous A': 401, 'participant A': 401, 'moderatorA A': 200, 'managerA A': 200, 'admin A': 200,
      'anonymous B': 401, 'participant B': 401, 'moderatorA B': 403, 'managerA B': 403, 'admin B': 200,
    });
  });

  it('leaves no trace of the members of A in the audit log of B', async () => {
    const log = await admin.call('GET', `${base(B)}/audit?limit=100`);
    expect(log.status).toBe(200);
    expect(log.body.items.length).toBeGreaterThan(10);
    const actors = new Set(log.body.items.map((e: { actor: { id: string } | null }) => e.actor?.id));
    expect(actors).toEqual(new Set([admin.me.id]));
  });

  it('lists for each planner only the procedures they belong to', async () => {
    const moderator = await (clients.moderatorA as PlannerClient).call('GET', '/api/v1/workspace/procedures');
    expect(moderator.body.map((p: { slug: string; role: string }) => [p.slug, p.role])).toEqual([['verfahren-a', 'moderator']]);
    const all = await admin.call('GET', '/api/v1/workspace/procedures');
    expect(all.body.map((p: { slug: string }) => p.slug)).toEqual(expect.arrayContaining(['verfahren-a', 'verfahren-b']));
    expect(new Set(all.body.map((p: { role: string }) => p.role))).toEqual(new Set(['admin']));
  });
});
