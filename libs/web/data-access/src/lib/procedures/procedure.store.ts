import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Category, ProcedureDetail, Rubric } from '@stadtdialog/shared/contract';
import { Subscription } from 'rxjs';
import { failureStatus, LoadStatus } from './load-status';
import { ProcedureApi } from './procedure-api';

interface ProcedureState {
  slug: string | null;
  status: LoadStatus;
  procedure: ProcedureDetail | null;
}

const initialState: ProcedureState = { slug: null, status: 'idle', procedure: null };

/** One procedure with its configuration. Provide it on the page that shows it. */
@Injectable()
export class ProcedureStore {
  private readonly api = inject(ProcedureApi);
  private readonly state = signal<ProcedureState>(initialState);
  private request?: Subscription;

  readonly slug = computed(() => this.state().slug);
  readonly status = computed(() => this.state().status);
  readonly procedure = computed(() => this.state().procedure);
  readonly categories = computed<Category[]>(() => this.procedure()?.categories ?? []);
  readonly rubrics = computed<Rubric[]>(() => this.procedure()?.rubrics ?? []);
  readonly categoriesById = computed(() => new Map(this.categories().map((c) => [c.id, c])));
  readonly rubricsById = computed(() => new Map(this.rubrics().map((r) => [r.id, r])));
  /** Contributions are taken while the procedure is open; the API answers 409 otherwise. */
  readonly open = computed(() => this.procedure()?.state === 'open');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  load(slug: string): void {
    if (this.state().slug === slug && this.state().status === 'loaded') return;
    this.request?.unsubscribe();
    this.state.set({ ...initialState, slug, status: 'loading' });
    this.request = this.api.get(slug).subscribe({
      next: (procedure) => this.state.update((s) => ({ ...s, status: 'loaded', procedure })),
      error: (error: unknown) => this.state.update((s) => ({ ...s, status: failureStatus(error) })),
    });
  }
}
