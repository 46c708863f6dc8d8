import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { PhaseState, ProcedureSummary } from '@stadtdialog/shared/contract';
import { MessageKey, ProcedureListStore, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { AreaOutline } from '@stadtdialog/web/ui';
import { StateBadge } from '../state-badge/state-badge';

const GROUPS: { state: PhaseState; heading: MessageKey }[] = [
  { state: 'open', heading: 'start.current' },
  { state: 'upcoming', heading: 'start.upcoming' },
  { state: 'closed', heading: 'start.closed' },
];

/** The start page: the public procedures, current ones first, each with its planning area. */
@Component({
  selector: 'sd-start-page',
  imports: [RouterLink, StateBadge, AreaOutline, TranslatePipe],
  templateUrl: './start-page.html',
  styleUrl: './start-page.css',
  providers: [ProcedureListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartPage {
  protected readonly store = inject(ProcedureListStore);
  private readonly translator = inject(Translator);
  private readonly title = inject(Title);

  protected readonly groups = computed(() =>
    GROUPS.map((group) => ({
      ...group,
      procedures: this.store.procedures().filter((p: ProcedureSummary) => p.state === group.state),
    })).filter((group) => group.procedures.length > 0),
  );

  constructor() {
    this.store.load();
    effect(() =>
      this.title.setTitle(`${this.translator.translate('start.title')} – ${this.translator.translate('app.name')}`),
    );
  }
}
