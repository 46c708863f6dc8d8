import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { MultiPolygon, PhaseState, ProcedureSummary } from '@stadtdialog/shared/contract';
import {
  localized,
  LocalizedDatePipe,
  LocalizedLangPipe,
  LocalizedPipe,
  MessageKey,
  ProcedureListStore,
  TranslatePipe,
  Translator,
} from '@stadtdialog/web/data-access';
import { ProceduresMap } from '@stadtdialog/web/map';
import { AreaOutline } from '@stadtdialog/web/ui';
import { mapLabels } from '../shared/map-labels';
import { StateBadge } from '../state-badge/state-badge';

const GROUPS: { state: PhaseState; heading: MessageKey }[] = [
  { state: 'open', heading: 'start.current' },
  { state: 'upcoming', heading: 'start.upcoming' },
  { state: 'closed', heading: 'start.closed' },
];

/**
 * The start page: the public procedures, current ones first, each with its planning area and
 * counts, beside one map of all planning areas (the list is its accessible alternative); then the
 * most discussed and the newest contributions and the upcoming appointments across procedures.
 * The map (OpenLayers) loads in its own chunk once the page is idle.
 */
@Component({
  selector: 'sd-start-page',
  imports: [RouterLink, StateBadge, AreaOutline, TranslatePipe, LocalizedDatePipe, LocalizedPipe, LocalizedLangPipe, ProceduresMap],
  templateUrl: './start-page.html',
  styleUrl: './start-page.css',
  providers: [ProcedureListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartPage {
  protected readonly store = inject(ProcedureListStore);
  private readonly translator = inject(Translator);
  private readonly title = inject(Title);
  private readonly router = inject(Router);
  protected readonly mapLabels = mapLabels('start.map');
  /** the procedure hovered or focused in the list, drawn stronger on the map */
  protected readonly highlighted = signal<string | null>(null);

  private readonly counts = computed(() => new Map((this.store.overview()?.procedures ?? []).map((p) => [p.id, p])));

  protected readonly groups = computed(() =>
    GROUPS.map((group) => ({
      ...group,
      procedures: this.store.procedures().filter((p: ProcedureSummary) => p.state === group.state),
    })).filter((group) => group.procedures.length > 0),
  );

  protected readonly areas = computed(() =>
    this.store
      .procedures()
      .filter((p): p is ProcedureSummary & { planningArea: MultiPolygon } => p.planningArea !== null)
      .map((p) => ({
        slug: p.slug,
        state: p.state,
        area: p.planningArea,
        label: this.translator.translate('start.mapLabel', {
          title: localized(p, 'title', this.translator.language()),
          state: this.translator.translate(`state.${p.state}`),
          contributions: this.counts().get(p.id)?.contributions ?? 0,
        }),
      })),
  );

  constructor() {
    this.store.load();
    effect(() =>
      this.title.setTitle(`${this.translator.translate('start.title')} – ${this.translator.translate('app.name')}`),
    );
  }

  /** "12 Beiträge, 5 Kommentare", or without comments where the procedure hides them; null before the counts arrive */
  protected countsOf(procedure: ProcedureSummary): string | null {
    const counts = this.counts().get(procedure.id);
    if (!counts) return null;
    const contributions = counts.contributions;
    return counts.comments === null
      ? this.translator.translate('start.contributionCount', { contributions })
      : this.translator.translate('start.counts', { contributions, comments: counts.comments });
  }

  protected openProcedure(slug: string): void {
    void this.router.navigate(['/procedures', slug]);
  }
}
