import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { PlannerSession, TranslatePipe } from '@stadtdialog/web/data-access';
import { failureText } from '../shared/failure-text';
import { FormOutcome, FormStatus } from '../shared/form-status';

/**
 * The frame of the planner workspace: its navigation, who is signed in, and signing out. When the
 * session ends underneath (idle timeout, account disabled), it leads to the sign-in page and back.
 */
@Component({
  selector: 'sd-planner-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe, FormStatus],
  template: `<div class="bar no-print">
      <nav [attr.aria-label]="'planner.nav.label' | t">
        <ul>
          <li>
            <a routerLink="/planner" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">
              {{ 'planner.nav.procedures' | t }}
            </a>
          </li>
          @if (session.isAdmin()) {
            <li>
              <a routerLink="/planner/accounts" routerLinkActive="active" ariaCurrentWhenActive="page">
                {{ 'planner.nav.accounts' | t }}
              </a>
            </li>
            <li>
              <a routerLink="/planner/pages" routerLinkActive="active" ariaCurrentWhenActive="page">
                {{ 'planner.nav.sitePages' | t }}
              </a>
            </li>
          }
        </ul>
      </nav>
      @if (session.me(); as me) {
        <div class="who">
          <span>{{ 'planner.nav.signedInAs' | t: { name: me.displayName } }}</span>
          <button type="button" (click)="signOut()" [disabled]="busy()">{{ 'planner.nav.signOut' | t }}</button>
        </div>
      }
    </div>
    <sd-form-status [outcome]="outcome()" />
    <router-outlet />`,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 0.5rem 0.75rem;
      margin-bottom: 1rem;
      border: 1px solid #c4c4c4;
      border-radius: 0.5rem;
      background: #ffffff;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    a.active {
      font-weight: 700;
      color: #1a1a1a;
    }
    .who {
      display: flex;
      align-items: center;
      gap: 0.75rem;
    }
    button {
      font: inherit;
      padding: 0.25rem 0.75rem;
      border: 2px solid #0b3d6b;
      border-radius: 0.25rem;
      background: #ffffff;
      color: #0b3d6b;
      cursor: pointer;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlannerShell {
  protected readonly session = inject(PlannerSession);
  private readonly router = inject(Router);
  protected readonly busy = signal(false);
  protected readonly outcome = signal<FormOutcome>(null);
  private signingOut = false;

  constructor() {
    effect(() => {
      if (this.session.status() !== 'signed-out' || this.signingOut) return;
      const returnUrl = this.router.url;
      void this.router.navigate(['/planner/sign-in'], { queryParams: { reason: 'expired', returnUrl } });
    });
  }

  protected async signOut(): Promise<void> {
    this.busy.set(true);
    this.signingOut = true;
    const result = await this.session.signOut();
    this.busy.set(false);
    if (result.ok || result.failure.status === 401) {
      await this.router.navigate(['/planner/sign-in'], { queryParams: { reason: 'signed-out' } });
    } else {
      this.signingOut = false;
      this.outcome.set({ ok: false, text: failureText(result.failure) });
    }
  }
}
