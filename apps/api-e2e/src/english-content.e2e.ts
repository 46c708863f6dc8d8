import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { SeededProcedure, apiEnv, seedProcedure, withDatabase } from './participation-fixtures';
import { ADMIN, PlannerClient, call, contribute } from './planner-fixtures';

/*
 * English versions of planner-entered texts: a manager sets them with the setup endpoints, the
 * public reads carry them beside the German texts, a bad one is refused with a field code and
 * changes nothing, and every change is in the audit log.
 */
describe(`English versions of procedure texts (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let procedure: SeededProcedure;
  let admin: PlannerClient;
  let manager: PlannerClient;
  const setup = () => `/api/v1/procedures/${procedure.id}/setup`;
  const publicRead = async () => (await call(api, 'GET', `/api/v1/procedures/${procedure.slug}`)).body;
  const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  beforeAll(async () => {
    db = await freshDatabase();
    const env = apiEnv({ ...db.env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    procedure = await withDatabase(env, (ds) => seedProcedure(ds, 'marktplatz'));
    api = await startApi(env);
    admin = await PlannerClient.signIn(api, ADMIN.email, ADMIN.password);
    const created = await admin.call('POST', '/api/v1/planners', {
      email: 'managerin@stadtdialog.test', displayName: 'Managerin', password: 'manager password 2026',
    });
    expect(created.status).toBe(201);
    expect((await admin.call('PUT', `/api/v1/procedures/${procedure.id}/memberships/${created.body.id}`, { role: 'manager' })).status).toBe(200);
    manager = await PlannerClient.signIn(api, 'managerin@stadtdialog.test', 'manager password 2026');
  }, 300_000);

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('takes English versions from a manager and shows them in the public reads beside the German texts', async () => {
    const updated = await manager.call('PATCH', setup(), {
      title: 'Marktplatz', summary: 'Kurz gesagt',
      translations: { en: { title: '  Market square ', summary: 'In short', description: 'The long story' } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.translations).toEqual({ en: { title: 'Market square', summary: 'In short', description: 'The long story' } });

    const phases = await manager.call('PUT', `${setup()}/phases`, {
      phases: [{ kind: 'participation', title: 'Beteiligung', startsAt: at(-1), endsAt: at(20), translations: { en: { title: 'Participation' } } }],
    });
    expect(phases.status).toBe(200);
    const category = await manager.call('PATCH', `${setup()}/categories/${procedure.categoryId}`, { translations: { en: { name: 'Greenery' } } });
    expect([category.status, category.body]).toEqual([200, expect.objectContaining({ name: 'Grün', translations: { en: { name: 'Greenery' } } })]);
    const rubric = await manager.call('POST', `${setup()}/rubrics`, { kind: 'question', name: 'Frage', translations: { en: { name: 'Question' } } });
    expect(rubric.status).toBe(201);
    const appointment = await manager.call('POST', `${setup()}/appointments`, {
      title: 'Werkstatt', description: 'Im Saal', startsAt: at(3), translations: { en: { title: 'Workshop', description: 'In the hall' } },
    });
    expect(appointment.status).toBe(201);

    const read = await publicRead();
    expect(read).toMatchObject({ title: 'Marktplatz', summary: 'Kurz gesagt', translations: { en: { title: 'Market square', summary: 'In short', description: 'The long story' } } });
    expect(read.phases).toEqual([expect.objectContaining({ title: 'Beteiligung', translations: { en: { title: 'Participation' } } })]);
    expect(read.categories).toEqual([expect.objectContaining({ name: 'Grün', translations: { en: { name: 'Greenery' } } })]);
    expect(read.rubrics).toEqual([
      expect.objectContaining({ name: 'Idee', translations: {} }),
      expect.objectContaining({ name: 'Frage', translations: { en: { name: 'Question' } } }),
    ]);
    expect(read.appointments).toEqual([expect.objectContaining({ title: 'Werkstatt', translations: { en: { title: 'Workshop', description: 'In the hall' } } })]);

    const list = (await call(api, 'GET', '/api/v1/procedures')).body;
    expect(list.find((p: { slug: string }) => p.slug === procedure.slug).translations).toEqual(read.translations);
    const overview = (await call(api, 'GET', '/api/v1/overview')).body;
    expect(overview.appointments[0]).toMatchObject({
      translations: { en: { title: 'Workshop', description: 'In the hall' } },
      procedure: { slug: procedure.slug, title: 'Marktplatz', translations: read.translations },
    });
  });

  it('changes only the versions a body names, and removes one sent as ""', async () => {
    const reply = await manager.call('PATCH', setup(), { translations: { en: { summary: '' } } });
    expect(reply.status).toBe(200);
    expect(reply.body.translations).toEqual({ en: { title: 'Market square', description: 'The long story' } });
    expect((await publicRead()).translations).toEqual({ en: { title: 'Market square', description: 'The long story' } });
    const category = await manager.call('PATCH', `${setup()}/categories/${procedure.categoryId}`, { translations: { en: { name: ' ' } } });
    expect(category.status).toBe(422);
    const cleared = await manager.call('PATCH', `${setup()}/categories/${procedure.categoryId}`, { translations: { en: { name: '' } } });
    expect([cleared.status, cleared.body.translations]).toEqual([200, {}]);
    expect((await publicRead()).categories[0].translations).toEqual({});
    expect((await manager.call('PATCH', `${setup()}/categories/${procedure.categoryId}`, { translations: { en: { name: 'Greenery' } } })).status).toBe(200);
  });

  it('refuses bad English versions with a field code and changes nothing', async () => {
    const before = await publicRead();
    const setupBefore = (await manager.call('GET', setup())).body;
    const cases: [string, string, unknown, string, string][] = [
      ['PATCH', setup(), { translations: { en: { title: 'x'.repeat(201) } } }, 'translations.en.title', 'too_long'],
      ['PATCH', setup(), { translations: { en: { title: '\u200b\u00a0\u2060' } } }, 'translations.en.title', 'blank_text'],
      ['PATCH', setup(), { translations: { en: { title: 42 } } }, 'translations.en.title', 'not_text'],
      ['PATCH', setup(), { translations: { en: { title: null } } }, 'translations.en.title', 'not_text'],
      ['PATCH', setup(), { translations: { fr: { title: 'Place du marché' } } }, 'translations.fr', 'unknown_field'],
      ['PATCH', setup(), { translations: { en: { slug: 'market' } } }, 'translations.en.slug', 'unknown_field'],
      ['PATCH', setup(), { translations: 'Market square' }, 'translations', 'not_object'],
      ['PATCH', setup(), { translations: { en: ['Market square'] } }, 'translations.en', 'not_object'],
      ['PATCH', `${setup()}/categories/${procedure.categoryId}`, { translations: { en: { name: 'x'.repeat(81) } } }, 'translations.en.name', 'too_long'],
      ['POST', `${setup()}/rubrics`, { kind: 'hint', name: 'Hinweis', translations: { en: { name: '\u3000' } } }, 'translations.en.name', 'blank_text'],
      ['POST', `${setup()}/appointments`, { title: 'T', startsAt: at(4), translations: { en: { description: 'x'.repeat(5001) } } }, 'translations.en.description', 'too_long'],
      ['PUT', `${setup()}/phases`, { phases: [{ kind: 'participation', startsAt: at(-1), endsAt: at(20), translations: { en: { title: true } } }] }, 'phases.0.translations.en.title', 'not_text'],
    ];
    for (const [method, path, body, field, code] of cases) {
      const reply = await manager.call(method as 'PATCH', path, body);
      expect({ field, status: reply.status, type: reply.headers.get('content-type') }).toEqual({ field, status: 422, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(reply.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    }
    expect(await publicRead()).toEqual(before);
    expect((await manager.call('GET', setup())).body).toEqual(setupBefore);
  });

  it('writes each change of an English version to the audit log, before and after', async () => {
    type Texts = { name?: string; title?: string; translations?: { en?: Record<string, string> } };
    const audit = (await admin.call('GET', `/api/v1/procedures/${procedure.id}/audit?limit=100`)).body.items as {
      action: string; before: Texts | null; after: Texts | null;
    }[];
    const procedureChange = audit.find((e) => e.action === 'procedure.update' && e.after?.translations?.en?.summary === undefined && e.before?.translations?.en?.summary === 'In short');
    expect(procedureChange).toBeDefined();
    expect(audit.find((e) => e.action === 'procedure.phases')?.after).toEqual([expect.objectContaining({ translations: { en: { title: 'Participation' } } })]);
    expect(audit.find((e) => e.action === 'category.update' && e.after?.translations?.en?.name === 'Greenery')?.before).toMatchObject({ translations: {} });
    expect(audit.find((e) => e.action === 'rubric.create')?.after).toMatchObject({ name: 'Frage', translations: { en: { name: 'Question' } } });
  });

  it('gives the statistics, the results report and "Meine Beiträge" the English versions', async () => {
    const own = await contribute(api, procedure, 'Mehr Bänke');
    const mine = (await call(api, 'GET', '/api/v1/me/contributions', { headers: { 'X-Participant-Token': own.token } })).body;
    expect(mine.contributions).toEqual([
      expect.objectContaining({ id: own.id, category: 'Grün', categoryTranslations: { en: { name: 'Greenery' } }, rubricTranslations: {} }),
    ]);
    const statistics = (await call(api, 'GET', `/api/v1/procedures/${procedure.slug}/statistics`)).body;
    expect(statistics.procedure.translations).toEqual({ en: { title: 'Market square', description: 'The long story' } });
    expect(statistics.byCategory).toEqual([expect.objectContaining({ label: 'Grün', translations: { en: { label: 'Greenery' } } })]);
    expect(statistics.byRubric).toEqual([expect.objectContaining({ label: 'Idee', translations: {} })]);
    const report = (await call(api, 'GET', `/api/v1/procedures/${procedure.slug}/report`)).body;
    expect(report.procedure).toMatchObject({ title: 'Marktplatz', translations: { en: { title: 'Market square' } } });
    expect(report.procedure.phases).toEqual([expect.objectContaining({ title: 'Beteiligung', translations: { en: { title: 'Participation' } } })]);
  });

  it('keeps the English versions of a cloned template, except the title the clone is given', async () => {
    const clone = await admin.call('POST', `${setup()}/clone`, { slug: 'marktplatz-2', title: 'Marktplatz 2', startsAt: at(30) });
    expect(clone.status).toBe(201);
    expect(clone.body.translations).toEqual({ en: { description: 'The long story' } });
    expect(clone.body.categories[0].translations).toEqual({ en: { name: 'Greenery' } });
    expect(clone.body.phases[0].translations).toEqual({ en: { title: 'Participation' } });
  });
});
