import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public means published, in one place: every public read (API, map, open data, exports,
 * statistics, live events) goes through these views, which hold only published content of
 * procedures that are neither internal nor archived.
 */
export class PublicViews1764374400001 implements MigrationInterface {
  name = 'PublicViews1764374400001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW public_procedures AS
        SELECT id, slug, title, summary, description, planning_area, map_config, settings, created_at, updated_at
        FROM procedures
        WHERE NOT internal AND archived_at IS NULL`);
    await db.query(`
      CREATE VIEW public_contributions AS
        SELECT c.id, c.procedure_id, c.category_id, c.rubric_id, c.participant_id, c.title, c.body, c.geom,
               c.source, c.ratings_up, c.ratings_down, c.comment_count, c.search, c.created_at, c.updated_at
        FROM contributions c
        JOIN public_procedures p ON p.id = c.procedure_id
        WHERE c.status = 'published'`);
    await db.query(`
      CREATE VIEW public_comments AS
        SELECT m.id, m.contribution_id, m.parent_id, m.participant_id, m.body, m.official, m.created_at, m.updated_at
        FROM comments m
        JOIN public_contributions c ON c.id = m.contribution_id
        WHERE m.status = 'published'
          AND (m.parent_id IS NULL OR EXISTS (
            SELECT 1 FROM comments parent WHERE parent.id = m.parent_id AND parent.status = 'published'))`);
    await db.query(`
      CREATE VIEW public_appointments AS
        SELECT a.* FROM appointments a JOIN public_procedures p ON p.id = a.procedure_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW IF EXISTS public_appointments`);
    await db.query(`DROP VIEW IF EXISTS public_comments`);
    await db.query(`DROP VIEW IF EXISTS public_contributions`);
    await db.query(`DROP VIEW IF EXISTS public_procedures`);
  }
}
