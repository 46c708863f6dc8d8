import { Route } from '@angular/router';
import { StartPage } from './start-page/start-page';

/**
 * The resident pages. Every page with a map is its own chunk: it carries OpenLayers, which the start
 * page does not need.
 */
export const participationRoutes: Route[] = [
  { path: '', pathMatch: 'full', component: StartPage },
  {
    path: 'procedures/:slug',
    loadComponent: () => import('./procedure-page/procedure-page').then((m) => m.ProcedurePage),
  },
  {
    path: 'procedures/:slug/contribute',
    loadComponent: () => import('./contribute-page/contribute-page').then((m) => m.ContributePage),
  },
  {
    path: 'procedures/:slug/contributions/:id',
    loadComponent: () => import('./contribution-page/contribution-page').then((m) => m.ContributionPage),
  },
];
