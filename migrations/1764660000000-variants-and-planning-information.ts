import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planning variants (the "Konzeption" phase) and planning information: uploaded files, variants
 * with their images, key figures, overlay and geometries, documents, FAQ and contacts; residents'
 * ratings and comments on variants. The `conceptions` table of the first migration never had a
 * data path and is replaced by `variants`.
 *
 * Uploads are kept in the database (bytea): several stateless API instances share them without a
 * shared disk, a database backup holds everything, and a file and the row that uses it are written
 * in one transaction. Only re-encoded pixels (images) and signature-checked PDFs are stored.
 */
export class VariantsAndPlanningInformation1764660000000 implements MigrationInterface {
  name = 'VariantsAndPlanningInformation1764660000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE conceptions`);

    await db.query(`
      CREATE TABLE uploads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        media_type text NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg', 'image/webp', 'application/pdf')),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        byte_size integer NOT NULL CHECK (byte_size > 0),
        width integer CHECK (width IS NULL OR width > 0),
        height integer CHECK (height IS NULL OR height > 0),
        content bytea NOT NULL,
        created_by uuid REFERENCES planners(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (procedure_id, id),
        CHECK ((media_type = 'application/pdf') = (width IS NULL))
      )`);

    await db.query(`
      CREATE TABLE variants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        summary text NOT NULL DEFAULT '',
        description text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        published boolean NOT NULL DEFAULT false,
        colour text NOT NULL DEFAULT '#1565c0' CHECK (colour ~ '^#[0-9a-f]{6}$'),
        key_figures jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(key_figures) = 'array'),
        overlay jsonb CHECK (overlay IS NULL OR jsonb_typeof(overlay) = 'object'),
        overlay_upload_id uuid,
        ratings_up integer NOT NULL DEFAULT 0 CHECK (ratings_up >= 0),
        ratings_down integer NOT NULL DEFAULT 0 CHECK (ratings_down >= 0),
        comment_count integer NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (procedure_id, id),
        FOREIGN KEY (procedure_id, overlay_upload_id) REFERENCES uploads (procedure_id, id)
      )`);
    await db.query(`CREATE INDEX variants_procedure ON variants (procedure_id, position, created_at)`);

    await db.query(`
      CREATE TABLE variant_images (
        variant_id uuid NOT NULL,
        procedure_id uuid NOT NULL,
        upload_id uuid NOT NULL,
        alt text NOT NULL CHECK (length(btrim(alt)) > 0),
        caption text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        PRIMARY KEY (variant_id, upload_id),
        FOREIGN KEY (procedure_id, variant_id) REFERENCES variants (procedure_id, id) ON DELETE CASCADE,
        FOREIGN KEY (procedure_id, upload_id) REFERENCES uploads (procedure_id, id)
      )`);

    // The variant's own buildings, paths and areas, in its colours; the same CHECKs as contributions.
    await db.query(`
      CREATE TABLE variant_features (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        variant_id uuid NOT NULL REFERENCES variants(id) ON DELETE CASCADE,
        position integer NOT NULL DEFAULT 0,
        label text NOT NULL DEFAULT '',
        colour text NOT NULL CHECK (colour ~ '^#[0-9a-f]{6}$'),
        geom geometry(Geometry, 4326) NOT NULL CHECK (
          GeometryType(geom) IN ('POINT', 'LINESTRING', 'POLYGON') AND ST_IsValid(geom) AND NOT ST_IsEmpty(geom)
        )
      )`);
    await db.query(`CREATE INDEX variant_features_geom_gist ON variant_features USING gist (geom)`);
    await db.query(`CREATE INDEX variant_features_variant ON variant_features (variant_id, position)`);

