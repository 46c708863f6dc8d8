import { ContributionFeatureCollection, Health, ProcedureDetail, ProcedureSummary } from '@stadtdialog/shared/contract';
import { MIGRATIONS } from '@stadtdialog/migrations';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, getJson, postJson, startApi } from './server';

describe(`a fresh start on the ${ENGINE} engine`, () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await freshDatabase({ empty: true });
    api = await startApi(db.env);
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('reports engine, PostGIS and a complete migration state on /api/health', async () => {
    const { status, body } = await getJson<Health>(api, '/api/health');
    expect(status).toBe(200);
    expect(body.engine).toBe(ENGINE);
    expect(body.postgis).toMatch(/^3\.\d+/);
    // every registered migration, the last one registered last
    expect(body.migrations).toMatchObject({ pending: 0, last: MIGRATIONS[MIGRATIONS.length - 1].name });
    expect(body.migrations.applied).toBe(MIGRATIONS.length);
  });

  it('logs the engine and PostGIS version, as JSON lines without client addresses', async () => {
    await getJson(api, '/api/v1/procedures');
    // the request line is written when the response has finished
    for (let i = 0; i < 50 && !api.output().includes('"url":"/api/v1/procedures"'); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const lines = api.output().split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(api.output()).toMatch(new RegExp(`database engine ${ENGINE}, PostgreSQL \\d[^,]*, PostGIS 3\\.`));
    expect(api.output()).toContain('"url":"/api/v1/procedures"');
    expect(api.output()).not.toMatch(/remoteAddress|127\.0\.0\.1:\d+"|"x-forwarded-for"/);
  });

  it('seeds the Hamburg demo: five categories, three rubrics, an open procedure', async () => {
    const list = await getJson<ProcedureSummary[]>(api, '/api/v1/procedures');
    expect(list.body.map((p) => p.slug)).toEqual(['gruene-mitte-altona']);
    expect(list.body[0].state).toBe('open');
    const { body } = await getJson<ProcedureDetail>(api, '/api/v1/procedures/gruene-mitte-altona');
    expect(body.categories).toHaveLength(5);
    expect(new Set(body.categories.map((c) => c.colour)).size).toBe(5);
    expect(body.rubrics.map((r) => r.kind).sort()).toEqual(['criticism', 'idea', 'question']);
    expect(body.phases.map((p) => p.state)).toEqual(['closed', 'open', 'upcoming', 'upcoming']);
    expect(body.planningArea?.type).toBe('MultiPolygon');
    expect(body.appointments).toHaveLength(1);
  });

  it('serves about fifty demo contributions as points, lines and polygons with comments and ratings', async () => {
    const { status, type, body } = await getJson<ContributionFeatureCollection>(
      api,
      '/api/v1/procedures/gruene-mitte-altona/contributions/features',
    );
    expect(status).toBe(200);
    expect(type).toContain('application/geo+json');
    expect(body.features).toHaveLength(50);
    const types = new Set(body.features.map((f) => f.geometry.type));
    expect([...types].sort()).toEqual(['LineString', 'Point', 'Polygon']);
    expect(body.features.some((f) => f.properties.commentCount > 0)).toBe(true);
    expect(body.features.some((f) => f.properties.ratingsUp > 0)).toBe(true);
  });

  it('seeds two published variants with plan images, and documents, FAQ and a contact for the procedure page', async () => {
    const variants = await getJson<{ title: string; images: { url: string; alt: string }[]; keyFigures: unknown[] }[]>(
      api, '/api/v1/procedures/gruene-mitte-altona/variants',
    );
    expect(variants.body.map((v) => v.title)).toEqual(['Variante A: Der grüne Bogen', 'Variante B: Die grüne Achse']);
    for (const v of variants.body) {
      expect(v.images[0].alt.length).toBeGreaterThan(10);
      expect(v.keyFigures.length).toBeGreaterThan(0);
      const image = await fetch(api.baseUrl + v.images[0].url);
      expect(image.headers.get('content-type')).toBe('image/png');
    }
    const information = await getJson<{ documents: { file: { url: string } }[]; faq: unknown[]; contacts: unknown[] }>(
      api, '/api/v1/procedures/gruene-mitte-altona/information',
    );
    expect(information.body.documents).toHaveLength(2);
    expect(information.body.faq).toHaveLength(3);
    expect(information.body.contacts).toHaveLength(1);
    const pdf = await fetch(api.baseUrl + information.body.documents[0].file.url);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('keeps a contribution made through the API across a restart', async () => {
    const { body: procedure } = await getJson<ProcedureDetail>(api, '/api/v1/procedures/gruene-mitte-altona');
    const created = await postJson<{ id: string; status: string }>(
      api,
      '/api/v1/procedures/gruene-mitte-altona/contributions',
      {
        title: 'Sitzstufen am Wasser',
        text: 'Stufen zum Sitzen am neuen Regenrückhaltebecken.',
        categoryId: procedure.categories[4].id,
        rubricId: procedure.rubrics[0].id,
        geometry: { type: 'Point', coordinates: [9.9335, 53.5601] },
      },
      { 'Idempotency-Key': '6f9b1c2e-0d4a-4c7b-9e1f-2a3b4c5d6e7f' },
    );
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('published');
    expect(created.headers.get('x-participant-token')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect(await api.stop()).toBe(0);
    api = await startApi(db.env);

    const again = await getJson<{ id: string; title: string; geometry: unknown }>(
      api,
      `/api/v1/procedures/gruene-mitte-altona/contributions/${created.body.id}`,
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ title: 'Sitzstufen am Wasser', geometry: { type: 'Point', coordinates: [9.9335, 53.5601] } });
    const features = await getJson<ContributionFeatureCollection>(api, '/api/v1/procedures/gruene-mitte-altona/contributions/features');
    expect(features.body.features).toHaveLength(51);
    // the demo is seeded once, not again on the second start
    expect(api.output()).not.toContain('seeded the demo procedure');
  });
});
