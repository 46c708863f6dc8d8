import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import {
  Contribution,
  ContributionClusterCollection,
  ContributionFeature,
  ContributionFeatureCollection,
  ContributionQuery,
  isClusterFeature,
  MAP_LOADING,
} from '@stadtdialog/shared/contract';
import { Observable, Subscription, finalize } from 'rxjs';
import { LiveEvents, PublicLiveEvent } from '../live/live-events';
import { failureStatus, LoadStatus } from '../procedures/load-status';
import { ContributionApi } from './contribution-api';
import { ContributionFilter, DEFAULT_FILTER, filterQuery, isNarrowing } from './contribution-filter';
import { applyLiveEvents } from './contribution-live';

export const CONTRIBUTION_PAGE_SIZE = 20;
/** Live events are applied in batches: every map change rebuilds the layer's buffers. */
export const LIVE_BATCH_MS = 300;
/** how long the list's first request waits for the map's first answer at most (`load(…, { listAfterMap })`) */
export const LIST_AFTER_MAP_MS = 1500;

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** The part of the map in view: its extent in WGS 84 and its Web Mercator zoom. */
export interface MapView {
  bbox: Bbox;
  zoom: number;
}

/** What the map layer holds: clusters of the server below MAP_LOADING.aggregateBelowZoom, else the view's features. */
export type MapLayerMode = 'clusters' | 'features';

/** The region one map answer was loaded for: the view grown by half its size on each side, so small pans need nothing new. */
interface LoadedRegion {
  mode: MapLayerMode;
  bbox: Bbox;
  /** the integer zoom the clusters are for */
  zoom: number;
  truncated: boolean;
}

function modeOf(view: MapView): MapLayerMode {
  return view.zoom < MAP_LOADING.aggregateBelowZoom ? 'clusters' : 'features';
}

function grown([minLon, minLat, maxLon, maxLat]: Bbox): Bbox {
  const dx = (maxLon - minLon) / 2;
  const dy = (maxLat - minLat) / 2;
  const round = (n: number) => Number(n.toFixed(5));
  return [
    round(Math.max(-180, minLon - dx)),
    round(Math.max(-85, minLat - dy)),
    round(Math.min(180, maxLon + dx)),
    round(Math.min(85, maxLat + dy)),
  ];
}

const within = (inner: Bbox, outer: Bbox) =>
  inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];

/** Whether what is loaded still serves the view. */
function covers(region: LoadedRegion | null, view: MapView): boolean {
  if (!region || region.mode !== modeOf(view) || !within(view.bbox, region.bbox)) return false;
  // Clusters belong to one zoom; features only need reloading if the answer was cut off (zoomed in, more fit).
  return region.mode === 'clusters' ? region.zoom === Math.round(view.zoom) : !region.truncated;
}

interface ContributionListState {
  slug: string | null;
  filter: ContributionFilter;
  status: LoadStatus;
  items: Contribution[];
  /** new contributions that arrived live, not yet put into the list (that would move it under the reader) */
  arrived: Contribution[];
  /** matching the filter, over all pages */
  total: number;
  totalsByCategory: Partial<Record<string, number>>;
  /** in the procedure, unfiltered */
  overallTotal: number | null;
  nextCursor: string | null;
  loadingMore: boolean;
  featuresStatus: LoadStatus;
  features: ContributionFeatureCollection | ContributionClusterCollection | null;
  /** the map's current view; null until the map reports one */
  view: MapView | null;
  region: LoadedRegion | null;
  /** the list shows only contributions in the map's view */
  followMap: boolean;
}

const initialState: ContributionListState = {
  slug: null,
  filter: DEFAULT_FILTER,
  status: 'idle',
  items: [],
  arrived: [],
  total: 0,
  totalsByCategory: {},
  overallTotal: null,
  nextCursor: null,
  loadingMore: false,
  featuresStatus: 'idle',
  features: null,
  view: null,
  region: null,
  followMap: false,
};

/** The legend's counts after live events: new arrivals count in, removed known contributions out. */
function liveTotals(state: ContributionListState, arrived: Contribution[], events: PublicLiveEvent[]): Partial<Record<string, number>> {
  const totals = { ...state.totalsByCategory };
  for (const contribution of arrived) {
    if (!state.arrived.some((a) => a.id === contribution.id)) totals[contribution.categoryId] = (totals[contribution.categoryId] ?? 0) + 1;
  }
  for (const event of events) {
    if (event.type !== 'contribution-removed') continue;
    const id = event.data.id;
    const feature = state.features?.features.find((f) => String(f.id) === id);
    const categoryId =
      [...state.items, ...state.arrived].find((c) => c.id === id)?.categoryId ??
      (feature && !isClusterFeature(feature) ? feature.properties.categoryId : undefined);
    if (categoryId && totals[categoryId]) {
      totals[categoryId] = (totals[categoryId] ?? 0) - 1;
      if (!totals[categoryId]) delete totals[categoryId];
    }
  }
  return totals;
}

