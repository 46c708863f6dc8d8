import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The moderation queue: a contribution or comment is flagged when its unresolved reports reach the
 * procedure's reportThreshold. It stays public until a moderator acts (post-moderation practice);
 * the moderator's decision clears the flag and resolves the reports.
 */
export class ModerationFlags1764460800000 implements MigrationInterface {
  name = 'ModerationFlags1764460800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contributions ADD COLUMN flagged_at timestamptz`);
    await db.query(`ALTER TABLE comments ADD COLUMN flagged_at timestamptz`);
    await db.query(`CREATE INDEX contributions_flagged ON contributions (procedure_id, flagged_at) WHERE flagged_at IS NOT NULL`);
    await db.query(`CREATE INDEX comments_flagged ON comments (flagged_at) WHERE flagged_at IS NOT NULL`);
    // Counting the open reports of one item when a new one arrives.
    await db.query(`CREATE INDEX reports_open_contribution ON reports (contribution_id) WHERE resolved_at IS NULL`);
    await db.query(`CREATE INDEX reports_open_comment ON reports (comment_id) WHERE resolved_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS reports_open_comment`);
    await db.query(`DROP INDEX IF EXISTS reports_open_contribution`);
    await db.query(`DROP INDEX IF EXISTS comments_flagged`);
    await db.query(`DROP INDEX IF EXISTS contributions_flagged`);
    await db.query(`ALTER TABLE comments DROP COLUMN IF EXISTS flagged_at`);
    await db.query(`ALTER TABLE contributions DROP COLUMN IF EXISTS flagged_at`);
  }
}
