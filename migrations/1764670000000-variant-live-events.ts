import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Variants and their comments in the live event journal: a published variant whose ratings,
 * comment count or texts change, or that is published, withdrawn or deleted, and comments on
 * variants as they come, are published, hidden or reported (the moderation queue). As for
 * contributions, the hub reads payloads from the public views when it sends.
 */
export class VariantLiveEvents1764670000000 implements MigrationInterface {
  name = 'VariantLiveEvents1764670000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE live_events DROP CONSTRAINT live_events_entity_type_check`);
    await db.query(`ALTER TABLE live_events ADD CONSTRAINT live_events_entity_type_check
      CHECK (entity_type IN ('contribution', 'comment', 'variant', 'variant-comment'))`);
    await db.query(`ALTER TABLE live_events ALTER COLUMN contribution_id DROP NOT NULL`);
    await db.query(`ALTER TABLE live_events ADD COLUMN variant_id uuid`);
    await db.query(`ALTER TABLE live_events ADD CONSTRAINT live_events_item
      CHECK (CASE WHEN entity_type IN ('contribution', 'comment') THEN contribution_id IS NOT NULL ELSE variant_id IS NOT NULL END)`);

    await db.query(`
      CREATE FUNCTION live_events_variant() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        event_id bigint;
        was_public boolean := false;
        is_public boolean := false;
        procedure uuid;
        variant uuid;
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          was_public := OLD.published;
          procedure := OLD.procedure_id;
          variant := OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          is_public := NEW.published;
          procedure := NEW.procedure_id;
          variant := NEW.id;
        END IF;
        IF NOT (was_public OR is_public) THEN RETURN NULL; END IF;
        INSERT INTO live_events (procedure_id, entity_type, entity_id, variant_id, status, flagged, public, moderation)
        VALUES (procedure, 'variant', variant, variant, CASE WHEN is_public THEN 'published' ELSE 'hidden' END, false, true, false)
        RETURNING id INTO event_id;
        PERFORM pg_notify('stadtdialog_live', event_id::text || ' ' || procedure::text);
        RETURN NULL;
      END $$`);
    // Ratings and comment counts move through the counting triggers' UPDATEs; updated_at alone is no news.
    await db.query(`CREATE TRIGGER live_events_variant AFTER INSERT OR DELETE OR UPDATE OF
        title, summary, description, position, published, colour, key_figures, overlay, overlay_upload_id,
        ratings_up, ratings_down, comment_count
      ON variants FOR EACH ROW EXECUTE FUNCTION live_events_variant()`);

    await db.query(`
      CREATE FUNCTION live_events_variant_comment() RETURNS trigger LANGUAGE plpgsql AS $$
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
        SELECT procedure_id INTO procedure FROM variants WHERE id = NEW.variant_id;
        INSERT INTO live_events (procedure_id, entity_type, entity_id, variant_id, status, flagged, public, moderation)
        VALUES (procedure, 'variant-comment', NEW.id, NEW.variant_id, NEW.status, NEW.flagged_at IS NOT NULL,
                was_public OR is_public, for_moderation)
        RETURNING id INTO event_id;
        PERFORM pg_notify('stadtdialog_live', event_id::text || ' ' || procedure::text);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER live_events_variant_comment AFTER INSERT OR UPDATE ON variant_comments
      FOR EACH ROW EXECUTE FUNCTION live_events_variant_comment()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS live_events_variant_comment ON variant_comments`);
    await db.query(`DROP TRIGGER IF EXISTS live_events_variant ON variants`);
    await db.query(`DROP FUNCTION IF EXISTS live_events_variant_comment()`);
    await db.query(`DROP FUNCTION IF EXISTS live_events_variant()`);
    await db.query(`DELETE FROM live_events WHERE entity_type IN ('variant', 'variant-comment')`);
    await db.query(`ALTER TABLE live_events DROP CONSTRAINT live_events_item`);
    await db.query(`ALTER TABLE live_events DROP COLUMN variant_id`);
    await db.query(`ALTER TABLE live_events ALTER COLUMN contribution_id SET NOT NULL`);
    await db.query(`ALTER TABLE live_events DROP CONSTRAINT live_events_entity_type_check`);
    await db.query(`ALTER TABLE live_events ADD CONSTRAINT live_events_entity_type_check CHECK (entity_type IN ('contribution', 'comment'))`);
  }
}
