import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import * as ExcelJS from 'exceljs';
import { check } from '@placemarkio/check-geojson';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { apiEnv, seedProcedure, withDatabase } from './participation-fixtures';
import { ADMIN, PlannerClient, call } from './planner-fixtures';
import { EvaluationProcedure, KNOWN_TEXT, seedEvaluationProcedure } from './evaluation-fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any -- parsed files are checked by the assertions */

const FORMULA_TITLE = '=HYPERLINK("http://example.test/x","klick")';

describe(`exports (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let procedure: EvaluationProcedure;
  let other: { id: string };
  let admin: PlannerClient;
  let otherModerator: PlannerClient;
  let moderator: PlannerClient;
  let secrets: string[];
  let formulaId: string;

  beforeAll(async () => {
    db = await freshDatabase();
    const env = apiEnv({ ...db.env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    await withDatabase(env, async (ds) => {
      procedure = await seedEvaluationProcedure(ds, 'export');
      other = await seedProcedure(ds, 'anderes');
      const [{ id }] = await ds.query(
        `INSERT INTO contributions (procedure_id, category_id, rubric_id, title, body, geom, status, original, moderation_reason)
         VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_MakePoint(9.95, 53.55), 4326), 'published', '{"title":"alt"}', 'Tippfehler')
         RETURNING id`,
        [procedure.id, procedure.categoryId, procedure.rubricId, FORMULA_TITLE, '+49 Telefon\tund Tab; "Zitat"\r\nzweite Zeile'],
      );
      formulaId = id;
      await ds.query(`INSERT INTO reports (contribution_id, reason) VALUES ($1, 'Spam'), ($1, 'Unsinn')`, [id]);
      const rows: { id: string; token_hash: Buffer }[] = await ds.query(`SELECT id, token_hash FROM participants`);
      secrets = rows.flatMap((r) => [r.id, r.token_hash.toString('hex'), r.token_hash.toString('base64url')]);
    });
    api = await startApi(env);
    admin = await PlannerClient.signIn(api, ADMIN.email, ADMIN.password);
    const answer = await admin.call('POST', `/api/v1/procedures/${procedure.id}/moderation/contributions/${formulaId}/responses`, { text: 'Wir prüfen das.' }, {
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(answer.status).toBe(201);
    const mod = await admin.call('POST', '/api/v1/planners', { email: 'mod@stadtdialog.test', displayName: 'Mo', password: 'moderator password' });
    expect((await admin.call('PUT', `/api/v1/procedures/${other.id}/memberships/${mod.body.id}`, { role: 'moderator' })).status).toBe(200);
    otherModerator = await PlannerClient.signIn(api, 'mod@stadtdialog.test', 'moderator password');
    const own = await admin.call('POST', '/api/v1/planners', { email: 'own@stadtdialog.test', displayName: 'Own', password: 'moderator password' });
    expect((await admin.call('PUT', `/api/v1/procedures/${procedure.id}/memberships/${own.body.id}`, { role: 'moderator' })).status).toBe(200);
    moderator = await PlannerClient.signIn(api, 'own@stadtdialog.test', 'moderator password');
  }, 420_000);

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  const path = (file: string, query = '') => `/api/v1/procedures/${procedure.id}/evaluation/exports/${file}${query}`;

  async function download(client: PlannerClient, file: string, query = ''): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const response = await fetch(api.baseUrl + path(file, query), { headers: { cookie: `sd_session=${client.session}` } });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
  }

  it('writes contributions as CSV for German Excel: BOM, semicolons, CRLF, escaped formulas, every status, no participant', async () => {
    const { status, bytes, headers } = await download(moderator, 'contributions.csv');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe('attachment; filename="export-contributions.csv"');
    expect(headers.get('x-export-rows')).toBe('8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\ufeffid;permalink;title;text;category;rubric;status;source;workshop;created_at;published_at;geometry_type;lon;lat;x_25832;y_25832;' +
        'ratings_up;ratings_down;comment_count;report_count;official_answer;official_answer_at;moderator_edited;moderation_reason',
    );
    const records: any[] = parse(bytes, { bom: true, delimiter: ';', columns: true, record_delimiter: '\r\n' });
    expect(records).toHaveLength(8);
    expect(records.map((r) => r.status).sort()).toEqual(['hidden', 'pending', 'published', 'published', 'published', 'published', 'published', 'rejected']);
    const formula = records.find((r) => r.id === formulaId);
    expect(formula.title).toBe(`'${FORMULA_TITLE}`);
    expect(formula.text).toBe(`'+49 Telefon\tund Tab; "Zitat"\r\nzweite Zeile`);
    expect(formula).toMatchObject({
      permalink: `${api.baseUrl}/procedures/export/contributions/${formulaId}`, category: 'Grün', rubric: 'Idee', geometry_type: 'POINT',
      lon: '9,95', lat: '53,55', report_count: '2', official_answer: 'Wir prüfen das.', moderator_edited: 'true', moderation_reason: 'Tippfehler',
    });
    expect(Number(formula.x_25832.replace(',', '.'))).toBeCloseTo(562940.87, 1);
    expect(Number(formula.y_25832.replace(',', '.'))).toBeCloseTo(5933876.07, 1);
    expect(formula.published_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const known = records.find((r) => r.title === KNOWN_TEXT.title);
    expect(known).toMatchObject({ ratings_up: '2', ratings_down: '0', comment_count: '2', report_count: '0', official_answer: '' });
    expect(records.find((r) => r.title === 'Zebrastreifen')).toMatchObject({ source: 'workshop', workshop: 'Tisch 1', geometry_type: 'LINESTRING' });
    expect(records.find((r) => r.title === 'Ohne Ort')).toMatchObject({ geometry_type: '', lon: '', x_25832: '' });
    expect(records.find((r) => r.title === 'Wartet').published_at).toBe('');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('writes comments keyed by contribution id, filtered like the contributions', async () => {
    const { bytes } = await download(admin, 'comments.csv');
    const records: any[] = parse(bytes, { bom: true, delimiter: ';', columns: true });
    expect(Object.keys(records[0])).toEqual(['contribution_id', 'id', 'parent_id', 'text', 'status', 'official', 'created_at', 'moderation_reason']);
    expect(records).toHaveLength(6);
    expect(records.filter((r) => r.contribution_id === procedure.contributions[KNOWN_TEXT.title]).map((r) => r.text).sort()).toEqual([KNOWN_TEXT.comment, 'Zustimmung']);
    expect(records.find((r) => r.official === 'true')).toMatchObject({ contribution_id: formulaId, text: 'Wir prüfen das.' });
    const workshop = parse((await download(admin, 'comments.csv', '?source=workshop')).bytes, { bom: true, delimiter: ';', columns: true });
    expect(workshop.map((r: any) => r.text).sort()).toEqual(['Unbedingt', 'Versteckter Kommentar']);
  });

  it('writes the planning variants with their ratings and comments, and the comments on them, every status', async () => {
    const variants = await download(moderator, 'variants.csv');
    expect(variants.status).toBe(200);
    expect(variants.headers.get('x-export-rows')).toBe('2');
    expect(variants.bytes.toString('utf8').split('\r\n')[0]).toBe('\ufeffid;title;published;position;ratings_up;ratings_down;comments;comments_published');
    const rows: any[] = parse(variants.bytes, { bom: true, delimiter: ';', columns: true });
    expect(rows).toEqual([
      { id: procedure.variants['Variante Park'], title: 'Variante Park', published: 'true', position: '0', ratings_up: '2', ratings_down: '1', comments: '3', comments_published: '1' },
      { id: procedure.variants['Entwurf Plaza'], title: 'Entwurf Plaza', published: 'false', position: '1', ratings_up: '1', ratings_down: '0', comments: '1', comments_published: '1' },
    ]);
    const comments = await download(moderator, 'variant-comments.csv');
    expect(comments.headers.get('x-export-rows')).toBe('4');
    const records: any[] = parse(comments.bytes, { bom: true, delimiter: ';', columns: true });
    expect(Object.keys(records[0])).toEqual(['variant_id', 'variant_title', 'id', 'text', 'status', 'created_at', 'moderation_reason']);
    expect(records.map((r) => [r.variant_title, r.text, r.status]).sort()).toEqual([
      ['Entwurf Plaza', 'Plaza gefällt', 'published'],
      ['Variante Park', 'Noch in Prüfung', 'pending'],
      ['Variante Park', 'Schöner Park mit Wiese', 'published'],
      ['Variante Park', 'Verborgene Variantenkritik', 'hidden'],
    ]);
    expect(records.every((r) => r.variant_id === procedure.variants[r.variant_title])).toBe(true);
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
    expect(parse((await download(moderator, 'variant-comments.csv', `?from=${tomorrow}`)).bytes, { bom: true, delimiter: ';', columns: true })).toEqual([]);
    for (const secret of secrets) expect(comments.bytes.toString('utf8') + variants.bytes.toString('utf8')).not.toContain(secret);
  });

  it('writes an XLSX workbook with a contributions and a comments sheet, real dates and no formulas', async () => {
    const { status, bytes, headers } = await download(admin, 'contributions.xlsx');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as any);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Beiträge', 'Kommentare', 'Varianten', 'Variantenkommentare']);
    const [sheet, comments, variants, variantComments] = book.worksheets;
    expect(variants.rowCount).toBe(3);
    expect(variantComments.rowCount).toBe(5);
    expect((variants.getRow(2).values as unknown[]).slice(1, 5)).toEqual([procedure.variants['Variante Park'], 'Variante Park', true, 0]);
    const variantCommentHeader = (variantComments.getRow(1).values as unknown[]).slice(1);
    expect(variantComments.getRow(2).getCell(variantCommentHeader.indexOf('created_at') + 1).value).toBeInstanceOf(Date);
    expect(sheet.rowCount).toBe(9);
    expect(comments.rowCount).toBe(7);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => header.indexOf(name) + 1;
    let formulaRow: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(column('id')).value === formulaId) formulaRow = row;
    });
    if (!formulaRow) throw new Error('the row of the formula title is missing from the XLSX');
    const found: ExcelJS.Row = formulaRow;
    const title = found.getCell(column('title'));
    expect(title.type).toBe(ExcelJS.ValueType.String);
    expect(title.value).toBe(`'${FORMULA_TITLE}`);
    expect(found.getCell(column('created_at')).value).toBeInstanceOf(Date);
    expect(found.getCell(column('lon')).value).toBe(9.95);
    expect(found.getCell(column('report_count')).value).toBe(2);
    const commentHeader = (comments.getRow(1).values as unknown[]).slice(1);
    expect(commentHeader[0]).toBe('contribution_id');
    expect(comments.getRow(2).getCell(commentHeader.indexOf('created_at') + 1).value).toBeInstanceOf(Date);
    const everything = JSON.stringify(book.worksheets.map((s) => s.getSheetValues()));
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it('writes valid RFC 7946 GeoJSON: one Feature per located contribution, lon/lat, the same properties', async () => {
    const { status, bytes, headers } = await download(admin, 'contributions.geojson');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/geo+json');
    const text = bytes.toString('utf8');
    const collection = check(text) as any;
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(7);
    expect(headers.get('x-export-rows')).toBe('7');
    const formula = collection.features.find((f: any) => f.id === formulaId);
    expect(formula.geometry).toEqual({ type: 'Point', coordinates: [9.95, 53.55] });
    expect(formula.properties).toMatchObject({ title: FORMULA_TITLE, lon: 9.95, lat: 53.55, report_count: 2 });
    expect(collection.features.map((f: any) => f.geometry.type).sort()).toEqual(['LineString', 'Point', 'Point', 'Point', 'Point', 'Point', 'Polygon']);
    expect(JSON.parse(text).crs).toBeUndefined();
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('needs a planner role of the procedure for every export, and writes each to the audit log', async () => {
    for (const file of ['contributions.csv', 'comments.csv', 'variants.csv', 'variant-comments.csv', 'contributions.xlsx', 'contributions.geojson']) {
      expect({ file, status: (await call(api, 'GET', path(file))).status }).toEqual({ file, status: 401 });
      expect({ file, status: (await otherModerator.call('GET', path(file))).status }).toEqual({ file, status: 403 });
    }
    expect((await admin.call('GET', path('contributions.pdf'))).status).toBe(404);
    expect((await admin.call('GET', path('contributions.csv', '?source=fax'))).status).toBe(400);
    const audit = await admin.call('GET', `/api/v1/procedures/${procedure.id}/audit?limit=100`);
    const exports = audit.body.items.filter((e: any) => e.action === 'procedure.export');
    expect(exports.map((e: any) => e.after.file).sort()).toEqual(
      ['comments.csv', 'comments.csv', 'contributions.csv', 'contributions.geojson', 'contributions.xlsx', 'variant-comments.csv', 'variant-comments.csv', 'variants.csv'],
    );
    expect(exports.find((e: any) => e.after.filter.source === 'workshop')).toMatchObject({ actor: { displayName: expect.any(String) } });
  });
});
