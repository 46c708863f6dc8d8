import { ChangeDetectionStrategy, Component, computed, DestroyRef, ElementRef, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { PlannerSession, TranslatePipe } from '@stadtdialog/web/data-access';
import { failureText, fieldTexts, LocalizedText } from '../shared/failure-text';
import { FormOutcome, FormStatus } from '../shared/form-status';
import { plannerPageTitle } from '../shared/page-title';
import { safeReturnUrl } from '../shared/planner-guards';

/**
 * Planner sign-in with e-mail address and password. After repeated failures the API makes people
 * wait; the page says how long and keeps the button off until then.
 */
@Component({
  selector: 'sd-sign-in-page',
  imports: [ReactiveFormsModule, TranslatePipe, FormStatus],
  templateUrl: './sign-in-page.html',
  styleUrls: ['../shared/planner.css', './sign-in-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  /** from the query parameter: where to go after signing in */
  readonly returnUrl = input<string | undefined>();
  /** from the query parameter: the page was opened after signing out or after the session ended */
  readonly reason = input<string | undefined>();

  private readonly session = inject(PlannerSession);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', Validators.required],
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly outcome = signal<FormOutcome>(null);
  protected readonly serverFields = signal<Record<string, LocalizedText>>({});
  private readonly now = signal(Date.now());
  private readonly blockedUntil = signal<number | null>(null);
  protected readonly waitSeconds = computed(() => {
    const until = this.blockedUntil();
    return until ? Math.max(0, Math.ceil((until - this.now()) / 1000)) : 0;
  });
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    plannerPageTitle('planner.signIn.title');
    inject(DestroyRef).onDestroy(() => this.stopTimer());
    // Asks the API again: another tab may have signed in since this one signed out.
    void this.session.refresh().then((signedIn) => {
      if (signedIn) void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    });
  }

  protected problem(name: 'email' | 'password'): LocalizedText | null {
    if (this.submitted() && this.form.controls[name].hasError('required')) return { key: 'planner.error.required' };
    return this.serverFields()[name] ?? null;
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.serverFields.set({});
    if (this.form.invalid) {
      this.outcome.set({ ok: false, text: { key: 'planner.error.invalid' } });
      this.focusFirstInvalid();
      return;
    }
    if (this.busy() || this.waitSeconds() > 0) return;
    this.busy.set(true);
    this.outcome.set(null);
    const { email, password } = this.form.getRawValue();
    const result = await this.session.signIn(email.trim(), password);
    this.busy.set(false);
    if (result.ok) {
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
      return;
    }
    const failure = result.failure;
    if (failure.code === 'sign_in_failed') {
      this.outcome.set({ ok: false, text: { key: 'planner.signIn.wrong' } });
      this.form.controls.password.reset();
    } else if (failure.code === 'sign_in_throttled' || failure.code === 'rate_limited') {
      const seconds = failure.retryAfter ?? 60;
      this.startWaiting(seconds);
      this.outcome.set({ ok: false, text: { key: 'planner.signIn.tooMany', params: { seconds } } });
    } else {
      this.serverFields.set(fieldTexts(failure));
      this.outcome.set({ ok: false, text: failureText(failure) });
    }
  }

  private startWaiting(seconds: number): void {
    this.stopTimer();
    this.now.set(Date.now());
    this.blockedUntil.set(Date.now() + seconds * 1000);
    this.timer = setInterval(() => {
      this.now.set(Date.now());
      if (this.waitSeconds() === 0) this.stopTimer();
    }, 1000);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private focusFirstInvalid(): void {
    this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }
}
