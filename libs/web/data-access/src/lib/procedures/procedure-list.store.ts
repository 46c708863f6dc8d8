import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { ProcedureSummary } from '@stadtdialog/shared/contract';
import { Subscription } from 'rxjs';
import { failureStatus, LoadStatus } from './load-status';
import { ProcedureApi } from './procedure-api';

interface ProcedureListState {
  status: LoadStatus;
  procedures: ProcedureSummary[];
}

/** The public procedures for the start page. Provide it on the page that shows them. */
@Injectable()
export class ProcedureListStore {
  private readonly api = inject(ProcedureApi);
  private readonly state = signal<ProcedureListState>({ status: 'idle', procedures: [] });
  private request?: Subscription;

  readonly status = computed(() => this.state().status);
  readonly procedures = computed(() => this.state().procedures);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  load(): void {
    this.request?.unsubscribe();
    this.state.update((s) => ({ ...s, status: 'loading' }));
    this.request = this.api.list().subscribe({
      next: (procedures) => this.state.set({ status: 'loaded', procedures }),
      error: (error: unknown) => this.state.set({ status: failureStatus(error), procedures: [] }),
    });
  }
}
