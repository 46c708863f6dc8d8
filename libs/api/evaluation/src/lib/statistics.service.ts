import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlParameters, contributionSource } from '@stadtdialog/api/db';
import type { ProcedureStatistics, StatisticsInterval } from '@stadtdialog/shared/contract';
import { EvaluationScope } from './evaluation-scope';
import { DOMAIN_STOP_WORDS, KEY_TERM_COUNT, keyTermsSql } from './key-terms';
import { VARIANT_ORDER, variantRows } from './variant-rows';

const TOP = 10;

/**
 * Rows of the filtered contributions (`f`) and their comments (`cm`) for a scope, with parameters.
 * `f` is referenced twice, so PostgreSQL would compute it once in full; `inline` lets a keyset
 * batch (exports) push its order and limit into it instead.
 */
export function evaluationRows(scope: EvaluationScope, params: SqlParameters, inline = false): string {
  const source = contributionSource(scope.filter, params);
  // A public procedure that hides comments shows none; the public view has published comments only.
  const comments =
    scope.kind === 'planner'
      ? `SELECT m.id, m.contribution_id, m.participant_id, m.body, m.status, m.official, m.created_at FROM comments m`
      : scope.procedure.comments === 'hidden'
        ? `SELECT m.id, m.contribution_id, m.participant_id, m.body, 'published'::text AS status, m.official, m.created_at FROM public_comments m WHERE false`
        : `SELECT m.id, m.contribution_id, m.participant_id, m.body, 'published'::text AS status, m.official, m.created_at FROM public_comments m`;
  return `f AS ${inline ? 'NOT MATERIALIZED ' : ''}(SELECT c.* FROM ${source.from} WHERE ${source.where}),
    cm AS (SELECT m.* FROM (${comments}) m JOIN f ON f.id = m.contribution_id)`;
}

/** A category's or rubric's English name as the English version of a chart label: `{ en: { label } }`, or `{}`. */
const labelTranslations = (alias: string) =>
  `CASE WHEN coalesce(${alias}.translations->'en'->>'name', '') = '' THEN '{}'::json
        ELSE json_build_object('en', json_build_object('label', ${alias}.translations->'en'->>'name')) END`;

/**
 * Statistics of one procedure in one statement, JSON built by PostgreSQL. The planner's scope
 * counts every status; the public scope reads the public views and leaves out what the procedure
 * hides (rating or comment counts).
 */
@Injectable()
export class StatisticsService {
  constructor(private readonly dataSource: DataSource) {}

