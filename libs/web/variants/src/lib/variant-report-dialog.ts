import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { LIMITS } from '@stadtdialog/shared/contract';
import { MessageKey, newIdempotencyKey, TranslatePipe, VariantsStore, WriteRetries } from '@stadtdialog/web/data-access';
import { ModalDialog } from '@stadtdialog/web/ui';

/** Reporting a comment on a variant to the moderators, with a reason; one Idempotency-Key per report. */
@Component({
  selector: 'sd-variant-report-dialog',
  imports: [ReactiveFormsModule, ModalDialog, TranslatePipe],
  template: `<sd-modal-dialog [heading]="'report.title' | t" [open]="!!commentId()" (closed)="closed.emit()">
    <form class="sd-field" [formGroup]="form" (ngSubmit)="send()" novalidate>
      <p>{{ 'report.intro' | t }}</p>
      <label for="variant-report-reason">{{ 'report.reason' | t }}</label>
      <textarea
        id="variant-report-reason"
        rows="4"
        formControlName="reason"
        [attr.maxlength]="maxLength"
        [attr.aria-invalid]="problem() ? 'true' : null"
        [attr.aria-describedby]="problem() ? 'variant-report-error' : null"
      ></textarea>
      @if (problem(); as key) {
        <p class="sd-field-error" id="variant-report-error">{{ key | t }}</p>
      }
      <p class="sd-note" role="status" [hidden]="!(sending() && retries.retrying())">
        @if (sending() && retries.retrying()) {
          {{ 'write.retrying' | t }}
        }
      </p>
      <div class="buttons">
        <button type="submit" class="sd-button primary" [disabled]="sending()">
          {{ (sending() ? 'contribute.sending' : 'report.send') | t }}
        </button>
        <button type="button" class="sd-button" (click)="closed.emit()">{{ 'app.cancel' | t }}</button>
      </div>
    </form>
  </sd-modal-dialog>`,
  styles: `
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VariantReportDialog {
  /** the comment reported; the dialog is open while set */
  readonly commentId = input<string | null>(null);
  readonly closed = output<void>();
  readonly reported = output<void>();

  private readonly store = inject(VariantsStore);
  protected readonly retries = inject(WriteRetries);
  protected readonly maxLength = LIMITS.maxReportReasonLength;
  protected readonly form = inject(NonNullableFormBuilder).group({ reason: '' });
  protected readonly sending = signal(false);
  protected readonly problem = signal<MessageKey | null>(null);
  private key: { report: string; value: string } | null = null;

  constructor() {
    effect(() => {
      if (this.commentId()) {
        this.form.reset({ reason: '' });
        this.problem.set(null);
      }
    });
  }

  protected async send(): Promise<void> {
    const commentId = this.commentId();
    const reason = this.form.controls.reason.value.trim();
    if (!commentId) return;
    if (!reason) {
      this.problem.set('error.reasonRequired');
      document.getElementById('variant-report-reason')?.focus();
      return;
    }
    const report = JSON.stringify([commentId, reason]);
    if (this.key?.report !== report) this.key = { report, value: newIdempotencyKey() };
    this.sending.set(true);
    const result = await this.store.report(commentId, reason, this.key.value);
    this.sending.set(false);
    if (result.kind === 'done') {
      this.key = null;
      this.reported.emit();
      return;
    }
    this.problem.set(result.kind === 'offline' ? 'error.offline' : result.kind === 'conflict' ? 'report.already' : 'error.failed');
  }
}
