import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { Phase } from '@stadtdialog/shared/contract';
import { ProcedureMap, ProcedureMapLabels } from '@stadtdialog/web/map';
import {
  LocalizedDatePipe,
  ProcedureStore,
  TranslatePipe,
  Translator,
} from '@stadtdialog/web/data-access';
import { StateBadge } from '../state-badge/state-badge';

/** A procedure: what it is about, its phases, and the map with the contributions. */
@Component({
  selector: 'sd-procedure-page',
  imports: [RouterLink, ProcedureMap, StateBadge, TranslatePipe, LocalizedDatePipe],
  templateUrl: './procedure-page.html',
  styleUrl: './procedure-page.css',
  providers: [ProcedureStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProcedurePage {
  /** from the route parameter `:slug` */
  readonly slug = input.required<string>();

  protected readonly store = inject(ProcedureStore);
  private readonly translator = inject(Translator);
  private readonly title = inject(Title);

  protected readonly mapLabels = computed(
    (): ProcedureMapLabels => ({
      map: this.translator.translate('procedure.mapLabel'),
      zoomIn: this.translator.translate('map.zoomIn'),
      zoomOut: this.translator.translate('map.zoomOut'),
      attributions: this.translator.translate('map.attributions'),
    }),
  );

  protected readonly categoryNames = computed(
    () => new Map(this.store.categories().map((category) => [category.id, category.name])),
  );

  constructor() {
    effect(() => {
      const slug = this.slug();
      untracked(() => this.store.load(slug));
    });
    effect(() => {
      const heading = this.store.procedure()?.title ?? this.translator.translate('procedure.allProcedures');
      this.title.setTitle(`${heading} – ${this.translator.translate('app.name')}`);
    });
  }

  /** "Beteiligung: Online-Dialog"; just the kind when the title only repeats it. */
  protected phaseHeading(phase: Phase): string {
    const kind = this.translator.translate(`phase.${phase.kind}`);
    const title = phase.title.trim();
    return title && title.toLowerCase() !== kind.toLowerCase() ? `${kind}: ${title}` : kind;
  }
}
