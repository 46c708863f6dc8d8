import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { PROBLEM_STATUS, ProblemCode } from '@stadtdialog/shared/contract';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { SeededProcedure, apiEnv, seedProcedure, withDatabase } from './participation-fixtures';
import { ADMIN, Method, PlannerClient, call, contribute } from './planner-fixtures';
import { WrongTypeOptions, wrongBodies } from './wrong-types';

/*
 * Hostile input on every path that takes a geometry or a text: each is a 4xx problem+json naming
 * what is wrong, never a 500, and changes nothing. The seeded planning area is the lon/lat box
 * 9.9–10.0 × 53.5–53.6 (about 7 × 11 km).
 */
const MAX_POSITIONS = 1000;
const square = (x: number, y: number, d: number) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];

describe(`hostile input (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let procedure: SeededProcedure;
  let admin: PlannerClient;

  beforeAll(async () => {
    db = await freshDatabase();
    const env = apiEnv({ ...db.env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, REQUEST_TIMEOUT: '2' });
    procedure = await withDatabase(env, (ds) => seedProcedure(ds, 'feindlich'));
    api = await startApi(env);
    admin = await PlannerClient.signIn(api, ADMIN.email, ADMIN.password);
    // The embedded engine opens twice (seed, then the API), each unpacking PostGIS: slow on a busy machine.
  }, 300_000);

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  const publicTotal = async () => (await call(api, 'GET', `/api/v1/procedures/${procedure.slug}/contributions?limit=1`)).body.total as number;

  function post(body: Record<string, unknown>) {
    return call(api, 'POST', `/api/v1/procedures/${procedure.slug}/contributions`, {
      body: { title: 'Feindlich', text: 'Ein Versuch', categoryId: procedure.categoryId, rubricId: procedure.rubricId, ...body },
      headers: { 'Idempotency-Key': randomUUID() },
    });
  }

  function expectProblem(reply: { status: number; headers: Headers; body: { code?: ProblemCode } }, status: number) {
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(reply.body.code && PROBLEM_STATUS[reply.body.code]).toBe(status);
  }

  describe('resident contributions', () => {
    it('refuses a geometry over the position cap with 422 naming the limit, storing nothing', async () => {
      const before = await publicTotal();
      const line = Array.from({ length: MAX_POSITIONS + 1 }, (_, i) => [9.91 + i * 1e-5, 53.55]);
      const reply = await post({ geometry: { type: 'LineString', coordinates: line } });
      expectProblem(reply, 422);
      expect(reply.body.errors).toEqual([
        expect.objectContaining({ field: 'geometry.coordinates', code: 'too_many_positions', max: MAX_POSITIONS }),
      ]);
      expect(reply.body.errors[0].message).toContain(`at most ${MAX_POSITIONS} positions`);
      const holes = [...square(9.92, 53.52, 0.05), ...Array.from({ length: 100 }, (_, i) => square(9.921 + (i % 10) * 0.004, 53.521 + Math.floor(i / 10) * 0.004, 0.001)[0])];
      const parts = await post({ geometry: { type: 'Polygon', coordinates: holes } });
      expectProblem(parts, 422);
      expect(parts.body.errors[0]).toMatchObject({ code: 'too_many_parts', max: 100 });
      expect(await publicTotal()).toBe(before);
    });

    it('takes a shape only when all of it lies in the planning area grown by its margin, not when it merely touches it', async () => {
      const before = await publicTotal();
      const outside = [
        // a 2° × 1° polygon containing the whole area
        { type: 'Polygon', coordinates: square(9, 53, 2).map((ring) => ring.map(([x, y]) => [x, y + (y - 53) * -0.5])) },
        // from inside the area to Berlin
        { type: 'LineString', coordinates: [[9.95, 53.55], [13.4, 52.52]] },
        // from inside the area to 1.3 km beyond its eastern edge
        { type: 'LineString', coordinates: [[9.95, 53.55], [10.02, 53.55]] },
        { type: 'Point', coordinates: [10.01, 53.55] },
      ];
      for (const geometry of outside) {
        const reply = await post({ geometry });
        expectProblem(reply, 422);
        expect(['outside_planning_area', 'too_large']).toContain(reply.body.errors[0].code);
      }
      const beyondEdge = await post({ geometry: outside[2] });
      expect(beyondEdge.body.errors[0]).toMatchObject({ field: 'geometry', code: 'outside_planning_area' });
      // within the margin: 100 m east of the edge
      expect((await post({ geometry: { type: 'Point', coordinates: [10.0015, 53.55] } })).status).toBe(201);
      expect(await publicTotal()).toBe(before + 1);
    });

    it('keeps a contribution from covering a district', async () => {
      const before = await publicTotal();
      const district = await post({ geometry: { type: 'Polygon', coordinates: square(9.92, 53.52, 0.05) } });
      expectProblem(district, 422);
      expect(district.body.errors[0]).toMatchObject({ field: 'geometry', code: 'too_large', max: 1_000_000 });
      const long = await post({ geometry: { type: 'LineString', coordinates: [[9.91, 53.51], [9.99, 53.59]] } });
      expectProblem(long, 422);
      expect(long.body.errors[0]).toMatchObject({ field: 'geometry', code: 'too_large', max: 5000 });
      expect((await post({ geometry: { type: 'Polygon', coordinates: square(9.95, 53.55, 0.002) } })).status).toBe(201);
      expect(await publicTotal()).toBe(before + 1);
    });

    it('answers the location step with the verdict a contribution with that geometry gets, and stores nothing', async () => {
      const before = await publicTotal();
      const check = (body: unknown) => call(api, 'POST', `/api/v1/procedures/${procedure.slug}/contributions/validate-location`, { body });
      const cases: [unknown, string][] = [
        [{ type: 'Point', coordinates: [11.576, 48.137] }, 'outside_planning_area'],
        [{ type: 'LineString', coordinates: [[9.95, 53.55], [9.952, 53.552], [9.952, 53.55], [9.95, 53.552]] }, 'self_crossing'],
        [{ type: 'LineString', coordinates: [[9.95, 53.55], [9.952, 53.552], [9.95, 53.55]] }, 'self_crossing'],
        [{ type: 'Polygon', coordinates: [[[9.95, 53.55], [9.952, 53.552], [9.952, 53.55], [9.95, 53.552], [9.95, 53.55]]] }, 'self_intersection'],
        [{ type: 'Polygon', coordinates: [[[9.95, 53.55], [9.952, 53.55], [9.952, 53.552], [9.95, 53.552]]] }, 'ring_not_closed'],
        [{ type: 'Point', coordinates: ['9.95', '53.55'] }, 'invalid_position'],
        [{ type: 'MultiPoint', coordinates: [[9.95, 53.55]] }, 'geometry_type_not_allowed'],
      ];
      for (const [geometry, code] of cases) {
        const checked = await check({ geometry });
        expectProblem(checked, 422);
        expect([code, checked.body.errors[0].field]).toEqual([code, expect.stringMatching(/^geometry/)]);
        expect([code, checked.body.errors[0].code]).toEqual([code, code]);
        const created = await post({ geometry });
        expect([code, created.status, created.body.errors?.[0].code]).toEqual([code, 422, code]);
      }
      const fine = await check({ geometry: { type: 'LineString', coordinates: [[9.95, 53.55], [9.951, 53.551], [9.952, 53.55]] } });
      expect([fine.status, fine.body]).toEqual([200, { valid: true }]);
      expect((await check({ geometry: { type: 'Point', coordinates: [9.95, 53.55] } })).body).toEqual({ valid: true });
      const missing = await check({});
      expectProblem(missing, 422);
      expect(missing.body.errors[0]).toMatchObject({ field: 'geometry', code: 'required' });
      expect((await check({ geometry: { type: 'Point', coordinates: [9.95, 53.55] }, title: 'x' })).body.errors[0]).toMatchObject({ code: 'unknown_field' });
      const nowhere = await call(api, 'POST', '/api/v1/procedures/gibt-es-nicht/contributions/validate-location', { body: { geometry: { type: 'Point', coordinates: [9.95, 53.55] } } });
      expectProblem(nowhere, 404);
      expect(await publicTotal()).toBe(before);
    });

    it('refuses titles and texts made only of invisible characters', async () => {
      const before = await publicTotal();
      const title = await post({ title: '\u200b\u200c\u200d\u2060\ufeff' });
      expectProblem(title, 422);
      expect(title.body.errors).toEqual([expect.objectContaining({ field: 'title', code: 'blank_text' })]);
      const text = await post({ text: '\u00a0\u3000\u2800\u3164 \u200e' });
      expectProblem(text, 422);
      expect(text.body.errors).toEqual([expect.objectContaining({ field: 'text', code: 'blank_text' })]);
      expect(await publicTotal()).toBe(before);
    });
  });

  describe('planners', () => {
    it("applies the residents' geometry rules to a moderator's edit", async () => {
      const { id } = await contribute(api, procedure, 'Wird bearbeitet');
      const path = `/api/v1/procedures/${procedure.id}/moderation/contributions/${id}`;
      const world = { type: 'Polygon', coordinates: [[[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]]] };
      const cases: [unknown, RegExp | string][] = [
        [world, /too_large|outside_planning_area/],
        [{ type: 'Point', coordinates: [11.576, 48.137] }, 'outside_planning_area'],
        [{ type: 'LineString', coordinates: Array.from({ length: MAX_POSITIONS + 1 }, (_, i) => [9.91 + i * 1e-5, 53.55]) }, 'too_many_positions'],
        [{ type: 'Polygon', coordinates: [[[9.95, 53.55], [9.96, 53.55]]] }, 'too_few_positions'],
        [{ type: 'Point', coordinates: ['9.95', '53.55'] }, 'invalid_position'],
        [{ type: 'Polygon', coordinates: [[[9.95, 53.55], [9.96, 53.56], [9.96, 53.55], [9.95, 53.56], [9.95, 53.55]]] }, 'self_intersection'],
      ];
      for (const [geometry, code] of cases) {
        const reply = await admin.call('PATCH', path, { geometry, reason: 'Ort korrigiert' });
        expectProblem(reply, 422);
        expect(reply.body.errors[0].field).toMatch(/^geometry/);
        if (typeof code === 'string') expect(reply.body.errors[0].code).toBe(code);
        else expect(reply.body.errors[0].code).toMatch(code);
      }
      const blank = await admin.call('PATCH', path, { title: '\u200b\u200b', reason: 'leer' });
      expectProblem(blank, 422);
      expect(blank.body.errors[0]).toMatchObject({ field: 'title', code: 'blank_text' });
      const detail = await call(api, 'GET', `/api/v1/procedures/${procedure.slug}/contributions/${id}`);
      expect(detail.body).toMatchObject({ title: 'Wird bearbeitet', geometry: { type: 'Point', coordinates: [9.95, 53.55] } });
      const fixed = await admin.call('PATCH', path, { geometry: { type: 'Point', coordinates: [9.96, 53.56] }, reason: 'Ort korrigiert' });
      expect(fixed.status).toBe(200);
    });

    it('takes map attributions as text with http(s) links only, for procedure layers and variant overlays', async () => {
      const setup = `/api/v1/procedures/${procedure.id}/setup`;
      const before = (await admin.call('GET', setup)).body.map;
      const layerWith = (attribution: unknown) => ({
        projection: 'EPSG:3857', center: [9.95, 53.55], zoom: 13,
        layers: [{ id: 'basis', kind: 'xyz', title: 'Basis', url: 'https://tiles.example/{z}/{x}/{y}.png', role: 'base', attribution }],
      });
      const overlayWith = (attribution: unknown) => ({
        title: 'Variante', overlay: { kind: 'xyz', url: 'https://tiles.example/{z}/{x}/{y}.png', attribution },
      });
      const variants = () => admin.call('GET', `${setup}/variants`);
      const variantsBefore = (await variants()).body;
      const hostile = [
        '<img src=x onerror="alert(1)">',
        '<svg onload=alert(1)>',
        '<a href="javascript:alert(1)">Quelle</a>',
        '<a href="https://ok.example" onclick="alert(1)">Quelle</a>',
        42,
        ['© OSM'],
      ];
      for (const attribution of hostile) {
        const layer = await admin.call('PATCH', setup, { map: layerWith(attribution) });
        expect([attribution, layer.status]).toEqual([attribution, 422]);
        expect(layer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(layer.body.errors[0].field).toBe('map.layers.0.attribution');
        expect(layer.body.errors[0].code).toBe('invalid_format');
        const overlay = await admin.call('POST', `${setup}/variants`, overlayWith(attribution));
        expect([attribution, overlay.status]).toEqual([attribution, 422]);
        expect(overlay.body.errors[0].field).toBe('overlay.attribution');
        expect(overlay.body.errors[0].code).toBe('invalid_format');
      }
      expect((await admin.call('GET', setup)).body.map).toEqual(before);
      expect((await variants()).body).toEqual(variantsBefore);

      const linked = '© <a href="https://www.openstreetmap.org/copyright" target="_blank">OpenStreetMap</a> & Mitwirkende';
      const accepted = await admin.call('PATCH', setup, { map: layerWith(linked) });
      expect(accepted.status).toBe(200);
      expect((await admin.call('GET', setup)).body.map.layers[0].attribution).toBe(linked);
    });

    it('refuses a broken or oversized planning area with 422 and keeps the old one', async () => {
      const setup = `/api/v1/procedures/${procedure.id}/setup`;
      const before = (await admin.call('GET', setup)).body.planningArea;
      const ring = Array.from({ length: MAX_POSITIONS + 1 }, (_, i) => {
        const a = (2 * Math.PI * i) / MAX_POSITIONS;
        return [9.95 + 0.04 * Math.cos(a), 53.55 + 0.04 * Math.sin(a)];
      });
      ring[ring.length - 1] = ring[0];
      const cases: [string, unknown, string][] = [
        ['an unclosed ring', { type: 'Polygon', coordinates: [[[9.9, 53.5], [10, 53.5], [10, 53.6], [9.9, 53.6]]] }, 'ring_not_closed'],
        ['a polygon of two positions', { type: 'Polygon', coordinates: [[[9.9, 53.5], [10, 53.6]]] }, 'too_few_positions'],
        ['coordinate strings', { type: 'Polygon', coordinates: [[['9.9', '53.5'], ['10', '53.5'], ['10', '53.6'], ['9.9', '53.5']]] }, 'invalid_position'],
        ['a ring that is no array', { type: 'MultiPolygon', coordinates: [['not a ring']] }, 'invalid_geojson'],
        ['a point', { type: 'Point', coordinates: [9.9, 53.5] }, 'geometry_type_not_allowed'],
        ['too many positions', { type: 'Polygon', coordinates: [ring] }, 'too_many_positions'],
        ['a string', 'POLYGON((9.9 53.5, 10 53.5, 10 53.6, 9.9 53.5))', 'not_object'],
      ];
      for (const [name, planningArea, code] of cases) {
        const reply = await admin.call('PATCH', setup, { planningArea });
        expect([name, reply.status]).toEqual([name, 422]);
        expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(reply.body.errors[0].field).toMatch(/^planningArea/);
        expect([name, reply.body.code, reply.body.errors[0].code]).toEqual([name, 'validation_failed', code]);
        if (code === 'too_many_positions') expect(reply.body.errors[0].max).toBe(MAX_POSITIONS);
      }
      expect((await admin.call('GET', setup)).body.planningArea).toEqual(before);
    });
  });

  describe('planner bodies', () => {
    /* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies and answers */
    interface Endpoint extends WrongTypeOptions {
      method: Method;
      path: () => string;
      valid: () => Record<string, any>;
    }
    const ids: Record<string, string> = {};
    const setup = () => `/api/v1/procedures/${procedure.id}/setup`;
    const hour = 3_600_000;
    const at = (hours: number) => new Date(Date.now() + hours * hour).toISOString();
    const area = { type: 'MultiPolygon', coordinates: [[[[9.9, 53.5], [10, 53.5], [10, 53.6], [9.9, 53.6], [9.9, 53.5]]]] };
    const map = {
      // a fractional zoom is valid; the generator's "whole number + 0.5" case would not be wrong here
      projection: 'EPSG:3857', center: [9.95, 53.55], zoom: 12.5,
      layers: [{
        id: 'plan', kind: 'wms', title: 'Plan', url: 'https://geodienste.example/wms', role: 'overlay', visible: true,
        opacity: 0.8, attribution: '© Stadt', layers: 'bplan', matrixSet: 'EPSG:3857', extent: [9.9, 53.5, 10, 53.6],
      }],
    };
    const settings = {
      moderation: 'post', geometryTypes: ['Point', 'Polygon'], locationRequired: false, titleMaxLength: 120,
      textMaxLength: 2000, commentMaxLength: 1000, comments: 'on', ratings: 'on', reportThreshold: 3,
    };
    const variant = () => ({
      title: 'Variante', summary: 'Kurz', description: 'Lang', position: 1, published: false, colour: '#1565c0',
      keyFigures: [{ label: 'Bäume', value: '120', unit: 'Stück' }],
      overlay: { kind: 'wmts', url: 'https://geodienste.example/wmts', layers: 'plan', matrixSet: 'EPSG:3857', opacity: 0.8, attribution: '© Stadt' },
      images: [{ uploadId: ids['image'], alt: 'Lageplan', caption: 'Entwurf' }],
      features: [{ label: 'Platz', colour: '#2e7d32', geometry: { type: 'Point', coordinates: [9.95, 53.55] } }],
    });
    const endpoints: Record<string, Endpoint> = {
      'create a procedure': { method: 'POST', path: () => '/api/v1/workspace/procedures', valid: () => ({ slug: 'neues-verfahren', title: 'Neu', summary: 'Kurz', description: 'Lang', translations: { en: { title: 'New', summary: 'Short', description: 'Long' } } }) },
      'change a procedure': {
        method: 'PATCH', path: setup, nullable: ['planningArea'], opaque: ['planningArea'],
        valid: () => ({
          slug: procedure.slug, title: 'Feindlich', summary: 'Kurz', description: 'Lang', internal: false, planningArea: area, map, settings,
          translations: { en: { title: 'Hostile', summary: 'Short', description: 'Long' } },
        }),
      },
      'clone a procedure': { method: 'POST', path: () => `${setup()}/clone`, valid: () => ({ slug: 'klon', title: 'Klon', startsAt: at(1) }) },
      'set the phases': { method: 'PUT', path: () => `${setup()}/phases`, valid: () => ({ phases: [{ kind: 'participation', title: 'Beteiligung', startsAt: at(-24), endsAt: at(24 * 21), translations: { en: { title: 'Participation' } } }] }) },
      'add a category': { method: 'POST', path: () => `${setup()}/categories`, valid: () => ({ name: 'Blau', colour: '#1565c0', icon: 'tree', position: 2, translations: { en: { name: 'Blue' } } }) },
      'change a category': { method: 'PATCH', path: () => `${setup()}/categories/${procedure.categoryId}`, valid: () => ({ name: 'Blau', colour: '#1565c0', icon: 'tree', position: 2, translations: { en: { name: 'Blue' } } }) },
      'add a rubric': { method: 'POST', path: () => `${setup()}/rubrics`, valid: () => ({ kind: 'question', name: 'Frage', position: 2, translations: { en: { name: 'Question' } } }) },
      'change a rubric': { method: 'PATCH', path: () => `${setup()}/rubrics/${procedure.rubricId}`, valid: () => ({ kind: 'concern', name: 'Bedenken', position: 2, translations: { en: { name: 'Concern' } } }) },
      'add an appointment': {
        method: 'POST', path: () => `${setup()}/appointments`, nullable: ['endsAt', 'location'],
        valid: () => ({
          title: 'Werkstatt', description: 'Im Saal', startsAt: at(48), endsAt: at(50), place: 'Rathaus', location: { type: 'Point', coordinates: [9.95, 53.55] },
          translations: { en: { title: 'Workshop', description: 'In the hall' } },
        }),
      },
      'change an appointment': {
        method: 'PATCH', path: () => `${setup()}/appointments/${ids['appointment']}`, nullable: ['endsAt', 'location'],
        valid: () => ({
          title: 'Werkstatt', description: 'Im Saal', startsAt: at(48), endsAt: at(50), place: 'Rathaus', location: { type: 'Point', coordinates: [9.95, 53.55] },
          translations: { en: { title: 'Workshop', description: 'In the hall' } },
        }),
      },
      'give a membership': { method: 'PUT', path: () => `/api/v1/procedures/${procedure.id}/memberships/${ids['planner']}`, valid: () => ({ role: 'moderator' }) },
      "edit a contribution": {
        method: 'PATCH', path: () => `/api/v1/procedures/${procedure.id}/moderation/contributions/${ids['contribution']}`,
        nullable: ['geometry'], opaque: ['geometry'],
        valid: () => ({ title: 'Neu', text: 'Neuer Text', categoryId: procedure.categoryId, rubricId: procedure.rubricId, geometry: { type: 'Point', coordinates: [9.96, 53.56] }, reason: 'Tippfehler' }),
      },
      'answer officially': {
        method: 'POST', path: () => `/api/v1/procedures/${procedure.id}/moderation/contributions/${ids['contribution']}/responses`,
        nullable: ['parentId'], valid: () => ({ text: 'Danke', parentId: ids['comment'] }),
      },
      'decide on a contribution': { method: 'POST', path: () => `/api/v1/procedures/${procedure.id}/moderation/contributions/${ids['decided']}/reject`, valid: () => ({ reason: 'Beleidigend' }) },
      'moderate in bulk': {
        method: 'POST', path: () => `/api/v1/procedures/${procedure.id}/moderation/bulk`,
        valid: () => ({ action: 'hide', reason: 'Spam', items: [{ kind: 'contribution', id: ids['bulk'] }] }),
      },
      'add a planner': { method: 'POST', path: () => '/api/v1/planners', valid: () => ({ email: 'neu@stadtdialog.test', displayName: 'Neu', password: 'a long enough password', isAdmin: false }) },
      'change a planner': { method: 'PATCH', path: () => `/api/v1/planners/${ids['planner']}`, valid: () => ({ email: 'anders@stadtdialog.test', displayName: 'Anders', isAdmin: false }) },
      "reset a planner's password": { method: 'POST', path: () => `/api/v1/planners/${ids['planner']}/reset-password`, valid: () => ({ password: 'another long password' }) },
      'change the own password': { method: 'POST', path: () => '/api/v1/auth/password', valid: () => ({ currentPassword: ADMIN.password, newPassword: 'a new long password 2026' }) },
      'open a workshop': {
        method: 'POST', path: () => `/api/v1/procedures/${procedure.id}/workshops`,
        valid: () => ({ appointmentId: ids['second appointment'], title: 'Tisch', seats: [{ side: 'bottom' }], idleSeconds: 180 }),
      },
      'change a workshop': { method: 'PATCH', path: () => `/api/v1/procedures/${procedure.id}/workshops/${ids['workshop']}`, valid: () => ({ title: 'Tisch', seats: [{ side: 'bottom' }], idleSeconds: 180 }) },
      'add a variant': { method: 'POST', path: () => `${setup()}/variants`, nullable: ['overlay'], opaque: ['features.geometry'], valid: variant },
      'change a variant': { method: 'PUT', path: () => `${setup()}/variants/${ids['variant']}`, nullable: ['overlay'], opaque: ['features.geometry'], valid: variant },
      'add a document': { method: 'POST', path: () => `${setup()}/documents`, valid: () => ({ uploadId: ids['pdf'], title: 'Bericht', description: 'Gutachten', position: 1 }) },
      'change a document': { method: 'PUT', path: () => `${setup()}/documents/${ids['document']}`, valid: () => ({ uploadId: ids['pdf'], title: 'Bericht', description: 'Gutachten', position: 1 }) },
      'add a question': { method: 'POST', path: () => `${setup()}/faq`, valid: () => ({ question: 'Wann?', answer: 'Bald.', position: 1 }) },
      'change a question': { method: 'PUT', path: () => `${setup()}/faq/${ids['faq']}`, valid: () => ({ question: 'Wann?', answer: 'Bald.', position: 1 }) },
      'add a contact': { method: 'POST', path: () => `${setup()}/contacts`, valid: () => ({ name: 'Amt', organisation: 'Bezirk', email: 'amt@stadt.example', phone: '040 1', address: 'Platz 1', position: 1 }) },
      'set a site page': { method: 'PUT', path: () => '/api/v1/workspace/pages/help', nullable: ['de', 'en'], valid: () => ({ de: '## Hilfe', en: '## Help' }) },
      'change a contact': { method: 'PUT', path: () => `${setup()}/contacts/${ids['contact']}`, valid: () => ({ name: 'Amt', organisation: 'Bezirk', email: 'amt@stadt.example', phone: '040 1', address: 'Platz 1', position: 1 }) },
    };

    async function created(method: Method, path: string, body: unknown): Promise<string> {
      const reply = await admin.call(method, path, body);
      if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${reply.text}`);
      return reply.body.id;
    }

    async function uploaded(name: string, content: Buffer, type: string): Promise<string> {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(content)], { type }), name);
      const response = await fetch(`${api.baseUrl}${setup()}/uploads`, {
        method: 'POST', body: form, headers: { cookie: `sd_session=${admin.session}`, 'x-csrf-token': admin.csrf },
      });
      if (response.status !== 201) throw new Error(`upload of ${name}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    }

    /** Everything a planner body could change, as planners read it. */
    async function everything(): Promise<unknown> {
      const reads = [
        '/api/v1/workspace/procedures', setup(), `${setup()}/variants`, `${setup()}/information`, `${setup()}/uploads`,
        `/api/v1/procedures/${procedure.id}/memberships`, `/api/v1/procedures/${procedure.id}/workshops`,
        `/api/v1/procedures/${procedure.id}/moderation/queue?state=all&limit=100`, `/api/v1/procedures/${procedure.id}/audit?limit=100`,
        '/api/v1/planners', '/api/v1/planners/audit?limit=100', '/api/v1/workspace/pages',
      ];
      const answers = await Promise.all(reads.map((path) => admin.call('GET', path)));
      return Object.fromEntries(reads.map((path, i) => [path, [answers[i].status, answers[i].body]]));
    }

    beforeAll(async () => {
      ids['appointment'] = await created('POST', `${setup()}/appointments`, { title: 'Termin', startsAt: at(48) });
      ids['planner'] = await created('POST', '/api/v1/planners', { email: 'kollegin@stadtdialog.test', displayName: 'Kollegin', password: 'a long enough password' });
      ids['contribution'] = (await contribute(api, procedure, 'Zu moderieren')).id;
      ids['decided'] = (await contribute(api, procedure, 'Zu entscheiden')).id;
      ids['bulk'] = (await contribute(api, procedure, 'Zu verbergen')).id;
      ids['second appointment'] = await created('POST', `${setup()}/appointments`, { title: 'Zweiter Termin', startsAt: at(72) });
      const comment = await call(api, 'POST', `/api/v1/procedures/${procedure.slug}/contributions/${ids['contribution']}/comments`, {
        body: { text: 'Eine Antwort' }, headers: { 'Idempotency-Key': randomUUID() },
      });
      if (comment.status !== 201) throw new Error(`comment: ${comment.status} ${comment.text}`);
      ids['comment'] = comment.body.id;
      ids['workshop'] = await created('POST', `/api/v1/procedures/${procedure.id}/workshops`, { appointmentId: ids['appointment'], seats: [{ side: 'bottom' }] });
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGN48eQOAAVgAqnWTRlUAAAAAElFTkSuQmCC', 'base64');
      ids['image'] = await uploaded('plan.png', png, 'image/png');
      ids['pdf'] = await uploaded('bericht.pdf', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'), 'application/pdf');
      ids['variant'] = await created('POST', `${setup()}/variants`, { title: 'Bestand' });
      ids['document'] = await created('POST', `${setup()}/documents`, { uploadId: ids['pdf'], title: 'Plan' });
      ids['faq'] = await created('POST', `${setup()}/faq`, { question: 'Wo?', answer: 'Hier.' });
      ids['contact'] = await created('POST', `${setup()}/contacts`, { name: 'Bezirksamt' });
    }, 60_000);

    it.each(Object.keys(endpoints))('%s: every wrong type, null, unknown field or huge text is a 4xx problem and changes nothing', async (name) => {
      const endpoint = endpoints[name];
      const before = await everything();
      const accepted: string[] = [];
      for (const wrong of wrongBodies(endpoint.valid(), endpoint)) {
        const reply = await admin.call(endpoint.method, endpoint.path(), wrong.body);
        const problem = reply.status >= 400 && reply.status < 500 && /^application\/problem\+json/.test(reply.headers.get('content-type') ?? '');
        if (!problem) accepted.push(`${wrong.name}: ${reply.status} ${reply.text.slice(0, 200)}`);
      }
      expect(accepted).toEqual([]);
      expect(await everything()).toEqual(before);
      // The valid body itself is taken: the refusals above were about the spoilt field, not the endpoint.
      const valid = await admin.call(endpoint.method, endpoint.path(), endpoint.valid());
      expect([valid.status < 300, valid.text]).toEqual([true, valid.text]);
    }, 120_000);
    /* eslint-enable @typescript-eslint/no-explicit-any */
  });

  describe('transport', () => {
    /** Sends headers announcing `length` bytes and then only a few; resolves with what came back once the socket closes. */
    function shortBody(length: number): Promise<string> {
      const { port, hostname } = new URL(api.baseUrl);
      return new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), hostname);
        let received = '';
        const guard = setTimeout(() => {
          socket.destroy();
          reject(new Error(`no answer; received so far: ${received}`));
        }, 20_000);
        socket.on('data', (chunk) => (received += chunk.toString()));
        socket.on('close', () => {
          clearTimeout(guard);
          resolve(received);
        });
        socket.on('error', () => undefined);
        socket.write(
          `POST /api/v1/procedures/${procedure.slug}/contributions HTTP/1.1\r\nHost: ${hostname}\r\n` +
            `Content-Type: application/json\r\nIdempotency-Key: ${randomUUID()}\r\nContent-Length: ${length}\r\n\r\n{"title":"`,
        );
      });
    }

    it('cuts off a request that announces a body and sends a few bytes, and ends its connection', async () => {
      const before = await publicTotal();
      const small = await shortBody(200_000);
      expect(small).toMatch(/^HTTP\/1\.1 408/);
      expect(small).toContain('application/problem+json');
      expect(small).toContain('request_timeout');
      const huge = await shortBody(1_000_000_000);
      expect(huge).toMatch(/^HTTP\/1\.1 (408|413)/);
      expect(huge).toContain('application/problem+json');
      expect(huge).toMatch(/"code":"(request_timeout|body_too_large)"/);
      expect(await publicTotal()).toBe(before);
    });

    it('sends live events uncompressed and unbuffered, however the client asks', async () => {
      const controller = new AbortController();
      const response = await fetch(`${api.baseUrl}/api/v1/procedures/${procedure.slug}/events`, {
        headers: { 'Accept-Encoding': 'gzip, deflate, br' },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('content-encoding')).toBeNull();
      expect(response.headers.get('x-accel-buffering')).toBe('no');
      expect(response.headers.get('cache-control')).toContain('no-transform');
      controller.abort();
    });
  });
});
