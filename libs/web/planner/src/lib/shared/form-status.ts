import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@stadtdialog/web/data-access';
import { LocalizedText } from './failure-text';

/** The outcome of a form's last action. */
export type FormOutcome = { ok: boolean; text: LocalizedText } | null;

/**
 * The outcome of the last action, in a live region that exists before the text appears, so screen
 * readers announce it.
 */
@Component({
  selector: 'sd-form-status',
  imports: [TranslatePipe],
  template: `<div role="status" class="sd-form-status">
    @if (outcome(); as outcome) {
      <p [class.ok]="outcome.ok" [class.failed]="!outcome.ok">{{ outcome.text.key | t: outcome.text.params }}</p>
    }
  </div>`,
  styles: `
    p {
      margin: 0.5rem 0;
      padding: 0.5rem 0.75rem;
      border-left: 4px solid;
      background: #ffffff;
    }
    .ok {
      border-color: #0b5a1c;
      color: #0b5a1c;
    }
    .failed {
      border-color: #b00020;
      color: #8a0019;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormStatus {
  readonly outcome = input<FormOutcome>(null);
}
