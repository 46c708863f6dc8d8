import { Route } from '@angular/router';

/** The path is linked from the header. */
export const MY_CONTRIBUTIONS_PATH = '/meine-beitraege';

export const myContributionsRoutes: Route[] = [
  { path: MY_CONTRIBUTIONS_PATH.slice(1), loadComponent: () => import('./my-contributions-page').then((m) => m.MyContributionsPage) },
  // The links of the notification mails (the API's NotificationsService names the same paths).
  { path: 'benachrichtigung/bestaetigen', data: { purpose: 'confirm' }, loadComponent: () => import('./mail-link-page').then((m) => m.MailLinkPage) },
  { path: 'benachrichtigung/abbestellen', data: { purpose: 'unsubscribe' }, loadComponent: () => import('./mail-link-page').then((m) => m.MailLinkPage) },
];
