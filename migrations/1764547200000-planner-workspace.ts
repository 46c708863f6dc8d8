import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The planner workspace: sign-in sessions (only a hash of the session id is stored), sign-in
 * back-off counters (keyed hashes, never an e-mail address or IP address), the participant's
 * original of a moderated edit, the reason of a moderation decision, and the live event journal
 * that Server-Sent Events resume from (`Last-Event-ID`).
 */
export class PlannerWorkspace1764547200000 implements MigrationInterface {
  name = 'PlannerWorkspace1764547200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE planner_sessions (
        id_hash bytea PRIMARY KEY,
        planner_id uuid NOT NULL REFERENCES planners(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX planner_sessions_planner ON planner_sessions (planner_id)`);

    await db.query(`
      CREATE TABLE sign_in_failures (
        key_hash bytea PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);

    // What the participant wrote before the first moderated edit; null while unedited.
    await db.query(`ALTER TABLE contributions ADD COLUMN original jsonb`);
    await db.query(`ALTER TABLE contributions ADD COLUMN moderation_reason text`);
    await db.query(`ALTER TABLE comments ADD COLUMN moderation_reason text`);

    // One row per change that a live stream may carry. `public` marks changes of content that is or
    // was published; the payload is read from the public views when it is sent, so a stream never
    // carries more than the views show at that moment.
    await db.query(`
      CREATE TABLE live_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        procedure_id uuid NOT NULL,
        entity_type text NOT NULL CHECK (entity_type IN ('contribution', 'comment')),
        entity_id uuid NOT NULL,
        contribution_id uuid NOT NULL,
        status text NOT NULL,
        flagged boolean NOT NULL,
        public boolean NOT NULL,
        moderation boolean NOT NULL
      )`);
    await db.query(`CREATE INDEX live_events_procedure ON live_events (procedure_id, id)`);
    await db.query(`CREATE INDEX live_events_at ON live_events (at)`);

    await db.query(`
      CREATE FUNCTION live_events_contribution() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        event_id bigint;
        was_public boolean := TG_OP = 'UPDATE' AND OLD.status = 'published';
        is_public boolean := NEW.status = 'published';
        for_moderation boolean := NEW.status = 'pending' OR NEW.flagged_at IS NOT NULL
          OR (TG_OP = 'UPDATE' AND (OLD.status = 'pending' OR OLD.flagged_at IS NOT NULL));
      BEGIN
        IF TG_OP = 'UPDATE' AND NOT (
          OLD.status IS DISTINCT FROM NEW.status OR OLD.flagged_at IS DISTINCT FROM NEW.flagged_at
          OR OLD.title IS DISTINCT FROM NEW.title OR OLD.body IS DISTINCT FROM NEW.body
          OR OLD.category_id IS DISTINCT FROM NEW.category_id OR OLD.rubric_id IS DISTINCT FROM NEW.rubric_id
          OR NOT (OLD.geom IS NOT DISTINCT FROM NEW.geom)) THEN
          RETURN NULL;
        END IF;
        IF NOT (was_public OR is_public OR for_moderation) THEN RETURN NULL; END IF;
        INSERT INTO live_events (procedure_id, entity_type, entity_id, contribution_id, status, flagged, public, moderation)
        VALUES (NEW.procedure_id, 'contribution', NEW.id, NEW.id, NEW.status, NEW.flagged_at IS NOT NULL,
                was_public OR is_public, for_moderation)
        RETURNING id INTO event_id;
        PERFORM pg_notify('stadtdialog_live', event_id::text || ' ' || NEW.procedure_id::text);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER live_events_contribution AFTER INSERT OR UPDATE ON contributions
      FOR EACH ROW EXECUTE FUNCTION live_events_contribution()`);

    await db.query(`
      CREATE FUNCTION live_events_comment() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        event_id bigint;
        procedure uuid;
        was_public boolean := TG_OP = 'UPDATE' AND OLD.status = 'published';
        is_public boolean := NEW.status = 'published';
        for_moderation boolean := NEW.status = 'pending' OR NEW.flagged_at IS NOT NULL
          OR (TG_OP = 'UPDATE' AND (OLD.status = 'pending' OR OLD.flagged_at IS NOT NULL));
      BEGIN
        IF TG_OP = 'UPDATE' AND NOT (
          OLD.status IS DISTINCT FROM NEW.status OR OLD.flagged_at IS DISTINCT FROM NEW.flagged_at
          OR OLD.body IS DISTINCT FROM NEW.body) THEN
          RETURN NULL;
        END IF;
        IF NOT (was_public OR is_public OR for_moderation) THEN RETURN NULL; END IF;
        SELECT procedure_id INTO procedure FROM contributions WHERE id = NEW.contribution_id;
        INSERT INTO live_events (procedure_id, entity_type, entity_id, contribution_id, status, flagged, public, moderation)
        VALUES (procedure, 'comment', NEW.id, NEW.contribution_id, NEW.status, NEW.flagged_at IS NOT NULL,
                was_public OR is_public, for_moderation)
        RETURNING id INTO event_id;
        PERFORM pg_notify('stadtdialog_live', event_id::text || ' ' || procedure::text);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER live_events_comment AFTER INSERT OR UPDATE ON comments
      FOR EACH ROW EXECUTE FUNCTION live_events_comment()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS live_events_comment ON comments`);
    await db.query(`DROP TRIGGER IF EXISTS live_events_contribution ON contributions`);
    await db.query(`DROP FUNCTION IF EXISTS live_events_comment()`);
    await db.query(`DROP FUNCTION IF EXISTS live_events_contribution()`);
    await db.query(`DROP TABLE IF EXISTS live_events`);
    await db.query(`ALTER TABLE comments DROP COLUMN IF EXISTS moderation_reason`);
    await db.query(`ALTER TABLE contributions DROP COLUMN IF EXISTS moderation_reason`);
    await db.query(`ALTER TABLE contributions DROP COLUMN IF EXISTS original`);
    await db.query(`DROP TABLE IF EXISTS sign_in_failures`);
    await db.query(`DROP TABLE IF EXISTS planner_sessions`);
  }
}
