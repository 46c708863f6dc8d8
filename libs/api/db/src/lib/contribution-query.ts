import { CONTRIBUTION_SORTS, ContributionSort, ContributionSource as ContributionOrigin } from '@stadtdialog/shared/contract';
import { ProblemException } from '@stadtdialog/api/http';

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** A decimal number as written in a query: Number() alone would also take '', ' ', '0x10' and 'Infinity'. */
const DECIMAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** minLon,minLat,maxLon,maxLat in WGS 84 degrees with min < max, or null when it is not one. */
export function parseBbox(raw: string): Bbox | null {
  const parts = raw.split(',').map((s) => (DECIMAL.test(s) ? Number(s) : NaN));
  if (parts.length !== 4 || !parts.every(Number.isFinite)) return null;
  const [minLon, minLat, maxLon, maxLat] = parts;
  const inRange = minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90;
  return inRange && minLon < maxLon && minLat < maxLat ? [minLon, minLat, maxLon, maxLat] : null;
}

/** Positional parameters of one SQL statement, so fragments can be built in any order. */
export class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** What the list and the map layer filter by (ContributionQuery without paging and sort). */
export interface ContributionFilter {
  slug: string;
  category?: string;
  rubric?: string;
  q?: string;
  bbox?: Bbox | null;
  /** where the contributions were made: online, at a workshop (table or phone hand-off), imported */
  source?: ContributionOrigin;
  /** the workshop they were made at */
  workshop?: string;
  /**
   * Set for `mine=true`: the caller's own contributions, their pending ones included, found by the
   * keyed hash of their participant token; null without a token (then nothing matches).
   */
  mine?: { tokenHash: Buffer | null };
  /** created at or after / before these times (ISO 8601 with zone) */
  createdFrom?: string;
  createdBefore?: string;
}

/**
 * A planner's read (statistics, exports): every status of the procedure with this id, from the
 * table itself; only routes guarded by the procedure's roles may build one.
 */
export interface PlannerContributionFilter extends Omit<ContributionFilter, 'slug' | 'mine'> {
  procedureId: string;
  status?: string;
}

/** Columns of a contribution row both sources below give, in one order so they can be unioned. */
const COLUMNS =
  'id, procedure_id, category_id, rubric_id, participant_id, title, body, geom, source, ' +
  'ratings_up, ratings_down, comment_count, search, created_at, updated_at, workshop_id, ' +
  'map_lon, map_lat, map_x14, map_y14';

/** FROM and WHERE parts of a read of contributions, for the caller to join more tables in between. */
export interface ContributionSource {
  /** a row source aliased `c`, with the contribution columns and a `status` */
  from: string;
  /** the filter's conditions on `c`, joined by AND */
  where: string;
}

/**
 * The one filter of every read that takes ContributionQuery filters (the list and the map layer).
 * Public reads come only from the public_contributions view; `mine` adds the author's own pending
 * contributions to their own published ones. The bbox becomes an envelope in the column's SRID,
 * never the column a transformation, so the GiST index is used; the test is exact.
 */
export function contributionSource(filter: ContributionFilter | PlannerContributionFilter, params: SqlParameters): ContributionSource {
  let from: string;
  const conditions: string[] = [];
  if ('procedureId' in filter) {
    from = `(SELECT ${COLUMNS}, status FROM contributions) c`;
    conditions.push(`c.procedure_id = ${params.add(filter.procedureId)}::uuid`);
    if (filter.status) conditions.push(`c.status = ${params.add(filter.status)}`);
  } else if (filter.mine) {
    const me = `(SELECT id FROM participants WHERE token_hash = ${params.add(filter.mine.tokenHash)})`;
    from = `(
      SELECT ${COLUMNS}, 'published'::text AS status FROM public_contributions WHERE participant_id = ${me}
      UNION ALL
      SELECT ${COLUMNS.split(', ').map((column) => `own.${column}`).join(', ')}, own.status
      FROM contributions own JOIN public_procedures pp ON pp.id = own.procedure_id
      WHERE own.status = 'pending' AND own.participant_id = ${me}) c`;
  } else {
    from = `(SELECT ${COLUMNS}, 'published'::text AS status FROM public_contributions) c`;
  }
  if (!('procedureId' in filter)) {
    conditions.push(`c.procedure_id = (SELECT id FROM public_procedures WHERE slug = ${params.add(filter.slug)})`);
  }
  if (filter.category) conditions.push(`c.category_id = ${params.add(filter.category)}`);
  if (filter.rubric) conditions.push(`c.rubric_id = ${params.add(filter.rubric)}`);
  if (filter.source) conditions.push(`c.source = ${params.add(filter.source)}`);
  if (filter.workshop) conditions.push(`c.workshop_id = ${params.add(filter.workshop)}`);
  if (filter.q) conditions.push(`c.search @@ websearch_to_tsquery('german', ${params.add(filter.q)})`);
  if (filter.bbox) {
    const [minLon, minLat, maxLon, maxLat] = filter.bbox.map((n) => params.add(n));
    const envelope = `ST_MakeEnvelope(${minLon}, ${minLat}, ${maxLon}, ${maxLat}, 4326)`;
    // `&&` finds candidates by the index (boxes overlap); ST_Intersects keeps those that really meet the
    // bbox, not a diagonal line or an L-shaped area whose box only reaches into it.
    conditions.push(`c.geom && ${envelope} AND ST_Intersects(c.geom, ${envelope})`);
  }
  if (filter.createdFrom) conditions.push(`c.created_at >= ${params.add(filter.createdFrom)}::timestamptz`);
  if (filter.createdBefore) conditions.push(`c.created_at < ${params.add(filter.createdBefore)}::timestamptz`);
  return { from, where: conditions.join(' AND ') };
}

