import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlParameters } from '@stadtdialog/api/db';
import type { EvaluationQuery, ProcedureReport, StatisticsInterval } from '@stadtdialog/shared/contract';
import { EvaluationScope } from './evaluation-scope';
import { StatisticsService, evaluationRows } from './statistics.service';

const UTC = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The results report: the statistics of a scope plus what a council's meeting folder needs beside
 * the figures (the procedure's texts and phases, the top contributions with their text and the
 * latest official answer, the workshops). Reads the same rows as the statistics, so the public
 * report holds published content of a public procedure only.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statistics: StatisticsService,
  ) {}

  async report(scope: EvaluationScope, filter: EvaluationQuery, interval: StatisticsInterval = 'day'): Promise<ProcedureReport> {
    const statistics = await this.statistics.statistics(scope, interval);
    const planner = scope.kind === 'planner';
    const ratingsShown = planner || scope.procedure.ratings !== 'hidden';
    const commentsShown = planner || scope.procedure.comments !== 'hidden';
    const ids = [...new Set([...statistics.topRated, ...statistics.topCommented].map((c) => c.id))];
    const params = new SqlParameters();
    const rows = evaluationRows(scope, params);
    const procedure = params.add(scope.procedure.id);
    const highlightIds = params.add(ids);
    const named = (table: string, column: string, id: string | undefined) =>
      `(SELECT ${column} FROM ${table} WHERE id = ${params.add(id ?? null)}::uuid AND procedure_id = ${procedure}::uuid)`;
    const [row] = await this.dataSource.query(
      `WITH ${rows}
       SELECT json_build_object(
         'filterNames', json_strip_nulls(json_build_object(
           'phase', ${named('phases', 'kind', filter.phase)}, 'category', ${named('categories', 'name', filter.category)},
           'rubric', ${named('rubrics', 'name', filter.rubric)}, 'workshop', ${named('workshops', 'title', filter.workshop)})),
         'texts', (SELECT json_build_object('summary', p.summary, 'description', p.description)
                   FROM ${planner ? 'procedures' : 'public_procedures'} p WHERE p.id = ${procedure}::uuid),
         'phases', (SELECT coalesce(json_agg(json_build_object('kind', ph.kind, 'title', ph.title,
                      'startsAt', ${UTC('ph.starts_at')}, 'endsAt', ${UTC('ph.ends_at')}, 'translations', ph.translations) ORDER BY ph.starts_at, ph.id), '[]'::json)
                    FROM phases ph WHERE ph.procedure_id = ${procedure}::uuid),
         'highlights', (
           SELECT coalesce(json_agg(json_build_object('id', c.id, 'title', c.title, 'text', c.body, 'status', c.status,
                    'category', k.name, 'rubric', r.name, 'categoryTranslations', k.translations, 'rubricTranslations', r.translations,
                    'createdAt', ${UTC('c.created_at')},
                    'ratingsUp', ${ratingsShown ? 'c.ratings_up' : 'NULL'}, 'ratingsDown', ${ratingsShown ? 'c.ratings_down' : 'NULL'},
                    'commentCount', ${commentsShown ? 'c.comment_count' : 'NULL'},
                    'officialAnswer', ans.body, 'officialAnswerAt', ${UTC('ans.created_at')})
                  ORDER BY array_position(${highlightIds}::uuid[], c.id)), '[]'::json)
           FROM f c
           JOIN categories k ON k.id = c.category_id
           JOIN rubrics r ON r.id = c.rubric_id
           LEFT JOIN LATERAL (
             SELECT a.body, a.created_at FROM cm a
             WHERE a.contribution_id = c.id AND a.official AND a.status = 'published'
             ORDER BY a.created_at DESC, a.id DESC LIMIT 1) ans ON true
           WHERE c.id = ANY(${highlightIds}::uuid[])),
         'workshops', (
           SELECT coalesce(json_agg(json_build_object('id', w.id, 'title', w.title, 'startsAt', ${UTC('a.starts_at')},
                    'endsAt', ${UTC('a.ends_at')}, 'place', a.place,
                    'contributions', (SELECT count(*)::int FROM f WHERE f.workshop_id = w.id))
                  ORDER BY a.starts_at, w.title), '[]'::json)
           FROM workshops w JOIN appointments a ON a.id = w.appointment_id
           WHERE w.procedure_id = ${procedure}::uuid)
       ) AS report`,
      params.values,
    );
    const { filterNames, texts, phases, highlights, workshops } = row.report;
    return {
      procedure: { ...statistics.procedure, summary: texts?.summary ?? '', description: texts?.description ?? '', phases },
      filter,
      filterNames,
      generatedAt: new Date().toISOString(),
      statistics,
      highlights,
      workshops,
    };
  }
}
