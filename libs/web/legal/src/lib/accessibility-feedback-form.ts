import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { FEEDBACK_MAX_LENGTH } from '@stadtdialog/shared/contract';
import { MessageKey, newIdempotencyKey, SitePageApi, TranslatePipe, WriteRetries } from '@stadtdialog/web/data-access';

type Field = 'message' | 'email' | 'page';
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The feedback mechanism of the accessibility statement: a message to the operator, an answer address if wanted. */
@Component({
  selector: 'sd-accessibility-feedback-form',
  imports: [ReactiveFormsModule, TranslatePipe],
  template: `<section aria-labelledby="feedback-heading">
    <h2 id="feedback-heading">{{ 'feedback.heading' | t }}</h2>
    <p>{{ 'feedback.intro' | t }}</p>
    <form [formGroup]="form" (ngSubmit)="send()" novalidate>
      <div class="sd-field">
        <label for="feedback-message">{{ 'feedback.message' | t }}</label>
        <textarea
          id="feedback-message"
          rows="5"
          formControlName="message"
          [attr.maxlength]="maxLength"
          [attr.aria-invalid]="problems()['message'] ? 'true' : null"
          [attr.aria-describedby]="problems()['message'] ? 'feedback-message-error' : null"
        ></textarea>
        @if (problems()['message']; as problem) {
          <p class="sd-field-error" id="feedback-message-error">{{ problem | t }}</p>
        }
      </div>
      <div class="sd-field">
        <label for="feedback-email">{{ 'feedback.email' | t }}</label>
        <input
          id="feedback-email"
          type="email"
          autocomplete="email"
          formControlName="email"
          [attr.aria-invalid]="problems()['email'] ? 'true' : null"
          [attr.aria-describedby]="problems()['email'] ? 'feedback-email-error' : null"
        />
        @if (problems()['email']; as problem) {
          <p class="sd-field-error" id="feedback-email-error">{{ problem | t }}</p>
        }
      </div>
      <div class="sd-field">
        <label for="feedback-page">{{ 'feedback.page' | t }}</label>
        <input
          id="feedback-page"
          type="text"
          formControlName="page"
          [attr.aria-invalid]="problems()['page'] ? 'true' : null"
          [attr.aria-describedby]="'feedback-page-hint' + (problems()['page'] ? ' feedback-page-error' : '')"
        />
        <p class="sd-hint" id="feedback-page-hint">{{ 'feedback.pageHint' | t }}</p>
        @if (problems()['page']; as problem) {
          <p class="sd-field-error" id="feedback-page-error">{{ problem | t }}</p>
        }
      </div>
      <button type="submit" class="sd-button primary" [disabled]="sending()">{{ (sending() ? 'feedback.sending' : 'feedback.send') | t }}</button>
    </form>
    <div role="status">
      @if (outcome(); as outcome) {
        <p class="sd-status" [class.failed]="outcome !== 'feedback.thanks'">{{ outcome | t }}</p>
      } @else if (sending() && retries.retrying()) {
        <p class="sd-status">{{ 'write.retrying' | t }}</p>
      }
    </div>
  </section>`,
  styles: `
    section {
      margin-top: 2rem;
      padding-top: 1rem;
      border-top: 1px solid #c4c4c4;
    }
    form {
      max-width: 36rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccessibilityFeedbackForm {
  private readonly api = inject(SitePageApi);
  protected readonly retries = inject(WriteRetries);
  protected readonly maxLength = FEEDBACK_MAX_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({ message: '', email: '', page: this.cameFrom() });
  protected readonly sending = signal(false);
  protected readonly problems = signal<Partial<Record<Field, MessageKey>>>({});
  protected readonly outcome = signal<MessageKey | null>(null);
  /** one key per message: a retry after a lost answer files it once */
  private key: { body: string; value: string } | null = null;

  /** The page the reader came from, when it is on this site: where the barrier probably was. */
  private cameFrom(): string {
    const document = inject(DOCUMENT);
    try {
      const referrer = new URL(document.referrer);
      return referrer.origin === document.location.origin && referrer.pathname !== '/barrierefreiheit' ? referrer.pathname : '';
    } catch {
      return '';
    }
  }

  protected async send(): Promise<void> {
    const { message, email, page } = this.form.getRawValue();
    const problems: Partial<Record<Field, MessageKey>> = {};
    if (!message.trim()) problems.message = 'feedback.messageRequired';
    if (email.trim() && !EMAIL.test(email.trim())) problems.email = 'feedback.emailInvalid';
    if (page.trim() && !page.trim().startsWith('/')) problems.page = 'feedback.pageInvalid';
    this.problems.set(problems);
    this.outcome.set(null);
    const first = (['message', 'email', 'page'] as const).find((f) => problems[f]);
    if (first) {
      document.getElementById(`feedback-${first}`)?.focus();
      return;
    }
    const feedback = { message: message.trim(), email: email.trim() || null, page: page.trim() || null };
    const body = JSON.stringify(feedback);
    if (this.key?.body !== body) this.key = { body, value: newIdempotencyKey() };
    this.sending.set(true);
    const result = await this.api.sendFeedback(feedback, this.key.value);
    this.sending.set(false);
    if (result.ok) {
      this.key = null;
      this.form.reset({ message: '', email: '', page: '' });
      this.outcome.set('feedback.thanks');
      return;
    }
    const failure = result.failure;
    if (failure.kind === 'invalid') {
      const fields: Partial<Record<Field, MessageKey>> = {};
      for (const error of failure.errors) {
        if (error.field === 'email') fields.email = 'feedback.emailInvalid';
        else if (error.field === 'page') fields.page = 'feedback.pageInvalid';
        else fields.message = (error as { code?: string }).code === 'blank_text' ? 'feedback.messageRequired' : 'error.rejected';
      }
      this.problems.set(fields);
      return;
    }
    this.outcome.set(failure.kind === 'offline' ? 'error.offline' : 'error.failed');
  }
}
