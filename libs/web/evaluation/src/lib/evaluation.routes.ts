import { Route } from '@angular/router';

/** Sections of a procedure in the planner workspace (children of its workspace route). */
export const plannerEvaluationRoutes: Route[] = [
  { path: 'evaluation', loadComponent: () => import('./planner-evaluation-page').then((m) => m.PlannerEvaluationPage) },
];

/** Public pages: a procedure's statistics. */
export const publicEvaluationRoutes: Route[] = [
  { path: 'procedures/:slug/statistics', loadComponent: () => import('./public-statistics-page').then((m) => m.PublicStatisticsPage) },
];
