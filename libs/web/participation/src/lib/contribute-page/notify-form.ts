import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MessageKey, newIdempotencyKey, NotificationsApi, TranslatePipe, Translator } from '@stadtdialog/web/data-access';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** After sending: the offer to be told by e-mail about the contribution (double opt-in). */
@Component({
  selector: 'sd-notify-form',
  imports: [ReactiveFormsModule, TranslatePipe],
  template: `@if (ready()) {<section class="notify" aria-labelledby="notify-heading">
    <h3 id="notify-heading">{{ 'notify.heading' | t }}</h3>
    <p>{{ 'notify.intro' | t }}</p>
    @if (outcome() !== 'notify.sent' && outcome() !== 'notify.already') {
      <form [formGroup]="form" (ngSubmit)="send()" novalidate>
        <div class="sd-field">
          <label for="notify-email">{{ 'notify.email' | t }}</label>
          <input
            id="notify-email"
            type="email"
            autocomplete="email"
            formControlName="email"
            [attr.aria-invalid]="invalid() ? 'true' : null"
            [attr.aria-describedby]="invalid() ? 'notify-email-error' : null"
          />
          @if (invalid()) {
            <p class="sd-field-error" id="notify-email-error">{{ 'notify.invalid' | t }}</p>
          }
        </div>
        <button type="submit" class="sd-button" [disabled]="sending()">{{ (sending() ? 'notify.sending' : 'notify.send') | t }}</button>
      </form>
    }
    <div role="status">
      @if (outcome(); as outcome) {
        <p class="sd-status" [class.failed]="outcome !== 'notify.sent' && outcome !== 'notify.already'">{{ outcome | t }}</p>
      }
    </div>
  </section>}`,
  styles: `
    .notify {
      margin-top: 1.5rem;
      padding-top: 0.5rem;
      border-top: 1px solid #c4c4c4;
    }
    form {
      max-width: 28rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotifyForm {
  readonly contributionId = input.required<string>();

  private readonly api = inject(NotificationsApi);
  private readonly translator = inject(Translator);
  protected readonly form = inject(NonNullableFormBuilder).group({ email: '' });
  protected readonly sending = signal(false);
  protected readonly invalid = signal(false);
  protected readonly outcome = signal<MessageKey | null>(null);
  private key: { email: string; value: string } | null = null;

  /** its texts come with it, out of the first bundle */
  protected readonly ready = signal(false);

  constructor() {
    void this.translator.load('notify').then(() => this.ready.set(true));
  }

  protected async send(): Promise<void> {
    const email = this.form.controls.email.value.trim();
    this.outcome.set(null);
    this.invalid.set(!EMAIL.test(email));
    if (this.invalid()) {
      document.getElementById('notify-email')?.focus();
      return;
    }
    if (this.key?.email !== email) this.key = { email, value: newIdempotencyKey() };
    this.sending.set(true);
    const result = await this.api.subscribe(this.contributionId(), { email, language: this.translator.language() }, this.key.value);
    this.sending.set(false);
    if (result.ok) {
      this.outcome.set(result.value.state === 'confirmed' ? 'notify.already' : 'notify.sent');
      return;
    }
    if (result.failure.kind === 'invalid') this.invalid.set(true);
    else this.outcome.set(result.failure.kind === 'conflict' ? 'notify.off' : result.failure.kind === 'offline' ? 'error.offline' : 'error.failed');
  }
}
