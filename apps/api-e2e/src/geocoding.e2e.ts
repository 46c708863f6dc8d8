/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked by the tests' assertions, not by types */
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { apiEnv, seedProcedure, withDatabase } from './participation-fixtures';
import { call } from './planner-fixtures';
import { NominatimFixture } from '@stadtdialog/shared/testing';

describe(`address search through a Nominatim-compatible geocoder (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let geocoder: NominatimFixture;

  beforeAll(async () => {
    geocoder = await NominatimFixture.start();
    db = await freshDatabase();
    const env = apiEnv({ ...db.env, GEOCODER_URL: geocoder.url, PUBLIC_URL: 'https://beteiligung.test' });
    // the planning area of seedProcedure: 9.9–10.0 E, 53.5–53.6 N
    await withDatabase(env, async (ds) => {
      await seedProcedure(ds, 'altona');
      await seedProcedure(ds, 'intern', { internal: true });
    });
    api = await startApi(env);
  });

  afterAll(async () => {
    await api?.stop();
    await geocoder?.stop();
    await db?.drop();
  });

  it('says the maps offer address search', async () => {
    expect((await call(api, 'GET', '/api/v1/site')).body.addressSearch).toBe(true);
  });

  it('finds places within the procedure\'s area only, asking the geocoder bounded to it in the reader\'s language', async () => {
    const reply = await call(api, 'GET', '/api/v1/procedures/altona/places?q=Harkort&lang=en');
    expect(reply.status).toBe(200);
    expect(reply.body.places).toEqual([
      { label: 'Harkortstraße, Altona-Nord, Hamburg', lon: 9.9335, lat: 53.5597, bbox: [9.93, 53.557, 9.937, 53.5625] },
      { label: 'Harkortstieg, Altona-Nord, Hamburg', lon: 9.9312, lat: 53.5583, bbox: [9.9305, 53.558, 9.932, 53.5586] },
    ]);
    const asked = geocoder.requests[geocoder.requests.length - 1];
    expect(asked.searchParams.get('q')).toBe('Harkort');
    expect(asked.searchParams.get('format')).toBe('jsonv2');
    expect(asked.searchParams.get('bounded')).toBe('1');
    expect(asked.searchParams.get('accept-language')).toBe('en');
    // the planning area grown by 250 m: a little west, south, east and north of it
    const [w, s, e, n] = (asked.searchParams.get('viewbox') ?? '').split(',').map(Number);
    expect(w).toBeLessThan(9.9);
    expect(w).toBeGreaterThan(9.895);
    expect(s).toBeLessThan(53.5);
    expect(s).toBeGreaterThan(53.497);
    expect(e).toBeGreaterThan(10);
    expect(n).toBeGreaterThan(53.6);
    expect(geocoder.userAgents[geocoder.userAgents.length - 1]).toBe('Stadtdialog (https://beteiligung.test)');
  });

  it('asks the geocoder once for the same search within ten minutes', async () => {
    const before = geocoder.requests.length;
    for (const q of ['Harkortstieg', 'harkortstieg', ' Harkortstieg ']) {
      const reply = await call(api, 'GET', `/api/v1/procedures/altona/places?q=${encodeURIComponent(q)}`);
      expect(reply.body.places.map((p: any) => p.label)).toEqual(['Harkortstieg, Altona-Nord, Hamburg']);
    }
    expect(geocoder.requests.length - before).toBe(1);
  });

  it('refuses a search that is too short or too long, and a procedure that is not public', async () => {
    for (const q of ['H', 'x'.repeat(201)]) {
      const reply = await call(api, 'GET', `/api/v1/procedures/altona/places?q=${q}`);
      expect(reply.status).toBe(400);
      expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'q' })]);
    }
    expect((await call(api, 'GET', '/api/v1/procedures/altona/places')).status).toBe(400);
    expect((await call(api, 'GET', '/api/v1/procedures/intern/places?q=Harkort')).status).toBe(404);
    expect((await call(api, 'GET', '/api/v1/procedures/altona/places?q=Harkort&lang=fr')).status).toBe(400);
  });

  it('answers 503 geocoder_unavailable with Retry-After when the geocoder fails', async () => {
    geocoder.failing = true;
    try {
      const reply = await call(api, 'GET', '/api/v1/procedures/altona/places?q=Nirgendwo');
      expect(reply.status).toBe(503);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body.code).toBe('geocoder_unavailable');
      expect(reply.headers.get('retry-after')).toBe('5');
    } finally {
      geocoder.failing = false;
    }
  });
});
