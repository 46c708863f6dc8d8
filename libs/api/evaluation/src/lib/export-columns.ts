/**
 * The columns of every export (CSV, XLSX, GeoJSON properties), defined once. `sql` is evaluated per
 * contribution `c` (a row of the filtered contributions), its table row `x` (columns the filter does not carry), its category `k`, rubric `r`, the
 * representative point `g.pt` (ST_PointOnSurface, WGS 84), the latest official answer `ans`, and
 * the procedure's `$base` permalink prefix. Nothing here identifies a person: no participant ids,
 * tokens or planner names.
 */
export interface ExportColumn {
  key: string;
  type: 'text' | 'number' | 'date' | 'boolean';
  sql: string;
  /** what the column holds, for docs/evaluation.md */
  description: string;
}

const UTC_TIME = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const CONTRIBUTION_COLUMNS: ExportColumn[] = [
  { key: 'id', type: 'text', sql: 'c.id', description: 'stable id (UUID)' },
  { key: 'permalink', type: 'text', sql: `$base || c.id`, description: 'public address of the contribution' },
  { key: 'title', type: 'text', sql: 'c.title', description: 'title' },
  { key: 'text', type: 'text', sql: 'c.body', description: 'full text' },
  { key: 'category', type: 'text', sql: 'k.name', description: 'category name' },
  { key: 'rubric', type: 'text', sql: 'r.name', description: 'rubric name' },
  { key: 'status', type: 'text', sql: 'c.status', description: 'pending, published, rejected or hidden' },
  { key: 'source', type: 'text', sql: 'c.source', description: 'online, workshop or import' },
  { key: 'workshop', type: 'text', sql: '(SELECT w.title FROM workshops w WHERE w.id = c.workshop_id)', description: 'title of the workshop it was made at' },
  { key: 'created_at', type: 'date', sql: UTC_TIME('c.created_at'), description: 'created (UTC)' },
  {
    key: 'published_at', type: 'date', description: 'published (UTC): the last approval or unhiding, else the creation; empty unless published',
    sql: `CASE WHEN c.status = 'published' THEN ${UTC_TIME(`coalesce((SELECT max(a.at) FROM audit_log a WHERE a.entity_id = c.id
            AND a.action IN ('contribution.approve', 'contribution.unhide')), c.created_at)`)} END`,
  },
  { key: 'geometry_type', type: 'text', sql: `GeometryType(c.geom)`, description: 'POINT, LINESTRING, POLYGON or empty' },
  { key: 'lon', type: 'number', sql: 'round(ST_X(g.pt)::numeric, 7)', description: 'WGS 84 longitude of a point on the geometry' },
  { key: 'lat', type: 'number', sql: 'round(ST_Y(g.pt)::numeric, 7)', description: 'WGS 84 latitude of that point' },
  { key: 'x_25832', type: 'number', sql: 'round(ST_X(ST_Transform(g.pt, 25832))::numeric, 2)', description: 'ETRS89 / UTM 32N (EPSG:25832) easting, metres' },
  { key: 'y_25832', type: 'number', sql: 'round(ST_Y(ST_Transform(g.pt, 25832))::numeric, 2)', description: 'ETRS89 / UTM 32N northing, metres' },
  { key: 'ratings_up', type: 'number', sql: 'c.ratings_up', description: 'up ratings' },
  { key: 'ratings_down', type: 'number', sql: 'c.ratings_down', description: 'down ratings' },
  { key: 'comment_count', type: 'number', sql: 'c.comment_count', description: 'published comments' },
  { key: 'report_count', type: 'number', sql: '(SELECT count(*) FROM reports rp WHERE rp.contribution_id = c.id)::int', description: 'reports, resolved ones included' },
  { key: 'official_answer', type: 'text', sql: 'ans.body', description: 'the latest published official answer' },
  { key: 'official_answer_at', type: 'date', sql: UTC_TIME('ans.created_at'), description: 'time of that answer (UTC)' },
  { key: 'moderator_edited', type: 'boolean', sql: '(x.original IS NOT NULL)', description: 'a moderator changed the text (the original is kept)' },
  { key: 'moderation_reason', type: 'text', sql: 'x.moderation_reason', description: 'reason of the last moderation decision or edit' },
];

export const COMMENT_COLUMNS: ExportColumn[] = [
  { key: 'contribution_id', type: 'text', sql: 'm.contribution_id', description: 'the contribution (its id column)' },
  { key: 'id', type: 'text', sql: 'm.id', description: 'stable id of the comment' },
  { key: 'parent_id', type: 'text', sql: 'm.parent_id', description: 'the comment it answers, or empty' },
  { key: 'text', type: 'text', sql: 'm.body', description: 'text' },
  { key: 'status', type: 'text', sql: 'm.status', description: 'pending, published, rejected or hidden' },
  { key: 'official', type: 'boolean', sql: 'm.official', description: 'an official answer of the planners' },
  { key: 'created_at', type: 'date', sql: UTC_TIME('m.created_at'), description: 'created (UTC)' },
  { key: 'moderation_reason', type: 'text', sql: 'm.moderation_reason', description: 'reason of the last moderation decision' },
];

/** json_build_object(...) of the columns, so one row arrives as one JSON value with the columns' keys. */
export function columnsJson(columns: ExportColumn[], base: string): string {
  return `json_build_object(${columns.map((c) => `'${c.key}', ${c.sql.replace(/\$base/g, base)}`).join(', ')})`;
}

/** One row per planning variant (`v`, a row of variantRows). */
export const VARIANT_COLUMNS: ExportColumn[] = [
  { key: 'id', type: 'text', sql: 'v.id', description: 'stable id of the variant (UUID)' },
  { key: 'title', type: 'text', sql: 'v.title', description: 'title' },
  { key: 'published', type: 'boolean', sql: 'v.published', description: 'shown to residents' },
  { key: 'position', type: 'number', sql: 'v.position', description: 'its place in the order residents see' },
  { key: 'ratings_up', type: 'number', sql: 'v.ratings_up', description: 'up ratings (within the time filter)' },
  { key: 'ratings_down', type: 'number', sql: 'v.ratings_down', description: 'down ratings (within the time filter)' },
  { key: 'comments', type: 'number', sql: 'v.comments', description: 'comments in every status (within the time filter)' },
  { key: 'comments_published', type: 'number', sql: 'v.comments_published', description: 'published comments (within the time filter)' },
];

/** Residents' comments on variants (`m`, with its variant `v`), keyed by variant id. */
export const VARIANT_COMMENT_COLUMNS: ExportColumn[] = [
  { key: 'variant_id', type: 'text', sql: 'm.variant_id', description: 'the variant (its id column)' },
  { key: 'variant_title', type: 'text', sql: 'v.title', description: 'title of the variant' },
  { key: 'id', type: 'text', sql: 'm.id', description: 'stable id of the comment' },
  { key: 'text', type: 'text', sql: 'm.body', description: 'text' },
  { key: 'status', type: 'text', sql: 'm.status', description: 'pending, published, rejected or hidden' },
  { key: 'created_at', type: 'date', sql: UTC_TIME('m.created_at'), description: 'created (UTC)' },
  { key: 'moderation_reason', type: 'text', sql: 'm.moderation_reason', description: 'reason of the last moderation decision' },
];
