import { EntityManager } from 'typeorm';
import {
  DEFAULT_PROCEDURE_SETTINGS,
  Phase,
  WorkspaceProcedure,
  phaseState,
  procedureState,
} from '@stadtdialog/shared/contract';

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A procedure as the planner workspace shows it, built by PostgreSQL; internal and archived ones included. */
const WORKSPACE_PROCEDURE = `
  SELECT p.id, p.slug, p.title, p.summary, p.description, p.translations, p.internal, ${ISO('p.archived_at')} AS "archivedAt",
         ST_AsGeoJSON(p.planning_area, 7)::json AS "planningArea", p.map_config AS map, p.settings,
         ${ISO('p.created_at')} AS "createdAt", ${ISO('p.updated_at')} AS "updatedAt",
         coalesce((SELECT json_agg(json_build_object('id', ph.id, 'kind', ph.kind, 'title', ph.title,
                     'startsAt', ${ISO('ph.starts_at')}, 'endsAt', ${ISO('ph.ends_at')}, 'translations', ph.translations) ORDER BY ph.starts_at, ph.id)
                   FROM phases ph WHERE ph.procedure_id = p.id), '[]'::json) AS phases,
         coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'colour', c.colour, 'icon', c.icon,
                     'position', c.position, 'translations', c.translations) ORDER BY c.position, c.name, c.id)
                   FROM categories c WHERE c.procedure_id = p.id), '[]'::json) AS categories,
         coalesce((SELECT json_agg(json_build_object('id', r.id, 'kind', r.kind, 'name', r.name, 'position', r.position, 'translations', r.translations)
                     ORDER BY r.position, r.name, r.id)
                   FROM rubrics r WHERE r.procedure_id = p.id), '[]'::json) AS rubrics,
         coalesce((SELECT json_agg(json_build_object('id', a.id, 'title', a.title, 'description', a.description,
                     'startsAt', ${ISO('a.starts_at')}, 'endsAt', ${ISO('a.ends_at')}, 'place', a.place,
                     'location', ST_AsGeoJSON(a.location, 7)::json, 'translations', a.translations) ORDER BY a.starts_at, a.id)
                   FROM appointments a WHERE a.procedure_id = p.id), '[]'::json) AS appointments
  FROM procedures p WHERE p.id = $1`;

export async function readWorkspaceProcedure(manager: EntityManager, id: string, now = new Date()): Promise<WorkspaceProcedure | null> {
  const [row] = await manager.query(WORKSPACE_PROCEDURE, [id]);
  if (!row) return null;
  const phases: Phase[] = row.phases.map((ph: Phase) => ({ ...ph, state: phaseState(ph, now) }));
  return { ...row, phases, settings: { ...DEFAULT_PROCEDURE_SETTINGS, ...row.settings }, state: procedureState(phases, now) };
}
