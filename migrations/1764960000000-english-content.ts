import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['procedures', 'phases', 'categories', 'rubrics', 'appointments'];
const PROCEDURE_COLUMNS = 'id, slug, title, summary, description, planning_area, map_config, settings, created_at, updated_at';

/**
 * English versions of the texts planners enter: `translations jsonb` on procedures, phases,
 * categories, rubrics and appointments, `{ "en": { "title": "…" } }` with only the fields that have
 * one. The German column stays the text of record; the web falls back to it. The public views show
 * the column too (CREATE OR REPLACE VIEW may only append it).
 */
export class EnglishContent1764960000000 implements MigrationInterface {
  name = 'EnglishContent1764960000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'::jsonb
        CHECK (jsonb_typeof(translations) = 'object')`);
    }
    await db.query(`
      CREATE OR REPLACE VIEW public_procedures AS
        SELECT ${PROCEDURE_COLUMNS}, translations
        FROM procedures
        WHERE NOT internal AND archived_at IS NULL`);
    await db.query(`CREATE OR REPLACE VIEW public_appointments AS SELECT a.* FROM appointments a JOIN public_procedures p ON p.id = a.procedure_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    // A view cannot lose a column: every view built on public_procedures is dropped and made again.
    const dependents: { name: string; definition: string }[] = await db.query(`
      WITH RECURSIVE v(oid, depth) AS (
        SELECT 'public_procedures'::regclass::oid, 0
        UNION
        SELECT r.ev_class, v.depth + 1 FROM pg_depend d
          JOIN pg_rewrite r ON r.oid = d.objid JOIN v ON d.refobjid = v.oid
        WHERE d.classid = 'pg_rewrite'::regclass AND r.ev_class <> v.oid AND v.depth < 10
      )
      SELECT c.relname AS name, pg_get_viewdef(c.oid) AS definition
      FROM v JOIN pg_class c ON c.oid = v.oid
      WHERE c.relname NOT IN ('public_procedures', 'public_appointments')
      GROUP BY c.oid, c.relname ORDER BY max(v.depth), c.relname`);
    await db.query(`DROP VIEW public_procedures CASCADE`);
    for (const table of TABLES) await db.query(`ALTER TABLE ${table} DROP COLUMN translations`);
    await db.query(`CREATE VIEW public_procedures AS SELECT ${PROCEDURE_COLUMNS} FROM procedures WHERE NOT internal AND archived_at IS NULL`);
    await db.query(`CREATE VIEW public_appointments AS SELECT a.* FROM appointments a JOIN public_procedures p ON p.id = a.procedure_id`);
    for (const view of dependents) await db.query(`CREATE VIEW ${view.name} AS ${view.definition}`);
  }
}
