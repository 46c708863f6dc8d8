import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workshops: a touch table at one of a procedure's appointments, reached through a table link whose
 * secret is stored only as a keyed hash. Contributions made there (or handed off to a phone) name
 * their workshop; the public contribution view exposes it so lists and the map can filter by it.
 */
export class Workshops1764630000000 implements MigrationInterface {
  name = 'Workshops1764630000000';

  async up(db: QueryRunner): Promise<void> {
    // The composite keys let workshops and contributions insist on "of the same procedure".
    await db.query(`CREATE UNIQUE INDEX appointments_procedure_id ON appointments (procedure_id, id)`);
    await db.query(`
      CREATE TABLE workshops (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        appointment_id uuid NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        seats jsonb NOT NULL CHECK (jsonb_typeof(seats) = 'array' AND jsonb_array_length(seats) BETWEEN 1 AND 4),
        idle_seconds integer NOT NULL DEFAULT 180 CHECK (idle_seconds BETWEEN 30 AND 3600),
        key_hash bytea NOT NULL UNIQUE,
        link_expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_by uuid REFERENCES planners(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (procedure_id, id),
        -- A workshop's contributions outlive a planner's wish to tidy up appointments: deleting an
        -- appointment that had a workshop is refused.
        FOREIGN KEY (procedure_id, appointment_id) REFERENCES appointments (procedure_id, id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE INDEX workshops_procedure ON workshops (procedure_id, created_at DESC)`);
    await db.query(`ALTER TABLE contributions ADD COLUMN workshop_id uuid`);
    await db.query(`
      ALTER TABLE contributions
        ADD CONSTRAINT contributions_workshop_fkey FOREIGN KEY (procedure_id, workshop_id) REFERENCES workshops (procedure_id, id),
        ADD CONSTRAINT contributions_workshop_source CHECK (workshop_id IS NULL OR source = 'workshop')`);
    await db.query(`CREATE INDEX contributions_workshop ON contributions (workshop_id) WHERE workshop_id IS NOT NULL`);
    // Same columns as before, workshop_id added at the end (CREATE OR REPLACE VIEW may only append).
    await db.query(`
      CREATE OR REPLACE VIEW public_contributions AS
        SELECT c.id, c.procedure_id, c.category_id, c.rubric_id, c.participant_id, c.title, c.body, c.geom,
               c.source, c.ratings_up, c.ratings_down, c.comment_count, c.search, c.created_at, c.updated_at,
               c.workshop_id
        FROM contributions c
        JOIN public_procedures p ON p.id = c.procedure_id
        WHERE c.status = 'published'`);
  }

  async down(db: QueryRunner): Promise<void> {
    // A view cannot lose a column by CREATE OR REPLACE: drop the dependent view, rebuild both as before.
    await db.query(`DROP VIEW public_comments`);
    await db.query(`DROP VIEW public_contributions`);
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
    await db.query(`ALTER TABLE contributions DROP COLUMN workshop_id`);
    await db.query(`DROP TABLE workshops`);
    await db.query(`DROP INDEX appointments_procedure_id`);
  }
}
