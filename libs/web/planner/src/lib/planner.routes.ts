import { Route } from '@angular/router';
import { adminGuard, plannerGuard } from './shared/planner-guards';
import { PlannerShell } from './shell/planner-shell';
import { SignInPage } from './sign-in/sign-in-page';

/**
 * The planner workspace under /planner. Pages with a map are their own chunks (OpenLayers);
 * everything but sign-in needs a session. `sections` are more sections of a procedure and `adminPages`
 * more pages for admins (the site pages) from other feature libraries (evaluation, legal), which the app
 * composes in: a feature may not import another.
 */
export const plannerRoutesWith = (sections: Route[], adminPages: Route[] = []): Route[] => [
  { path: 'sign-in', component: SignInPage },
  {
    path: '',
    component: PlannerShell,
    canActivate: [plannerGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./procedures/procedures-page').then((m) => m.ProceduresPage),
      },
      {
        path: 'accounts',
        canActivate: [adminGuard],
        loadComponent: () => import('./accounts/accounts-page').then((m) => m.AccountsPage),
      },
      ...adminPages.map((page) => ({ ...page, canActivate: [adminGuard, ...(page.canActivate ?? [])] })),
      {
        path: 'procedures/:procedureId',
        loadComponent: () => import('./procedure/procedure-workspace').then((m) => m.ProcedureWorkspace),
        children: [
          { path: '', pathMatch: 'full', redirectTo: 'moderation' },
          { path: 'setup', loadComponent: () => import('./setup/setup-page').then((m) => m.SetupPage) },
          { path: 'structure', loadComponent: () => import('./setup/structure-page').then((m) => m.StructurePage) },
          { path: 'map', loadComponent: () => import('./setup/map-page').then((m) => m.MapPage) },
          { path: 'moderation', loadComponent: () => import('./moderation/moderation-page').then((m) => m.ModerationPage) },
          {
            path: 'moderation/:contributionId',
            loadComponent: () => import('./moderation/moderation-item-page').then((m) => m.ModerationItemPage),
          },
          { path: 'workshops', loadComponent: () => import('./workshops/workshops-page').then((m) => m.WorkshopsPage) },
          {
            path: 'variants',
            loadComponent: () => import('./variants/variants-workspace-page').then((m) => m.VariantsWorkspacePage),
          },
          { path: 'information', loadComponent: () => import('./variants/information-page').then((m) => m.InformationPage) },
          { path: 'audit', loadComponent: () => import('./audit/audit-page').then((m) => m.AuditPage) },
          ...sections,
        ],
      },
    ],
  },
];

export const plannerRoutes: Route[] = plannerRoutesWith([]);
