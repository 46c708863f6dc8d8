import { Route } from '@angular/router';
import { SITE_PAGE_KEYS, SITE_PAGE_PATHS } from '@stadtdialog/shared/contract';
import { withMessages } from '@stadtdialog/web/data-access';


/** The public site pages; each route names its page in `data.key` (bound to the component's input). */
export const legalRoutes: Route[] = SITE_PAGE_KEYS.map((key) => ({
  path: SITE_PAGE_PATHS[key].slice(1),
  data: { key },
  canActivate: [withMessages('legal')],
  loadComponent: () => import('./site-page').then((m) => m.SitePageView),
}));

/** The admins' page editor in the planner workspace (the workspace guards it for admins). */
export const plannerLegalRoutes: Route[] = [
  { path: 'pages', canActivate: [withMessages('legal')], loadComponent: () => import('./site-pages-editor').then((m) => m.SitePagesEditor) },
];
