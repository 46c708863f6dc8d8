import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContributionQuery } from '@stadtdialog/shared/contract';
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

export const DEFAULT_PAGE_SIZE = 20;

/** Most features one map request returns, newest first. */
export const MAP_FEATURE_LIMIT = 10_000;

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
   * the filter, independent of the cursor. Sorts on live counters (rated, commented) can move a
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
              (SELECT count(*)::int FROM ${source.from} WHERE ${source.where}) AS total,
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
    return `{"items":${row.items},"total":${row.total},"nextCursor":${JSON.stringify(nextCursor)}}`;
  }

  /** The map layer: a GeoJSON FeatureCollection built by PostgreSQL, for the same filter as the list. */
  async features(slug: string, query: ContributionQuery, participantToken: string | undefined): Promise<string> {
    const params = new SqlParameters();
    const source = contributionSource(this.filter(slug, query, participantToken), params);
    const [row] = await this.dataSource.query(
      `WITH f AS (
         SELECT ${SHOWN_COLUMNS}, k.colour
         FROM ${source.from} JOIN categories k ON k.id = c.category_id JOIN public_procedures p ON p.id = c.procedure_id
         WHERE ${source.where} AND c.geom IS NOT NULL
         ORDER BY c.created_at DESC, c.id DESC
         LIMIT ${MAP_FEATURE_LIMIT})
       SELECT EXISTS (SELECT 1 FROM public_procedures WHERE slug = ${params.add(slug)}) AS found,
         json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(
           json_build_object('type', 'Feature', 'id', f.id, 'geometry', ST_AsGeoJSON(f.geom, 7)::json,
             'properties', json_build_object('title', f.title, 'categoryId', f.category_id, 'rubricId', f.rubric_id,
               'colour', f.colour, 'createdAt', to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'ratingsUp', f.ratings_up, 'ratingsDown', f.ratings_down, 'commentCount', f.comment_count))
           ORDER BY f.created_at DESC, f.id DESC), '[]'::json))::text AS collection
       FROM f`,
      params.values,
    );
    if (!row.found) throw new NotFoundException(`There is no public procedure "${slug}"`);
    return row.collection;
  }
}
