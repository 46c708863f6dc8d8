import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContributionQuery, MAP_LOADING } from '@stadtdialog/shared/contract';
import {
  Bbox,
  ContributionFilter,
  MAP_CELL_ZOOM,
  ParticipantTokens,
  SORT_KEYS,
  SqlParameters,
  afterCursor,
  contributionCellSource,
  contributionSource,
  decodeCursor,
  encodeCursor,
  parseBbox,
} from '@stadtdialog/api/db';
import { CONTRIBUTION_JSON } from './contributions.service';
import type { ContributionClusterQuery } from './dto/contribution-cluster-query.dto';

export const DEFAULT_PAGE_SIZE = 20;

const MICROSECOND_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** A row's columns as clients see them: counts the procedure `p` hides are null, as on the detail. */
const SHOWN_COLUMNS = `c.id, c.procedure_id, c.category_id, c.rubric_id, c.title, c.body, c.geom, c.status, c.source, c.workshop_id,
  c.created_at, c.updated_at,
  CASE WHEN p.settings->>'ratings' = 'hidden' THEN NULL ELSE c.ratings_up END AS ratings_up,
  CASE WHEN p.settings->>'ratings' = 'hidden' THEN NULL ELSE c.ratings_down END AS ratings_down,
  CASE WHEN p.settings->>'comments' = 'hidden' THEN NULL ELSE c.comment_count END AS comment_count`;

/**
 * The hot read paths over many contributions, the list and the map layer: one filter, JSON built
 * by PostgreSQL, keyset pagination, one statement per request.
 */
