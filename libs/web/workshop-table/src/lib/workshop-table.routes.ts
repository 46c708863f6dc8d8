import { Route } from '@angular/router';
import { TablePage } from './table-page';

/** `/table/:secret`: the workshop touch table opened through a planner's table link. */
export const workshopTableRoutes: Route[] = [{ path: ':secret', component: TablePage }];
