import { Route } from '@angular/router';
import { PROCEDURE_PAGE_SECTIONS, ProcedurePageSection } from '@stadtdialog/web/data-access';
import { StartPage } from './start-page/start-page';

/**
 * The resident pages. Every page with a map is its own chunk: it carries OpenLayers, which the start
 * page does not need. `sections` are parts of the procedure page from other feature libraries
 * (planning information), which the app composes in.
 */
export const participationRoutesWith = (sections: readonly ProcedurePageSection[]): Route[] => [
  { path: '', pathMatch: 'full', component: StartPage },
  {
    path: 'procedures/:slug',
    providers: [{ provide: PROCEDURE_PAGE_SECTIONS, useValue: sections }],
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

export const participationRoutes: Route[] = participationRoutesWith([]);
