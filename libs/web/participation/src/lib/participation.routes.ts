import { Route } from '@angular/router';
import { StartPage } from './start-page/start-page';

/**
 * The resident pages. The procedure page is its own chunk: it carries OpenLayers, which the start
 * page does not need.
 */
export const participationRoutes: Route[] = [
  { path: '', pathMatch: 'full', component: StartPage },
  {
    path: 'procedures/:slug',
    loadComponent: () => import('./procedure-page/procedure-page').then((m) => m.ProcedurePage),
  },
];
