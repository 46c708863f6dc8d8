import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `comment_count` counts what a resident can read: published comments, and published replies of a
 * published comment (as `public_comments` shows them). Until now it counted every published row, so
 * the list said 12 where the contribution's page showed 6 when a moderator had hidden comments that
 * had replies.
 *
 * Each change of a comment recounts its contribution (and the old one, if the comment moved). The
 * recount first locks the contribution's row and then counts in a statement of its own: under READ
 * COMMITTED that statement's snapshot sees every comment a concurrent writer committed before the
 * lock was granted, so two writers never lose each other's count. Hiding a comment recounts its
 * replies with it.
 */
export class VisibleCommentCount1764950000000 implements MigrationInterface {
  name = 'VisibleCommentCount1764950000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION visible_comment_count(contribution uuid) RETURNS integer LANGUAGE sql STABLE AS $$
        SELECT count(*)::int FROM comments m
        WHERE m.contribution_id = contribution AND m.status = 'published'
          AND (m.parent_id IS NULL OR EXISTS (
            SELECT 1 FROM comments parent WHERE parent.id = m.parent_id AND parent.status = 'published'))
      $$`);
    await db.query(`
      CREATE FUNCTION recount_comments(contribution uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM contributions WHERE id = contribution FOR UPDATE;
        UPDATE contributions SET comment_count = visible_comment_count(contribution)
          WHERE id = contribution AND comment_count IS DISTINCT FROM visible_comment_count(contribution);
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION comments_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          PERFORM recount_comments(OLD.contribution_id);
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.contribution_id IS DISTINCT FROM OLD.contribution_id) THEN
          PERFORM recount_comments(NEW.contribution_id);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      UPDATE contributions c SET comment_count = visible_comment_count(c.id)
      WHERE c.comment_count IS DISTINCT FROM visible_comment_count(c.id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION comments_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'published' THEN
          UPDATE contributions SET comment_count = comment_count - 1 WHERE id = OLD.contribution_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'published' THEN
          UPDATE contributions SET comment_count = comment_count + 1 WHERE id = NEW.contribution_id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`DROP FUNCTION IF EXISTS recount_comments(uuid)`);
    await db.query(`DROP FUNCTION IF EXISTS visible_comment_count(uuid)`);
    await db.query(`
      UPDATE contributions c SET comment_count = (
        SELECT count(*) FROM comments m WHERE m.contribution_id = c.id AND m.status = 'published')`);
  }
}
