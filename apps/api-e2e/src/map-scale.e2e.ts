import {
  Contribution,
  ContributionClusterCollection,
  ContributionFeatureCollection,
  ContributionPage,
  MAP_LOADING,
  ProcedureDetail,
  Problem,
  isClusterFeature,
} from '@stadtdialog/shared/contract';
import { loadConfig } from '@stadtdialog/api/config';
import { openDatabase } from '@stadtdialog/api/db';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, getJson, postJson, startApi } from './server';
import { ADMIN, PlannerClient, contribute } from './planner-fixtures';

const SLUG = 'gruene-mitte-altona';
const BASE = `/api/v1/procedures/${SLUG}/contributions`;
const quiet = { info: () => undefined, warn: () => undefined };

/** Seeded in the database: a dense block of points north-east of the park, more than one map request answers. */
const SEEDED = MAP_LOADING.featuresPerRequest + 15;
const SEED_ORIGIN = [9.95, 53.57];
const SEED_BBOX = '9.9495,53.5695,9.9525,53.5725';
/** Seeds 1–3 wait for review and 4–5 are hidden; the rest are published. */
const seedStatus = (i: number) => (i <= 3 ? 'pending' : i <= 5 ? 'hidden' : 'published');

/** A diagonal line across the park: its bounding box covers BESIDE_LINE, the line itself does not. */
const DIAGONAL = { type: 'LineString' as const, coordinates: [[9.93, 53.558], [9.936, 53.562]] };
/** The north-west corner of the line's box; the line passes 0.0027° further south there. */
const BESIDE_LINE = '9.9302,53.5612,9.9312,53.5618';
const IN_CORNER = [9.9307, 53.5615];

async function get<T>(api: RunningApi, path: string) {
  const response = await fetch(api.baseUrl + path);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as T };
}

/** Contributions a cluster answer stands for: the counts of its clusters plus its single features. */
function counted(collection: ContributionClusterCollection): number {
  return collection.features.reduce((sum, f) => sum + (isClusterFeature(f) ? f.properties.count : 1), 0);
}