  async statistics(scope: EvaluationScope, interval: StatisticsInterval = 'day'): Promise<ProcedureStatistics> {
    const params = new SqlParameters();
    const rows = evaluationRows(scope, params);
    const planner = scope.kind === 'planner';
    const ratingsShown = planner || scope.procedure.ratings !== 'hidden';
    const commentsShown = planner || scope.procedure.comments !== 'hidden';
    const step = params.add(interval);
    const texts = `SELECT id AS contribution_id, title || ' ' || body AS body, true AS own FROM f
                   UNION ALL SELECT contribution_id, body, false FROM cm`;
    const counted = (expression: string) => `(
      SELECT coalesce(json_agg(json_build_object('key', key, 'label', key, 'count', n) ORDER BY n DESC, key), '[]'::json)
      FROM (SELECT ${expression} AS key, count(*)::int AS n FROM f GROUP BY 1) g)`;
    const top = (order: string, having: string) => `(
      SELECT coalesce(json_agg(json_build_object('id', t.id, 'title', t.title, 'status', t.status,
               'ratingsUp', ${ratingsShown ? 't.ratings_up' : 'NULL'}, 'ratingsDown', ${ratingsShown ? 't.ratings_down' : 'NULL'},
               'commentCount', ${commentsShown ? 't.comment_count' : 'NULL'}) ORDER BY ${order.replace(/c\./g, 't.')}), '[]'::json)
      FROM (SELECT * FROM f c WHERE ${having} ORDER BY ${order} LIMIT ${TOP}) t)`;
    const [row] = await this.dataSource.query(
      `WITH ${rows},
       buckets AS (
         SELECT date_trunc(${step}, created_at AT TIME ZONE 'Europe/Berlin')::date AS d, 1 AS contributions, 0 AS comments FROM f
         UNION ALL SELECT date_trunc(${step}, created_at AT TIME ZONE 'Europe/Berlin')::date, 0, 1 FROM cm),
       series AS (
         SELECT generate_series(min(d), max(d), ('1 ' || ${step})::interval)::date AS d FROM buckets),
       people AS (
         SELECT participant_id FROM f UNION SELECT participant_id FROM cm
         ${ratingsShown ? 'UNION SELECT r.participant_id FROM ratings r JOIN f ON f.id = r.contribution_id' : ''})
       SELECT json_build_object(
         'totals', json_build_object(
           'contributions', (SELECT count(*)::int FROM f),
           'comments', ${commentsShown ? '(SELECT count(*)::int FROM cm)' : 'NULL'},
           'ratings', ${ratingsShown ? '(SELECT coalesce(sum(ratings_up + ratings_down), 0)::int FROM f)' : 'NULL'},
           'ratingsUp', ${ratingsShown ? '(SELECT coalesce(sum(ratings_up), 0)::int FROM f)' : 'NULL'},
           'ratingsDown', ${ratingsShown ? '(SELECT coalesce(sum(ratings_down), 0)::int FROM f)' : 'NULL'},
           'participants', (SELECT count(*)::int FROM people WHERE participant_id IS NOT NULL)),
         'byStatus', ${planner ? counted('status') : 'NULL'},
         'commentsByStatus', ${
           planner
             ? `(SELECT coalesce(json_agg(json_build_object('key', status, 'label', status, 'count', n) ORDER BY n DESC, status), '[]'::json)
                 FROM (SELECT status, count(*)::int AS n FROM cm GROUP BY status) g)`
             : 'NULL'
         },
         'byCategory', (
           SELECT coalesce(json_agg(json_build_object('key', k.id, 'label', k.name, 'count', n, 'translations', ${labelTranslations('k')}) ORDER BY n DESC, k.position, k.name), '[]'::json)
           FROM (SELECT category_id, count(*)::int AS n FROM f GROUP BY category_id) g JOIN categories k ON k.id = g.category_id),
         'byRubric', (
           SELECT coalesce(json_agg(json_build_object('key', r.kind, 'label', r.name, 'count', n, 'translations', ${labelTranslations('r')}) ORDER BY n DESC, r.position, r.name), '[]'::json)
           FROM (SELECT rubric_id, count(*)::int AS n FROM f GROUP BY rubric_id) g JOIN rubrics r ON r.id = g.rubric_id),
         'byGeometry', ${counted(`coalesce(GeometryType(geom), 'NONE')`)},
         'bySource', ${counted('source')},
         'byWorkshop', (
           SELECT coalesce(json_agg(json_build_object('key', w.id, 'label', w.title, 'count', n) ORDER BY n DESC, w.title), '[]'::json)
           FROM (SELECT workshop_id, count(*)::int AS n FROM f WHERE workshop_id IS NOT NULL GROUP BY workshop_id) g
           JOIN workshops w ON w.id = g.workshop_id),
         'overTime', json_build_object('interval', ${step}::text, 'buckets', (
           SELECT coalesce(json_agg(json_build_object('start', to_char(s.d, 'YYYY-MM-DD'),
                    'contributions', coalesce(b.contributions, 0), 'comments', coalesce(b.comments, 0)) ORDER BY s.d), '[]'::json)
           FROM series s LEFT JOIN (
             SELECT d, sum(contributions)::int AS contributions, sum(comments)::int AS comments FROM buckets GROUP BY d) b ON b.d = s.d)),
         'topRated', ${ratingsShown ? top('(c.ratings_up - c.ratings_down) DESC, c.ratings_up DESC, c.created_at, c.id', 'c.ratings_up + c.ratings_down > 0') : `'[]'::json`},
         'topCommented', ${commentsShown ? top('c.comment_count DESC, c.created_at, c.id', 'c.comment_count > 0') : `'[]'::json`},
         'keyTerms', (${keyTermsSql(texts, params.add(DOMAIN_STOP_WORDS), KEY_TERM_COUNT)}),
         'variants', (
           SELECT coalesce(json_agg(json_build_object('id', v.id, 'title', v.title, 'published', v.published,
                    'ratingsUp', ${ratingsShown ? 'v.ratings_up' : 'NULL'}, 'ratingsDown', ${ratingsShown ? 'v.ratings_down' : 'NULL'},
                    'comments', ${commentsShown ? 'v.comments' : 'NULL'}) ORDER BY ${VARIANT_ORDER}), '[]'::json)
           FROM (${variantRows(scope, params)}) v)
       ) AS statistics`,
      params.values,
    );
    const { id, slug, title, translations } = scope.procedure;
    return { procedure: { id, slug, title, translations }, scope: scope.kind, ...row.statistics };
  }
}
