import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  PendingTasks,
  signal,
  Type,
  untracked,
  viewChild,
} from '@angular/core';
import { NgComponentOutlet, NgTemplateOutlet } from '@angular/common';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { Phase, Place } from '@stadtdialog/shared/contract';
import {
  ContributionFilter,
  ContributionListStore,
  filterFromQueryParams,
  filterToQueryParams,
  localized,
  LocalizedDatePipe,
  LocalizedLangPipe,
  LocalizedNumberPipe,
  LocalizedPipe,
  MessageKey,
  PROCEDURE_PAGE_SECTIONS,
  ProcedureStore,
  sameFilter,
  SiteInfoStore,
  TranslatePipe,
  Translator,
} from '@stadtdialog/web/data-access';
import { LayerSettings, LayerSwitcher, ProcedureMap } from '@stadtdialog/web/map';
import { AddressSearch } from '../shared/address-search';
import { CategorySymbol, mediaQuery, NARROW_SCREEN, TOUCH_ONLY } from '@stadtdialog/web/ui';
import { StateBadge } from '../state-badge/state-badge';
import { layerSwitcherLabels, mapLabels } from '../shared/map-labels';
import { countText } from '../shared/count-text';
import { FillViewport } from '../shared/fill-viewport';
import { ContributionFilters } from './contribution-filters';
import { ContributionList } from './contribution-list';

type Panel = 'map' | 'list' | 'info';

const TAB_LABELS: Record<Panel, MessageKey> = { map: 'procedure.map', list: 'procedure.list', info: 'procedure.infoTab' };

/**
 * A procedure, map first: the map fills the first screen, with the list of contributions (under the
 * same filter) beside it and what the procedure is about (texts, phases, appointments) as a second
 * tab there. On a narrow screen map, list and information are three tabs. The chosen contribution's
 * card opens over the map. The filter and the tab live in the URL query.
 */
