import { Route } from '@angular/router';
import { withMessages } from '@stadtdialog/web/data-access';

/** The path is linked from the header. */
export const MY_CONTRIBUTIONS_PATH = '/meine-beitraege';

export const myContributionsRoutes: Route[] = [
  { path: MY_CONTRIBUTIONS_PATH.slice(1), canActivate: [withMessages('mine', 'notify')], loadComponent: () => import('./my-contributions-page').then((m) => m.MyContributionsPage) },
  // The links of the notification mails (the API's NotificationsService names the same paths).
  { path: 'benachrichtigung/bestaetigen', data: { purpose: 'confirm' }, canActivate: [withMessages('notify')], loadComponent: () => import('./mail-link-page').then((m) => m.MailLinkPage) },
  { path: 'benachrichtigung/abbestellen', data: { purpose: 'unsubscribe' }, canActivate: [withMessages('notify')], loadComponent: () => import('./mail-link-page').then((m) => m.MailLinkPage) },
];