/**
 * The contributions of a procedure under one filter: the list (sorted, paged), the map layer and the
 * counts, always for the same filter. Provide it on the page that shows them.
 *
 * The map layer follows the map: the page passes each settled view to `showMapView`; zoomed out the
 * store loads the server's clusters, zoomed in the view's features (capped per request, `truncated`
 * says when more matched). `refreshMap` reloads the current view.
 */
@Injectable()
export class ContributionListStore {
  private readonly api = inject(ContributionApi);
  private readonly live = inject(LiveEvents);
  private readonly state = signal<ContributionListState>(initialState);
  private requests = new Subscription();
  private more?: Subscription;
  private counts?: Subscription;
  private mapRequest?: Subscription;
  /** what the map request under way will cover: a view inside it waits for that answer instead of asking again */
  private requestedRegion: LoadedRegion | null = null;
  private listRequest?: Subscription;
  /** the list's first request waits for the map's first answer until this timer */
  private heldList: ReturnType<typeof setTimeout> | null = null;
  private unfollow: (() => void) | null = null;
  private followedSince = 0;
  private pending: PublicLiveEvent[] = [];
  private batchTimer: ReturnType<typeof setTimeout> | null = null;

  readonly filter = computed(() => this.state().filter);
  readonly status = computed(() => this.state().status);
  readonly items = computed(() => this.state().items);
  readonly total = computed(() => this.state().total);
  /** the list's total by category id (the legend); a category without a match is left out */
  readonly totalsByCategory = computed(() => this.state().totalsByCategory);
  readonly overallTotal = computed(() => this.state().overallTotal ?? this.state().total);
  readonly hasMore = computed(() => this.state().nextCursor !== null);
  readonly loadingMore = computed(() => this.state().loadingMore);
  readonly featuresStatus = computed(() => this.state().featuresStatus);
  /** the map layer of the current view: features, or clusters and single features where zoomed out */
  readonly features = computed(() => this.state().features);
  readonly mapMode = computed(() => this.state().region?.mode ?? null);
  /** more contributions are in view than the map shows (the newest are shown): zoom in */
  readonly mapTruncated = computed(() => this.state().region?.truncated ?? false);
  readonly followMap = computed(() => this.state().followMap);
  /** the list shows fewer than all: a filter, or only the map's view */
  readonly narrowed = computed(() => isNarrowing(this.state().filter) || this.state().followMap);
  /** contributions that arrived live and wait for the reader to show them */
  readonly arrived = computed(() => this.state().arrived);