@Injectable()
export class ContributionListService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantTokens,
  ) {}

  private filter(slug: string, query: ContributionQuery, participantToken: string | undefined): ContributionFilter {
    return {
      slug,
      category: query.category,
      rubric: query.rubric,
      q: query.q?.trim() || undefined,
      bbox: query.bbox ? parseBbox(query.bbox) : null,
      source: query.source,
      workshop: query.workshop,
      mine: query.mine ? { tokenHash: participantToken ? this.participants.hash(participantToken) : null } : undefined,
    };
  }

  /**
   * One page of the list as the JSON text of a ContributionPage. `total` counts every match of
   * the filter, independent of the cursor, and `totalsByCategory` splits it by category (the legend). Sorts on live counters (rated, commented) can move a
   * contribution between pages while someone pages; the keyset never repeats or skips a row whose
   * sort key stays put.
   */
  async list(slug: string, query: ContributionQuery, participantToken: string | undefined): Promise<string> {
    const sort = query.sort ?? 'newest';
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor, sort);
    const params = new SqlParameters();
    const source = contributionSource(this.filter(slug, query, participantToken), params);
    const key = SORT_KEYS[sort];
    const order = `${key ? `${key} DESC, ` : ''}c.created_at DESC, c.id DESC`;
    const pageSize = params.add(limit);
    // One row more than the page tells whether there is a next page; the cursor is the page's last row.
    const [row] = await this.dataSource.query(
      `WITH page AS (
         SELECT ranked.*, row_number() OVER (ORDER BY ranked.sort_key DESC, ranked.created_at DESC, ranked.id DESC) AS n
         FROM (
           SELECT ${SHOWN_COLUMNS}, ${key ?? 'NULL::int'} AS sort_key
           FROM ${source.from} JOIN public_procedures p ON p.id = c.procedure_id
           WHERE ${source.where} ${afterCursor(cursor, params)}
           ORDER BY ${order}
           LIMIT ${pageSize}::int + 1) ranked)
       SELECT EXISTS (SELECT 1 FROM public_procedures WHERE slug = ${params.add(slug)}) AS found,
              (SELECT json_build_object('total', coalesce(sum(t.n), 0)::int, 'byCategory', coalesce(json_object_agg(t.category_id, t.n), '{}'::json))
               FROM (SELECT c.category_id, count(*)::int AS n FROM ${source.from} WHERE ${source.where} GROUP BY c.category_id) t) AS counts,
              (SELECT coalesce(json_agg(${CONTRIBUTION_JSON} ORDER BY c.n), '[]'::json)::text
               FROM page c WHERE c.n <= ${pageSize}) AS items,
              (SELECT json_build_array(c.sort_key, to_char(c.created_at AT TIME ZONE 'UTC', ${MICROSECOND_UTC}), c.id)
               FROM page c WHERE c.n = ${pageSize} AND EXISTS (SELECT 1 FROM page WHERE n > ${pageSize})) AS last`,
      params.values,
    );
    if (!row.found) throw new NotFoundException(`There is no public procedure "${slug}"`);
    let nextCursor: string | null = null;
    if (row.last) {
      const [lastKey, createdAt, id] = row.last as [number | null, string, string];
      nextCursor = encodeCursor({ sort, key: lastKey, createdAt, id });
    }
    const counts = row.counts as { total: number; byCategory: Record<string, number> };
    return `{"items":${row.items},"total":${counts.total},"totalsByCategory":${JSON.stringify(counts.byCategory)},"nextCursor":${JSON.stringify(nextCursor)}}`;
  }

  /**
   * The map layer of one view: a GeoJSON FeatureCollection built by PostgreSQL, for the same filter
   * as the list, newest first and at most MAP_LOADING.featuresPerRequest features; `truncated` says
   * whether more matched (one row more than the cap is read to know).
   */
  async features(slug: string, query: ContributionQuery, participantToken: string | undefined): Promise<string> {
    const params = new SqlParameters();
    const source = contributionSource(this.filter(slug, query, participantToken), params);
    const cap = params.add(MAP_LOADING.featuresPerRequest);
    const [row] = await this.dataSource.query(
      `WITH f AS (
         SELECT ${SHOWN_COLUMNS}, k.colour, row_number() OVER (ORDER BY c.created_at DESC, c.id DESC) AS n
         FROM ${source.from} JOIN categories k ON k.id = c.category_id JOIN public_procedures p ON p.id = c.procedure_id
         WHERE ${source.where} AND c.geom IS NOT NULL
         ORDER BY c.created_at DESC, c.id DESC
         LIMIT ${cap}::int + 1)
       SELECT EXISTS (SELECT 1 FROM public_procedures WHERE slug = ${params.add(slug)}) AS found,
         json_build_object('type', 'FeatureCollection',
           'truncated', EXISTS (SELECT 1 FROM f WHERE f.n > ${cap}),
           'features', coalesce(json_agg(${featureJson('f', 'f.geom')} ORDER BY f.n) FILTER (WHERE f.n <= ${cap}), '[]'::json))::text AS collection
       FROM f`,
      params.values,
    );
    if (!row.found) throw new NotFoundException(`There is no public procedure "${slug}"`);
    return row.collection;
  }

  /**
   * The aggregated map layer of one view at one zoom: the matching contributions grouped by a grid
   * of MAP_LOADING.cellPixels-pixel cells in Web Mercator, fixed to the world (not to the view), so
   * panning does not regroup them. A cell of several is a Point at its members' mean position with
   * their count; a cell of one is that contribution's own feature, so it can still be selected.
   * Each contribution counts once, at a point on it (`map_lon`, `map_lat`). Plain arithmetic
   * instead of ST_Transform keeps it cheap and the same on both engines.
   *
   * Up to zoom 14 and under the filters the cells are kept for (not a search or `mine`), it reads
   * the precomputed zoom-14 cells (`contribution_map_cells`) instead of every contribution: the
   * cells lying well inside the bbox count whole, and only contributions whose cell is not one of
   * them are read, found through the strips of the bbox around those cells (a contribution that
   * meets the bbox but is counted outside the inner cells must cross a strip) and tested exactly.
   * The answer is the same as reading every row, which the other path does.
   */
  async clusters(slug: string, query: ContributionClusterQuery, participantToken: string | undefined): Promise<string> {
    const filter = this.filter(slug, query, participantToken);
    const params = new SqlParameters();
    const zoom = params.add(query.zoom);
    const inner = filter.bbox ? innerCells(filter.bbox) : null;
    const cellRead = query.zoom <= MAP_CELL_ZOOM && (!filter.bbox || inner) ? contributionCellSource(filter, params) : null;
    // Every parameter must be used: without a bbox the cells path reads no rows, only the singles' own.
    const source = contributionSource(filter, cellRead && !inner ? new SqlParameters() : params);
    let cellsSql: string;
    if (cellRead) {
      const shift = params.add(MAP_CELL_ZOOM - query.zoom);
      const parts = [
        `SELECT (m.x14 >> ${shift}::int)::bigint AS x, (m.y14 >> ${shift}::int)::bigint AS y, m.n, m.sum_lon, m.sum_lat, m.first_id::text AS id
         FROM ${cellRead.from} WHERE ${cellRead.where}`,
      ];
      if (inner) {
        const [x0, x1, y0, y1] = [inner.x0, inner.x1, inner.y0, inner.y1].map((n) => `${params.add(n)}::int`);
        parts[0] += ` AND m.x14 BETWEEN ${x0} AND ${x1} AND m.y14 BETWEEN ${y0} AND ${y1}`;
        const strips = inner.strips
          .map((strip) => `c.geom && ST_MakeEnvelope(${strip.map((n) => params.add(n)).join(', ')}, 4326)`)
          .join(' OR ');
        parts.push(
          `SELECT (c.map_x14 >> ${shift}::int)::bigint, (c.map_y14 >> ${shift}::int)::bigint, 1, c.map_lon, c.map_lat, c.id::text
           FROM ${source.from}
           WHERE ${source.where} AND c.geom IS NOT NULL AND (${strips})
             AND NOT (c.map_x14 BETWEEN ${x0} AND ${x1} AND c.map_y14 BETWEEN ${y0} AND ${y1})`,
        );
      }
      cellsSql = `cells AS (
         SELECT u.x, u.y, sum(u.n)::int AS n, sum(u.sum_lon) / sum(u.n) AS lon, sum(u.sum_lat) / sum(u.n) AS lat, min(u.id)::uuid AS id
         FROM (${parts.join(' UNION ALL ')}) u GROUP BY u.x, u.y)`;
    } else {
      const cell = params.add(WEB_MERCATOR_WORLD / 2 ** query.zoom / (256 / MAP_LOADING.cellPixels));
      cellsSql = `m AS (
         SELECT c.id, c.map_lon AS lon, c.map_lat AS lat FROM ${source.from} WHERE ${source.where} AND c.geom IS NOT NULL),
       cells AS (
         SELECT floor(6378137 * radians(m.lon) / ${cell}::float8)::bigint AS x,
                floor(6378137 * ln(tan(pi() / 4 + radians(least(greatest(m.lat, -85.0511), 85.0511)) / 2)) / ${cell}::float8)::bigint AS y,
                count(*)::int AS n, avg(m.lon) AS lon, avg(m.lat) AS lat, min(m.id::text)::uuid AS id
         FROM m GROUP BY 1, 2)`;
    }
    const [row] = await this.dataSource.query(
      `WITH ${cellsSql},
       singles AS (
         SELECT ${SHOWN_COLUMNS}, k.colour, cells.x, cells.y
         FROM cells JOIN ${source.from} ON c.id = cells.id AND cells.n = 1
         JOIN categories k ON k.id = c.category_id JOIN public_procedures p ON p.id = c.procedure_id)
       SELECT EXISTS (SELECT 1 FROM public_procedures WHERE slug = ${params.add(slug)}) AS found,
         json_build_object('type', 'FeatureCollection', 'zoom', ${zoom}::int, 'features', coalesce(
           (SELECT json_agg(json_build_object('type', 'Feature', 'id', 'cluster/' || ${zoom}::int || '/' || cells.x || '/' || cells.y,
              'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(round(cells.lon::numeric, 7), round(cells.lat::numeric, 7))),
              'properties', json_build_object('count', cells.n)) ORDER BY cells.x, cells.y)
            FROM cells WHERE cells.n > 1)::jsonb, '[]'::jsonb)
           || coalesce((SELECT json_agg(${featureJson('s', 's.geom')} ORDER BY s.x, s.y) FROM singles s)::jsonb, '[]'::jsonb))::text AS collection`,
      params.values,
    );
    if (!row.found) throw new NotFoundException(`There is no public procedure "${slug}"`);
    return row.collection;
  }
}

