import type { EvaluationQuery } from '@stadtdialog/shared/contract';

/** The planner's list (moderation, every status) narrowed by the evaluation's filters it knows. */
export function plannerListQuery(query: EvaluationQuery): Record<string, string> {
  const params: Record<string, string> = { state: 'all', kind: 'contribution' };
  if (query.category) params['category'] = query.category;
  if (query.source) params['source'] = query.source;
  if (query.workshop) params['workshop'] = query.workshop;
  return params;
}
