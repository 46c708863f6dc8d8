import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import {
  Category,
  ContributionFeature,
  ContributionFeatureCollection,
  ProcedureDetail,
} from '@stadtdialog/shared/contract';
import { Subscription } from 'rxjs';
import { failureStatus, LoadStatus } from './load-status';
import { ProcedureApi } from './procedure-api';

interface ProcedureState {
  slug: string | null;
  status: LoadStatus;
  procedure: ProcedureDetail | null;
  contributionsStatus: LoadStatus;
  contributions: ContributionFeatureCollection | null;
}

const initialState: ProcedureState = {
  slug: null,
  status: 'idle',
  procedure: null,
  contributionsStatus: 'idle',
  contributions: null,
};

/** One procedure with its map contributions. Provide it on the procedure page. */
@Injectable()
export class ProcedureStore {
  private readonly api = inject(ProcedureApi);
  private readonly state = signal<ProcedureState>(initialState);
  private requests = new Subscription();

  readonly slug = computed(() => this.state().slug);
  readonly status = computed(() => this.state().status);
  readonly procedure = computed(() => this.state().procedure);
  readonly contributionsStatus = computed(() => this.state().contributionsStatus);
  readonly contributions = computed(() => this.state().contributions);
  readonly categories = computed<Category[]>(() => this.procedure()?.categories ?? []);
  readonly contributionCount = computed(() => this.contributions()?.features.length ?? 0);

  /** Contributions grouped by category id, for the legend and the list alternative to the map. */
  readonly contributionsByCategory = computed(() => {
    const groups = new Map<string, ContributionFeature[]>();
    for (const feature of this.contributions()?.features ?? []) {
      const group = groups.get(feature.properties.categoryId) ?? [];
      group.push(feature);
      groups.set(feature.properties.categoryId, group);
    }
    return groups;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.requests.unsubscribe());
  }

  load(slug: string): void {
    this.requests.unsubscribe();
    this.requests = new Subscription();
    this.state.set({ ...initialState, slug, status: 'loading', contributionsStatus: 'loading' });
    this.requests.add(
      this.api.get(slug).subscribe({
        next: (procedure) => this.state.update((s) => ({ ...s, status: 'loaded', procedure })),
        error: (error: unknown) => this.state.update((s) => ({ ...s, status: failureStatus(error) })),
      }),
    );
    this.requests.add(
      this.api.contributionFeatures(slug).subscribe({
        next: (contributions) =>
          this.state.update((s) => ({ ...s, contributionsStatus: 'loaded', contributions })),
        error: (error: unknown) =>
          this.state.update((s) => ({ ...s, contributionsStatus: failureStatus(error) })),
      }),
    );
  }
}
