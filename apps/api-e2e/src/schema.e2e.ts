import { DataSource } from 'typeorm';
import { loadConfig } from '@stadtdialog/api/config';
import { OpenDatabase, openDatabase } from '@stadtdialog/api/db';
import { ENGINE, TestDatabase, freshDatabase } from './server';

const quiet = { info: () => undefined, warn: () => undefined };

/** Everything a migration could change, as comparable text. */
async function schemaSnapshot(ds: DataSource): Promise<string> {
  const parts = await Promise.all([
    ds.query(`SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
              WHERE table_schema = 'public' ORDER BY table_name, column_name`),
    ds.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`),
    ds.query(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
              WHERE connamespace = 'public'::regnamespace ORDER BY conname`),
    ds.query(`SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY viewname`),
    ds.query(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`),
    ds.query(`SELECT name FROM migrations ORDER BY id`),
  ]);
  return JSON.stringify(parts);
}

describe(`the schema built by the migrations (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let opened: OpenDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await freshDatabase({ empty: true });
    opened = await openDatabase(loadConfig({ ...db.env, SEED_DEMO: 'false' }), quiet);
    ds = opened.dataSource;
  });

  afterAll(async () => {
    await ds?.destroy();
    await opened?.database.stop();
    await db?.drop();
  });

  it('creates every table of the domain', async () => {
    const rows: { table_name: string }[] = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'procedures', 'phases', 'categories', 'rubrics', 'participants', 'contributions', 'comments', 'ratings',
        'reports', 'appointments', 'variants', 'variant_images', 'variant_features', 'variant_ratings', 'variant_comments',
        'uploads', 'documents', 'faq_entries', 'contacts', 'planners', 'procedure_memberships', 'audit_log',
        'idempotency_keys', 'migrations',
      ]),
    );
  });

  it('stores geometry as SRID 4326 with GiST indexes', async () => {
    const columns: { column: string; type: string }[] = await ds.query(
      `SELECT attrelid::regclass::text || '.' || attname AS column, format_type(atttypid, atttypmod) AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND atttypid = 'geometry'::regtype
       ORDER BY 1`,
    );
    expect(columns).toEqual([
      { column: 'appointments.location', type: 'geometry(Point,4326)' },
      { column: 'contributions.geom', type: 'geometry(Geometry,4326)' },
      { column: 'procedures.planning_area', type: 'geometry(MultiPolygon,4326)' },
      { column: 'variant_features.geom', type: 'geometry(Geometry,4326)' },
    ]);
    const gist: { indexname: string }[] = await ds.query(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexdef ILIKE '%USING gist%' ORDER BY indexname`,
    );
    expect(gist.map((i) => i.indexname)).toEqual([
      'appointments_location_gist', 'contributions_geom_gist', 'procedures_planning_area_gist', 'variant_features_geom_gist',
    ]);
  });

  it('has the public views', async () => {
    const views: { viewname: string }[] = await ds.query(`SELECT viewname FROM pg_views WHERE schemaname = 'public' ORDER BY 1`);
    expect(views.map((v) => v.viewname)).toEqual(
      expect.arrayContaining([
        'public_appointments', 'public_comments', 'public_contributions', 'public_procedures', 'public_variants',
        'public_variant_comments', 'public_documents', 'public_faq_entries', 'public_contacts', 'public_files',
      ]),
    );
  });

  describe('constraints refuse bad rows', () => {
    let procedureId: string;
    let categoryId: string;
    let rubricId: string;
    let participantId: string;

    beforeAll(async () => {
      [{ id: procedureId }] = await ds.query(
        `INSERT INTO procedures (slug, title, planning_area) VALUES ('schema-test', 'Schema',
           ST_GeomFromText('MULTIPOLYGON(((9.9 53.5, 10 53.5, 10 53.6, 9.9 53.6, 9.9 53.5)))', 4326)) RETURNING id`,
      );
      [{ id: categoryId }] = await ds.query(
        `INSERT INTO categories (procedure_id, name, colour) VALUES ($1, 'Grün', '#2e7d32') RETURNING id`, [procedureId],
      );
      [{ id: rubricId }] = await ds.query(
        `INSERT INTO rubrics (procedure_id, kind, name) VALUES ($1, 'idea', 'Idee') RETURNING id`, [procedureId],
      );
      [{ id: participantId }] = await ds.query(`INSERT INTO participants (token_hash) VALUES ('\\x01') RETURNING id`);
    });

    const insert = (geometry: string | null, status = 'published') =>
      ds.query(
        `INSERT INTO contributions (procedure_id, category_id, rubric_id, title, body, geom, status)
         VALUES ($1, $2, $3, 't', 'b', ST_GeomFromText($4, 4326), $5) RETURNING id`,
        [procedureId, categoryId, rubricId, geometry, status],
      );

    it('accepts a point, a line, a polygon and no location', async () => {
      await expect(insert('POINT(9.95 53.55)')).resolves.toHaveLength(1);
      await expect(insert('LINESTRING(9.95 53.55, 9.96 53.56)')).resolves.toHaveLength(1);
      await expect(insert('POLYGON((9.95 53.55, 9.96 53.55, 9.96 53.56, 9.95 53.55))')).resolves.toHaveLength(1);
      await expect(insert(null)).resolves.toHaveLength(1);
    });

    it('refuses other geometry types, invalid shapes and another SRID', async () => {
      await expect(insert('MULTIPOINT(9.95 53.55, 9.96 53.56)')).rejects.toThrow(/check constraint/);
      await expect(insert('POLYGON((9.95 53.55, 9.96 53.56, 9.96 53.55, 9.95 53.56, 9.95 53.55))')).rejects.toThrow(/check constraint/);
      await expect(
        ds.query(`UPDATE contributions SET geom = ST_SetSRID(ST_MakePoint(566000, 5930000), 25832)`),
      ).rejects.toThrow(/SRID/i);
    });

    it('refuses a category of another procedure', async () => {
      const [{ id: other }] = await ds.query(`INSERT INTO procedures (slug, title) VALUES ('other', 'Other') RETURNING id`);
      const [{ id: foreign }] = await ds.query(
        `INSERT INTO categories (procedure_id, name, colour) VALUES ($1, 'Fremd', '#000000') RETURNING id`, [other],
      );
      await expect(
        ds.query(`INSERT INTO contributions (procedure_id, category_id, rubric_id, title, body) VALUES ($1, $2, $3, 't', 'b')`, [
          procedureId, foreign, rubricId,
        ]),
      ).rejects.toThrow(/foreign key/);
    });

    it('allows replies one level deep only', async () => {
      const [{ id: contribution }] = await insert('POINT(9.95 53.55)');
      const [{ id: top }] = await ds.query(`INSERT INTO comments (contribution_id, body) VALUES ($1, 'a') RETURNING id`, [contribution]);
      const [{ id: reply }] = await ds.query(
        `INSERT INTO comments (contribution_id, parent_id, body) VALUES ($1, $2, 'b') RETURNING id`, [contribution, top],
      );
      await expect(
        ds.query(`INSERT INTO comments (contribution_id, parent_id, body) VALUES ($1, $2, 'c')`, [contribution, reply]),
      ).rejects.toThrow(/one level deep/);
      const [{ comment_count }] = await ds.query(`SELECT comment_count FROM contributions WHERE id = $1`, [contribution]);
      expect(comment_count).toBe(2);
    });

    it('keeps one rating per participant and contribution, and counts it', async () => {
      const [{ id: contribution }] = await insert('POINT(9.95 53.55)');
      await ds.query(`INSERT INTO ratings (contribution_id, participant_id, value) VALUES ($1, $2, 1)`, [contribution, participantId]);
      await expect(
        ds.query(`INSERT INTO ratings (contribution_id, participant_id, value) VALUES ($1, $2, -1)`, [contribution, participantId]),
      ).rejects.toThrow(/duplicate key/);
      await ds.query(`UPDATE ratings SET value = -1 WHERE contribution_id = $1`, [contribution]);
      const [row] = await ds.query(`SELECT ratings_up, ratings_down FROM contributions WHERE id = $1`, [contribution]);
      expect(row).toEqual({ ratings_up: 0, ratings_down: 1 });
    });

    it('keeps the audit log append-only', async () => {
      await ds.query(`INSERT INTO audit_log (action, entity_type) VALUES ('test', 'procedure')`);
      await expect(ds.query(`UPDATE audit_log SET action = 'changed'`)).rejects.toThrow(/append-only/);
      await expect(ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    });

    it('shows only published content of public procedures in the public views', async () => {
      const [{ id: pending }] = await insert('POINT(9.95 53.55)', 'pending');
      const [{ id: hidden }] = await insert('POINT(9.95 53.55)', 'hidden');
      const [{ id: published }] = await insert('POINT(9.95 53.55)', 'published');
      const visible = async () =>
        (await ds.query(`SELECT id FROM public_contributions WHERE id = ANY($1)`, [[pending, hidden, published]])).map(
          (r: { id: string }) => r.id,
        );
      expect(await visible()).toEqual([published]);
      await ds.query(`UPDATE procedures SET internal = true WHERE id = $1`, [procedureId]);
      expect(await visible()).toEqual([]);
      expect(await ds.query(`SELECT 1 FROM public_procedures WHERE id = $1`, [procedureId])).toHaveLength(0);
    });
  });

  it('changes nothing when the migrations run a second time, in place or at the next start', async () => {
    const before = await schemaSnapshot(ds);
    expect(await ds.runMigrations({ transaction: 'each' })).toEqual([]);
    await ds.destroy();
    await opened.database.stop();
    opened = await openDatabase(loadConfig({ ...db.env, SEED_DEMO: 'false' }), quiet);
    ds = opened.dataSource;
    expect(await schemaSnapshot(ds)).toBe(before);
  });
});