describe(`the map layer at scale on the ${ENGINE} engine`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let procedure: ProcedureDetail;
  let line: Contribution;
  let corner: Contribution;
  /** a procedure whose every contribution mentions a tree, so a search for it reads every row */
  let cellsProcedure: { id: string; slug: string; categoryId: string; otherCategoryId: string; rubricId: string };

  beforeAll(async () => {
    db = await freshDatabase();
    api = await startApi(db.env);
    procedure = (await getJson<ProcedureDetail>(api, `/api/v1/procedures/${SLUG}`)).body;
    const create = async (title: string, geometry: unknown) => {
      const created = await postJson<Contribution>(api, BASE, {
        title,
        text: 'Für den Kartentest.',
        categoryId: procedure.categories[0].id,
        rubricId: procedure.rubrics[0].id,
        geometry,
      });
      expect(created.status).toBe(201);
      return created.body;
    };
    line = await create('Diagonaler Weg durch den Park', DIAGONAL);
    corner = await create('Eine Bank in der Ecke', { type: 'Point', coordinates: IN_CORNER });

    await api.stop();
    const opened = await openDatabase(loadConfig({ ...db.env, SEED_DEMO: 'false' }), quiet);
    await opened.dataSource.query(
      `INSERT INTO contributions (procedure_id, category_id, rubric_id, title, body, geom, status, source, created_at, updated_at)
       SELECT $1, ($2::uuid[])[1 + i % cardinality($2::uuid[])], ($3::uuid[])[1 + i % cardinality($3::uuid[])],
              CASE WHEN i % 2 = 0 THEN 'Neuer Baum ' ELSE 'Neue Bank ' END || i, 'Gesät für den Kartentest.',
              ST_SetSRID(ST_MakePoint($4 + (i % 50) * 0.00004, $5 + (i / 50) * 0.00004), 4326),
              CASE WHEN i <= 3 THEN 'pending' WHEN i <= 5 THEN 'hidden' ELSE 'published' END, 'online',
              now() - interval '1 day' - i * interval '1 second', now() - interval '1 day' - i * interval '1 second'
       FROM generate_series(1, $6::int) AS i`,
      [
        procedure.id,
        procedure.categories.map((c) => c.id),
        procedure.rubrics.map((r) => r.id),
        SEED_ORIGIN[0],
        SEED_ORIGIN[1],
        SEEDED,
      ],
    );
    cellsProcedure = await seedCellsProcedure(opened.dataSource.query.bind(opened.dataSource));
    await opened.dataSource.destroy();
    await opened.database.stop();
    api = await startApi({ ...db.env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    // two starts of the API and one of the engine in between: on the embedded engine that takes a while
  }, 300_000);

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  /** What the seed formula above puts where, to compare the answers with. */
  const seeds = Array.from({ length: SEEDED }, (_, n) => n + 1).map((i) => ({
    i,
    published: seedStatus(i) === 'published',
    category: () => procedure.categories[i % procedure.categories.length].id,
    rubric: () => procedure.rubrics[i % procedure.rubrics.length].id,
    tree: i % 2 === 0,
  }));

  it('returns what meets the bbox exactly: a line whose box overlaps it but which passes beside it is left out', async () => {
    for (const path of [`${BASE}/features?bbox=${BESIDE_LINE}`, `${BASE}?bbox=${BESIDE_LINE}&limit=100`]) {
      const { status, body } = await get<ContributionFeatureCollection & ContributionPage>(api, path);
      expect(status).toBe(200);
      const ids = (body.features ?? body.items).map((f) => f.id);
      expect(ids).toContain(corner.id);
      expect(ids).not.toContain(line.id);
    }
    // The same line is there for a bbox it crosses.
    const crossed = await get<ContributionFeatureCollection>(api, `${BASE}/features?bbox=9.932,53.559,9.934,53.561`);
    expect(crossed.body.features.map((f) => f.id)).toContain(line.id);
  });

  it(`answers at most ${MAP_LOADING.featuresPerRequest} features per request, the newest, and says it cut them off`, async () => {
    const { status, body } = await get<ContributionFeatureCollection>(api, `${BASE}/features?bbox=${SEED_BBOX}`);
    expect(status).toBe(200);
    expect(body.features).toHaveLength(MAP_LOADING.featuresPerRequest);
    expect(body.truncated).toBe(true);
    // seeds are older the higher their number: the newest published ones come, the pending and hidden never
    const published = seeds.filter((s) => s.published);
    const titles = body.features.map((f) => f.properties.title);
    expect(titles[0]).toBe(`${published[0].tree ? 'Neuer Baum' : 'Neue Bank'} ${published[0].i}`);
    expect(titles).not.toContain('Neue Bank 3');
    const oldest = published.at(-1);
    expect(titles).not.toContain(`${oldest?.tree ? 'Neuer Baum' : 'Neue Bank'} ${oldest?.i}`);

    const small = await get<ContributionFeatureCollection>(api, `${BASE}/features?bbox=${BESIDE_LINE}`);
    expect(small.body.truncated).toBe(false);
  });

  it('aggregates only published contributions, under every filter the list takes', async () => {
    const filters: [string, (s: (typeof seeds)[number]) => boolean][] = [
      ['', () => true],
      [`category=${procedure.categories[1].id}`, (s) => s.category() === procedure.categories[1].id],
      [`rubric=${procedure.rubrics[0].id}`, (s) => s.rubric() === procedure.rubrics[0].id],
      [`q=${encodeURIComponent('Bäume')}`, (s) => s.tree],
      [`q=Bank&category=${procedure.categories[0].id}`, (s) => !s.tree && s.category() === procedure.categories[0].id],
    ];
    for (const [filter, matches] of filters) {
      const expected = seeds.filter((s) => s.published && matches(s)).length;
      expect(expected).toBeGreaterThan(10);
      for (const zoom of [3, 12, 17]) {
        const { status, type, body } = await get<ContributionClusterCollection>(
          api,
          `${BASE}/clusters?zoom=${zoom}&bbox=${SEED_BBOX}${filter ? `&${filter}` : ''}`,
        );
        expect(status).toBe(200);
        expect(type).toContain('application/geo+json');
        expect(body.zoom).toBe(zoom);
        expect(counted(body)).toBe(expected);
        const list = await get<ContributionPage>(api, `${BASE}?limit=1&bbox=${SEED_BBOX}${filter ? `&${filter}` : ''}`);
        expect(list.body.total).toBe(expected);
      }
    }
  });

  it('groups by a grid that gets finer as the map zooms in; a cell of one is the contribution itself', async () => {
    const coarse = (await get<ContributionClusterCollection>(api, `${BASE}/clusters?zoom=10&bbox=${SEED_BBOX}`)).body;
    const fine = (await get<ContributionClusterCollection>(api, `${BASE}/clusters?zoom=19&bbox=${SEED_BBOX}`)).body;
    expect(coarse.features.length).toBeLessThanOrEqual(4);
    expect(fine.features.length).toBeGreaterThan(coarse.features.length * 10);
    for (const feature of coarse.features) {
      expect(String(feature.id)).toMatch(/^cluster\/10\/\d+\/\d+$/);
      expect(feature.geometry.type).toBe('Point');
    }

    // The whole procedure without bbox: every published contribution with a location, counted once.
    const located: Contribution[] = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || (cursor && pages < 40); pages++) {
      const page: ContributionPage = (await get<ContributionPage>(api, `${BASE}?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).body;
      located.push(...page.items.filter((c) => c.geometry));
      cursor = page.nextCursor;
    }
    const all = (await get<ContributionClusterCollection>(api, `${BASE}/clusters?zoom=14`)).body;
    expect(counted(all)).toBe(located.length);

    const alone = (await get<ContributionClusterCollection>(api, `${BASE}/clusters?zoom=20&bbox=${BESIDE_LINE}`)).body;
    const single = alone.features.find((f) => f.id === corner.id);
    expect(single && !isClusterFeature(single) ? single.properties : null).toMatchObject({
      title: corner.title,
      categoryId: corner.categoryId,
      colour: procedure.categories[0].colour,
    });
    expect(single?.geometry).toEqual(corner.geometry);
  });

  describe('from the precomputed zoom-14 cells', () => {
    const CELLS = '/api/v1/procedures/kartenzellen/contributions/clusters';
    const BBOXES = [
      null,
      '9.8,53.45,10.1,53.65', // all of them
      '9.90,53.52,9.97,53.58', // edges through the middle: lines and areas cross them
      '9.931,53.541,9.989,53.569',
      '9.95,53.55,9.956,53.553', // too small for inner cells: every row is read
    ];

    /** The clusters as the cells answer them, and as reading every row does (a search matching all). */
    async function bothWays(zoom: number, bbox: string | null, filter = '') {
      const query = `zoom=${zoom}${bbox ? `&bbox=${bbox}` : ''}${filter}`;
      const cells = await get<ContributionClusterCollection>(api, `${CELLS}?${query}`);
      const rows = await get<ContributionClusterCollection>(api, `${CELLS}?${query}&q=Baum`);
      expect([cells.status, rows.status]).toEqual([200, 200]);
      return { cells: cells.body, rows: rows.body };
    }

    async function expectSameEverywhere(filters: string[]) {
      let compared = 0;
      for (const filter of filters) {
        for (const bbox of BBOXES) {
          for (const zoom of [5, 10, 12, 13, 14]) {
            const { cells, rows } = await bothWays(zoom, bbox, filter);
            expect([zoom, bbox, filter, cells]).toEqual([zoom, bbox, filter, rows]);
            compared += counted(cells);
          }
        }
      }
      expect(compared).toBeGreaterThan(1000);
    }

    it('answers exactly what reading every contribution answers: counts, mean positions, single features, edges of the bbox', async () => {
      await expectSameEverywhere(['', `&category=${cellsProcedure.categoryId}`, '&source=import', `&rubric=${cellsProcedure.rubricId}`]);
      const all = (await get<ContributionPage>(api, '/api/v1/procedures/kartenzellen/contributions?limit=1')).body.total;
      expect(counted((await bothWays(12, null)).cells)).toBe(all);
    });

    it('follows every write: new, hidden, moved, recategorised and published contributions', async () => {
      const admin = await PlannerClient.signIn(api, ADMIN.email, ADMIN.password);
      const moderation = `/api/v1/procedures/${cellsProcedure.id}/moderation`;
      // new ones, at 9.95, 53.55
      const posted = [];
      for (const i of [1, 2, 3]) posted.push(await contribute(api, cellsProcedure, `Baum ${i}`));
      const moved = await admin.call('PATCH', `${moderation}/contributions/${posted[0].id}`, {
        geometry: { type: 'LineString', coordinates: [[9.89, 53.53], [9.92, 53.54]] }, reason: 'Ort korrigiert',
      });
      expect(moved.status).toBe(200);
      const recategorised = await admin.call('PATCH', `${moderation}/contributions/${posted[1].id}`, {
        categoryId: cellsProcedure.otherCategoryId, reason: 'Kategorie',
      });
      expect(recategorised.status).toBe(200);
      expect((await admin.call('POST', `${moderation}/contributions/${posted[2].id}/hide`, { reason: 'Spam' })).status).toBe(200);
      const pending = await admin.call('GET', `${moderation}/queue?state=pending&limit=5`);
      expect(pending.body.items.length).toBeGreaterThan(0);
      for (const item of pending.body.items) {
        expect((await admin.call('POST', `${moderation}/contributions/${item.id}/approve`, {})).status).toBe(200);
      }
      await expectSameEverywhere(['', `&category=${cellsProcedure.otherCategoryId}`]);
      const all = (await get<ContributionPage>(api, '/api/v1/procedures/kartenzellen/contributions?limit=1')).body.total;
      expect(counted((await bothWays(14, null)).cells)).toBe(all);
    });
  });

  it.each([
    ['no zoom', 'bbox=9.9,53.5,10,53.6', 'zoom'],
    ['a zoom past the last level', 'zoom=23', 'zoom'],
    ['a negative zoom', 'zoom=-1', 'zoom'],
    ['a fractional zoom', 'zoom=12.5', 'zoom'],
    ['a zoom of words', 'zoom=near', 'zoom'],
    ['a bbox with three numbers', 'zoom=12&bbox=9.9,53.5,10', 'bbox'],
    ['a bbox with min above max', 'zoom=12&bbox=10,53.6,9.9,53.5', 'bbox'],
    ['a category that is no UUID', 'zoom=12&category=parks', 'category'],
    ['an unknown parameter', 'zoom=12&tile=1/2/3', 'tile'],
  ])('answers the cluster endpoint with %s with a 400 problem naming it', async (_, query, field) => {
    const { status, type, body } = await get<Problem>(api, `${BASE}/clusters?${query}`);
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body.errors?.map((e) => e.field)).toEqual([field]);
  });

  it('answers 404 for the clusters of a procedure that does not exist', async () => {
    const { status, type } = await get<Problem>(api, '/api/v1/procedures/gibt-es-nicht/contributions/clusters?zoom=12');
    expect(status).toBe(404);
    expect(type).toContain('application/problem+json');
  });
});

/**
 * A public, open procedure over 9.8–10.1 × 53.45–53.65 with 1,500 contributions between 9.85 and
 * 10.05 east, 53.50 and 53.60 north: points, lines and small areas; most published, some pending or
 * hidden; two categories, two rubrics, two sources; every text mentions a tree.
 */
async function seedCellsProcedure(query: (sql: string, parameters?: unknown[]) => Promise<{ id: string }[]>) {
  const [{ id }] = await query(
    `INSERT INTO procedures (slug, title, planning_area, settings, internal)
     VALUES ('kartenzellen', 'Kartenzellen', ST_Multi(ST_MakeEnvelope(9.8, 53.45, 10.1, 53.65, 4326)), '{}', false) RETURNING id`,
  );
  await query(`INSERT INTO phases (procedure_id, kind, starts_at, ends_at) VALUES ($1, 'participation', now() - interval '7 days', now() + interval '21 days')`, [id]);
  const categories = await query(`INSERT INTO categories (procedure_id, name, colour) VALUES ($1, 'Grün', '#2e7d32'), ($1, 'Verkehr', '#1565c0') RETURNING id`, [id]);
  const rubrics = await query(`INSERT INTO rubrics (procedure_id, kind, name) VALUES ($1, 'idea', 'Idee'), ($1, 'criticism', 'Kritik') RETURNING id`, [id]);
  await query(`SELECT setseed(0.25)`);
  await query(
    `INSERT INTO contributions (procedure_id, category_id, rubric_id, title, body, geom, status, source, created_at, updated_at)
     SELECT $1, ($2::uuid[])[1 + i % 2], ($3::uuid[])[1 + (i / 2) % 2], 'Beitrag ' || i, 'Ein Baum für den Kartentest.',
            CASE WHEN i % 7 < 5 THEN ST_SetSRID(ST_MakePoint(x, y), 4326)
                 WHEN i % 7 = 5 THEN ST_SetSRID(ST_MakeLine(ST_MakePoint(x, y), ST_MakePoint(x + 0.01, y + 0.004)), 4326)
                 ELSE ST_MakeEnvelope(x, y, x + 0.006, y + 0.003, 4326) END,
            CASE WHEN i % 20 = 0 THEN 'pending' WHEN i % 20 = 1 THEN 'hidden' ELSE 'published' END,
            CASE WHEN i % 3 = 0 THEN 'import' ELSE 'online' END, now() - i * interval '1 minute', now() - i * interval '1 minute'
     FROM (SELECT i, 9.85 + random() * 0.2 AS x, 53.50 + random() * 0.1 AS y FROM generate_series(1, 1500) AS i) s`,
    [id, categories.map((c) => c.id), rubrics.map((r) => r.id)],
  );
  return { id, slug: 'kartenzellen', categoryId: categories[0].id, otherCategoryId: categories[1].id, rubricId: rubrics[0].id };
}