    await db.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        upload_id uuid NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        description text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (procedure_id, upload_id) REFERENCES uploads (procedure_id, id)
      )`);
    await db.query(`CREATE INDEX documents_procedure ON documents (procedure_id, position)`);

    await db.query(`
      CREATE TABLE faq_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        question text NOT NULL CHECK (length(btrim(question)) > 0),
        answer text NOT NULL CHECK (length(btrim(answer)) > 0),
        position integer NOT NULL DEFAULT 0
      )`);
    await db.query(`CREATE INDEX faq_entries_procedure ON faq_entries (procedure_id, position)`);

    await db.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        organisation text NOT NULL DEFAULT '',
        email text NOT NULL DEFAULT '' CHECK (email = '' OR email ~ '^[^@\\s]+@[^@\\s]+$'),
        phone text NOT NULL DEFAULT '',
        address text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0
      )`);
    await db.query(`CREATE INDEX contacts_procedure ON contacts (procedure_id, position)`);

    await db.query(`
      CREATE TABLE variant_ratings (
        participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        variant_id uuid NOT NULL REFERENCES variants(id) ON DELETE CASCADE,
        value smallint NOT NULL CHECK (value IN (-1, 1)),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (variant_id, participant_id)
      )`);

    await db.query(`
      CREATE TABLE variant_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        variant_id uuid NOT NULL REFERENCES variants(id) ON DELETE CASCADE,
        participant_id uuid REFERENCES participants(id) ON DELETE SET NULL,
        body text NOT NULL CHECK (length(btrim(body)) > 0),
        status text NOT NULL DEFAULT 'published' CHECK (status IN ('pending', 'published', 'rejected', 'hidden')),
        flagged_at timestamptz,
        moderation_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX variant_comments_variant ON variant_comments (variant_id, created_at)`);

    // Counters move with the rating or comment in its transaction, under the variant's row lock.
    await db.query(`
      CREATE FUNCTION variant_ratings_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE variants SET ratings_up = ratings_up - (OLD.value = 1)::int, ratings_down = ratings_down - (OLD.value = -1)::int
          WHERE id = OLD.variant_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE variants SET ratings_up = ratings_up + (NEW.value = 1)::int, ratings_down = ratings_down + (NEW.value = -1)::int
          WHERE id = NEW.variant_id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER variant_ratings_count AFTER INSERT OR UPDATE OR DELETE ON variant_ratings
      FOR EACH ROW EXECUTE FUNCTION variant_ratings_count()`);
    await db.query(`
      CREATE FUNCTION variant_comments_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'published' THEN
          UPDATE variants SET comment_count = comment_count - 1 WHERE id = OLD.variant_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'published' THEN
          UPDATE variants SET comment_count = comment_count + 1 WHERE id = NEW.variant_id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER variant_comments_count AFTER INSERT OR UPDATE OF status OR DELETE ON variant_comments
      FOR EACH ROW EXECUTE FUNCTION variant_comments_count()`);

    // Reports may now name a comment on a variant; still exactly one target per report.
    await db.query(`ALTER TABLE reports ADD COLUMN variant_comment_id uuid REFERENCES variant_comments(id) ON DELETE CASCADE`);
    await db.query(`ALTER TABLE reports DROP CONSTRAINT reports_check`);
    await db.query(`ALTER TABLE reports ADD CONSTRAINT reports_one_target CHECK (num_nonnulls(contribution_id, comment_id, variant_comment_id) = 1)`);
    await db.query(`DROP INDEX reports_once_per_participant`);
    await db.query(`CREATE UNIQUE INDEX reports_once_per_participant ON reports
      (participant_id, coalesce(contribution_id, comment_id, variant_comment_id)) WHERE resolved_at IS NULL`);

    // Public means published, in one place (see the public views of the first migrations).
    await db.query(`
      CREATE VIEW public_variants AS
        SELECT v.id, v.procedure_id, v.title, v.summary, v.description, v.position, v.colour, v.key_figures, v.overlay,
               v.overlay_upload_id, v.ratings_up, v.ratings_down, v.comment_count, v.created_at, v.updated_at
        FROM variants v JOIN public_procedures p ON p.id = v.procedure_id
        WHERE v.published`);
    await db.query(`
      CREATE VIEW public_variant_comments AS
        SELECT m.id, m.variant_id, m.participant_id, m.body, m.created_at, m.updated_at
        FROM variant_comments m JOIN public_variants v ON v.id = m.variant_id
        WHERE m.status = 'published'`);
    await db.query(`
      CREATE VIEW public_documents AS
        SELECT d.id, d.procedure_id, d.upload_id, d.title, d.description, d.position, d.created_at
        FROM documents d JOIN public_procedures p ON p.id = d.procedure_id`);
    await db.query(`
      CREATE VIEW public_faq_entries AS
        SELECT f.id, f.procedure_id, f.question, f.answer, f.position
        FROM faq_entries f JOIN public_procedures p ON p.id = f.procedure_id`);
    await db.query(`
      CREATE VIEW public_contacts AS
        SELECT c.id, c.procedure_id, c.name, c.organisation, c.email, c.phone, c.address, c.position
        FROM contacts c JOIN public_procedures p ON p.id = c.procedure_id`);
    // A file is public while a public variant shows it (image or overlay) or a public document is it.
    await db.query(`
      CREATE VIEW public_files AS
        SELECT u.id, u.procedure_id, u.media_type, u.file_name, u.byte_size, u.width, u.height, u.content, u.created_at
        FROM uploads u
        WHERE EXISTS (SELECT 1 FROM variant_images i JOIN public_variants v ON v.id = i.variant_id WHERE i.upload_id = u.id)
           OR EXISTS (SELECT 1 FROM public_variants v WHERE v.overlay_upload_id = u.id)
           OR EXISTS (SELECT 1 FROM public_documents d WHERE d.upload_id = u.id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const view of ['public_files', 'public_contacts', 'public_faq_entries', 'public_documents', 'public_variant_comments', 'public_variants']) {
      await db.query(`DROP VIEW IF EXISTS ${view}`);
    }
    await db.query(`DELETE FROM reports WHERE variant_comment_id IS NOT NULL`);
    await db.query(`DROP INDEX reports_once_per_participant`);
    await db.query(`CREATE UNIQUE INDEX reports_once_per_participant ON reports
      (participant_id, coalesce(contribution_id, comment_id)) WHERE resolved_at IS NULL`);
    await db.query(`ALTER TABLE reports DROP CONSTRAINT reports_one_target`);
    await db.query(`ALTER TABLE reports DROP COLUMN variant_comment_id`);
    await db.query(`ALTER TABLE reports ADD CONSTRAINT reports_check CHECK ((contribution_id IS NULL) <> (comment_id IS NULL))`);
    for (const table of ['variant_comments', 'variant_ratings', 'contacts', 'faq_entries', 'documents', 'variant_features', 'variant_images', 'variants', 'uploads']) {
      await db.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await db.query(`DROP FUNCTION IF EXISTS variant_comments_count()`);
    await db.query(`DROP FUNCTION IF EXISTS variant_ratings_count()`);
    await db.query(`
      CREATE TABLE conceptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        description text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0
      )`);
  }
}
