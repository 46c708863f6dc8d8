/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked by the tests' assertions, not by types */
import { randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { SeededProcedure, apiEnv } from './participation-fixtures';
import { ADMIN, EventStream, PlannerClient, Reply, call } from './planner-fixtures';

const PASSWORD = 'planner password 2026';

/** A valid 1-bit PNG of width × height pixels: a few kilobytes that decode to gigapixels. */
function bombPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc((1 + Math.ceil(width / 8)) * height), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe(`variants, uploads and planning information (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let env: Record<string, string>;
  let A: SeededProcedure;
  let B: SeededProcedure;
  let closed: SeededProcedure;
  let pre: SeededProcedure;
  let hidden: SeededProcedure;
  let admin: PlannerClient;
  let manager: PlannerClient;
  let moderator: PlannerClient;
  const setup = (p: SeededProcedure) => `/api/v1/procedures/${p.id}/setup`;

  async function upload(client: PlannerClient | null, procedure: SeededProcedure, content: Buffer, name: string, type = 'application/octet-stream'): Promise<Reply> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)], { type }), name);
    const headers: Record<string, string> = client ? { cookie: `sd_session=${client.session}`, 'x-csrf-token': client.csrf } : {};
    const response = await fetch(`${api.baseUrl}${setup(procedure)}/uploads`, { method: 'POST', body: form, headers });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
  }

  async function count(table: string): Promise<number> {
    const reply = await admin.call('GET', `${setup(A)}/uploads`);
    if (table === 'uploads') return reply.body.length;
    throw new Error(table);
  }

  /** A procedure made as planners make one: its area, settings and a phase that runs now unless `closed`. */
  async function procedure(slug: string, options: { settings?: Record<string, unknown>; internal?: boolean; closed?: boolean } = {}) {
    const created = await admin.call('POST', '/api/v1/workspace/procedures', { slug, title: slug });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const area = { type: 'MultiPolygon', coordinates: [[[[9.9, 53.5], [10, 53.5], [10, 53.6], [9.9, 53.6], [9.9, 53.5]]]] };
    const patched = await admin.call('PATCH', `/api/v1/procedures/${id}/setup`, {
      planningArea: area, internal: options.internal ?? false, settings: options.settings ?? {},
    });
    expect(patched.status).toBe(200);
    const day = 86_400_000;
    const [from, to] = options.closed ? [-30 * day, -day] : [-7 * day, 21 * day];
    const phases = await admin.call('PUT', `/api/v1/procedures/${id}/setup/phases`, {
      phases: [{ kind: 'participation', startsAt: new Date(Date.now() + from).toISOString(), endsAt: new Date(Date.now() + to).toISOString() }],
    });
    expect(phases.status).toBe(200);
    return { id, slug, categoryId: '', rubricId: '' };
  }

  beforeAll(async () => {
    db = await freshDatabase();
    env = apiEnv({ ...db.env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, UPLOAD_MAX_MB: '1', IMAGE_MAX_DIMENSION: '800' });
    api = await startApi(env);
    admin = await PlannerClient.signIn(api, ADMIN.email, ADMIN.password);
    A = await procedure('variante-a');
    B = await procedure('variante-b');
    closed = await procedure('variante-zu', { closed: true });
    pre = await procedure('variante-vorab', { settings: { moderation: 'pre' } });
    hidden = await procedure('variante-intern', { internal: true });
    for (const [email, role] of [['manager@stadtdialog.test', 'manager'], ['moderator@stadtdialog.test', 'moderator']] as const) {
      const created = await admin.call('POST', '/api/v1/planners', { email, displayName: role, password: PASSWORD });
      for (const p of [A, closed, pre, hidden]) {
        expect((await admin.call('PUT', `/api/v1/procedures/${p.id}/memberships/${created.body.id}`, { role })).status).toBe(200);
      }
    }
    manager = await PlannerClient.signIn(api, 'manager@stadtdialog.test', PASSWORD);
    moderator = await PlannerClient.signIn(api, 'moderator@stadtdialog.test', PASSWORD);
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  describe('uploads', () => {
    it('re-encodes an image within IMAGE_MAX_DIMENSION, without its metadata, and serves it with its type and nosniff', async () => {
      const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#4caf50' } })
        .withMetadata({ exif: { IFD0: { Artist: 'Jemand', Copyright: 'GPS 53.55 9.93' } } }).jpeg().toBuffer();
      const reply = await upload(manager, A, photo, 'Lageplan.png', 'image/png');
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ mediaType: 'image/jpeg', fileName: 'Lageplan.jpg', width: 800, height: 600 });
      const served = await fetch(api.baseUrl + reply.body.url, { headers: { cookie: `sd_session=${manager.session}` } });
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/jpeg');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      const bytes = Buffer.from(await served.arrayBuffer());
      const metadata = await sharp(bytes).metadata();
      expect(metadata).toMatchObject({ format: 'jpeg', width: 800, height: 600 });
      expect(metadata.exif).toBeUndefined();
      expect(bytes.includes(Buffer.from('Jemand'))).toBe(false);
    });

    it('refuses by content, size and pixel count, and stores nothing', async () => {
      const before = await count('uploads');
      const html = await upload(manager, A, Buffer.from('<!doctype html><script>alert(document.cookie)</script>'), 'bild.png', 'image/png');
      expect(html.status).toBe(415);
      expect(html.headers.get('content-type')).toContain('application/problem+json');
      expect(html.body).toMatchObject({ code: 'unsupported_media_type', errors: [{ field: 'file', code: 'unsupported_file_type' }] });

      const svg = await upload(manager, A, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'plan.svg', 'image/svg+xml');
      expect(svg.status).toBe(415);

      const bomb = bombPng(30_000, 30_000);
      expect(bomb.length).toBeLessThan(300_000);
      const bombReply = await upload(manager, A, bomb, 'klein.png', 'image/png');
      expect(bombReply.status).toBe(422);
      expect(bombReply.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'file', code: 'image_too_large' }] });

      const big = Buffer.concat([PDF.subarray(0, 9), Buffer.alloc(1024 * 1024 + 10, 0x20), Buffer.from('\n%%EOF\n')]);
      const tooLarge = await upload(manager, A, big, 'gross.pdf', 'application/pdf');
      expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'body_too_large']);
      expect(tooLarge.headers.get('content-type')).toContain('application/problem+json');

      const broken = await upload(manager, A, PDF.subarray(0, 30), 'kaputt.pdf', 'application/pdf');
      expect(broken.status).toBe(422);
      expect(broken.body.errors[0].code).toBe('file_damaged');

      const none = await manager.call('POST', `${setup(A)}/uploads`, { file: 'x' });
      expect(none.status).toBe(422);
      expect(none.body.errors).toEqual([expect.objectContaining({ field: 'file', code: 'required' })]);
      expect(await count('uploads')).toBe(before);
    });

    it('lets only managers of the procedure and admins upload', async () => {
      expect((await upload(null, A, PDF, 'a.pdf')).status).toBe(401);
      expect((await upload(moderator, A, PDF, 'a.pdf')).status).toBe(403);
      expect((await upload(manager, B, PDF, 'a.pdf')).status).toBe(403);
      expect((await upload(admin, B, PDF, 'a.pdf')).status).toBe(201);
    });
  });

  describe('variants', () => {
    let image: any;
    let plan: any;
    let first: any;
    let second: any;

    beforeAll(async () => {
      const png = (colour: string) => sharp({ create: { width: 300, height: 200, channels: 3, background: colour } }).png().toBuffer();
      image = (await upload(manager, A, await png('#2e7d32'), 'park.png')).body;
      plan = (await upload(manager, A, await png('#1565c0'), 'plan.png')).body;
    });

    it('is set up by a manager with images, key figures, an overlay and geometries, and audit-logged', async () => {
      const created = await manager.call('POST', `${setup(A)}/variants`, {
        title: 'Variante A: Der grüne Bogen', summary: 'Ein Park in einem Bogen', description: 'Lang…', colour: '#2e7d32', position: 0,
        keyFigures: [{ label: 'Grünfläche', value: '2,4', unit: 'ha' }, { label: 'Wohnungen', value: '450', unit: '' }],
        images: [{ uploadId: image.id, alt: 'Luftbild des Parks im Bogen', caption: 'Blick von Süden' }],
        overlay: { kind: 'image', uploadId: plan.id, extent: [9.93, 53.54, 9.96, 53.56], opacity: 0.7 },
        features: [
          { label: 'Weg', colour: '#795548', geometry: { type: 'LineString', coordinates: [[9.94, 53.55], [9.95, 53.555]] } },
          { label: 'Spielplatz', colour: '#ff9800', geometry: { type: 'Point', coordinates: [9.945, 53.552] } },
        ],
      });
      expect(created.status).toBe(201);
      first = created.body;
      expect(first).toMatchObject({
        published: false, keyFigures: [{ label: 'Grünfläche', value: '2,4', unit: 'ha' }, { label: 'Wohnungen', value: '450', unit: '' }],
        images: [{ uploadId: image.id, alt: 'Luftbild des Parks im Bogen', width: 300, height: 200 }],
        overlay: { kind: 'image', uploadId: plan.id, extent: [9.93, 53.54, 9.96, 53.56], opacity: 0.7 },
        features: [{ label: 'Weg', geometry: { type: 'LineString' } }, { label: 'Spielplatz', geometry: { type: 'Point' } }],
      });
      second = (await manager.call('POST', `${setup(A)}/variants`, {
        title: 'Variante B: Die Achse', position: 1, colour: '#c62828',
        overlay: { kind: 'wms', url: 'https://geodienste.example.org/wms', layers: 'bplan' },
      })).body;
      const audit = await manager.call('GET', `/api/v1/procedures/${A.id}/audit`);
      expect(audit.body.items.filter((e: any) => e.action === 'variant.create').map((e: any) => e.entityId)).toEqual([second.id, first.id]);
      expect(audit.body.items.some((e: any) => e.action === 'upload.create')).toBe(true);
    });

    it('refuses a missing alt text, a foreign upload, a bad overlay and a bad geometry with the fields at fault, storing nothing', async () => {
      const foreign = (await upload(admin, B, await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).png().toBuffer(), 'b.png')).body;
      const reply = await manager.call('POST', `${setup(A)}/variants`, {
        title: 'Kaputt',
        images: [{ uploadId: image.id, alt: '   ' }, { uploadId: foreign.id, alt: 'fremd' }],
        overlay: { kind: 'image', extent: [9.96, 53.54, 9.93, 53.56] },
        features: [{ colour: '#000000', geometry: { type: 'Polygon', coordinates: [[[9.94, 53.55], [9.95, 53.56], [9.95, 53.55], [9.94, 53.56], [9.94, 53.55]]] } }],
      });
      expect(reply.status).toBe(422);
      expect(reply.body.errors.map((e: any) => `${e.field}:${e.code}`)).toEqual(expect.arrayContaining([
        'images[0].alt:required', 'images[1].uploadId:not_in_procedure', 'overlay.extent:invalid_bbox', 'overlay.uploadId:required',
        'features[0].geometry:self_intersection',
      ]));
      const far = await manager.call('POST', `${setup(A)}/variants`, {
        title: 'Weit weg', features: [{ colour: '#000000', geometry: { type: 'Point', coordinates: [11.57, 48.13] } }],
      });
      expect(far.status).toBe(422);
      expect(far.body.errors[0]).toMatchObject({ field: 'features[0].geometry', code: 'outside_planning_area', message: expect.stringMatching(/outside the planning area/) });
      const noAlt = await manager.call('POST', `${setup(A)}/variants`, { title: 'Ohne Alt', images: [{ uploadId: image.id }] });
      expect(noAlt.status).toBe(422);
      expect(noAlt.body.errors).toEqual([expect.objectContaining({ field: 'images.0.alt', code: 'required' })]);
      expect((await manager.call('GET', `${setup(A)}/variants`)).body).toHaveLength(2);
    });

    it('stores and reads back a long description whole (answers larger than the embedded engine hands out at once)', async () => {
      const description = 'Ein langer Erläuterungstext. '.repeat(600);
      const created = await manager.call('POST', `${setup(B)}/variants`, { title: 'Lang', description });
      expect(created.status).toBe(403);
      const long = await admin.call('POST', `${setup(B)}/variants`, { title: 'Lang', description });
      expect(long.status).toBe(201);
      expect(long.body.description).toBe(description.trim());
      const read = await admin.call('GET', `${setup(B)}/variants`);
      expect(read.body.map((v: any) => v.description.length)).toEqual([description.trim().length]);
      expect((await admin.call('GET', `/api/v1/procedures/${B.id}/audit`)).status).toBe(200);
      expect((await admin.call('DELETE', `${setup(B)}/variants/${long.body.id}`)).status).toBe(204);
    });

    it("judges a variant's geometries by the one geometry rule set: caps, validity, covered by the grown planning area", async () => {
      const before = (await manager.call('GET', `${setup(A)}/variants`)).body;
      const feature = (geometry: unknown) => ({ title: 'Geometrie', features: [{ colour: '#000000', geometry }] });
      const square = (x: number, y: number, d: number) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
      const refused: [string, unknown, string][] = [
        ['a line over the position cap', { type: 'LineString', coordinates: Array.from({ length: 1001 }, (_, i) => [9.91 + i * 1e-5, 53.55]) }, 'too_many_positions'],
        // both touch the area, which the old "within 250 m" rule took for inside
        ['a polygon containing the whole area', { type: 'Polygon', coordinates: square(9, 53, 2) }, 'outside_planning_area'],
        ['a line from the area to Berlin', { type: 'LineString', coordinates: [[9.95, 53.55], [13.4, 52.52]] }, 'outside_planning_area'],
        ['a line to 1.3 km beyond the eastern edge', { type: 'LineString', coordinates: [[9.95, 53.55], [10.02, 53.55]] }, 'outside_planning_area'],
      ];
      for (const [name, geometry, code] of refused) {
        const reply = await manager.call('POST', `${setup(A)}/variants`, feature(geometry));
        expect([name, reply.status]).toEqual([name, 422]);
        expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect([name, reply.body.errors[0].code]).toEqual([name, code]);
        expect(reply.body.errors[0].field).toMatch(/^features\[0\]\.geometry/);
        if (code === 'too_many_positions') expect(reply.body.errors[0].max).toBe(1000);
      }
      expect((await manager.call('GET', `${setup(A)}/variants`)).body).toEqual(before);

      // Larger than a contribution may be, but inside the area (plus its 250 m margin): the area is a feature's size bound.
      const park = await manager.call('POST', `${setup(A)}/variants`, feature({ type: 'Polygon', coordinates: square(9.92, 53.52, 0.05) }));
      expect(park.status).toBe(201);
      const edge = await manager.call('POST', `${setup(A)}/variants`, feature({ type: 'Point', coordinates: [10.0015, 53.55] }));
      expect(edge.status).toBe(201);
      for (const id of [park.body.id, edge.body.id]) expect((await manager.call('DELETE', `${setup(A)}/variants/${id}`)).status).toBe(204);

      // Without a planning area, a feature is bounded like a contribution.
      const open = await procedure('variante-ohne-gebiet');
      expect((await admin.call('PATCH', `/api/v1/procedures/${open.id}/setup`, { planningArea: null })).status).toBe(200);
      const district = await admin.call('POST', `${setup(open)}/variants`, feature({ type: 'Polygon', coordinates: square(9.92, 53.52, 0.05) }));
      expect(district.status).toBe(422);
      expect(district.body.errors[0]).toMatchObject({ field: 'features[0].geometry', code: 'too_large', max: 1_000_000 });
      expect((await admin.call('POST', `${setup(open)}/variants`, feature({ type: 'Point', coordinates: [11.57, 48.13] }))).status).toBe(201);
    });

    it('shows nothing unpublished publicly: no variant, no image, no overlay file', async () => {
      expect((await call(api, 'GET', '/api/v1/procedures/variante-a/variants')).body).toEqual([]);
      expect((await call(api, 'GET', `/api/v1/procedures/variante-a/variants/${first.id}`)).status).toBe(404);
      expect((await call(api, 'GET', `/api/v1/files/${image.id}`)).status).toBe(404);
      expect((await call(api, 'GET', `/api/v1/files/${plan.id}`)).status).toBe(404);
      expect((await call(api, 'GET', `${setup(A)}/uploads/${image.id}`)).status).toBe(401);
    });

    it('publishes: residents see both in their order, with public file URLs served with type and nosniff', async () => {
      for (const v of [first, second]) {
        const { id, published, ratingsUp, ratingsDown, commentCount, createdAt, updatedAt, ...input } = v;
        void [id, published, ratingsUp, ratingsDown, commentCount, createdAt, updatedAt];
        const body = {
          ...input,
          images: input.images.map((i: any) => ({ uploadId: i.uploadId, alt: i.alt, caption: i.caption })),
          overlay: input.overlay && (({ url, ...o }: any) => (o.uploadId ? o : { ...o, url }))(input.overlay),
          published: true,
        };
        const reply = await manager.call('PUT', `${setup(A)}/variants/${v.id}`, body);
        expect(reply.status).toBe(200);
      }
      const list = await call(api, 'GET', '/api/v1/procedures/variante-a/variants');
      expect(list.body.map((v: any) => v.title)).toEqual(['Variante A: Der grüne Bogen', 'Variante B: Die Achse']);
      expect(list.body[0].images[0].url).toBe(`/api/v1/files/${image.id}`);
      expect(list.body[0].overlay.url).toBe(`/api/v1/files/${plan.id}`);
      expect(list.body[1].overlay).toMatchObject({ kind: 'wms', url: 'https://geodienste.example.org/wms', layers: 'bplan' });
      expect(list.body[0].rating).toEqual({ up: 0, down: 0, own: null });
      const served = await fetch(api.baseUrl + list.body[0].images[0].url);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).format).toBe('png');
      // The overlay's WMS host is allowed by the Content-Security-Policy now.
      const page = await fetch(api.baseUrl + '/api/health');
      expect(page.headers.get('content-security-policy')).toContain('https://geodienste.example.org');
    });

    it('takes one rating per participant and comments by the participation rules', async () => {
      const path = `/api/v1/procedures/variante-a/variants/${first.id}`;
      const rated = await call(api, 'PUT', `${path}/rating`, { body: { value: 1 } });
      expect(rated.status).toBe(200);
      expect(rated.body).toEqual({ up: 1, down: 0, own: 1 });
      const token = rated.headers.get('x-participant-token') as string;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const again = await call(api, 'PUT', `${path}/rating`, { body: { value: -1 }, headers: { 'X-Participant-Token': token } });
      expect(again.body).toEqual({ up: 0, down: 1, own: -1 });
      expect((await call(api, 'PUT', `${path}/rating`, { body: { value: 5 } })).status).toBe(422);

      const key = randomUUID();
      const headers = { 'Idempotency-Key': key, 'X-Participant-Token': token };
      const comment = await call(api, 'POST', `${path}/comments`, { body: { text: '  Der Bogen gefällt mir.  ' }, headers });
      expect(comment.status).toBe(201);
      expect(comment.body).toMatchObject({ text: 'Der Bogen gefällt mir.', status: 'published', variantId: first.id });
      const replay = await call(api, 'POST', `${path}/comments`, { body: { text: '  Der Bogen gefällt mir.  ' }, headers });
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body.id).toBe(comment.body.id);
      expect((await call(api, 'POST', `${path}/comments`, { body: { text: 'anders' }, headers })).status).toBe(422);
      expect((await call(api, 'POST', `${path}/comments`, { body: { text: '' }, headers: { 'Idempotency-Key': randomUUID() } })).status).toBe(422);
      expect((await call(api, 'POST', `${path}/comments`, { body: { text: 'x' }, headers: { 'Idempotency-Key': 'nochmal' } })).status).toBe(400);

      const detail = await call(api, 'GET', path, { headers: { 'X-Participant-Token': token } });
      expect(detail.body).toMatchObject({ rating: { up: 0, down: 1, own: -1 }, commentCount: 1, comments: [{ text: 'Der Bogen gefällt mir.' }] });
      const withdrawn = await call(api, 'DELETE', `${path}/rating`, { headers: { 'X-Participant-Token': token } });
      expect(withdrawn.body).toEqual({ up: 0, down: 0, own: null });
    });

    it('refuses participation on unpublished variants, closed procedures and internal ones', async () => {
      const unpublished = (await manager.call('POST', `${setup(A)}/variants`, { title: 'Entwurf' })).body;
      expect((await call(api, 'PUT', `/api/v1/procedures/variante-a/variants/${unpublished.id}/rating`, { body: { value: 1 } })).status).toBe(404);
      expect((await call(api, 'POST', `/api/v1/procedures/variante-a/variants/${unpublished.id}/comments`, {
        body: { text: 'Hallo' }, headers: { 'Idempotency-Key': randomUUID() },
      })).status).toBe(404);
      for (const [p, status] of [[closed, 409], [hidden, 404]] as const) {
        const v = (await manager.call('POST', `${setup(p)}/variants`, { title: 'Variante', published: true })).body;
        expect((await call(api, 'PUT', `/api/v1/procedures/${p.slug}/variants/${v.id}/rating`, { body: { value: 1 } })).status).toBe(status);
        expect((await call(api, 'GET', `/api/v1/procedures/${p.slug}/variants`)).status).toBe(p === hidden ? 404 : 200);
      }
    });

    it('holds comments back under pre-moderation', async () => {
      const v = (await manager.call('POST', `${setup(pre)}/variants`, { title: 'Vorab', published: true })).body;
      const path = `/api/v1/procedures/${pre.slug}/variants/${v.id}`;
      const reply = await call(api, 'POST', `${path}/comments`, { body: { text: 'Erst prüfen' }, headers: { 'Idempotency-Key': randomUUID() } });
      expect(reply.status).toBe(201);
      expect(reply.body.status).toBe('pending');
      expect((await call(api, 'GET', path)).body).toMatchObject({ commentCount: 0, comments: [] });
    });

    it('streams ratings and comments of published variants live, and nothing of unpublished ones', async () => {
      const live = await EventStream.open(api, '/api/v1/procedures/variante-a/events');
      try {
        const path = `/api/v1/procedures/variante-a/variants/${second.id}`;
        expect((await call(api, 'PUT', `${path}/rating`, { body: { value: 1 } })).status).toBe(200);
        const comment = await call(api, 'POST', `${path}/comments`, { body: { text: 'Live dabei' }, headers: { 'Idempotency-Key': randomUUID() } });
        expect(comment.status).toBe(201);
        const draft = (await manager.call('POST', `${setup(A)}/variants`, { title: 'Noch geheim', summary: 'intern' })).body;
        expect((await manager.call('PUT', `${setup(A)}/variants/${draft.id}`, { title: 'Noch geheim 2' })).status).toBe(200);
        const brief = (await manager.call('POST', `${setup(A)}/variants`, { title: 'Kurz sichtbar', published: true })).body;
        expect((await manager.call('DELETE', `${setup(A)}/variants/${brief.id}`)).status).toBe(204);
        expect(await live.waitFor((events) =>
          events.some((e) => e.event === 'variant-comment' && e.data.id === comment.body.id) &&
          events.some((e) => e.event === 'variant' && e.data.id === second.id && e.data.ratingsUp === 1) &&
          events.some((e) => e.event === 'variant-removed' && e.data.id === brief.id), 10_000)).toBe(true);
        expect(live.events.find((e) => e.event === 'variant-comment')?.data).toEqual({
          id: comment.body.id, variantId: second.id, text: 'Live dabei', createdAt: comment.body.createdAt,
        });
        expect(live.events.find((e) => e.event === 'variant' && e.data.commentCount === 1)?.data).toMatchObject({
          id: second.id, title: 'Variante B: Die Achse', ratingsDown: 0,
        });
        expect(live.raw).not.toContain(draft.id);
        expect(live.raw).not.toContain('Noch geheim');
      } finally {
        await live.close();
      }
    });

    it('takes reports on variant comments into the moderation queue, where moderators hide and restore them', async () => {
      const path = `/api/v1/procedures/variante-a/variants/${first.id}`;
      const comment = (await call(api, 'POST', `${path}/comments`, { body: { text: 'Alles Unsinn!' }, headers: { 'Idempotency-Key': randomUUID() } })).body;
      const countBefore = (await call(api, 'GET', path)).body.commentCount;
      const queueLive = await EventStream.open(api, `/api/v1/procedures/${A.id}/moderation/events`, { cookie: `sd_session=${moderator.session}` });
      const publicLive = await EventStream.open(api, '/api/v1/procedures/variante-a/events');
      try {
        const report = (token?: string) => call(api, 'POST', '/api/v1/procedures/variante-a/reports', {
          body: { variantCommentId: comment.id, reason: 'beleidigend' },
          headers: { 'Idempotency-Key': randomUUID(), ...(token ? { 'X-Participant-Token': token } : {}) },
        });
        const firstReport = await report();
        expect(firstReport.status).toBe(201);
        expect((await report(firstReport.headers.get('x-participant-token') as string)).status).toBe(409);
        const both = await call(api, 'POST', '/api/v1/procedures/variante-a/reports', {
          body: { variantCommentId: comment.id, commentId: comment.id, reason: 'x' }, headers: { 'Idempotency-Key': randomUUID() },
        });
        expect(both.status).toBe(422);
        expect(both.body.errors.map((e: any) => e.field)).toEqual(['commentId', 'variantCommentId']);
        const elsewhere = await call(api, 'POST', `/api/v1/procedures/${B.slug}/reports`, {
          body: { variantCommentId: comment.id, reason: 'x' }, headers: { 'Idempotency-Key': randomUUID() },
        });
        expect(elsewhere.status).toBe(422);
        expect(elsewhere.body.errors[0].field).toBe('variantCommentId');
        for (let i = 1; i < 3; i++) expect((await report()).status).toBe(201);

        const queue = await moderator.call('GET', `/api/v1/procedures/${A.id}/moderation/queue?kind=variant-comment`);
        expect(queue.status).toBe(200);
        expect(queue.body.items).toEqual([expect.objectContaining({
          kind: 'variant-comment', id: comment.id, variantId: first.id, contributionId: null, categoryId: null,
          title: 'Variante A: Der grüne Bogen', text: 'Alles Unsinn!', status: 'published', flaggedAt: expect.any(String),
          openReports: [{ reason: 'beleidigend', createdAt: expect.any(String) }, expect.anything(), expect.anything()],
        })]);
        expect(await queueLive.waitFor((events) => events.some((e) => e.data.kind === 'variant-comment' && e.data.id === comment.id && e.data.flagged))).toBe(true);

        const hide = await moderator.call('POST', `/api/v1/procedures/${A.id}/moderation/variant-comments/${comment.id}/hide`, {});
        expect(hide.status).toBe(200);
        expect(hide.body).toMatchObject({ status: 'hidden', flaggedAt: null, openReports: [] });
        const hiddenDetail = (await call(api, 'GET', path)).body;
        expect(hiddenDetail.comments.map((c: any) => c.id)).not.toContain(comment.id);
        expect(hiddenDetail.commentCount).toBe(countBefore - 1);
        expect(await publicLive.waitFor((events) => events.some((e) => e.event === 'variant-comment-removed' && e.data.id === comment.id))).toBe(true);
        expect((await report()).status).toBe(422);

        const restore = await moderator.call('POST', `/api/v1/procedures/${A.id}/moderation/variant-comments/${comment.id}/unhide`, {});
        expect(restore.body).toMatchObject({ status: 'published' });
        expect((await call(api, 'GET', path)).body.comments.map((c: any) => c.id)).toContain(comment.id);
        expect(await publicLive.waitFor((events) => events.some((e) => e.event === 'variant-comment' && e.data.id === comment.id))).toBe(true);
        const audit = await moderator.call('GET', `/api/v1/procedures/${A.id}/audit`);
        expect(audit.body.items.filter((e: any) => e.entityId === comment.id).map((e: any) => e.action)).toEqual([
          'variant-comment.unhide', 'variant-comment.hide',
        ]);
        expect((await manager.call('POST', `/api/v1/procedures/${B.id}/moderation/variant-comments/${comment.id}/hide`, {})).status).toBe(403);
        expect((await admin.call('POST', `/api/v1/procedures/${B.id}/moderation/variant-comments/${comment.id}/hide`, {})).status).toBe(404);
      } finally {
        await queueLive.close();
        await publicLive.close();
      }
    });

    it('lets moderators read but not change variants', async () => {
      expect((await moderator.call('GET', `${setup(A)}/variants`)).status).toBe(200);
      expect((await moderator.call('POST', `${setup(A)}/variants`, { title: 'Nein' })).status).toBe(403);
      expect((await moderator.call('DELETE', `${setup(A)}/variants/${first.id}`)).status).toBe(403);
    });
  });

  describe('documents, FAQ and contacts', () => {
    it('are set up by managers and shown publicly, documents with size, type and a download', async () => {
      const pdf = (await upload(manager, A, PDF, 'Begründung "Bebauungsplan".pdf', 'application/pdf')).body;
      const doc = await manager.call('POST', `${setup(A)}/documents`, { uploadId: pdf.id, title: 'Begründung', description: 'Entwurf' });
      expect(doc.status).toBe(201);
      expect((await manager.call('POST', `${setup(A)}/faq`, { question: 'Wann wird gebaut?', answer: 'Ab 2028.', position: 1 })).status).toBe(201);
      expect((await manager.call('POST', `${setup(A)}/faq`, { question: 'Wer plant?', answer: 'Das Bezirksamt.', position: 0 })).status).toBe(201);
      expect((await manager.call('POST', `${setup(A)}/contacts`, { name: 'Frau Muster', organisation: 'Bezirksamt Altona', email: 'plan@example.org' })).status).toBe(201);
      expect((await manager.call('POST', `${setup(A)}/faq`, { question: '', answer: 'x' })).status).toBe(422);
      expect((await manager.call('POST', `${setup(A)}/documents`, { uploadId: randomUUID(), title: 'Nichts' })).status).toBe(422);
      expect((await moderator.call('POST', `${setup(A)}/faq`, { question: 'Q', answer: 'A' })).status).toBe(403);

      const info = await call(api, 'GET', '/api/v1/procedures/variante-a/information');
      expect(info.status).toBe(200);
      expect(info.body.faq.map((f: any) => f.question)).toEqual(['Wer plant?', 'Wann wird gebaut?']);
      expect(info.body.contacts).toEqual([expect.objectContaining({ name: 'Frau Muster', organisation: 'Bezirksamt Altona' })]);
      expect(info.body.documents).toEqual([expect.objectContaining({
        title: 'Begründung', file: expect.objectContaining({ mediaType: 'application/pdf', byteSize: PDF.length, url: `/api/v1/files/${pdf.id}` }),
      })]);
      const served = await fetch(api.baseUrl + info.body.documents[0].file.url);
      expect(served.headers.get('content-type')).toBe('application/pdf');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
      expect(Buffer.from(await served.arrayBuffer()).equals(PDF)).toBe(true);
      expect((await call(api, 'GET', '/api/v1/procedures/variante-intern/information')).status).toBe(404);
    });
  });
});
