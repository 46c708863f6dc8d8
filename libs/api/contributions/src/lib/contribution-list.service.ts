import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContributionQuery, MAP_LOADING } from '@stadtdialog/shared/contract';
import {
  ContributionFilter,
  ParticipantTokens,
  SORT_KEYS,
  SqlParameters,
  afterCursor,
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
   * Each contribution counts once, at a point on it. Plain arithmetic instead of ST_Transform keeps
   * it cheap and the same on both engines.
   */
  async clusters(slug: string, query: ContributionClusterQuery, participantToken: string | undefined): Promise<string> {
    const params = new SqlParameters();
    const source = contributionSource(this.filter(slug, query, participantToken), params);
    const cell = params.add(WEB_MERCATOR_WORLD / 2 ** query.zoom / (256 / MAP_LOADING.cellPixels));
    const zoom = params.add(query.zoom);
    const [row] = await this.dataSource.query(
      `WITH m AS (
         SELECT c.id, ST_X(r.at) AS lon, ST_Y(r.at) AS lat
         FROM ${source.from}
         CROSS JOIN LATERAL (SELECT CASE WHEN GeometryType(c.geom) = 'POINT' THEN c.geom ELSE ST_PointOnSurface(c.geom) END AS at) r
         WHERE ${source.where} AND c.geom IS NOT NULL),
       cells AS (
         SELECT floor(6378137 * radians(m.lon) / ${cell}::float8)::bigint AS x,
                floor(6378137 * ln(tan(pi() / 4 + radians(least(greatest(m.lat, -85.0511), 85.0511)) / 2)) / ${cell}::float8)::bigint AS y,
                count(*)::int AS n, avg(m.lon) AS lon, avg(m.lat) AS lat, min(m.id::text)::uuid AS id
         FROM m GROUP BY 1, 2),
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

/** One contribution as a map feature, from a row `alias` with SHOWN_COLUMNS and its category colour. */
function featureJson(alias: string, geometry: string): string {
  return `json_build_object('type', 'Feature', 'id', ${alias}.id, 'geometry', ST_AsGeoJSON(${geometry}, 7)::json,
    'properties', json_build_object('title', ${alias}.title, 'categoryId', ${alias}.category_id, 'rubricId', ${alias}.rubric_id,
      'colour', ${alias}.colour, 'createdAt', to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'ratingsUp', ${alias}.ratings_up, 'ratingsDown', ${alias}.ratings_down, 'commentCount', ${alias}.comment_count))`;
}
