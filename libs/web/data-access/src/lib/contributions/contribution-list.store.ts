import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Contribution, ContributionFeature, ContributionFeatureCollection } from '@stadtdialog/shared/contract';
import { Subscription } from 'rxjs';
import { failureStatus, LoadStatus } from '../procedures/load-status';
import { ContributionApi } from './contribution-api';
import { ContributionFilter, DEFAULT_FILTER, filterQuery, isNarrowing } from './contribution-filter';

export const CONTRIBUTION_PAGE_SIZE = 20;

interface ContributionListState {
  slug: string | null;
  filter: ContributionFilter;
  status: LoadStatus;
  items: Contribution[];
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
  private readonly state = signal<ContributionListState>(initialState);
  private requests = new Subscription();
  private more?: Subscription;

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
    });
  }

  /** Loads list, map layer and counts for the filter; a newer load supersedes an older one. */
  load(slug: string, filter: ContributionFilter): void {
    const previous = this.state();
    const sameProcedure = previous.slug === slug;
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
}
