import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { PlanningInformation, PublicVariant } from '@stadtdialog/shared/contract';
import { forkJoin, Subscription } from 'rxjs';
import { failureStatus, LoadStatus } from '../procedures/load-status';
import { VariantApi } from './variant-api';

/** A procedure's documents, FAQ and contacts, and how many variants it has published. */
@Injectable()
export class PlanningInformationStore {
  private readonly api = inject(VariantApi);
  private readonly state = signal<{ status: LoadStatus; information: PlanningInformation | null; variants: PublicVariant[] }>({
    status: 'idle',
    information: null,
    variants: [],
  });
  private request?: Subscription;

  readonly status = computed(() => this.state().status);
  readonly information = computed(() => this.state().information);
  readonly variants = computed(() => this.state().variants);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  load(slug: string): void {
    this.request?.unsubscribe();
    this.state.set({ status: 'loading', information: null, variants: [] });
    this.request = forkJoin({ information: this.api.information(slug), variants: this.api.list(slug) }).subscribe({
      next: ({ information, variants }) => this.state.set({ status: 'loaded', information, variants }),
      error: (error: unknown) => this.state.set({ status: failureStatus(error), information: null, variants: [] }),
    });
  }
}
