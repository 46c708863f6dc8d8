import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { apiEnv, withDatabase } from './participation-fixtures';
import { call } from './planner-fixtures';
import { EvaluationProcedure, KNOWN_TEXT, seedEvaluationProcedure } from './evaluation-fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked by the assertions */

const run = promisify(execFile);

/**
 * OGC API – Features Part 1 at /api/ogc, read by GDAL's own OAPIF client (gdal-bin, installed by
 * .ci/run) as QGIS and other GIS read it, and checked against the rules GDAL and QGIS rely on.
 */
describe(`OGC API – Features (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let procedure: EvaluationProcedure;
  let internal: EvaluationProcedure;
  let dir: string;

  beforeAll(async () => {
    db = await freshDatabase();
    const env = apiEnv(db.env);
    await withDatabase(env, async (ds) => {
      procedure = await seedEvaluationProcedure(ds, 'offen');
      internal = await seedEvaluationProcedure(ds, 'geheim', { internal: true });
    });
    api = await startApi(env);
    dir = mkdtempSync(join(tmpdir(), 'stadtdialog-ogc-'));
  }, 420_000);

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api?.stop();
    await db?.drop();
  });

  const ogc = (path: string) => call(api, 'GET', `/api/ogc${path}`);
  const collection = () => `contributions-${procedure.slug}`;

  it('has a landing page, conformance and an OpenAPI 3.0 description with the address the client used', async () => {
    const landing = await ogc('');
    expect(landing.status).toBe(200);
    expect(landing.headers.get('content-type')).toContain('application/json');
    const rels = Object.fromEntries(landing.body.links.map((l: any) => [l.rel, l]));
    expect(rels['service-desc']).toEqual(expect.objectContaining({ href: `${api.baseUrl}/api/ogc/api`, type: 'application/vnd.oai.openapi+json;version=3.0' }));
    expect(rels['conformance'].href).toBe(`${api.baseUrl}/api/ogc/conformance`);
    expect(rels['data'].href).toBe(`${api.baseUrl}/api/ogc/collections`);
    expect((await ogc('/conformance')).body.conformsTo).toEqual(expect.arrayContaining([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core', 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
    ]));
    const doc = await ogc('/api');
    expect(doc.headers.get('content-type')).toBe('application/vnd.oai.openapi+json;version=3.0');
    expect(doc.body.openapi).toMatch(/^3\.0\./);
    expect(doc.body.servers).toEqual([{ url: `${api.baseUrl}/api/ogc` }]);
    expect(doc.body.components.parameters.limit.schema).toEqual({ type: 'integer', minimum: 1, maximum: 1000, default: 100 });
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/conformance', '/collections', '/collections/{collectionId}/items', '/collections/{collectionId}/items/{featureId}']));
  });

  it('lists one collection per public procedure and one of the planning areas, with extents and typed items links', async () => {
    const { body } = await ogc('/collections');
    const ids = body.collections.map((c: any) => c.id);
    expect(ids).toEqual(['planning-areas', collection()]);
    expect(JSON.stringify(body)).not.toContain(internal.slug);
    for (const c of body.collections) {
      expect(c.links.find((l: any) => l.rel === 'items')).toEqual(expect.objectContaining({ type: 'application/geo+json', href: `${api.baseUrl}/api/ogc/collections/${c.id}/items` }));
      expect(c.extent.spatial.bbox[0]).toHaveLength(4);
      expect((await ogc(`/collections/${c.id}`)).body).toEqual(c);
    }
    const contributions = body.collections[1];
    const [minLon, minLat, maxLon, maxLat] = contributions.extent.spatial.bbox[0];
    expect([minLon, minLat]).toEqual([9.95, 53.55]);
    expect([maxLon, maxLat]).toEqual([9.96, 53.56]);
    expect((await ogc('/collections/contributions-geheim')).status).toBe(404);
    expect((await ogc('/collections/nichts')).status).toBe(404);
  });

  it('serves published contributions only, lon/lat, paged by next links that keep the query until numberMatched is reached', async () => {
    const all = await ogc(`/collections/${collection()}/items`);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('application/geo+json');
    expect(all.body).toMatchObject({ type: 'FeatureCollection', numberMatched: 4, numberReturned: 4 });
    expect(all.body.timeStamp).toMatch(/Z$/);
    expect(all.body.features.map((f: any) => f.properties.title).sort()).toEqual([KNOWN_TEXT.title, 'Ohne Ort', 'Spielplatz', 'Zebrastreifen'].sort());
    const point = all.body.features.find((f: any) => f.properties.title === KNOWN_TEXT.title);
    expect(point.geometry).toEqual({ type: 'Point', coordinates: [9.95, 53.55] });
    for (const secret of ['Versteckt', 'Wartet', 'Abgelehnt', 'participant']) expect(JSON.stringify(all.body)).not.toContain(secret);
    expect((await ogc(`/collections/${collection()}/items/${procedure.contributions['Versteckt']}`)).status).toBe(404);
    const one = await ogc(`/collections/${collection()}/items/${point.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ type: 'Feature', id: point.id, geometry: point.geometry });
    expect((await ogc(`/collections/${collection()}/items/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await ogc(`/collections/${collection()}/items/kein-uuid`)).status).toBe(404);

    // a bbox around the point and the line's start, paged one by one
    const bbox = '9.9499,53.5499,9.9501,53.5501';
    let url: string | undefined = `/api/ogc/collections/${collection()}/items?limit=1&bbox=${bbox}`;
    const seen: string[] = [];
    let matched = -1;
    while (url) {
      const page: any = await call(api, 'GET', url.replace(api.baseUrl, ''));
      expect(page.status).toBe(200);
      matched = page.body.numberMatched;
      expect(page.body.numberReturned).toBe(page.body.features.length);
      seen.push(...page.body.features.map((f: any) => f.id));
      const next = page.body.links.find((l: any) => l.rel === 'next');
      if (next) expect(new URL(next.href).searchParams.get('bbox')).toBe(bbox);
      url = next?.href;
    }
    expect(matched).toBe(3);
    expect(new Set(seen).size).toBe(3);
    // the same order every time
    const again = await ogc(`/collections/${collection()}/items?bbox=${bbox}`);
    expect(again.body.features.map((f: any) => f.id)).toEqual(seen);
  });

  it('filters by datetime, caps a large limit and refuses bad parameters with 400', async () => {
    const future = await ogc(`/collections/${collection()}/items?datetime=2999-01-01T00:00:00Z/..`);
    expect(future.body.numberMatched).toBe(0);
    const recent = await ogc(`/collections/${collection()}/items?datetime=${encodeURIComponent(new Date(Date.now() - 36 * 3600_000).toISOString())}/..`);
    expect(recent.body.features.map((f: any) => f.properties.title).sort()).toEqual(['Ohne Ort', 'Spielplatz']);
    const capped = await ogc(`/collections/${collection()}/items?limit=100000`);
    expect(capped.status).toBe(200);
    expect(capped.body.numberReturned).toBe(4);
    expect((await ogc(`/collections/${collection()}/items?bbox=177,65,-177,70`)).status).toBe(200);
    for (const query of [
      'limit=0', 'limit=-1', 'limit=zehn', 'bbox=1,2,3', 'bbox=1,2,3,4,5', 'bbox=a,b,c,d', 'bbox=0,91,1,92', 'bbox=0,50,1,40',
      'datetime=gestern', 'datetime=2026-02-01T00:00:00Z/2026-01-01T00:00:00Z', 'datetime=../..', 'unbekannt=1', 'offset=-3',
    ]) {
      const reply = await ogc(`/collections/${collection()}/items?${query}`);
      expect({ query, status: reply.status }).toEqual({ query, status: 400 });
    }
  });

  it('is read by GDAL: ogrinfo lists the collections with Feature Count = numberMatched, and ogr2ogr copies one', async () => {
    const service = `OAPIF:${api.baseUrl}/api/ogc`;
    const list = await run('ogrinfo', ['-ro', '-q', service], { timeout: 60_000 });
    expect(list.stdout).toContain('planning-areas');
    expect(list.stdout).toContain(collection());
    const summary = await run('ogrinfo', ['-ro', '-so', service, collection()], { timeout: 60_000 });
    const matched = (await ogc(`/collections/${collection()}/items`)).body.numberMatched;
    expect(/Feature Count: (\d+)/.exec(summary.stdout)?.[1]).toBe(String(matched));
    const areas = await run('ogrinfo', ['-ro', '-so', service, 'planning-areas'], { timeout: 60_000 });
    expect(/Feature Count: (\d+)/.exec(areas.stdout)?.[1]).toBe('1');
    const out = join(dir, 'copy.geojson');
    await run('ogr2ogr', ['-f', 'GeoJSON', out, service, collection()], { timeout: 60_000 });
    const copy = JSON.parse(readFileSync(out, 'utf8'));
    expect(copy.features).toHaveLength(matched);
    expect(copy.features.map((f: any) => f.properties.title).sort()).toEqual([KNOWN_TEXT.title, 'Ohne Ort', 'Spielplatz', 'Zebrastreifen'].sort());
  });
});