  /** The contribution features on the map now (clusters left out), by id. */
  readonly featuresById = computed(() => {
    const byId = new Map<string, ContributionFeature>();
    for (const feature of this.features()?.features ?? []) {
      if (!isClusterFeature(feature)) byId.set(String(feature.id), feature as ContributionFeature);
    }
    return byId;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.requests.unsubscribe();
      this.more?.unsubscribe();
      this.counts?.unsubscribe();
      this.mapRequest?.unsubscribe();
      this.listRequest?.unsubscribe();
      if (this.heldList) clearTimeout(this.heldList);
      this.stopFollowing();
    });
  }

  /** The map settled on a view: loads its layer unless what is loaded still covers it; the list follows if asked to. */
  showMapView(view: MapView): void {
    const previous = this.state().view;
    this.state.update((s) => ({ ...s, view }));
    if (!covers(this.state().region, view) && !covers(this.requestedRegion, view)) this.loadMap();
    const moved = !previous || previous.bbox.some((n, i) => n !== view.bbox[i]);
    if (this.state().followMap && moved) this.loadList();
  }

  /** Reloads the map layer of the current view (the filter or the contributions changed). */
  refreshMap(): void {
    this.loadMap();
  }

  /** Whether the list (and its count) holds only the contributions in the map's view. */
  setFollowMap(follow: boolean): void {
    if (this.state().followMap === follow) return;
    this.state.update((s) => ({ ...s, followMap: follow, arrived: [] }));
    this.loadList();
    if (this.state().overallTotal === null) this.refreshCounts();
  }

  /**
   * Loads list, map layer (of the map's view, once known) and counts for the filter; a newer load
   * supersedes an older one. `listAfterMap` (where the map is shown): the first load of a procedure
   * sends the list's request once the map's first answer is in (at most LIST_AFTER_MAP_MS later), so
   * the list's answer and its entries do not hold back the first contributions on the map.
   */
  load(slug: string, filter: ContributionFilter, options: { listAfterMap?: boolean } = {}): void {
    const previous = this.state();
    const sameProcedure = previous.slug === slug;
    if (!sameProcedure || !this.unfollow) this.follow(slug);
    this.pending = [];
    this.requests.unsubscribe();
    this.more?.unsubscribe();
    this.requests = new Subscription();
    this.state.set({
      ...initialState,
      slug,
      filter,
      status: 'loading',
      featuresStatus: previous.view && sameProcedure ? 'loading' : 'idle',
      // Keep showing what is there while the new answer is on its way, so the page does not jump.
      items: sameProcedure ? previous.items : [],
      features: sameProcedure ? previous.features : null,
      overallTotal: sameProcedure ? previous.overallTotal : null,
      view: sameProcedure ? previous.view : null,
      followMap: sameProcedure && previous.followMap,
    });
    if (options.listAfterMap && !this.state().view) {
      if (this.heldList) clearTimeout(this.heldList);
      this.listRequest?.unsubscribe();
      this.heldList = setTimeout(() => this.releaseList(), LIST_AFTER_MAP_MS);
    } else {
      this.loadList();
    }
    if (this.state().view) this.loadMap();
    if ((isNarrowing(filter) || this.state().followMap) && this.state().overallTotal === null) {
      this.requests.add(
        this.api.list(slug, { limit: 1 }).subscribe({
          next: (page) => this.state.update((s) => ({ ...s, overallTotal: page.total })),
          error: () => undefined,
        }),
      );
    }
  }

  /** Puts the contributions that arrived live into the list, where its sort order puts them. */
  showArrived(): void {
    const { slug, filter, arrived } = this.state();
    if (!slug || !arrived.length) return;
    if (filter.sort === 'newest') {
      this.state.update((s) => ({
        ...s,
        arrived: [],
        items: [...s.arrived, ...s.items.filter((item) => !s.arrived.some((a) => a.id === item.id))],
      }));
      return;
    }
    this.state.update((s) => ({ ...s, arrived: [] }));
    this.requests.add(
      this.api.list(slug, { ...this.listQuery(), sort: filter.sort, limit: Math.max(CONTRIBUTION_PAGE_SIZE, this.items().length) }).subscribe({
        next: (page) =>
          this.state.update((s) => ({
            ...s,
            items: page.items,
            total: page.total,
            totalsByCategory: page.totalsByCategory,
            nextCursor: page.nextCursor,
          })),
        error: () => undefined,
      }),
    );
  }

  /** Loads the next page of the list and appends it. */
  loadMore(): void {
    const { slug, filter, nextCursor, loadingMore } = this.state();
    if (!slug || !nextCursor || loadingMore) return;
    this.state.update((s) => ({ ...s, loadingMore: true }));
    this.more = this.api
      .list(slug, { ...this.listQuery(), sort: filter.sort, limit: CONTRIBUTION_PAGE_SIZE, cursor: nextCursor })
      .subscribe({
        next: (page) =>
          this.state.update((s) => ({
            ...s,
            loadingMore: false,
            items: [...s.items, ...page.items.filter((item) => !s.items.some((known) => known.id === item.id))],
            total: page.total,
            nextCursor: page.nextCursor,
          })),
        error: () => this.state.update((s) => ({ ...s, loadingMore: false })),
      });
  }

  /** Follows the procedure's public stream: what changes there changes here, without a reload. */
  private follow(slug: string): void {
    this.stopFollowing();
    this.followedSince = Date.now();
    this.unfollow = this.live.subscribe(slug, (event) => {
      this.pending.push(event);
      this.batchTimer ??= setTimeout(() => this.applyPending(), LIVE_BATCH_MS);
    });
  }

  private stopFollowing(): void {
    this.unfollow?.();
    this.unfollow = null;
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = null;
    this.pending = [];
  }

  private applyPending(): void {
    this.batchTimer = null;
    const events = this.pending;
    this.pending = [];
    const state = this.state();
    if (!state.slug || !events.length) return;
    // Features of the view take changes in place; clusters count on the server, so their view is read again.
    const clustered = state.region?.mode === 'clusters';
    const shown = clustered ? null : (state.features as ContributionFeatureCollection | null);
    const outcome = applyLiveEvents({ ...state, features: shown }, events, state.filter, this.followedSince);
    if (outcome.reset) {
      this.load(state.slug, state.filter);
      return;
    }
    const totalsByCategory = liveTotals(state, outcome.view.arrived, events);
    this.state.set({ ...outcome.view, features: clustered ? state.features : outcome.view.features, totalsByCategory });
    if (clustered && events.some((e) => e.type === 'contribution' || e.type === 'contribution-removed')) this.loadMap();
    if (outcome.countsStale) this.refreshCounts();
  }

  /** Reads the counts again when the events alone cannot tell them. */
  private refreshCounts(): void {
    const { slug, filter } = this.state();
    if (!slug) return;
    this.counts?.unsubscribe();
    const followsMap = this.state().followMap && this.state().view !== null;
    this.counts = this.api.list(slug, { ...this.listQuery(), limit: 1 }).subscribe({
      next: (page) =>
        this.state.update((s) =>
          s.slug === slug && s.filter === filter
            ? {
                ...s,
                total: page.total,
                totalsByCategory: page.totalsByCategory,
                overallTotal: isNarrowing(filter) || followsMap ? s.overallTotal : page.total,
              }
            : s,
        ),
      error: () => undefined,
    });
    if (isNarrowing(filter) || followsMap) {
      this.counts.add(
        this.api.list(slug, { limit: 1 }).subscribe({
          next: (page) => this.state.update((s) => (s.slug === slug ? { ...s, overallTotal: page.total } : s)),
          error: () => undefined,
        }),
      );
    }
  }

  /** The list's filter, with the map's view as bbox while the list follows the map. */
  private listQuery(): ContributionQuery {
    const { filter, followMap, view } = this.state();
    return { ...filterQuery(filter), ...(followMap && view ? { bbox: view.bbox.join(',') } : {}) };
  }

  /** The list's first request was held for the map's first answer: it goes now. */
  private releaseList(): void {
    if (this.heldList) this.loadList();
  }

  /** The first page of the list and its totals. */
  private loadList(): void {
    if (this.heldList) clearTimeout(this.heldList);
    this.heldList = null;
    const { slug, filter } = this.state();
    if (!slug) return;
    this.listRequest?.unsubscribe();
    this.more?.unsubscribe();
    this.state.update((s) => ({ ...s, status: 'loading', loadingMore: false }));
    const followsMap = this.state().followMap && this.state().view !== null;
    this.listRequest = this.api.list(slug, { ...this.listQuery(), sort: filter.sort, limit: CONTRIBUTION_PAGE_SIZE }).subscribe({
      next: (page) =>
        this.state.update((s) => ({
          ...s,
          status: 'loaded',
          items: page.items,
          total: page.total,
          totalsByCategory: page.totalsByCategory,
          nextCursor: page.nextCursor,
          overallTotal: isNarrowing(filter) || followsMap ? s.overallTotal : page.total,
        })),
      error: (error: unknown) =>
        this.state.update((s) => ({ ...s, status: failureStatus(error), items: [], total: 0, totalsByCategory: {} })),
    });
  }

  /** The map layer for the current view: clusters or features of the view grown by half, replacing any load on its way. */
  private loadMap(): void {
    const { slug, filter, view } = this.state();
    if (!slug || !view) return;
    this.mapRequest?.unsubscribe();
    const mode = modeOf(view);
    const bbox = grown(view.bbox);
    const zoom = Math.round(view.zoom);
    const query = { ...filterQuery(filter), bbox: bbox.join(',') };
    this.state.update((s) => ({ ...s, featuresStatus: 'loading' }));
    this.requestedRegion = { mode, bbox, zoom, truncated: false };
    const answer: Observable<ContributionFeatureCollection | ContributionClusterCollection> =
      mode === 'clusters' ? this.api.clusters(slug, { ...query, zoom }) : this.api.features(slug, query);
    this.mapRequest = answer.pipe(finalize(() => (this.requestedRegion = null))).subscribe({
      next: (features) => {
        this.state.update((s) => ({
          ...s,
          featuresStatus: 'loaded',
          features,
          region: { mode, bbox, zoom, truncated: 'truncated' in features && features.truncated === true },
        }));
        // A list held for the map's first answer goes now.
        this.releaseList();
      },
      error: (error: unknown) => {
        this.state.update((s) => ({ ...s, featuresStatus: failureStatus(error), features: null, region: null }));
        this.releaseList();
      },
    });
  }
}
