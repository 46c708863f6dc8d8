import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlParameters, contributionSource } from '@stadtdialog/api/db';
import { ProblemException } from '@stadtdialog/api/http';
import { ItemQuery } from './ogc-params';

export const PLANNING_AREAS = 'planning-areas';
const CONTRIBUTIONS_PREFIX = 'contributions-';
const UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CollectionInfo {
  id: string;
  title: string;
  description: string;
  bbox: [number, number, number, number];
  temporal: [string | null, string | null];
}

export interface ItemsPage {
  features: unknown[];
  numberMatched: number;
}

function notFound(detail: string): ProblemException {
  return new ProblemException('not_found', detail);
}

/** Where a collection's rows come from: the public views only. */
interface Source {
  /** rows aliased `c` with id, geom, a time `t` and the properties JSON `props` */
  sql: string;
  params: SqlParameters;
}

/**
 * OGC API – Features over the public views: one collection per public procedure with its published
 * contributions, and one of the procedures' planning areas. JSON and GeoJSON are built by
 * PostgreSQL; ids are the rows' UUIDs (procedure slugs for planning areas), ordered by time and id.
 */
@Injectable()
export class OgcService {
  constructor(private readonly dataSource: DataSource) {}

  async collections(): Promise<CollectionInfo[]> {
    const rows: { slug: string; title: string; summary: string }[] = await this.dataSource.query(
      `SELECT slug, title, summary FROM public_procedures ORDER BY created_at, id`,
    );
    const result = [await this.collection(PLANNING_AREAS)];
    for (const row of rows) result.push(await this.collection(`${CONTRIBUTIONS_PREFIX}${row.slug}`));
    return result;
  }

  private source(collectionId: string): { source: (params: SqlParameters) => string; slug: string | null } {
    if (collectionId === PLANNING_AREAS) {
      return {
        slug: null,
        source: () => `(SELECT p.slug AS id, p.planning_area AS geom, p.created_at AS t,
          json_build_object('title', p.title, 'summary', p.summary, 'slug', p.slug) AS props
          FROM public_procedures p WHERE p.planning_area IS NOT NULL) c`,
      };
    }
    if (!collectionId.startsWith(CONTRIBUTIONS_PREFIX)) throw notFound(`There is no collection "${collectionId}".`);
    const slug = collectionId.slice(CONTRIBUTIONS_PREFIX.length);
    return {
      slug,
      source: (params) => {
        const filter = contributionSource({ slug }, params);
        return `(SELECT c.id::text AS id, c.geom, c.created_at AS t, json_build_object(
            'title', c.title, 'text', c.body, 'category', k.name, 'rubric', r.name, 'source', c.source,
            'createdAt', to_char(c.created_at AT TIME ZONE 'UTC', ${UTC}),
            'ratingsUp', CASE WHEN p.settings->>'ratings' = 'hidden' THEN NULL ELSE c.ratings_up END,
            'ratingsDown', CASE WHEN p.settings->>'ratings' = 'hidden' THEN NULL ELSE c.ratings_down END,
            'commentCount', CASE WHEN p.settings->>'comments' = 'hidden' THEN NULL ELSE c.comment_count END) AS props
          FROM ${filter.from} JOIN categories k ON k.id = c.category_id JOIN rubrics r ON r.id = c.rubric_id
          JOIN public_procedures p ON p.id = c.procedure_id
          WHERE ${filter.where}) c`;
      },
    };
  }

  async collection(collectionId: string): Promise<CollectionInfo> {
    const { source, slug } = this.source(collectionId);
    const params = new SqlParameters();
    const from = source(params);
    const [row] = await this.dataSource.query(
      `SELECT (SELECT json_build_object('title', title, 'summary', summary) FROM public_procedures WHERE slug = ${params.add(slug ?? '')}) AS procedure,
              (SELECT json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) FROM (SELECT ST_Extent(geom) AS e FROM ${from}) x WHERE e IS NOT NULL) AS bbox,
              (SELECT to_char(min(t) AT TIME ZONE 'UTC', ${UTC}) FROM ${from}) AS first`,
      params.values,
    );
    if (slug !== null && !row.procedure) throw notFound(`There is no collection "${collectionId}".`);
    return {
      id: collectionId,
      title: slug === null ? 'Planungsgebiete / planning areas' : `Beiträge: ${row.procedure.title}`,
      description: slug === null
        ? 'The planning areas of the public participation procedures.'
        : `Published contributions of the procedure "${row.procedure.title}". ${row.procedure.summary ?? ''}`.trim(),
      bbox: row.bbox ?? [-180, -90, 180, 90],
      temporal: [row.first ?? null, null],
    };
  }

  private conditions(query: ItemQuery, params: SqlParameters): string {
    const conditions: string[] = [];
    if (query.boxes) {
      conditions.push(`(${query.boxes
        .map((b) => `c.geom && ST_MakeEnvelope(${b.map((n) => params.add(n)).join(', ')}, 4326) AND ST_Intersects(c.geom, ST_MakeEnvelope(${b.map((n) => params.add(n)).join(', ')}, 4326))`)
        .join(' OR ')})`);
    }
    if (query.datetime?.start) conditions.push(`c.t >= ${params.add(query.datetime.start)}::timestamptz`);
    if (query.datetime?.end) conditions.push(`c.t <= ${params.add(query.datetime.end)}::timestamptz`);
    return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  }

  async items(collectionId: string, query: ItemQuery): Promise<ItemsPage> {
    const { source, slug } = this.source(collectionId);
    const params = new SqlParameters();
    const from = source(params);
    const where = this.conditions(query, params);
    const [row] = await this.dataSource.query(
      `SELECT ${slug === null ? 'true' : `EXISTS (SELECT 1 FROM public_procedures WHERE slug = ${params.add(slug)})`} AS found,
              (SELECT count(*)::int FROM ${from} ${where}) AS matched,
              (SELECT coalesce(json_agg(json_build_object('type', 'Feature', 'id', page.id,
                 'geometry', ST_AsGeoJSON(page.geom, 7)::json, 'properties', page.props) ORDER BY page.t, page.id), '[]'::json)
               FROM (SELECT * FROM ${from} ${where} ORDER BY c.t, c.id LIMIT ${params.add(query.limit)} OFFSET ${params.add(query.offset)}) page) AS features`,
      params.values,
    );
    if (!row.found) throw notFound(`There is no collection "${collectionId}".`);
    return { features: row.features, numberMatched: row.matched };
  }

  async item(collectionId: string, featureId: string): Promise<unknown> {
    const { source, slug } = this.source(collectionId);
    if (slug !== null && !UUID.test(featureId)) throw notFound(`There is no feature "${featureId}" in "${collectionId}".`);
    const params = new SqlParameters();
    const from = source(params);
    const [row] = await this.dataSource.query(
      `SELECT json_build_object('type', 'Feature', 'id', c.id, 'geometry', ST_AsGeoJSON(c.geom, 7)::json, 'properties', c.props) AS feature
       FROM ${from} WHERE c.id = ${params.add(featureId)}`,
      params.values,
    );
    if (!row) {
      await this.collection(collectionId);
      throw notFound(`There is no feature "${featureId}" in "${collectionId}".`);
    }
    return row.feature;
  }
}
