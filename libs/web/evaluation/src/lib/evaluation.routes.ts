import { Route } from '@angular/router';

/** Sections of a procedure in the planner workspace (children of its workspace route). */
export const plannerEvaluationRoutes: Route[] = [
  { path: 'evaluation', pathMatch: 'full', loadComponent: () => import('./planner-evaluation-page').then((m) => m.PlannerEvaluationPage) },
  { path: 'evaluation/report', loadComponent: () => import('./report-pages').then((m) => m.PlannerReportPage) },
];

/** Public pages: a procedure's statistics and its results report. */
export const publicEvaluationRoutes: Route[] = [
  { path: 'procedures/:slug/statistics', loadComponent: () => import('./public-statistics-page').then((m) => m.PublicStatisticsPage) },
  { path: 'procedures/:slug/report', loadComponent: () => import('./report-pages').then((m) => m.PublicReportPage) },
];
