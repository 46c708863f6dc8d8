import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldErrorCode, ProblemException } from '@stadtdialog/api/http';
import { ContributionFilter, PlannerContributionFilter } from '@stadtdialog/api/db';
import type { EvaluationQuery, ProcedureTranslations } from '@stadtdialog/shared/contract';

/** What a statistics, export or report read is about: a planner's view of a procedure, or the public one. */
export type EvaluationScope =
  | { kind: 'planner'; procedure: ProcedureRef; filter: PlannerContributionFilter }
  | { kind: 'public'; procedure: ProcedureRef; filter: ContributionFilter };

export interface ProcedureRef {
  id: string;
  slug: string;
  title: string;
  translations: ProcedureTranslations;
  /** procedure settings: 'hidden' counts stay out of public answers */
  ratings: string;
  comments: string;
}

function badQuery(field: string, code: FieldErrorCode, message: string): ProblemException {
  return new ProblemException('invalid_query', `${field}: ${message}`, { errors: [{ field, code, message }] });
}

const PROCEDURE_COLUMNS = `id, slug, title, translations, coalesce(settings->>'ratings', 'on') AS ratings, coalesce(settings->>'comments', 'on') AS comments`;

/**
 * Turns a planner's query into the one contribution filter: a phase becomes its time span, days
 * are whole days in Europe/Berlin (the procedures' time zone).
 */
@Injectable()
export class EvaluationScopes {
  constructor(private readonly dataSource: DataSource) {}

  async planner(procedureId: string, query: EvaluationQuery): Promise<EvaluationScope> {
    if (query.phase && (query.from || query.to)) throw badQuery('phase', 'not_combinable', 'give either a phase or from/to, not both');
    if (query.from && query.to && query.from > query.to) throw badQuery('to', 'end_before_start', 'to must not be before from');
    const [row] = await this.dataSource.query(
      `SELECT (SELECT row_to_json(p) FROM (SELECT ${PROCEDURE_COLUMNS} FROM procedures WHERE id = $1) p) AS procedure,
              (SELECT json_build_array(starts_at, ends_at) FROM phases WHERE id = $2 AND procedure_id = $1) AS phase,
              CASE WHEN $3::text IS NULL THEN NULL ELSE ($3::date::timestamp AT TIME ZONE 'Europe/Berlin') END AS from_time,
              CASE WHEN $4::text IS NULL THEN NULL ELSE (($4::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin') END AS before_time,
              (SELECT count(*)::int FROM categories WHERE id = $5 AND procedure_id = $1) AS category,
              (SELECT count(*)::int FROM rubrics WHERE id = $6 AND procedure_id = $1) AS rubric,
              (SELECT count(*)::int FROM workshops WHERE id = $7 AND procedure_id = $1) AS workshop`,
      [
        procedureId, query.phase ?? null, validDay(query.from, 'from'), validDay(query.to, 'to'), query.category ?? null,
        query.rubric ?? null, query.workshop ?? null,
      ],
    );
    if (!row.procedure) throw new ProblemException('not_found', 'There is no such procedure.');
    if (query.phase && !row.phase) throw badQuery('phase', 'not_in_procedure', 'phase must be the id of a phase of this procedure');
    if (query.category && !row.category) throw badQuery('category', 'not_in_procedure', 'category must be the id of a category of this procedure');
    if (query.rubric && !row.rubric) throw badQuery('rubric', 'not_in_procedure', 'rubric must be the id of a rubric of this procedure');
    if (query.workshop && !row.workshop) throw badQuery('workshop', 'not_in_procedure', 'workshop must be the id of a workshop of this procedure');
    const [phaseStart, phaseEnd] = (row.phase as [string, string] | null) ?? [null, null];
    const iso = (t: Date | string | null) => (t === null ? undefined : new Date(t).toISOString());
    return {
      kind: 'planner',
      procedure: row.procedure,
      filter: {
        procedureId,
        category: query.category,
        rubric: query.rubric,
        source: query.source,
        workshop: query.workshop,
        createdFrom: iso(phaseStart ?? row.from_time),
        createdBefore: iso(phaseEnd ?? row.before_time),
      },
    };
  }

  async public(slug: string): Promise<EvaluationScope> {
    const [procedure] = await this.dataSource.query(`SELECT ${PROCEDURE_COLUMNS} FROM public_procedures WHERE slug = $1`, [slug]);
    if (!procedure) throw new ProblemException('not_found', `There is no public procedure "${slug}".`);
    return { kind: 'public', procedure, filter: { slug } };
  }
}

/** A day that exists in the calendar (the DTO checked the shape; 2026-02-30 would reach PostgreSQL as an error). */
function validDay(day: string | undefined, field: string): string | null {
  if (day === undefined) return null;
  const time = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(time.getTime()) || time.toISOString().slice(0, 10) !== day) throw badQuery(field, 'invalid_date', `${field} is not a day of the calendar`);
  return day;
}
