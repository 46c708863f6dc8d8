/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked by the tests' assertions, not by types */
import { randomUUID } from 'node:crypto';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { apiEnv, withDatabase } from './participation-fixtures';
import { ADMIN, PlannerClient, call } from './planner-fixtures';

const OPERATOR = {
  OPERATOR_NAME: 'Bezirksamt Altona',
  OPERATOR_ADDRESS: 'Platz der Republik 1 | 22765 Hamburg',
  OPERATOR_EMAIL: 'beteiligung@altona.example',
  ACCESSIBILITY_CHECKED_ON: '2026-11-30',
};

describe(`imprint, privacy policy, accessibility statement, rules and help (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let admin: PlannerClient;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await freshDatabase();
    env = apiEnv({ ...db.env, ...OPERATOR, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    api = await startApi(env);
    admin = await PlannerClient.signIn(api, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('names the operator for the footer, and offers no e-mail and no address search without SMTP_URL and GEOCODER_URL', async () => {
    const site = await call(api, 'GET', '/api/v1/site');
    expect(site.status).toBe(200);
    expect(site.body).toEqual({ operatorName: 'Bezirksamt Altona', notifications: false, addressSearch: false });
    const search = await call(api, 'GET', '/api/v1/procedures/irgendeins/places?q=Harkort');
    expect(search.status).toBe(409);
    expect(search.body.code).toBe('address_search_off');
  });

  it('serves every page by default, filled from the configuration, in German and English', async () => {
    const titles: Record<string, string[]> = {};
    for (const key of ['imprint', 'privacy', 'accessibility', 'rules', 'help']) {
      for (const lang of ['de', 'en']) {
        const page = await call(api, 'GET', `/api/v1/pages/${key}?lang=${lang}`);
        expect(page.status).toBe(200);
        expect(page.body).toMatchObject({ key, language: lang, edited: false, updatedAt: null });
        expect(page.body.html).toContain('<h2>');
        (titles[key] ??= []).push(page.body.title);
      }
    }
    expect(titles).toEqual({
      imprint: ['Impressum', 'Imprint'],
      privacy: ['Datenschutzerklärung', 'Privacy policy'],
      accessibility: ['Erklärung zur Barrierefreiheit', 'Accessibility statement'],
      rules: ['Regeln für Beiträge', 'Rules for contributions'],
      help: ['Hilfe', 'Help'],
    });
    const imprint = (await call(api, 'GET', '/api/v1/pages/imprint')).body;
    expect(imprint.language).toBe('de');
    expect(imprint.html).toContain('Bezirksamt Altona');
    expect(imprint.html).toContain('22765 Hamburg');
    expect(imprint.html).toContain('beteiligung@altona.example');
    // what the configuration does not say is marked to be filled in
    expect(imprint.html).toContain('[Bitte ergänzen: Telefonnummer (OPERATOR_PHONE)]');
    const statement = (await call(api, 'GET', '/api/v1/pages/accessibility')).body;
    expect(statement.html).toContain('30.11.2026');
    expect(statement.html).toContain('Schlichtungsstelle');
    const privacy = (await call(api, 'GET', '/api/v1/pages/privacy')).body;
    expect(privacy.html).toContain('stadtdialog.participantToken');
  });

  it('answers an unknown page with 404 and an unknown language with 400, as problems', async () => {
    const missing = await call(api, 'GET', '/api/v1/pages/agb');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const language = await call(api, 'GET', '/api/v1/pages/imprint?lang=fr');
    expect(language.status).toBe(400);
    expect(language.body.errors).toEqual([expect.objectContaining({ field: 'lang' })]);
  });

  it('lets an admin set a page, shows the German text to English readers until there is an English one, and goes back to the default', async () => {
    const refused = await call(api, 'PUT', '/api/v1/workspace/pages/privacy', { body: { de: 'x', en: null } });
    expect(refused.status).toBe(401);
    const blank = await admin.call('PUT', '/api/v1/workspace/pages/privacy', { de: ' \u200b ', en: null });
    expect(blank.status).toBe(422);
    expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'de' })]);
    const missingField = await admin.call('PUT', '/api/v1/workspace/pages/privacy', { de: 'Text' });
    expect(missingField.status).toBe(422);
    expect((await call(api, 'GET', '/api/v1/pages/privacy')).body.edited).toBe(false);

    const text = '# Datenschutz beim Bezirk\n\nWir speichern **wenig**. <script>alert(1)</script>';
    const set = await admin.call('PUT', '/api/v1/workspace/pages/privacy', { de: text, en: null });
    expect(set.status).toBe(200);
    expect(set.body.texts).toEqual({ de: text, en: null });
    expect(set.body.defaults.en).toContain('## Controller');
    const german = (await call(api, 'GET', '/api/v1/pages/privacy?lang=de')).body;
    expect(german).toMatchObject({ language: 'de', edited: true, markdown: text });
    expect(german.html).toContain('<h2>Datenschutz beim Bezirk</h2>');
    expect(german.html).toContain('<strong>wenig</strong>');
    expect(german.html).not.toContain('<script>');
    expect(german.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const forEnglish = (await call(api, 'GET', '/api/v1/pages/privacy?lang=en')).body;
    expect(forEnglish).toMatchObject({ language: 'de', title: 'Datenschutzerklärung', markdown: text });

    expect((await admin.call('PUT', '/api/v1/workspace/pages/privacy', { de: text, en: 'We store **little**.' })).status).toBe(200);
    expect((await call(api, 'GET', '/api/v1/pages/privacy?lang=en')).body).toMatchObject({ language: 'en', title: 'Privacy policy', markdown: 'We store **little**.' });

    const sources = await admin.call('GET', '/api/v1/workspace/pages');
    expect(sources.status).toBe(200);
    expect(sources.body.map((s: any) => s.key)).toEqual(['imprint', 'privacy', 'accessibility', 'rules', 'help']);
    expect(sources.body[1].texts).toEqual({ de: text, en: 'We store **little**.' });

    expect((await admin.call('PUT', '/api/v1/workspace/pages/privacy', { de: null, en: null })).status).toBe(200);
    const back = (await call(api, 'GET', '/api/v1/pages/privacy?lang=en')).body;
    expect(back).toMatchObject({ language: 'en', edited: false });
    expect(back.markdown).toContain('## Controller');

    const audit = await admin.call('GET', '/api/v1/planners/audit?limit=10');
    const edits = audit.body.items.filter((e: any) => e.action === 'site-page.edit');
    expect(edits).toHaveLength(3);
    expect(edits[0].after).toEqual({ key: 'privacy', de: null, en: null });
  });

  it('takes accessibility feedback from anyone, once per Idempotency-Key, for admins to read and delete', async () => {
    const key = randomUUID();
    const body = { message: 'Der Kontrast der Karte ist zu schwach.', email: 'leserin@example.org', page: '/procedures/demo' };
    const sent = await call(api, 'POST', '/api/v1/accessibility-feedback', { body, headers: { 'Idempotency-Key': key } });
    expect(sent.status).toBe(201);
    const again = await call(api, 'POST', '/api/v1/accessibility-feedback', { body, headers: { 'Idempotency-Key': key } });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(sent.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    for (const [bad, field] of [
      [{ message: '  \u200b' }, 'message'],
      [{ message: 'ok', email: 'keine-adresse' }, 'email'],
      [{ message: 'ok', page: 'https://elsewhere.example' }, 'page'],
      [{ message: 'x'.repeat(5001) }, 'message'],
      [{ message: 'ok', extra: 1 }, 'extra'],
    ] as const) {
      const reply = await call(api, 'POST', '/api/v1/accessibility-feedback', { body: bad });
      expect({ bad, status: reply.status }).toEqual({ bad, status: 422 });
      expect(reply.body.errors.map((e: any) => e.field)).toContain(field);
    }
    expect((await call(api, 'GET', '/api/v1/workspace/accessibility-feedback')).status).toBe(401);
    const list = await admin.call('GET', '/api/v1/workspace/accessibility-feedback');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([{ id: sent.body.id, ...body, createdAt: expect.any(String) }]);

    expect((await admin.call('DELETE', `/api/v1/workspace/accessibility-feedback/${sent.body.id}`)).status).toBe(204);
    expect((await admin.call('GET', '/api/v1/workspace/accessibility-feedback')).body).toEqual([]);
    expect((await admin.call('DELETE', `/api/v1/workspace/accessibility-feedback/${sent.body.id}`)).status).toBe(404);
  });

  it('keeps the pages and deletes the address with the feedback in the database', async () => {
    await admin.call('PUT', '/api/v1/workspace/pages/rules', { de: 'Bitte freundlich bleiben.', en: 'Please be kind.' });
    await api.stop();
    const rows = await withDatabase(env, async (ds) => ({
      pages: await ds.query(`SELECT key, language FROM site_pages ORDER BY key, language`),
      feedback: await ds.query(`SELECT count(*)::int AS n FROM accessibility_feedback WHERE email IS NOT NULL`),
    }));
    expect(rows.pages).toEqual([{ key: 'rules', language: 'de' }, { key: 'rules', language: 'en' }]);
    expect(rows.feedback).toEqual([{ n: 0 }]);
    api = await startApi(env);
    expect((await call(api, 'GET', '/api/v1/pages/rules?lang=en')).body.markdown).toBe('Please be kind.');
  });
});
