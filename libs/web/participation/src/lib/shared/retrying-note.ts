import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslatePipe, WriteRetries } from '@stadtdialog/web/data-access';

/**
 * Says that a write is being sent again (no connection, or the server is briefly unavailable), so the
 * resident waits instead of seeing a failure. The status region stays in the page, empty when idle.
 */
@Component({
  selector: 'sd-retrying-note',
  imports: [TranslatePipe],
  template: `<p class="retrying" role="status">
    @if (shown()) {
      {{ 'write.retrying' | t }}
    }
  </p>`,
  styles: `
    .retrying:empty {
      display: none;
    }
    .retrying {
      margin: 0.5rem 0;
      padding: 0.375rem 0.625rem;
      border-left: 4px solid #8a5a00;
      background: #fff4e0;
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RetryingNote {
  /** the form's own write is on its way */
  readonly sending = input.required<boolean>();
  private readonly retries = inject(WriteRetries);
  protected readonly shown = computed(() => this.sending() && this.retries.retrying());
}
