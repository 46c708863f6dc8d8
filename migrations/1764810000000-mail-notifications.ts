import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail notifications, opt-in: a participant's subscription to news about an own contribution, kept
 * with its address only while it waits for confirmation (48 hours) or is confirmed; and the outbox every
 * mail goes through. Triggers put a mail into the outbox in the same transaction as the comment,
 * official answer or moderation decision that causes it, for confirmed subscriptions only, so nothing
 * accepted is lost and nothing is sent without confirmation.
 */
export class MailNotifications1764810000000 implements MigrationInterface {
  name = 'MailNotifications1764810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE email_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        contribution_id uuid NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$' AND length(email) <= 254),
        language text NOT NULL CHECK (language IN ('de', 'en')),
        confirm_expires_at timestamptz NOT NULL,
        confirmed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (participant_id, contribution_id)
      )`);
    await db.query(`CREATE INDEX email_subscriptions_contribution ON email_subscriptions (contribution_id) WHERE confirmed_at IS NOT NULL`);
    await db.query(`CREATE INDEX email_subscriptions_unconfirmed ON email_subscriptions (confirm_expires_at) WHERE confirmed_at IS NULL`);
    await db.query(`
      CREATE TABLE mail_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z-]*$'),
        subscription_id uuid REFERENCES email_subscriptions(id) ON DELETE CASCADE,
        recipient text CHECK (recipient IS NULL OR recipient ~ '^[^@\\s]+@[^@\\s]+$'),
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((subscription_id IS NULL) <> (recipient IS NULL))
      )`);
    await db.query(`CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id)`);

    // A comment or an official answer becomes public: the contribution's confirmed subscribers hear
    // of it, except the one who wrote it.
    await db.query(`
      CREATE FUNCTION notify_comment_published() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'published' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'published') THEN
          INSERT INTO mail_outbox (kind, subscription_id, payload)
          SELECT CASE WHEN NEW.official THEN 'official-answer' ELSE 'comment' END, s.id, jsonb_build_object('commentId', NEW.id)
          FROM email_subscriptions s
          WHERE s.contribution_id = NEW.contribution_id AND s.confirmed_at IS NOT NULL
            AND s.participant_id IS DISTINCT FROM NEW.participant_id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER notify_comment_published AFTER INSERT OR UPDATE OF status ON comments
      FOR EACH ROW EXECUTE FUNCTION notify_comment_published()`);

    // A moderator's decision (published, rejected, hidden) or edit of the contribution itself.
    await db.query(`
      CREATE FUNCTION notify_contribution_moderated() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE edited boolean := NEW.original IS NOT NULL AND (
                                (NEW.title, NEW.body, NEW.category_id, NEW.rubric_id) IS DISTINCT FROM (OLD.title, OLD.body, OLD.category_id, OLD.rubric_id)
                                OR ST_AsBinary(NEW.geom) IS DISTINCT FROM ST_AsBinary(OLD.geom));
      BEGIN
        IF NEW.status IS DISTINCT FROM OLD.status OR edited THEN
          INSERT INTO mail_outbox (kind, subscription_id, payload)
          SELECT 'moderation', s.id,
                 jsonb_build_object('status', NEW.status, 'statusChanged', NEW.status IS DISTINCT FROM OLD.status, 'edited', edited)
          FROM email_subscriptions s
          WHERE s.contribution_id = NEW.id AND s.confirmed_at IS NOT NULL;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER notify_contribution_moderated AFTER UPDATE OF status, title, body, category_id, rubric_id, geom ON contributions
      FOR EACH ROW EXECUTE FUNCTION notify_contribution_moderated()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS notify_contribution_moderated ON contributions`);
    await db.query(`DROP TRIGGER IF EXISTS notify_comment_published ON comments`);
    await db.query(`DROP FUNCTION IF EXISTS notify_contribution_moderated()`);
    await db.query(`DROP FUNCTION IF EXISTS notify_comment_published()`);
    await db.query(`DROP TABLE IF EXISTS mail_outbox`);
    await db.query(`DROP TABLE IF EXISTS email_subscriptions`);
  }
}
