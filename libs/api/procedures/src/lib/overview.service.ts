import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MapConfiguration, ParticipationOverview } from '@stadtdialog/shared/contract';

/** How many contributions each start-page list shows, and how many appointments. */
export const OVERVIEW_CONTRIBUTIONS = 5;
export const OVERVIEW_APPOINTMENTS = 8;

const UTC = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COMMENTS_HIDDEN = `coalesce(p.settings->>'comments', 'on') = 'hidden'`;

/**
 * The start page across procedures, from the public views only: published contributions and
 * comments of public procedures, their appointments; a procedure that hides comments shows no
 * comment counts and does not take part in "most discussed".
 */
@Injectable()
export class OverviewService {
  constructor(private readonly dataSource: DataSource) {}

  async overview(now = new Date()): Promise<ParticipationOverview> {
    const contribution = (c: string) => `json_build_object('id', ${c}.id, 'title', ${c}.title,
      'procedure', json_build_object('slug', p.slug, 'title', p.title, 'translations', p.translations), 'createdAt', ${UTC(`${c}.created_at`)},
      'commentCount', CASE WHEN ${COMMENTS_HIDDEN} THEN NULL ELSE ${c}.comment_count END)`;
    const [row] = await this.dataSource.query(
      `SELECT json_build_object(
         'procedures', (
           SELECT coalesce(json_agg(json_build_object('id', p.id,
                    'contributions', (SELECT count(*)::int FROM public_contributions c WHERE c.procedure_id = p.id),
                    'comments', CASE WHEN ${COMMENTS_HIDDEN} THEN NULL ELSE (
                      SELECT count(*)::int FROM public_comments m JOIN public_contributions c ON c.id = m.contribution_id
                      WHERE c.procedure_id = p.id) END)
                  ORDER BY p.created_at DESC, p.id), '[]'::json)
           FROM (SELECT * FROM public_procedures ORDER BY created_at DESC, id LIMIT 500) p),
         'mostDiscussed', (
           SELECT coalesce(json_agg(${contribution('c')} ORDER BY c.comment_count DESC, c.created_at DESC, c.id), '[]'::json)
           FROM (SELECT c.* FROM public_contributions c JOIN public_procedures p ON p.id = c.procedure_id
                 WHERE c.comment_count > 0 AND NOT ${COMMENTS_HIDDEN}
                 ORDER BY c.comment_count DESC, c.created_at DESC, c.id LIMIT ${OVERVIEW_CONTRIBUTIONS}) c
           JOIN public_procedures p ON p.id = c.procedure_id),
         'mostRecent', (
           SELECT coalesce(json_agg(${contribution('c')} ORDER BY c.created_at DESC, c.id), '[]'::json)
           FROM (SELECT * FROM public_contributions ORDER BY created_at DESC, id LIMIT ${OVERVIEW_CONTRIBUTIONS}) c
           JOIN public_procedures p ON p.id = c.procedure_id),
         'appointments', (
           SELECT coalesce(json_agg(json_build_object('id', a.id, 'title', a.title, 'description', a.description,
                    'startsAt', ${UTC('a.starts_at')}, 'endsAt', ${UTC('a.ends_at')}, 'place', a.place, 'translations', a.translations,
                    'procedure', json_build_object('slug', p.slug, 'title', p.title, 'translations', p.translations)) ORDER BY a.starts_at, a.id), '[]'::json)
           FROM (SELECT * FROM public_appointments WHERE coalesce(ends_at, starts_at) >= $1
                 ORDER BY starts_at, id LIMIT ${OVERVIEW_APPOINTMENTS}) a
           JOIN public_procedures p ON p.id = a.procedure_id),
         'map', coalesce(
           (SELECT map_config FROM public_procedures WHERE jsonb_typeof(map_config->'layers') = 'array'
              AND map_config->'layers' @> '[{"role": "base"}]' ORDER BY created_at DESC, id LIMIT 1),
           (SELECT map_config FROM public_procedures ORDER BY created_at DESC, id LIMIT 1))
       ) AS overview`,
      [now.toISOString()],
    );
    const { map, ...overview } = row.overview as Omit<ParticipationOverview, 'map'> & { map: Partial<MapConfiguration> | null };
    return { ...overview, map: map ? baseMapOf(map) : null };
  }
}

/** A procedure's map with its base layers only: the start page shows planning areas, not plans. */
function baseMapOf(map: Partial<MapConfiguration>): MapConfiguration {
  return {
    projection: map.projection ?? 'EPSG:3857',
    center: map.center ?? [10, 53.55],
    zoom: map.zoom ?? 12,
    layers: (map.layers ?? []).filter((layer) => layer.role === 'base'),
  };
}
