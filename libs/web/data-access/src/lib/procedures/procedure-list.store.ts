import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { ParticipationOverview, ProcedureSummary } from '@stadtdialog/shared/contract';
import { Subscription } from 'rxjs';
import { failureStatus, LoadStatus } from './load-status';
import { ProcedureApi } from './procedure-api';

interface ProcedureListState {
  status: LoadStatus;
  procedures: ProcedureSummary[];
}

/**
 * The public procedures for the start page, and the overview across them (counts, most discussed,
 * newest, appointments), which may fail on its own without taking the list along. Provide it on the
 * page that shows them.
 */
@Injectable()
export class ProcedureListStore {
  private readonly api = inject(ProcedureApi);
  private readonly state = signal<ProcedureListState>({ status: 'idle', procedures: [] });
  private readonly overviewState = signal<ParticipationOverview | null>(null);
  private request?: Subscription;
  private overviewRequest?: Subscription;

  readonly status = computed(() => this.state().status);
  readonly procedures = computed(() => this.state().procedures);
  /** null until loaded, and when it could not be */
  readonly overview = this.overviewState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.request?.unsubscribe();
      this.overviewRequest?.unsubscribe();
    });
  }

  load(): void {
    this.request?.unsubscribe();
    this.state.update((s) => ({ ...s, status: 'loading' }));
    this.request = this.api.list().subscribe({
      next: (procedures) => this.state.set({ status: 'loaded', procedures }),
      error: (error: unknown) => this.state.set({ status: failureStatus(error), procedures: [] }),
    });
    this.overviewRequest?.unsubscribe();
    this.overviewRequest = this.api.overview().subscribe({
      next: (overview) => this.overviewState.set(overview),
      error: () => this.overviewState.set(null),
    });
  }
}
