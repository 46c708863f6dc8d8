import { Route } from '@angular/router';
import { NotFoundPage } from './not-found-page';

export const appRoutes: Route[] = [
  {
    path: 'planner',
    loadChildren: () => import('@stadtdialog/web/planner').then((m) => m.plannerRoutes),
  },
  {
    path: 'table',
    loadChildren: () => import('@stadtdialog/web/workshop-table').then((m) => m.workshopTableRoutes),
  },
  {
    path: '',
    loadChildren: () => import('@stadtdialog/web/participation').then((m) => m.participationRoutes),
  },
  { path: '**', component: NotFoundPage },
];
