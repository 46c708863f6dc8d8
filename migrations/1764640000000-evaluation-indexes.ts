import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports read a procedure's contributions and comments in (created_at, id) order in keyset batches,
 * and count each contribution's reports (resolved ones too, which the moderation index leaves out).
 */
export class EvaluationIndexes1764640000000 implements MigrationInterface {
  name = 'EvaluationIndexes1764640000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX contributions_procedure_order ON contributions (procedure_id, created_at, id)`);
    await db.query(`CREATE INDEX comments_order ON comments (created_at, id)`);
    await db.query(`CREATE INDEX reports_contribution ON reports (contribution_id) WHERE contribution_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS reports_contribution`);
    await db.query(`DROP INDEX IF EXISTS comments_order`);
    await db.query(`DROP INDEX IF EXISTS contributions_procedure_order`);
  }
}