/** Circumference of the Web Mercator world in metres: 256 pixels wide at zoom 0. */
const WEB_MERCATOR_WORLD = 2 * Math.PI * 6378137;
const EARTH_RADIUS = 6378137;
/** side of a zoom-14 cell in metres, as the generated columns `map_x14`, `map_y14` compute it */
const CELL_14 = WEB_MERCATOR_WORLD / 2 ** MAP_CELL_ZOOM / (256 / MAP_LOADING.cellPixels);
const MAX_MERCATOR_LATITUDE = 85.0511;
/** how far the strips reach into the inner cells, in degrees (about a centimetre): rounding never opens a gap */
const STRIP_OVERLAP = 1e-7;

/**
 * The zoom-14 cells that lie inside the bbox with two cells to spare on every side, so that every
 * contribution counted in one of them meets the bbox whatever the rounding, and the four strips of
 * the bbox around them; null when the bbox is too small to hold such cells.
 */
export function innerCells(bbox: Bbox): { x0: number; x1: number; y0: number; y1: number; strips: Bbox[] } | null {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const x = (lon: number) => (EARTH_RADIUS * lon * Math.PI) / 180;
  const clamp = (lat: number) => Math.min(Math.max(lat, -MAX_MERCATOR_LATITUDE), MAX_MERCATOR_LATITUDE);
  const y = (lat: number) => EARTH_RADIUS * Math.log(Math.tan(Math.PI / 4 + (clamp(lat) * Math.PI) / 360));
  const lon = (metres: number) => (metres / EARTH_RADIUS) * (180 / Math.PI);
  const lat = (metres: number) => (2 * Math.atan(Math.exp(metres / EARTH_RADIUS)) - Math.PI / 2) * (180 / Math.PI);
  const x0 = Math.floor(x(minLon) / CELL_14) + 2;
  const x1 = Math.floor(x(maxLon) / CELL_14) - 2;
  const y0 = Math.floor(y(minLat) / CELL_14) + 2;
  const y1 = Math.floor(y(maxLat) / CELL_14) - 2;
  if (x0 > x1 || y0 > y1) return null;
  const west = lon(x0 * CELL_14) + STRIP_OVERLAP;
  const east = lon((x1 + 1) * CELL_14) - STRIP_OVERLAP;
  const south = lat(y0 * CELL_14) + STRIP_OVERLAP;
  const north = lat((y1 + 1) * CELL_14) - STRIP_OVERLAP;
  return {
    x0, x1, y0, y1,
    strips: [
      [minLon, minLat, west, maxLat],
      [east, minLat, maxLon, maxLat],
      [west, minLat, east, south],
      [west, north, east, maxLat],
    ],
  };
}

/** One contribution as a map feature, from a row `alias` with SHOWN_COLUMNS and its category colour. */
function featureJson(alias: string, geometry: string): string {
  return `json_build_object('type', 'Feature', 'id', ${alias}.id, 'geometry', ST_AsGeoJSON(${geometry}, 7)::json,
    'properties', json_build_object('title', ${alias}.title, 'categoryId', ${alias}.category_id, 'rubricId', ${alias}.rubric_id,
      'colour', ${alias}.colour, 'createdAt', to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'ratingsUp', ${alias}.ratings_up, 'ratingsDown', ${alias}.ratings_down, 'commentCount', ${alias}.comment_count))`;
}
