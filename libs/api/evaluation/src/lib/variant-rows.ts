import { SqlParameters } from '@stadtdialog/api/db';
import { EvaluationScope } from './evaluation-scope';

/**
 * Rows `v` of a scope's planning variants: id, title, published, position, created_at, ratings_up,
 * ratings_down, comments (planners: every status) and comments_published. Planners read the tables,
 * counted within the scope's time span (ratings by when they were given, comments by when they were
 * written); the public reads the public views and their counters. Category, rubric, source and
 * workshop concern contributions and leave variants alone.
 */
export function variantRows(scope: EvaluationScope, params: SqlParameters): string {
  const procedure = params.add(scope.procedure.id);
  if (scope.kind === 'public') {
    return `SELECT v.id, v.title, true AS published, v.position, v.created_at, v.ratings_up, v.ratings_down,
                   v.comment_count AS comments, v.comment_count AS comments_published
            FROM public_variants v WHERE v.procedure_id = ${procedure}::uuid`;
  }
  const within = (alias: string) =>
    [
      scope.filter.createdFrom ? `AND ${alias}.created_at >= ${params.add(scope.filter.createdFrom)}::timestamptz` : '',
      scope.filter.createdBefore ? `AND ${alias}.created_at < ${params.add(scope.filter.createdBefore)}::timestamptz` : '',
    ].join(' ');
  const ratings = within('r');
  const comments = within('m');
  return `SELECT v.id, v.title, v.published, v.position, v.created_at,
                 (SELECT count(*)::int FROM variant_ratings r WHERE r.variant_id = v.id AND r.value = 1 ${ratings}) AS ratings_up,
                 (SELECT count(*)::int FROM variant_ratings r WHERE r.variant_id = v.id AND r.value = -1 ${ratings}) AS ratings_down,
                 (SELECT count(*)::int FROM variant_comments m WHERE m.variant_id = v.id ${comments}) AS comments,
                 (SELECT count(*)::int FROM variant_comments m WHERE m.variant_id = v.id AND m.status = 'published' ${comments}) AS comments_published
          FROM variants v WHERE v.procedure_id = ${procedure}::uuid`;
}

/** The variant comments of a planner's scope (`m`, with its variant `v`), within its time span. */
export function variantCommentsWhere(scope: EvaluationScope, params: SqlParameters): string {
  const conditions = [`v.procedure_id = ${params.add(scope.procedure.id)}::uuid`];
  if (scope.kind === 'public') conditions.push(`v.published`, `m.status = 'published'`);
  if (scope.filter.createdFrom) conditions.push(`m.created_at >= ${params.add(scope.filter.createdFrom)}::timestamptz`);
  if (scope.filter.createdBefore) conditions.push(`m.created_at < ${params.add(scope.filter.createdBefore)}::timestamptz`);
  return conditions.join(' AND ');
}

export const VARIANT_ORDER = 'v.position, v.created_at, v.id';
