import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { isBlank, LIMITS, NewReport, SITE_PAGE_PATHS } from '@stadtdialog/shared/contract';
import { ContributionDetailStore, fieldErrorText, LocalizedText, newIdempotencyKey, problemText, TranslatePipe } from '@stadtdialog/web/data-access';
import { ModalDialog } from '@stadtdialog/web/ui';
import { RetryingNote } from '../shared/retrying-note';

/** Reporting a contribution or a comment to the moderators, with a reason. */
@Component({
  selector: 'sd-report-dialog',
  imports: [ReactiveFormsModule, ModalDialog, TranslatePipe, RetryingNote],
  template: `<sd-modal-dialog [heading]="'report.title' | t" [open]="!!target()" (closed)="closed.emit()">
    <form [formGroup]="form" (ngSubmit)="send()" novalidate>
      <p>{{ 'report.intro' | t }}</p>
      <p><a [href]="rulesPath" target="_blank" rel="noopener">{{ 'report.rulesLink' | t }}</a></p>
      <label for="report-reason">{{ 'report.reason' | t }}</label>
      <textarea
        id="report-reason"
        rows="4"
        formControlName="reason"
        [attr.maxlength]="maxLength"
        [attr.aria-invalid]="problem() ? 'true' : null"
        [attr.aria-describedby]="problem() ? 'report-error' : null"
      ></textarea>
      @if (problem(); as p) {
        <p class="field-error" id="report-error">{{ p.key | t: p.params }}</p>
      }
      <sd-retrying-note [sending]="sending()" />
      <div class="buttons">
        <button type="submit" class="primary" [disabled]="sending()">{{ (sending() ? 'contribute.sending' : 'report.send') | t }}</button>
        <button type="button" (click)="closed.emit()">{{ 'app.cancel' | t }}</button>
      </div>
    </form>
  </sd-modal-dialog>`,
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 0.375rem;
    }
    form p {
      margin: 0 0 0.5rem;
    }
    label {
      font-weight: 600;
    }
    textarea {
      font: inherit;
      padding: 0.5rem;
      border: 1px solid #595959;
      border-radius: 0.25rem;
    }
    [aria-invalid='true'] {
      border: 2px solid #b3261e;
    }
    .field-error {
      color: #b3261e;
      font-weight: 600;
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
    button {
      font: inherit;
      cursor: pointer;
      min-height: 2.5rem;
      padding: 0.25rem 1rem;
      border: 2px solid #0b3d6b;
      border-radius: 0.25rem;
      background: #ffffff;
      color: #0b3d6b;
      font-weight: 600;
    }
    button.primary {
      background: #0b3d6b;
      color: #ffffff;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportDialog {
  /** what is reported; the dialog is open while set */
  readonly target = input<Omit<NewReport, 'reason'> | null>(null);
  readonly closed = output<void>();
  readonly reported = output<void>();

  private readonly store = inject(ContributionDetailStore);
  protected readonly maxLength = LIMITS.maxReportReasonLength;
  protected readonly rulesPath = SITE_PAGE_PATHS.rules;
  protected readonly form = inject(NonNullableFormBuilder).group({ reason: '' });
  protected readonly sending = signal(false);
  protected readonly problem = signal<LocalizedText | null>(null);
  /** one key per report: a retry after a lost answer does not file it twice */
  private key: { report: string; value: string } | null = null;

  constructor() {
    effect(() => {
      if (this.target()) {
        this.form.reset({ reason: '' });
        this.problem.set(null);
      }
    });
  }

  protected async send(): Promise<void> {
    const target = this.target();
    const reason = this.form.controls.reason.value.trim();
    if (!target) return;
    if (isBlank(reason)) {
      this.problem.set({ key: 'error.reasonRequired' });
      document.getElementById('report-reason')?.focus();
      return;
    }
    const report = { ...target, reason };
    if (this.key?.report !== JSON.stringify(report)) this.key = { report: JSON.stringify(report), value: newIdempotencyKey() };
    this.sending.set(true);
    const result = await this.store.report(report, this.key.value);
    this.sending.set(false);
    switch (result.kind) {
      case 'done':
        this.key = null;
        this.reported.emit();
        return;
      case 'invalid':
        this.problem.set(fieldErrorText(result.errors[0], { required: 'error.reasonRequired', blank_text: 'error.reasonRequired' }));
        return;
      case 'offline':
        this.problem.set({ key: 'error.offline' });
        return;
      case 'conflict':
        this.problem.set(problemText({ status: 409, code: result.code }));
        return;
      default:
        this.problem.set(problemText(result));
    }
  }
}
