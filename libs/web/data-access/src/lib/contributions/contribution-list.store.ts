import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Contribution, ContributionFeature, ContributionFeatureCollection } from '@stadtdialog/shared/contract';
import { Subscription } from 'rxjs';
import { LiveEvents, PublicLiveEvent } from '../live/live-events';
import { failureStatus, LoadStatus } from '../procedures/load-status';
import { ContributionApi } from './contribution-api';
import { ContributionFilter, DEFAULT_FILTER, filterQuery, isNarrowing } from './contribution-filter';
import { applyLiveEvents } from './contribution-live';

export const CONTRIBUTION_PAGE_SIZE = 20;
/** Live events are applied in batches: every map change rebuilds the layer's buffers. */
export const LIVE_BATCH_MS = 300;

interface ContributionListState {
  slug: string | null;
  filter: ContributionFilter;
  status: LoadStatus;
  items: Contribution[];
  /** new contributions that arrived live, not yet put into the list (that would move it under the reader) */
  arrived: Contribution[];
  /** matching the filter, over all pages */
  total: number;
  /** in the procedure, unfiltered */
  overallTotal: number | null;
  nextCursor: string | null;
  loadingMore: boolean;
  featuresStatus: LoadStatus;
  features: ContributionFeatureCollection | null;
}

const initialState: ContributionListState = {
  slug: null,
  filter: DEFAULT_FILTER,
  status: 'idle',
  items: [],
  arrived: [],
  total: 0,
  overallTotal: null,
  nextCursor: null,
  loadingMore: false,
  featuresStatus: 'idle',
  features: null,
};

/**
 * The contributions of a procedure under one filter: the list (sorted, paged), the map layer and the
 * counts, always for the same filter. Provide it on the page that shows them.
 */
@Injectable()
export class ContributionListStore {
  private readonly api = inject(ContributionApi);
  private readonly live = inject(LiveEvents);
  private readonly state = signal<ContributionListState>(initialState);
  private requests = new Subscription();
  private more?: Subscription;
  private counts?: Subscription;
  private unfollow: (() => void) | null = null;
  private followedSince = 0;
  private pending: PublicLiveEvent[] = [];
  private batchTimer: ReturnType<typeof setTimeout> | null = null;

  readonly filter = computed(() => this.state().filter);
  readonly status = computed(() => this.state().status);
  readonly items = computed(() => this.state().items);
  readonly total = computed(() => this.state().total);
  readonly overallTotal = computed(() => this.state().overallTotal ?? this.state().total);
  readonly hasMore = computed(() => this.state().nextCursor !== null);
  readonly loadingMore = computed(() => this.state().loadingMore);
  readonly featuresStatus = computed(() => this.state().featuresStatus);
  readonly features = computed(() => this.state().features);
  readonly narrowed = computed(() => isNarrowing(this.state().filter));
  /** contributions that arrived live and wait for the reader to show them */
  readonly arrived = computed(() => this.state().arrived);

  /** Map contributions by category id, for the legend. */
  readonly featuresByCategory = computed(() => {
    const groups = new Map<string, ContributionFeature[]>();
    for (const feature of this.features()?.features ?? []) {
      const group = groups.get(feature.properties.categoryId) ?? [];
      group.push(feature);
      groups.set(feature.properties.categoryId, group);
    }
    return groups;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.requests.unsubscribe();
      this.more?.unsubscribe();
      this.counts?.unsubscribe();
      this.stopFollowing();
    });
  }

  /** Loads list, map layer and counts for the filter; a newer load supersedes an older one. */
  load(slug: string, filter: ContributionFilter): void {
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
      featuresStatus: 'loading',
      // Keep showing what is there while the new answer is on its way, so the page does not jump.
      items: sameProcedure ? previous.items : [],
      features: sameProcedure ? previous.features : null,
      overallTotal: sameProcedure ? previous.overallTotal : null,
    });
    const query = filterQuery(filter);
    this.requests.add(
      this.api.list(slug, { ...query, sort: filter.sort, limit: CONTRIBUTION_PAGE_SIZE }).subscribe({
        next: (page) =>
          this.state.update((s) => ({
            ...s,
            status: 'loaded',
            items: page.items,
            total: page.total,
            nextCursor: page.nextCursor,
            overallTotal: isNarrowing(filter) ? s.overallTotal : page.total,
          })),
        error: (error: unknown) => this.state.update((s) => ({ ...s, status: failureStatus(error), items: [], total: 0 })),
      }),
    );
    this.requests.add(
      this.api.features(slug, query).subscribe({
        next: (features) => this.state.update((s) => ({ ...s, featuresStatus: 'loaded', features })),
        error: (error: unknown) => this.state.update((s) => ({ ...s, featuresStatus: failureStatus(error), features: null })),
      }),
    );
    if (isNarrowing(filter) && this.state().overallTotal === null) {
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
      this.api.list(slug, { ...filterQuery(filter), sort: filter.sort, limit: Math.max(CONTRIBUTION_PAGE_SIZE, this.items().length) }).subscribe({
        next: (page) => this.state.update((s) => ({ ...s, items: page.items, total: page.total, nextCursor: page.nextCursor })),
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
      .list(slug, { ...filterQuery(filter), sort: filter.sort, limit: CONTRIBUTION_PAGE_SIZE, cursor: nextCursor })
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
    const outcome = applyLiveEvents(state, events, state.filter, this.followedSince);
    if (outcome.reset) {
      this.load(state.slug, state.filter);
      return;
    }
    this.state.set(outcome.view);
    if (outcome.countsStale) this.refreshCounts();
  }

  /** Reads the counts again when the events alone cannot tell them. */
  private refreshCounts(): void {
    const { slug, filter } = this.state();
    if (!slug) return;
    this.counts?.unsubscribe();
    this.counts = this.api.list(slug, { ...filterQuery(filter), limit: 1 }).subscribe({
      next: (page) =>
        this.state.update((s) =>
          s.slug === slug && s.filter === filter
            ? { ...s, total: page.total, overallTotal: isNarrowing(filter) ? s.overallTotal : page.total }
            : s,
        ),
      error: () => undefined,
    });
    if (isNarrowing(filter)) {
      this.counts.add(
        this.api.list(slug, { limit: 1 }).subscribe({
          next: (page) => this.state.update((s) => (s.slug === slug ? { ...s, overallTotal: page.total } : s)),
          error: () => undefined,
        }),
      );
    }
  }
}