@Component({
  selector: 'sd-procedure-page',
  imports: [
    NgComponentOutlet,
    NgTemplateOutlet,
    RouterLink,
    FillViewport,
    ProcedureMap,
    AddressSearch,
    LayerSwitcher,
    CategorySymbol,
    StateBadge,
    ContributionFilters,
    ContributionList,
    TranslatePipe,
    LocalizedDatePipe,
    LocalizedNumberPipe,
    LocalizedPipe,
    LocalizedLangPipe,
  ],
  templateUrl: './procedure-page.html',
  styleUrls: ['./procedure-page.css', './procedure-workspace.css', './map-overlays.css'],
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
  protected readonly touchOnly = mediaQuery(TOUCH_ONLY);
  /** the tab of the URL; on a wide screen the map is always shown and the tab is the side's */
  protected readonly panel = computed<Panel>(() => {
    const view = this.view();
    return view === 'list' || view === 'info' ? view : 'map';
  });
  protected readonly shownPanel = computed<Panel>(() => (this.narrow() ? this.panel() : this.panel() === 'info' ? 'info' : 'list'));
  private infoShown = false;
  /** the list has its first answer and drew it: the information tab's content may follow */
  private readonly listIn = signal(false);
  /**
   * The information tab's content is made once it is first shown, or in a task after the one that
   * drew the list's first answer: not while the page's first contributions are on their way, and not
   * together with the list's entries (the two in one change detection were a task of 50–110 ms).
   */
  protected readonly renderInfo = computed(() => (this.infoShown ||= this.shownPanel() === 'info' || this.listIn()));
  protected readonly tabs = computed<Panel[]>(() => (this.narrow() ? ['map', 'list', 'info'] : ['list', 'info']));
  protected readonly selectedId = signal<string | null>(null);
  /** the contributions of one spot no zoom parts, listed in the card over the map */
  private readonly spotIds = signal<string[] | null>(null);
  protected readonly highlightedId = signal<string | null>(null);
  protected readonly layerSettings = signal<LayerSettings>({});
  /** parts from other feature libraries (planning information), once loaded */
  protected readonly sections = signal<Type<unknown>[]>([]);
  /** the legend over the map, opened by its button so that it covers nothing at first */
  protected readonly legendOpen = signal(false);
  protected readonly hintDismissed = signal(false);
  private readonly mapSection = viewChild<ElementRef<HTMLElement>>('mapPanel');
  private readonly map = viewChild(ProcedureMap);
  /** the address search is offered where the installation has a geocoder */
  protected readonly site = inject(SiteInfoStore);

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

  protected readonly spot = computed(() => {
    const ids = this.spotIds();
    if (!ids) return null;
    const byId = this.contributions.featuresById();
    const items = ids.flatMap((id) => {
      const feature = byId.get(id);
      return feature ? [{ id, ...feature.properties }] : [];
    });
    return items.length ? items : null;
  });

  protected select(id: string | null): void {
    this.spotIds.set(null);
    this.selectedId.set(id);
  }

  /** A cluster of one spot: its contributions listed over the map, the list's heading focused. */
  protected selectSpot(ids: string[]): void {
    this.selectedId.set(null);
    this.spotIds.set(ids);
    setTimeout(() => this.mapSection()?.nativeElement.querySelector<HTMLElement>('#spot-heading')?.focus());
  }

  /** "2 neue Beiträge": what arrived live and waits to be put into the list */
  protected readonly arrivedText = computed(() => countText(this.translator, 'live.newContributions', this.contributions.arrived().length));

  protected readonly currentPhase = computed(() => this.store.procedure()?.phases.find((p) => p.state === 'open') ?? null);

  constructor() {
    const pendingTasks = inject(PendingTasks);
    effect((onCleanup) => {
      if (this.listIn() || !['loaded', 'not-found', 'error'].includes(this.contributions.status())) return;
      const settled = pendingTasks.add();
      const timer = setTimeout(() => {
        this.listIn.set(true);
        settled();
      });
      onCleanup(() => {
        clearTimeout(timer);
        settled();
      });
    });
    const sections = inject(PROCEDURE_PAGE_SECTIONS);
    if (sections.length) void Promise.all(sections.map((s) => s.load())).then((components) => this.sections.set(components));
    effect(() => {
      const slug = this.slug();
      untracked(() => this.store.load(slug));
    });
    effect(() => {
      const slug = this.slug();
      const filter = this.filter();
      // Where the map is shown, its first contributions go first: the list asks once the map has them.
      untracked(() => this.contributions.load(slug, filter, { listAfterMap: !this.narrow() || this.panel() === 'map' }));
    });
    effect(() => {
      const procedure = this.store.procedure();
      const heading = procedure ? localized(procedure, 'title', this.translator.language()) : this.translator.translate('procedure.allProcedures');
      this.title.setTitle(`${heading} – ${this.translator.translate('app.name')}`);
    });
  }

  /** "Beteiligung: Online-Dialog"; just the kind when the title only repeats it. */
  protected phaseHeading(phase: Phase): string {
    const kind = this.translator.translate(`phase.${phase.kind}`);
    const title = localized(phase, 'title', this.translator.language()).trim();
    return title && title.toLowerCase() !== kind.toLowerCase() ? `${kind}: ${title}` : kind;
  }

  protected applyFilter(filter: ContributionFilter): void {
    this.selectedId.set(null);
    void this.router.navigate([], { queryParams: filterToQueryParams(filter), queryParamsHandling: 'merge' });
  }

  protected tabLabel(panel: Panel): MessageKey {
    return TAB_LABELS[panel];
  }

  protected showPanel(panel: Panel): void {
    void this.router.navigate([], { queryParams: { view: panel === 'map' ? null : panel }, queryParamsHandling: 'merge' });
  }

  protected onTabKeydown(event: KeyboardEvent): void {
    const tabs = this.tabs();
    const current = tabs.indexOf(this.shownPanel());
    const index: Record<string, number> = {
      ArrowLeft: (current - 1 + tabs.length) % tabs.length,
      ArrowRight: (current + 1) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    if (!(event.key in index)) return;
    event.preventDefault();
    const next = tabs[index[event.key]];
    this.showPanel(next);
    const tablist = (event.currentTarget as HTMLElement).parentElement;
    setTimeout(() => tablist?.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }

  /** The arrivals go into the list; on a phone the list is then shown. */
  protected showArrived(): void {
    this.contributions.showArrived();
    if (this.narrow()) this.showPanel('list');
  }

  protected clearSelection(): void {
    this.selectedId.set(null);
    this.spotIds.set(null);
    this.mapSection()?.nativeElement.querySelector<HTMLElement>('.sd-procedure-map__viewport')?.focus();
  }

  protected onFollowMap(event: Event): void {
    this.contributions.setFollowMap((event.target as HTMLInputElement).checked);
  }

  /** From the list: select the contribution, zoom the map to it (out of any cluster) and focus its card. */
  protected showOnMap(id: string): void {
    this.select(id);
    const geometry = this.contributions.items().find((item) => item.id === id)?.geometry;
    if (this.narrow()) this.showPanel('map');
    setTimeout(() => {
      if (geometry) this.map()?.reveal(geometry, id);
      const panel = this.mapSection()?.nativeElement;
      panel?.scrollIntoView?.({ block: 'nearest' });
      panel?.querySelector<HTMLElement>('.selection a')?.focus();
    });
  }

  /** A place the address search found: the map shows it. */
  protected showPlace(place: Place): void {
    this.map()?.showPlace(place);
  }
}
