import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MessageKey, TranslatePipe } from '@stadtdialog/web/data-access';
import { PhaseState } from '@stadtdialog/shared/contract';

/** The state of a procedure or phase (upcoming, open, closed) as a labelled badge. */
@Component({
  selector: 'sd-state-badge',
  imports: [TranslatePipe],
  template: `<span class="visually-hidden">{{ 'state.label' | t }}: </span>{{ label() | t }}`,
  styleUrl: './state-badge.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"state-" + state()' },
})
export class StateBadge {
  readonly state = input.required<PhaseState>();
  protected readonly label = computed((): MessageKey => `state.${this.state()}`);
}
