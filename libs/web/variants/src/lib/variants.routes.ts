import { Route } from '@angular/router';
import { ProcedurePageSection } from '@stadtdialog/web/data-access';

/** Public pages: a procedure's variants. The page is its own chunk (it carries OpenLayers). */
export const publicVariantsRoutes: Route[] = [
  { path: 'procedures/:slug/variants', loadComponent: () => import('./variants-page').then((m) => m.VariantsPage) },
];

/** What this library adds to the procedure page: the link to the variants, documents, FAQ and contacts. */
export const procedurePageSections: ProcedurePageSection[] = [
  { load: () => import('./planning-information').then((m) => m.PlanningInformationSection) },
];