/** The zoom of the finest precomputed map cells (`contribution_map_cells`, `map_x14`/`map_y14`). */
export const MAP_CELL_ZOOM = 14;

/**
 * The published contributions of the public procedure the filter names, counted per zoom-14 map
 * cell and filter value in `contribution_map_cells` (aliased `m`): FROM and WHERE of a read of
 * those cells under the same filter as `contributionSource`, without the bbox, which the caller
 * applies by cell. Null when the filter needs every row (a search, `mine`, a time range).
 */
export function contributionCellSource(filter: ContributionFilter, params: SqlParameters): ContributionSource | null {
  if (filter.q || filter.mine || filter.createdFrom || filter.createdBefore) return null;
  const conditions = [`m.procedure_id = (SELECT id FROM public_procedures WHERE slug = ${params.add(filter.slug)})`];
  if (filter.category) conditions.push(`m.category_id = ${params.add(filter.category)}`);
  if (filter.rubric) conditions.push(`m.rubric_id = ${params.add(filter.rubric)}`);
  if (filter.source) conditions.push(`m.source = ${params.add(filter.source)}`);
  if (filter.workshop) conditions.push(`m.workshop_id = ${params.add(filter.workshop)}`);
  return { from: 'contribution_map_cells m', where: conditions.join(' AND ') };
}

/**
 * The sort orders of the list, all descending and ending in (created_at, id) so the order is total
 * and a row comparison with the last key of a page continues after it. `key` is the leading sort
 * value beyond the time, or null; counts a procedure hides do not order the list, so the order
 * cannot reveal them. `p` is the contribution's procedure.
 */
export const SORT_KEYS: Record<ContributionSort, string | null> = {
  newest: null,
  rated: `CASE WHEN p.settings->>'ratings' = 'hidden' THEN 0 ELSE c.ratings_up - c.ratings_down END`,
  commented: `CASE WHEN p.settings->>'comments' = 'hidden' THEN 0 ELSE c.comment_count END`,
};

/** Where a page ended: the sort it belongs to and the last row's sort key, time and id. */
export interface ContributionCursor {
  sort: ContributionSort;
  key: number | null;
  /** created_at in UTC with microseconds, as PostgreSQL stores it */
  createdAt: string;
  id: string;
}

const BASE64URL = /^[A-Za-z0-9_-]{1,400}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MICROSECOND_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})\d{3}Z$/;

export function encodeCursor(cursor: ContributionCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.createdAt, cursor.id])).toString('base64url');
}

function cursorProblem(message: string): ProblemException {
  return new ProblemException('invalid_query', `cursor: ${message}`, { errors: [{ field: 'cursor', code: 'invalid_cursor', message }] });
}

/** The cursor of a previous page of the same sort; anything else is a 400 naming `cursor`. */
export function decodeCursor(raw: string, sort: ContributionSort): ContributionCursor {
  const malformed = cursorProblem('cursor is not a nextCursor this API issued; start again without cursor');
  if (!BASE64URL.test(raw)) throw malformed;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw malformed;
  }
  if (!Array.isArray(value) || value.length !== 4) throw malformed;
  const [cursorSort, key, createdAt, id] = value as unknown[];
  if (!(CONTRIBUTION_SORTS as readonly unknown[]).includes(cursorSort)) throw malformed;
  if (cursorSort !== sort) {
    throw cursorProblem(`cursor belongs to sort=${cursorSort}, not sort=${sort}; start again without cursor`);
  }
  const keyOk = sort === 'newest' ? key === null : Number.isSafeInteger(key);
  const time = typeof createdAt === 'string' ? MICROSECOND_TIME.exec(createdAt) : null;
  // A real calendar time: Date rejects the 31st of April, which PostgreSQL would answer with an error.
  const timeOk = time !== null && !Number.isNaN(Date.parse(`${time[1]}Z`)) && new Date(`${time[1]}Z`).toISOString() === `${time[1]}Z`;
  if (!keyOk || !timeOk || typeof id !== 'string' || !UUID.test(id)) throw malformed;
  return { sort, key: key as number | null, createdAt: createdAt as string, id };
}

/** `AND (key, created_at, id) < (…)`: the rows after the cursor in the sort's descending order. */
export function afterCursor(cursor: ContributionCursor | null, params: SqlParameters): string {
  if (!cursor) return '';
  const time = `${params.add(cursor.createdAt)}::timestamptz`;
  const id = `${params.add(cursor.id)}::uuid`;
  const key = SORT_KEYS[cursor.sort];
  return key === null
    ? `AND (c.created_at, c.id) < (${time}, ${id})`
    : `AND (${key}, c.created_at, c.id) < (${params.add(cursor.key)}::int, ${time}, ${id})`;
}
