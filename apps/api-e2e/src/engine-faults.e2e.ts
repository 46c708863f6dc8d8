import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Health, Problem } from '@stadtdialog/shared/contract';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { SeededProcedure, apiEnv, seedProcedure, send, withDatabase } from './participation-fixtures';
import { contribute } from './planner-fixtures';

/** What the issue asks of a slow query: the rest of the API answers within a second meanwhile. */
const ANSWER_WITHIN_MS = 1000;

async function probe(api: RunningApi, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(api.baseUrl + path, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  return { status: response.status, body: await response.text() };
}

async function healthy(api: RunningApi): Promise<Health> {
  for (let i = 0; i < 240; i++) {
    const health = (await fetch(api.baseUrl + '/api/health').then((r) => r.json()).catch(() => null)) as Health | null;
    if (health?.status === 'ok') return health;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the API did not become healthy again');
}

describe(`a runaway query on the ${ENGINE} engine (FAULT_INJECTION)`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let web: string;
  let procedure: SeededProcedure;
  const titles = ['Vor dem Ausfall 1', 'Vor dem Ausfall 2', 'Vor dem Ausfall 3'];

  beforeAll(async () => {
    db = await freshDatabase();
    await withDatabase(db.env, async (ds) => {
      procedure = await seedProcedure(ds, 'laufzeit');
    });
    web = mkdtempSync(join(tmpdir(), 'stadtdialog-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Stadtdialog</title>');
    writeFileSync(join(web, 'probe.js'), 'console.log("static");');
    api = await startApi(
      apiEnv({ ...db.env, FAULT_INJECTION: 'true', EMBEDDED_QUERY_TIMEOUT: '5', DATABASE_STATEMENT_TIMEOUT: '5', WEB_DIST_DIR: web }),
    );
    for (const title of titles) await contribute(api, procedure, title);
    // two opens of a new embedded data directory (PostGIS unpacks on the first) on a shared machine
  }, 300_000);

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
    rmSync(web, { recursive: true, force: true });
  });

  it('keeps health and static files answering while it runs, ends it at the bound with 503, and serves again', async () => {
    let pending = true;
    const runaway = send<Problem>(api, 'POST', '/api/test/runaway-query').finally(() => (pending = false));
    const during: { health: Health; file: string }[] = [];
    await new Promise((r) => setTimeout(r, 500));
    while (pending && during.length < 4) {
      const [health, file] = await Promise.all([probe(api, '/api/health'), probe(api, '/probe.js')]);
      expect(file.status).toBe(200);
      if (pending) during.push({ health: JSON.parse(health.body), file: file.body });
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect(during[0].file).toContain('static');
    if (ENGINE === 'embedded') expect(during.map((d) => d.health.database.state)).toContain('busy');

    const ended = await runaway;
    expect(ended.status).toBe(503);
    expect(ended.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(ended.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ended.body.detail).toMatch(/database is not available/);

    const after = await healthy(api);
    expect(after.status).toBe('ok');
    if (ENGINE === 'embedded') {
      expect(after.database.restarts).toBe(1);
      expect(after.database.lastIncident).toMatchObject({ kind: 'query_timeout', recoveredAt: expect.any(String) });
    } else {
      // statement_timeout cancels the statement; the session and the server stay up
      expect(after.database).toMatchObject({ state: 'ok', restarts: 0 });
    }
    await contribute(api, procedure, 'Nach dem Ausfall');
  }, 180_000);

  it('lost nothing that was committed before the query was ended', async () => {
    await api.stop();
    const rows = await withDatabase(db.env, (ds) => ds.query(`SELECT title FROM contributions ORDER BY created_at`));
    expect(rows.map((r: { title: string }) => r.title)).toEqual([...titles, 'Nach dem Ausfall']);
  });
});
