import { Route } from '@angular/router';

/** The path is linked from the header; see MY_CONTRIBUTIONS_PATH. */
export const MY_CONTRIBUTIONS_PATH = '/meine-beitraege';

export const myContributionsRoutes: Route[] = [
  { path: MY_CONTRIBUTIONS_PATH.slice(1), loadComponent: () => import('./my-contributions-page').then((m) => m.MyContributionsPage) },
];
