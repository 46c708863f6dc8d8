import {
  Contribution,
  ContributionFeatureCollection,
  ContributionPage,
  ContributionSort,
  ProcedureDetail,
  Problem,
} from '@stadtdialog/shared/contract';
import { loadConfig } from '@stadtdialog/api/config';
import { openDatabase } from '@stadtdialog/api/db';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, getJson, postJson, startApi } from './server';

const SLUG = 'gruene-mitte-altona';
const BASE = `/api/v1/procedures/${SLUG}/contributions`;
const quiet = { info: () => undefined, warn: () => undefined };

type Bbox = [number, number, number, number];

async function get<T>(api: RunningApi, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(api.baseUrl + path, { headers });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as T };
}

/** Every page of a query, following nextCursor, checking each page on the way. */
async function walk(api: RunningApi, query: string, limit: number, headers: Record<string, string> = {}) {
  const fetchPage = (cursor: string | null) =>
    get<ContributionPage>(api, `${BASE}?${query}${query ? '&' : ''}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, headers);
  const pages: ContributionPage[] = [];
  for (let page = await fetchPage(null); ; page = await fetchPage(page.body.nextCursor)) {
    expect(page.status).toBe(200);
    pages.push(page.body);
    if (!page.body.nextCursor || pages.length > 200) break;
  }
  const items = pages.flatMap((p) => p.items);
  const total = pages[0].total;
  for (const page of pages) expect(page.total).toBe(total);
  for (const page of pages.slice(0, -1)) expect(page.items).toHaveLength(limit);
  expect(pages.at(-1)?.items.length).toBeLessThanOrEqual(limit);
  expect(pages).toHaveLength(Math.max(1, Math.ceil(total / limit)));
  expect(items).toHaveLength(total);
  expect(new Set(items.map((c) => c.id)).size).toBe(total);
  return { pages, items, total };
}

function sortKey(sort: ContributionSort, c: Contribution): number {
  if (sort === 'rated') return (c.ratingsUp ?? 0) - (c.ratingsDown ?? 0);
  if (sort === 'commented') return c.commentCount ?? 0;
  return 0;
}

function expectSorted(sort: ContributionSort, items: Contribution[]): void {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    const [ka, kb] = [sortKey(sort, a), sortKey(sort, b)];
    expect(ka).toBeGreaterThanOrEqual(kb);
    // createdAt is in milliseconds, the order in microseconds: equal texts may come in either id order
    if (ka === kb) expect(a.createdAt >= b.createdAt).toBe(true);
  }
}

function envelope(geometry: NonNullable<Contribution['geometry']>): Bbox {
  const flat = JSON.stringify(geometry.coordinates).match(/-?\d+(\.\d+)?(e-?\d+)?/g)?.map(Number) ?? [];
  const lons = flat.filter((_, i) => i % 2 === 0);
  const lats = flat.filter((_, i) => i % 2 === 1);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

type Xy = [number, number];
const inside = ([x, y]: Xy, b: Bbox) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
const cross = (o: Xy, a: Xy, b: Xy) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
/** Segments p–q and r–s cross (general position: the bbox edges are nudged away from every vertex). */
const segmentsCross = (p: Xy, q: Xy, r: Xy, s: Xy) =>
  cross(p, q, r) * cross(p, q, s) < 0 && cross(r, s, p) * cross(r, s, q) < 0;
const corners = (b: Bbox): Xy[] => [[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]];
function ringContains(ring: Xy[], [x, y]: Xy): boolean {
  let within = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) within = !within;
  }
  return within;
}
/** Whether a geometry really meets the bbox, as PostGIS's ST_Intersects decides (not just its box). */
function meets(geometry: NonNullable<Contribution['geometry']>, b: Bbox): boolean {
  if (geometry.type === 'Point') return inside(geometry.coordinates as Xy, b);
  const lines = (geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates) as Xy[][];
  const edges = corners(b).map((c, i, all) => [c, all[(i + 1) % 4]] as [Xy, Xy]);
  for (const line of lines) {
    if (line.some((p) => inside(p, b))) return true;
    for (let i = 1; i < line.length; i++) if (edges.some(([r, s]) => segmentsCross(line[i - 1], line[i], r, s))) return true;
  }
  return geometry.type === 'Polygon' && ringContains(lines[0], corners(b)[0]);
}

describe(`the contribution list and map layer on the ${ENGINE} engine`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let procedure: ProcedureDetail;
  let tree: Contribution;
  let token: string;
  const own: Contribution[] = [];

  const create = async (title: string, text: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const created = await postJson<Contribution>(
      api,
      BASE,
      { title, text, categoryId: procedure.categories[1].id, rubricId: procedure.rubrics[0].id, ...extra },
      headers,
    );
    expect(created.status).toBe(201);
    return created;
  };

  beforeAll(async () => {
    db = await freshDatabase();
    api = await startApi(db.env);
    procedure = (await getJson<ProcedureDetail>(api, `/api/v1/procedures/${SLUG}`)).body;
    tree = (
      await create('Ein junger Baum für den Spielplatz', 'Schatten für die Sandkiste.', {
        geometry: { type: 'Point', coordinates: [9.9331, 53.5599] },
      })
    ).body;
    await create('Ohne Ort: mehr Sitzbänke', 'Überall im Park fehlen Bänke zum Ausruhen.');
    const first = await create('Eigener Beitrag eins', 'Veröffentlicht.', { geometry: { type: 'Point', coordinates: [9.9334, 53.5597] } });
    token = first.headers.get('x-participant-token') ?? '';
    own.push(first.body);
    for (const title of ['Eigener Beitrag zwei', 'Eigener Beitrag drei']) {
      own.push((await create(title, 'Noch zu prüfen.', { geometry: { type: 'Point', coordinates: [9.9336, 53.5598] } }, {
        'X-Participant-Token': token,
      })).body);
    }
    // A moderator's decisions, made in the database: the second waits for review, the third is hidden.
    await api.stop();
    const opened = await openDatabase(loadConfig({ ...db.env, SEED_DEMO: 'false' }), quiet);
    await opened.dataSource.query(`UPDATE contributions SET status = 'pending' WHERE id = $1`, [own[1].id]);
    await opened.dataSource.query(`UPDATE contributions SET status = 'hidden' WHERE id = $1`, [own[2].id]);
    await opened.dataSource.destroy();
    await opened.database.stop();
    api = await startApi(db.env);
    // three starts of the engine (API, direct, API again): a start-up allowance for a busy machine
  }, 360_000);

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('lists the published contributions newest first, 20 to a page, with the total', async () => {
    const { status, type, body } = await get<ContributionPage>(api, BASE);
    expect(status).toBe(200);
    expect(type).toContain('application/json');
    // 50 from the demo, plus the tree, the one without location and the first own one
    expect(body.total).toBe(53);
    expect(body.items).toHaveLength(20);
    expect(body.nextCursor).toEqual(expect.any(String));
    expect(body.items.every((c) => c.status === 'published')).toBe(true);
    expect(Object.keys(body.items[0]).sort()).toEqual(Object.keys(tree).sort());
    expectSorted('newest', body.items);
  });

  it.each(['newest', 'rated', 'commented'] as const)('walks all pages of sort=%s without repeats or gaps', async (sort) => {
    const everything = await walk(api, '', 100);
    const { items } = await walk(api, `sort=${sort}`, 7);
    expect(new Set(items.map((c) => c.id))).toEqual(new Set(everything.items.map((c) => c.id)));
    expectSorted(sort, items);
    if (sort !== 'newest') expect(sortKey(sort, items[0])).toBeGreaterThan(sortKey(sort, items.at(-1) as Contribution));
  });

  it('never shows pending or hidden contributions publicly', async () => {
    const { items } = await walk(api, '', 100);
    const ids = items.map((c) => c.id);
    expect(ids).toContain(own[0].id);
    expect(ids).not.toContain(own[1].id);
    expect(ids).not.toContain(own[2].id);
    const map = await get<ContributionFeatureCollection>(api, `${BASE}/features`);
    expect(map.body.features.map((f) => f.id)).not.toContain(own[1].id);
  });

  it('filters by category and by rubric', async () => {
    const category = procedure.categories[1].id;
    const byCategory = await walk(api, `category=${category}`, 5);
    expect(byCategory.total).toBeGreaterThan(2);
    expect(byCategory.items.every((c) => c.categoryId === category)).toBe(true);
    const all = await walk(api, '', 100);
    expect(byCategory.total).toBe(all.items.filter((c) => c.categoryId === category).length);
    const totals = (await get<ContributionPage>(api, `${BASE}?limit=1`)).body.totalsByCategory;
    for (const { id } of procedure.categories) {
      const count = all.items.filter((c) => c.categoryId === id).length;
      expect(totals[id]).toBe(count || undefined);
    }
    expect((await get<ContributionPage>(api, `${BASE}?limit=1&category=${category}`)).body.totalsByCategory).toEqual({ [category]: byCategory.total });

    const rubric = procedure.rubrics[2].id;
    const byRubric = await walk(api, `rubric=${rubric}&category=${category}`, 5);
    expect(byRubric.items.every((c) => c.rubricId === rubric && c.categoryId === category)).toBe(true);
    expect(byRubric.total).toBe(all.items.filter((c) => c.categoryId === category && c.rubricId === rubric).length);
  });

  it('searches German full text with stemming: "Bäume" finds "Baum" and the other way round', async () => {
    const trees = await walk(api, `q=${encodeURIComponent('Bäume')}`, 100);
    expect(trees.items.map((c) => c.id)).toContain(tree.id);
    expect(trees.items.some((c) => /Bäume/.test(c.title + c.text))).toBe(true);
    for (const c of trees.items) expect(c.title + ' ' + c.text).toMatch(/b[aä]um/i);
    const tree1 = await walk(api, 'q=Baum', 100);
    expect(new Set(tree1.items.map((c) => c.id))).toEqual(new Set(trees.items.map((c) => c.id)));

    // web search syntax: -word excludes
    const without = await walk(api, `q=${encodeURIComponent('Baum -Spielplatz')}`, 100);
    const expected = trees.items.filter((c) => !/spielpl[aä]tz/i.test(c.title + ' ' + c.text)).map((c) => c.id);
    expect(without.items.map((c) => c.id)).toEqual(expected);
    expect(expected).not.toContain(tree.id);
    const blank = await get<ContributionPage>(api, `${BASE}?q=%20`);
    expect(blank.body.total).toBe(53);
  });

  it('filters by bbox: what meets the box (not merely its bounding box), no contribution without a location', async () => {
    const all = (await walk(api, '', 100)).items;
    const located = all.filter((c) => c.geometry);
    const boxes = located.map((c) => envelope(c.geometry as NonNullable<Contribution['geometry']>));
    const lons = boxes.flatMap((b) => [b[0], b[2]]);
    const lats = boxes.flatMap((b) => [b[1], b[3]]);
    // the south-west quarter, with edges nudged away from any vertex (PostGIS compares float boxes)
    const away = (value: number, values: number[]) => {
      while (values.some((v) => Math.abs(v - value) < 2e-5)) value += 3e-5;
      return Number(value.toFixed(6));
    };
    const bbox: Bbox = [
      Math.min(...lons) - 0.001,
      Math.min(...lats) - 0.001,
      away((Math.min(...lons) + Math.max(...lons)) / 2, lons),
      away((Math.min(...lats) + Math.max(...lats)) / 2, lats),
    ];
    const expected = located.filter((c) => meets(c.geometry as NonNullable<Contribution['geometry']>, bbox)).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(located.length);
    const inBox = await walk(api, `bbox=${bbox.join(',')}`, 10);
    expect(new Set(inBox.items.map((c) => c.id))).toEqual(new Set(expected));
  });

  it('gives the map the same contributions as the list for the same filter', async () => {
    const filters = [
      '',
      `category=${procedure.categories[1].id}`,
      `rubric=${procedure.rubrics[0].id}`,
      `q=${encodeURIComponent('Bäume')}`,
      'bbox=9.90,53.50,9.9333,53.5599',
      `category=${procedure.categories[0].id}&q=Weg`,
      'sort=rated&limit=3',
    ];
    for (const filter of filters) {
      const list = await walk(api, filter.replace('sort=rated&limit=3', ''), 100);
      const map = await get<ContributionFeatureCollection>(api, `${BASE}/features?${filter}`);
      expect(map.status).toBe(200);
      expect(map.type).toContain('application/geo+json');
      expect(map.body.type).toBe('FeatureCollection');
      expect(map.body.features.map((f) => f.id)).toEqual(list.items.filter((c) => c.geometry).map((c) => c.id));
      for (const feature of map.body.features) {
        const item = list.items.find((c) => c.id === feature.id) as Contribution;
        expect(feature.geometry).toEqual(item.geometry);
        expect(feature.properties).toMatchObject({ title: item.title, categoryId: item.categoryId, ratingsUp: item.ratingsUp });
      }
    }
  });

  it('lists the caller\'s own contributions for mine=true, the pending one included, the hidden one not', async () => {
    const mine = await walk(api, 'mine=true', 10, { 'X-Participant-Token': token });
    expect(mine.items.map((c) => [c.id, c.status])).toEqual([
      [own[1].id, 'pending'],
      [own[0].id, 'published'],
    ]);
    const mineMap = await get<ContributionFeatureCollection>(api, `${BASE}/features?mine=true`, { 'X-Participant-Token': token });
    expect(mineMap.body.features.map((f) => f.id)).toEqual([own[1].id, own[0].id]);
    const nobody = await get<ContributionPage>(api, `${BASE}?mine=true`);
    expect(nobody.body).toEqual({ items: [], total: 0, totalsByCategory: {}, nextCursor: null });
    const stranger = await get<ContributionPage>(api, `${BASE}?mine=true`, { 'X-Participant-Token': 'x'.repeat(43) });
    expect(stranger.body.total).toBe(0);
    const searched = await get<ContributionPage>(api, `${BASE}?mine=true&q=zwei`, { 'X-Participant-Token': token });
    expect(searched.body.items.map((c) => c.id)).toEqual([own[1].id]);
  });

  it.each([
    ['a cursor that is not one', 'cursor=bm90LWEtY3Vyc29y', 'cursor:invalid_cursor'],
    ['a cursor with broken base64url', 'cursor=%2B%2F%3D', 'cursor:invalid_cursor'],
    ['an unknown parameter', 'colour=green', 'colour:unknown_field'],
    ['a limit over the maximum', 'limit=101', 'limit:too_big'],
    ['an unknown sort', 'sort=best', 'sort:not_allowed'],
    ['a category that is no UUID', 'category=parks', 'category:invalid_id'],
    ['a bbox with three numbers', 'bbox=9.9,53.5,10', 'bbox:invalid_bbox'],
    ['a bbox in hexadecimal', 'bbox=0x9,53,10,54', 'bbox:invalid_bbox'],
    ['mine that is not a boolean', 'mine=yes', 'mine:not_boolean'],
  ])('answers %s with a 400 problem naming it', async (_, query, field) => {
    for (const path of [BASE, `${BASE}/features`]) {
      if (path.endsWith('features') && field.startsWith('cursor')) continue;
      const { status, type, body } = await get<Problem>(api, `${path}?${query}`);
      expect(status).toBe(400);
      expect(type).toContain('application/problem+json');
      expect(body.code).toBe('invalid_query');
      expect(body.errors?.map((e) => `${e.field}:${e.code}`)).toEqual([field]);
    }
  });

  it('refuses the cursor of one sort for another, and a tampered one', async () => {
    const rated = await get<ContributionPage>(api, `${BASE}?sort=rated&limit=5`);
    const wrongSort = await get<Problem>(api, `${BASE}?sort=commented&cursor=${rated.body.nextCursor}`);
    expect(wrongSort.status).toBe(400);
    expect(wrongSort.body.errors?.[0]).toMatchObject({ field: 'cursor', code: 'invalid_cursor', message: expect.stringMatching(/sort=rated/) });
    const decoded = JSON.parse(Buffer.from(rated.body.nextCursor as string, 'base64url').toString());
    decoded[2] = "2026-01-01'; DROP TABLE contributions; --";
    const tampered = await get<Problem>(api, `${BASE}?sort=rated&cursor=${Buffer.from(JSON.stringify(decoded)).toString('base64url')}`);
    expect(tampered.status).toBe(400);
    expect(tampered.body.errors?.[0].field).toBe('cursor');
  });

  it('answers 404 for a procedure that does not exist, on the list and the map', async () => {
    for (const path of ['/api/v1/procedures/gibt-es-nicht/contributions', '/api/v1/procedures/gibt-es-nicht/contributions/features']) {
      const { status, type } = await get<Problem>(api, path);
      expect(status).toBe(404);
      expect(type).toContain('application/problem+json');
      expect((await get<Problem>(api, path)).body.code).toBe('not_found');
    }
  });
});
