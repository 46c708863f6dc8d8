import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole participation domain. Geometry is WGS 84 (SRID 4326) with GiST indexes; CHECKs keep
 * the stored geometry to the allowed types and valid shapes so no code path can store bad data.
 */
export class PostgisAndDomain1764374400000 implements MigrationInterface {
  name = 'PostgisAndDomain1764374400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS postgis`);

    await db.query(`
      CREATE TABLE procedures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        summary text NOT NULL DEFAULT '',
        description text NOT NULL DEFAULT '',
        planning_area geometry(MultiPolygon, 4326)
          CHECK (planning_area IS NULL OR (ST_IsValid(planning_area) AND NOT ST_IsEmpty(planning_area))),
        map_config jsonb NOT NULL DEFAULT '{}'::jsonb,
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        internal boolean NOT NULL DEFAULT false,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX procedures_planning_area_gist ON procedures USING gist (planning_area)`);

    await db.query(`
      CREATE TABLE phases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('information', 'participation', 'conception', 'evaluation')),
        title text NOT NULL DEFAULT '',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        CHECK (ends_at > starts_at)
      )`);
    await db.query(`CREATE INDEX phases_procedure ON phases (procedure_id, starts_at)`);

    await db.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        colour text NOT NULL CHECK (colour ~ '^#[0-9a-f]{6}$'),
        icon text NOT NULL DEFAULT 'circle',
        position integer NOT NULL DEFAULT 0,
        UNIQUE (procedure_id, id)
      )`);

    await db.query(`
      CREATE TABLE rubrics (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]*$'),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        position integer NOT NULL DEFAULT 0,
        UNIQUE (procedure_id, id),
        UNIQUE (procedure_id, kind)
      )`);

    // Only a keyed hash of the participant's token is stored, never the token.
    await db.query(`
      CREATE TABLE participants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE planners (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
        display_name text NOT NULL,
        password_hash text NOT NULL,
        is_admin boolean NOT NULL DEFAULT false,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX planners_email ON planners (lower(email))`);

    await db.query(`
      CREATE TABLE procedure_memberships (
        planner_id uuid NOT NULL REFERENCES planners(id) ON DELETE CASCADE,
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('manager', 'moderator')),
        PRIMARY KEY (planner_id, procedure_id)
      )`);

    // Category and rubric are tied to the contribution's own procedure by composite keys.
    await db.query(`
      CREATE TABLE contributions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        category_id uuid NOT NULL,
        rubric_id uuid NOT NULL,
        participant_id uuid REFERENCES participants(id) ON DELETE SET NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        body text NOT NULL CHECK (length(btrim(body)) > 0),
        geom geometry(Geometry, 4326) CHECK (
          geom IS NULL OR (GeometryType(geom) IN ('POINT', 'LINESTRING', 'POLYGON') AND ST_IsValid(geom) AND NOT ST_IsEmpty(geom))
        ),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'rejected', 'hidden')),
        source text NOT NULL DEFAULT 'online' CHECK (source IN ('online', 'workshop', 'import')),
        ratings_up integer NOT NULL DEFAULT 0 CHECK (ratings_up >= 0),
        ratings_down integer NOT NULL DEFAULT 0 CHECK (ratings_down >= 0),
        comment_count integer NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('german', body), 'B')
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (procedure_id, category_id) REFERENCES categories (procedure_id, id),
        FOREIGN KEY (procedure_id, rubric_id) REFERENCES rubrics (procedure_id, id)
      )`);
    await db.query(`CREATE INDEX contributions_geom_gist ON contributions USING gist (geom)`);
    await db.query(`CREATE INDEX contributions_procedure_created ON contributions (procedure_id, status, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX contributions_search ON contributions USING gin (search)`);
    await db.query(`CREATE INDEX contributions_participant ON contributions (participant_id)`);

    await db.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contribution_id uuid NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
        parent_id uuid REFERENCES comments(id) ON DELETE CASCADE,
        participant_id uuid REFERENCES participants(id) ON DELETE SET NULL,
        planner_id uuid REFERENCES planners(id) ON DELETE SET NULL,
        body text NOT NULL CHECK (length(btrim(body)) > 0),
        official boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'published' CHECK (status IN ('pending', 'published', 'rejected', 'hidden')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (NOT official OR planner_id IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX comments_contribution ON comments (contribution_id, created_at)`);
    // A reply answers a top-level comment of the same contribution: one level deep.
    await db.query(`
      CREATE FUNCTION comments_reply_one_level() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE parent comments%ROWTYPE;
      BEGIN
        IF NEW.parent_id IS NULL THEN RETURN NEW; END IF;
        SELECT * INTO parent FROM comments WHERE id = NEW.parent_id;
        IF parent.parent_id IS NOT NULL THEN
          RAISE EXCEPTION 'a reply cannot be answered: replies are one level deep' USING ERRCODE = 'check_violation';
        END IF;
        IF parent.contribution_id <> NEW.contribution_id THEN
          RAISE EXCEPTION 'a reply must belong to the same contribution as its comment' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER comments_reply_one_level BEFORE INSERT OR UPDATE OF parent_id, contribution_id ON comments
      FOR EACH ROW EXECUTE FUNCTION comments_reply_one_level()`);

    await db.query(`
      CREATE TABLE ratings (
        participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        contribution_id uuid NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
        value smallint NOT NULL CHECK (value IN (-1, 1)),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contribution_id, participant_id)
      )`);

    // Counters change in the same transaction as the rating or comment, under the row lock of
    // the contribution, so they stay exact under concurrent writes.
    await db.query(`
      CREATE FUNCTION ratings_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE contributions SET
            ratings_up = ratings_up - (OLD.value = 1)::int,
            ratings_down = ratings_down - (OLD.value = -1)::int
          WHERE id = OLD.contribution_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE contributions SET
            ratings_up = ratings_up + (NEW.value = 1)::int,
            ratings_down = ratings_down + (NEW.value = -1)::int
          WHERE id = NEW.contribution_id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER ratings_count AFTER INSERT OR UPDATE OR DELETE ON ratings
      FOR EACH ROW EXECUTE FUNCTION ratings_count()`);

    await db.query(`
      CREATE FUNCTION comments_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'published' THEN
          UPDATE contributions SET comment_count = comment_count - 1 WHERE id = OLD.contribution_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'published' THEN
          UPDATE contributions SET comment_count = comment_count + 1 WHERE id = NEW.contribution_id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER comments_count AFTER INSERT OR UPDATE OF status, contribution_id OR DELETE ON comments
      FOR EACH ROW EXECUTE FUNCTION comments_count()`);

    await db.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid REFERENCES participants(id) ON DELETE SET NULL,
        contribution_id uuid REFERENCES contributions(id) ON DELETE CASCADE,
        comment_id uuid REFERENCES comments(id) ON DELETE CASCADE,
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        CHECK ((contribution_id IS NULL) <> (comment_id IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX reports_once_per_participant ON reports
      (participant_id, coalesce(contribution_id, comment_id)) WHERE resolved_at IS NULL`);

    await db.query(`
      CREATE TABLE appointments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        description text NOT NULL DEFAULT '',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz CHECK (ends_at IS NULL OR ends_at > starts_at),
        place text NOT NULL DEFAULT '',
        location geometry(Point, 4326) CHECK (location IS NULL OR ST_IsValid(location))
      )`);
    await db.query(`CREATE INDEX appointments_location_gist ON appointments USING gist (location)`);

    await db.query(`
      CREATE TABLE conceptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        description text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0
      )`);

    await db.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES planners(id),
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid,
        procedure_id uuid,
        before jsonb,
        after jsonb
      )`);
    await db.query(`CREATE INDEX audit_log_procedure ON audit_log (procedure_id, at DESC)`);
    await db.query(`CREATE INDEX audit_log_entity ON audit_log (entity_id, at DESC)`);
    await db.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);

    // The first response to a POST with an Idempotency-Key, replayed for retries.
    await db.query(`
      CREATE TABLE idempotency_keys (
        key text NOT NULL,
        scope text NOT NULL,
        request_hash text NOT NULL,
        status_code integer NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);

    await db.query(`
      CREATE TABLE instance_secrets (
        name text PRIMARY KEY,
        value bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'instance_secrets', 'idempotency_keys', 'audit_log', 'conceptions', 'appointments', 'reports', 'ratings',
      'comments', 'contributions', 'procedure_memberships', 'planners', 'participants', 'rubrics', 'categories',
      'phases', 'procedures',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    for (const fn of ['audit_log_append_only', 'comments_count', 'ratings_count', 'comments_reply_one_level']) {
      await db.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }
  }
}
