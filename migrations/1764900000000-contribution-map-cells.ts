import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The map's aggregated layer without reading every contribution per request.
 *
 * Each contribution keeps the point it is counted at on the map (`map_lon`, `map_lat`: the point
 * itself, or a point on the line or polygon) and its cell of the 64-pixel Web Mercator grid at zoom
 * 14 (`map_x14`, `map_y14`), as generated columns with exactly the arithmetic the cluster query
 * uses. The grid halves per zoom, so a cell at zoom z ≤ 14 is `x14 >> (14 - z)`.
 *
 * `contribution_map_cells` holds, per procedure, zoom-14 cell and filter value (category, rubric,
 * source, workshop), the published contributions counted there: their number, the sums of their
 * positions and, for a cell of one, its id. Triggers keep it: inserted contributions are added to
 * their cells; a statement that deletes contributions recomputes the cells its rows lay in, an
 * update of what the table depends on recomputes the old and the new cell. A recompute takes a transaction-level advisory lock per
 * cell (in one order, so two writers cannot deadlock), so concurrent writers to one cell follow
 * each other and each sees the other's committed rows.
 */
export class ContributionMapCells1764900000000 implements MigrationInterface {
  name = 'ContributionMapCells1764900000000';

  async up(db: QueryRunner): Promise<void> {
    const at = `(CASE WHEN GeometryType(geom) = 'POINT' THEN geom ELSE ST_PointOnSurface(geom) END)`;
    // The zoom-14 cell side in metres: 2π·6378137 / 2^14 / 4, the same float the API computes.
    const cell = `(2 * pi() * 6378137 / 65536)`;
    // radians() of a subnormal degree value (a client may send 5e-324) raises "value out of range:
    // underflow"; such a coordinate lies in the cell of 0.
    const finite = (value: string) => `(CASE WHEN abs(${value}) < 1e-300 THEN 0 ELSE ${value} END)`;
    await db.query(`
      ALTER TABLE contributions
        ADD COLUMN map_lon double precision GENERATED ALWAYS AS (ST_X(${at})) STORED,
        ADD COLUMN map_lat double precision GENERATED ALWAYS AS (ST_Y(${at})) STORED,
        ADD COLUMN map_x14 integer GENERATED ALWAYS AS (floor(6378137 * radians(${finite(`ST_X(${at})`)}) / ${cell})::integer) STORED,
        ADD COLUMN map_y14 integer GENERATED ALWAYS AS (
          floor(6378137 * ln(tan(pi() / 4 + radians(least(greatest(${finite(`ST_Y(${at})`)}, -85.0511), 85.0511)) / 2)) / ${cell})::integer) STORED`);
    await db.query(`CREATE INDEX contributions_map_cell ON contributions (procedure_id, map_x14, map_y14) WHERE map_x14 IS NOT NULL`);
    await db.query(`
      CREATE OR REPLACE VIEW public_contributions AS
        SELECT c.id, c.procedure_id, c.category_id, c.rubric_id, c.participant_id, c.title, c.body, c.geom,
               c.source, c.ratings_up, c.ratings_down, c.comment_count, c.search, c.created_at, c.updated_at,
               c.workshop_id, c.map_lon, c.map_lat, c.map_x14, c.map_y14
        FROM contributions c
        JOIN public_procedures p ON p.id = c.procedure_id
        WHERE c.status = 'published'`);
    await db.query(`
      CREATE TABLE contribution_map_cells (
        procedure_id uuid NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
        x14 integer NOT NULL,
        y14 integer NOT NULL,
        category_id uuid NOT NULL,
        rubric_id uuid NOT NULL,
        source text NOT NULL,
        workshop_id uuid,
        n integer NOT NULL CHECK (n > 0),
        sum_lon double precision NOT NULL,
        sum_lat double precision NOT NULL,
        -- the contribution of a cell of one; of a larger cell, the least id
        first_id uuid NOT NULL
      )`);
    await db.query(`
      CREATE UNIQUE INDEX contribution_map_cells_key ON contribution_map_cells
        (procedure_id, x14, y14, category_id, rubric_id, source, workshop_id) NULLS NOT DISTINCT`);
    await db.query(`
      CREATE FUNCTION refresh_contribution_map_cells(procedures uuid[], xs integer[], ys integer[]) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        k record;
      BEGIN
        FOR k IN
          SELECT DISTINCT p, x, y FROM unnest(procedures, xs, ys) AS t(p, x, y) WHERE x IS NOT NULL ORDER BY p, x, y
        LOOP
          PERFORM pg_advisory_xact_lock(hashtextextended('contribution_map_cells:' || k.p || ':' || k.x || ':' || k.y, 0));
          DELETE FROM contribution_map_cells WHERE procedure_id = k.p AND x14 = k.x AND y14 = k.y;
          INSERT INTO contribution_map_cells (procedure_id, x14, y14, category_id, rubric_id, source, workshop_id, n, sum_lon, sum_lat, first_id)
            SELECT procedure_id, map_x14, map_y14, category_id, rubric_id, source, workshop_id,
                   count(*), sum(map_lon), sum(map_lat), min(id::text)::uuid
            FROM contributions
            WHERE procedure_id = k.p AND map_x14 = k.x AND map_y14 = k.y AND status = 'published'
            GROUP BY procedure_id, map_x14, map_y14, category_id, rubric_id, source, workshop_id;
        END LOOP;
      END $$`);
    // New contributions are added to their cells (no recompute: a busy cell is not read per write),
    // under the same per-cell locks as a recompute.
    await db.query(`
      CREATE FUNCTION contribution_map_cells_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        k record;
      BEGIN
        FOR k IN
          SELECT DISTINCT procedure_id AS p, map_x14 AS x, map_y14 AS y FROM new_rows
          WHERE status = 'published' AND map_x14 IS NOT NULL ORDER BY 1, 2, 3
        LOOP
          PERFORM pg_advisory_xact_lock(hashtextextended('contribution_map_cells:' || k.p || ':' || k.x || ':' || k.y, 0));
        END LOOP;
        INSERT INTO contribution_map_cells AS m (procedure_id, x14, y14, category_id, rubric_id, source, workshop_id, n, sum_lon, sum_lat, first_id)
          SELECT procedure_id, map_x14, map_y14, category_id, rubric_id, source, workshop_id,
                 count(*), sum(map_lon), sum(map_lat), min(id::text)::uuid
          FROM new_rows WHERE status = 'published' AND map_x14 IS NOT NULL
          GROUP BY procedure_id, map_x14, map_y14, category_id, rubric_id, source, workshop_id
        ON CONFLICT (procedure_id, x14, y14, category_id, rubric_id, source, workshop_id) DO UPDATE
          SET n = m.n + excluded.n, sum_lon = m.sum_lon + excluded.sum_lon, sum_lat = m.sum_lat + excluded.sum_lat,
              first_id = least(m.first_id::text, excluded.first_id::text)::uuid;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION contribution_map_cells_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_contribution_map_cells(array_agg(procedure_id), array_agg(map_x14), array_agg(map_y14))
          FROM old_rows WHERE status = 'published';
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION contribution_map_cells_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_contribution_map_cells(
          ARRAY[OLD.procedure_id, NEW.procedure_id], ARRAY[OLD.map_x14, NEW.map_x14], ARRAY[OLD.map_y14, NEW.map_y14]);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER contribution_map_cells_insert AFTER INSERT ON contributions
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contribution_map_cells_inserted()`);
    await db.query(`
      CREATE TRIGGER contribution_map_cells_delete AFTER DELETE ON contributions
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contribution_map_cells_deleted()`);
    // Counters (ratings, comments) change rows all the time and leave the map as it is: only what it counts by.
    await db.query(`
      CREATE TRIGGER contribution_map_cells_update
        AFTER UPDATE OF status, geom, procedure_id, category_id, rubric_id, source, workshop_id ON contributions
        FOR EACH ROW WHEN (
          (OLD.status = 'published' OR NEW.status = 'published') AND (
            OLD.status IS DISTINCT FROM NEW.status OR OLD.map_x14 IS DISTINCT FROM NEW.map_x14
            OR OLD.map_y14 IS DISTINCT FROM NEW.map_y14 OR OLD.map_lon IS DISTINCT FROM NEW.map_lon
            OR OLD.map_lat IS DISTINCT FROM NEW.map_lat OR OLD.procedure_id IS DISTINCT FROM NEW.procedure_id
            OR OLD.category_id IS DISTINCT FROM NEW.category_id OR OLD.rubric_id IS DISTINCT FROM NEW.rubric_id
            OR OLD.source IS DISTINCT FROM NEW.source OR OLD.workshop_id IS DISTINCT FROM NEW.workshop_id))
        EXECUTE FUNCTION contribution_map_cells_updated()`);
    await db.query(`
      INSERT INTO contribution_map_cells (procedure_id, x14, y14, category_id, rubric_id, source, workshop_id, n, sum_lon, sum_lat, first_id)
        SELECT procedure_id, map_x14, map_y14, category_id, rubric_id, source, workshop_id,
               count(*), sum(map_lon), sum(map_lat), min(id::text)::uuid
        FROM contributions WHERE status = 'published' AND map_x14 IS NOT NULL
        GROUP BY procedure_id, map_x14, map_y14, category_id, rubric_id, source, workshop_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS contribution_map_cells_update ON contributions`);
    await db.query(`DROP TRIGGER IF EXISTS contribution_map_cells_delete ON contributions`);
    await db.query(`DROP TRIGGER IF EXISTS contribution_map_cells_insert ON contributions`);
    await db.query(`DROP FUNCTION IF EXISTS contribution_map_cells_updated()`);
    await db.query(`DROP FUNCTION IF EXISTS contribution_map_cells_deleted()`);
    await db.query(`DROP FUNCTION IF EXISTS contribution_map_cells_inserted()`);
    await db.query(`DROP FUNCTION IF EXISTS refresh_contribution_map_cells(uuid[], integer[], integer[])`);
    await db.query(`DROP TABLE IF EXISTS contribution_map_cells`);
    await db.query(`DROP INDEX IF EXISTS contributions_map_cell`);
    // A view cannot lose columns by CREATE OR REPLACE: drop the dependent view, rebuild both as before.
    await db.query(`DROP VIEW public_comments`);
    await db.query(`DROP VIEW public_contributions`);
    await db.query(`
      CREATE VIEW public_contributions AS
        SELECT c.id, c.procedure_id, c.category_id, c.rubric_id, c.participant_id, c.title, c.body, c.geom,
               c.source, c.ratings_up, c.ratings_down, c.comment_count, c.search, c.created_at, c.updated_at,
               c.workshop_id
        FROM contributions c
        JOIN public_procedures p ON p.id = c.procedure_id
        WHERE c.status = 'published'`);
    await db.query(`
      CREATE VIEW public_comments AS
        SELECT m.id, m.contribution_id, m.parent_id, m.participant_id, m.body, m.official, m.created_at, m.updated_at
        FROM comments m
        JOIN public_contributions c ON c.id = m.contribution_id
        WHERE m.status = 'published'
          AND (m.parent_id IS NULL OR EXISTS (
            SELECT 1 FROM comments parent WHERE parent.id = m.parent_id AND parent.status = 'published'))`);
    await db.query(`
      ALTER TABLE contributions DROP COLUMN map_y14, DROP COLUMN map_x14, DROP COLUMN map_lat, DROP COLUMN map_lon`);
  }
}
