import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { PlannerSession } from '@stadtdialog/web/data-access';

/** The planner area needs a session; without one the sign-in page comes first and leads back. */
export const plannerGuard: CanActivateFn = async (_route, state) => {
  const session = inject(PlannerSession);
  const router = inject(Router);
  if (await session.ensure()) return true;
  return router.createUrlTree(['/planner/sign-in'], { queryParams: { returnUrl: state.url } });
};

/** Planner accounts are for admins. */
export const adminGuard: CanActivateFn = async () => {
  const session = inject(PlannerSession);
  const router = inject(Router);
  return (await session.ensure()) && session.isAdmin() ? true : router.createUrlTree(['/planner']);
};

/** Only paths inside the planner area are followed after sign-in, never another site. */
export function safeReturnUrl(url: string | null | undefined): string {
  return url && /^\/planner(?:[/?#]|$)/.test(url) && !url.startsWith('/planner/sign-in') ? url : '/planner';
}
