import { Route } from '@angular/router';
import { NotFoundPage } from './not-found-page';

export const appRoutes: Route[] = [
  {
    path: 'planner',
    loadChildren: () =>
      Promise.all([import('@stadtdialog/web/planner'), import('@stadtdialog/web/evaluation'), import('@stadtdialog/web/legal')]).then(
        ([planner, evaluation, legal]) => planner.plannerRoutesWith(evaluation.plannerEvaluationRoutes, legal.plannerLegalRoutes),
      ),
  },
  {
    path: 'table',
    loadChildren: () => import('@stadtdialog/web/workshop-table').then((m) => m.workshopTableRoutes),
  },
  {
    path: '',
    loadChildren: () =>
      Promise.all([import('@stadtdialog/web/participation'), import('@stadtdialog/web/variants')]).then(([participation, variants]) =>
        participation.participationRoutesWith(variants.procedurePageSections),
      ),
  },
  // After the resident pages: an empty-path parent matches "/" by itself once its children are
  // loaded (no segments left), so this one before them would leave the start page blank.
  {
    path: '',
    loadChildren: () => import('@stadtdialog/web/evaluation').then((m) => m.publicEvaluationRoutes),
  },
  {
    path: '',
    loadChildren: () => import('@stadtdialog/web/variants').then((m) => m.publicVariantsRoutes),
  },
  {
    path: '',
    loadChildren: () => import('@stadtdialog/web/legal').then((m) => m.legalRoutes),
  },
  {
    path: '',
    loadChildren: () => import('@stadtdialog/web/my-contributions').then((m) => m.myContributionsRoutes),
  },
  { path: '**', component: NotFoundPage },
];
