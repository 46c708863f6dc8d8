import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DEFAULT_PROCEDURE_SETTINGS,
  Phase,
  ProcedureDetail,
  ProcedureSummary,
  phaseState,
  procedureState,
} from '@stadtdialog/shared/contract';

const PHASES_JSON = `coalesce((
  SELECT json_agg(json_build_object('id', ph.id, 'kind', ph.kind, 'title', ph.title,
    'startsAt', to_char(ph.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'endsAt', to_char(ph.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'translations', ph.translations) ORDER BY ph.starts_at)
  FROM phases ph WHERE ph.procedure_id = p.id), '[]'::json)`;

/** Public procedures, read from the public_procedures view only. */
@Injectable()
export class ProceduresService {
  constructor(private readonly dataSource: DataSource) {}

  async list(now = new Date()): Promise<ProcedureSummary[]> {
    const rows: (Omit<ProcedureSummary, 'state'> & { phases: Phase[] })[] = await this.dataSource.query(`
      SELECT p.id, p.slug, p.title, p.summary, p.translations, ST_AsGeoJSON(p.planning_area, 6)::json AS "planningArea",
             ${PHASES_JSON} AS phases
      FROM public_procedures p
      ORDER BY p.created_at DESC, p.id
      LIMIT 500`);
    return rows.map(({ phases, ...summary }) => ({ ...summary, state: procedureState(phases, now) }));
  }

  async bySlug(slug: string, now = new Date()): Promise<ProcedureDetail> {
    const [row] = await this.dataSource.query(
      `SELECT p.id, p.slug, p.title, p.summary, p.description, p.translations, ST_AsGeoJSON(p.planning_area, 6)::json AS "planningArea",
              p.map_config AS map, p.settings, ${PHASES_JSON} AS phases,
              coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'colour', c.colour, 'icon', c.icon, 'translations', c.translations)
                        ORDER BY c.position, c.name) FROM categories c WHERE c.procedure_id = p.id), '[]'::json) AS categories,
              coalesce((SELECT json_agg(json_build_object('id', r.id, 'kind', r.kind, 'name', r.name, 'translations', r.translations) ORDER BY r.position, r.name)
                        FROM rubrics r WHERE r.procedure_id = p.id), '[]'::json) AS rubrics,
              coalesce((SELECT json_agg(json_build_object('id', a.id, 'title', a.title, 'description', a.description,
                          'startsAt', to_char(a.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                          'endsAt', to_char(a.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                          'place', a.place, 'location', ST_AsGeoJSON(a.location, 7)::json, 'translations', a.translations) ORDER BY a.starts_at)
                        FROM public_appointments a WHERE a.procedure_id = p.id), '[]'::json) AS appointments
       FROM public_procedures p WHERE p.slug = $1`,
      [slug],
    );
    if (!row) throw new NotFoundException(`There is no public procedure "${slug}"`);
    const phases: Phase[] = row.phases.map((ph: Phase) => ({ ...ph, state: phaseState(ph, now) }));
    return {
      ...row,
      phases,
      settings: { ...DEFAULT_PROCEDURE_SETTINGS, ...row.settings },
      state: procedureState(phases, now),
    };
  }
}
