import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  Type,
  untracked,
  viewChild,
} from '@angular/core';
import { NgComponentOutlet } from '@angular/common';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { Phase } from '@stadtdialog/shared/contract';
import {
  ContributionFilter,
  ContributionListStore,
  filterFromQueryParams,
  filterToQueryParams,
  LocalizedDatePipe,
  LocalizedNumberPipe,
  PROCEDURE_PAGE_SECTIONS,
  ProcedureStore,
  sameFilter,
  TranslatePipe,
  Translator,
} from '@stadtdialog/web/data-access';
import { LayerSettings, LayerSwitcher, ProcedureMap } from '@stadtdialog/web/map';
import { CategorySymbol, mediaQuery, NARROW_SCREEN } from '@stadtdialog/web/ui';
import { StateBadge } from '../state-badge/state-badge';
import { layerSwitcherLabels, mapLabels } from '../shared/map-labels';
import { countText } from '../shared/count-text';
import { ContributionFilters } from './contribution-filters';
import { ContributionList } from './contribution-list';

type Panel = 'map' | 'list';

/**
 * A procedure: what it is about, its phases and appointments, and its contributions on the map and
 * in a list, both under the same filter. The filter and the phone tab live in the URL query.
 */
@Component({
  selector: 'sd-procedure-page',
  imports: [
    NgComponentOutlet,
    RouterLink,
    ProcedureMap,
    LayerSwitcher,
    CategorySymbol,
    StateBadge,
    ContributionFilters,
    ContributionList,
    TranslatePipe,
    LocalizedDatePipe,
    LocalizedNumberPipe,
  ],
  templateUrl: './procedure-page.html',
  styleUrl: './procedure-page.css',
  providers: [ProcedureStore, ContributionListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProcedurePage {
  /** from the route parameter `:slug` */
  readonly slug = input.required<string>();
  /** from the URL query */
  readonly category = input<string>();
  readonly rubric = input<string>();
  readonly q = input<string>();
  readonly sort = input<string>();
  readonly view = input<string>();

  protected readonly store = inject(ProcedureStore);
  protected readonly contributions = inject(ContributionListStore);
  private readonly translator = inject(Translator);
  private readonly title = inject(Title);
  private readonly router = inject(Router);

  protected readonly mapLabels = mapLabels();
  protected readonly layerLabels = layerSwitcherLabels();
  protected readonly narrow = mediaQuery(NARROW_SCREEN);
  protected readonly panel = computed<Panel>(() => (this.view() === 'list' ? 'list' : 'map'));
  protected readonly selectedId = signal<string | null>(null);
  protected readonly highlightedId = signal<string | null>(null);
  protected readonly layerSettings = signal<LayerSettings>({});
  /** parts from other feature libraries (planning information), once loaded */
  protected readonly sections = signal<Type<unknown>[]>([]);
  private readonly mapSection = viewChild<ElementRef<HTMLElement>>('mapPanel');

  protected readonly filter = computed<ContributionFilter>(
    () => {
      const values: Record<string, string | undefined> = {
        category: this.category(),
        rubric: this.rubric(),
        q: this.q(),
        sort: this.sort(),
      };
      return filterFromQueryParams({ get: (name) => values[name] ?? null });
    },
    { equal: sameFilter },
  );

  /** The chosen contribution, from the map's features or, outside the view, from the list. */
  protected readonly selected = computed(() => {
    const id = this.selectedId();
    if (!id) return null;
    const feature = this.contributions.featuresById().get(id);
    if (feature) return { id, ...feature.properties };
    const item = this.contributions.items().find((c) => c.id === id);
    return item ? { id, title: item.title, categoryId: item.categoryId, rubricId: item.rubricId, createdAt: item.createdAt } : null;
  });

  /** "2 neue Beiträge": what arrived live and waits to be put into the list */
  protected readonly arrivedText = computed(() => countText(this.translator, 'live.newContributions', this.contributions.arrived().length));

  protected readonly currentPhase = computed(() => this.store.procedure()?.phases.find((p) => p.state === 'open') ?? null);

  constructor() {
    const sections = inject(PROCEDURE_PAGE_SECTIONS);
    if (sections.length) void Promise.all(sections.map((s) => s.load())).then((components) => this.sections.set(components));
    effect(() => {
      const slug = this.slug();
      untracked(() => this.store.load(slug));
    });
    effect(() => {
      const slug = this.slug();
      const filter = this.filter();
      untracked(() => this.contributions.load(slug, filter));
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

  protected applyFilter(filter: ContributionFilter): void {
    this.selectedId.set(null);
    void this.router.navigate([], { queryParams: filterToQueryParams(filter), queryParamsHandling: 'merge' });
  }

  protected showPanel(panel: Panel): void {
    void this.router.navigate([], { queryParams: { view: panel === 'list' ? 'list' : null }, queryParamsHandling: 'merge' });
  }

  protected onTabKeydown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const next: Panel = event.key === 'Home' ? 'map' : event.key === 'End' ? 'list' : this.panel() === 'map' ? 'list' : 'map';
    this.showPanel(next);
    const tablist = (event.currentTarget as HTMLElement).parentElement;
    setTimeout(() => tablist?.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }

  protected onFollowMap(event: Event): void {
    this.contributions.setFollowMap((event.target as HTMLInputElement).checked);
  }

  /** From the list: select the contribution and bring the map into view. */
  protected showOnMap(id: string): void {
    this.selectedId.set(id);
    if (this.narrow()) this.showPanel('map');
    setTimeout(() => {
      const panel = this.mapSection()?.nativeElement;
      panel?.scrollIntoView?.({ block: 'nearest' });
      panel?.querySelector<HTMLElement>('.selection a')?.focus();
    });
  }
}
