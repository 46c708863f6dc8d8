import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Write rate limits shared by every API instance on one PostgreSQL server: per key (a keyed hash of
 * a participant token or client address, never the value) the times of the writes let through in
 * the current window. UNLOGGED: counters need no crash safety, and the writes stay cheap; a crash
 * empties the table, which only forgets recent counts. The embedded engine counts in memory.
 */
export class SharedRateLimits1764600000000 implements MigrationInterface {
  name = 'SharedRateLimits1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE rate_limit_windows (
        key text PRIMARY KEY,
        hits bigint[] NOT NULL,
        last_request uuid NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX rate_limit_windows_expires ON rate_limit_windows (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS rate_limit_windows`);
  }
}
