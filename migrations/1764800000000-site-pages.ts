import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pages a public body must publish (imprint, privacy policy, accessibility statement) and the rules
 * and help, as admins set them per language (a page without a row shows its default made from the
 * configuration); and the feedback on accessibility barriers (BITV 2.0 § 7), kept until dealt with.
 */
export class SitePages1764800000000 implements MigrationInterface {
  name = 'SitePages1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE site_pages (
        key text NOT NULL CHECK (key IN ('imprint', 'privacy', 'accessibility', 'rules', 'help')),
        language text NOT NULL CHECK (language IN ('de', 'en')),
        body text NOT NULL CHECK (length(btrim(body)) > 0 AND length(body) <= 50000),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES planners(id) ON DELETE SET NULL,
        PRIMARY KEY (key, language)
      )`);
    await db.query(`
      CREATE TABLE accessibility_feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message text NOT NULL CHECK (length(btrim(message)) > 0 AND length(message) <= 5000),
        email text CHECK (email IS NULL OR email ~ '^[^@\\s]+@[^@\\s]+$'),
        page text CHECK (page IS NULL OR length(page) <= 500),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX accessibility_feedback_created ON accessibility_feedback (created_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS accessibility_feedback`);
    await db.query(`DROP TABLE IF EXISTS site_pages`);
  }
}
