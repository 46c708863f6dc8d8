import { computed, inject, Injectable, signal } from '@angular/core';
import { NewWorkshop, Workshop, WorkshopChange, WorkshopWithLink } from '@stadtdialog/shared/contract';
import { Observable } from 'rxjs';
import { LoadStatus } from '../procedures/load-status';
import { PlannerApi } from './planner-api';
import { attempt, PlannerResult } from './planner-http';
import { PlannerSession } from './planner-session';

/**
 * The workshops of one procedure for its managers. A table link arrives only in the answer to
 * opening a workshop or asking for a new link; the store keeps it for the page to show once and
 * forgets it when the page is left.
 */
@Injectable()
export class WorkshopsStore {
  private readonly api = inject(PlannerApi);
  private readonly session = inject(PlannerSession);
  private procedureId: string | null = null;
  private readonly state = signal<{ status: LoadStatus; items: Workshop[] }>({ status: 'idle', items: [] });
  private readonly link = signal<WorkshopWithLink | null>(null);

  readonly status = computed(() => this.state().status);
  readonly workshops = computed(() => this.state().items);
  /** the workshop whose table link was just made, with its tableUrl (shown once) */
  readonly newLink = this.link.asReadonly();

  async load(procedureId: string): Promise<void> {
    this.procedureId = procedureId;
    this.state.update((s) => ({ ...s, status: s.items.length ? s.status : 'loading' }));
    const result = await attempt(this.api.workshops(procedureId));
    if (this.procedureId !== procedureId) return;
    if (result.ok) this.state.set({ status: 'loaded', items: result.value.items });
    else {
      this.session.ended(result.failure);
      this.state.update((s) => ({ ...s, status: result.failure.status === 404 ? 'not-found' : 'error' }));
    }
  }

  open(workshop: NewWorkshop): Promise<PlannerResult<WorkshopWithLink>> {
    return this.withLink((procedureId) => this.api.openWorkshop(procedureId, workshop));
  }

  renewLink(workshopId: string): Promise<PlannerResult<WorkshopWithLink>> {
    return this.withLink((procedureId) => this.api.newWorkshopLink(procedureId, workshopId));
  }

  revoke(workshopId: string): Promise<PlannerResult<Workshop>> {
    return this.change((procedureId) => this.api.revokeWorkshop(procedureId, workshopId));
  }

  update(workshopId: string, change: WorkshopChange): Promise<PlannerResult<Workshop>> {
    return this.change((procedureId) => this.api.updateWorkshop(procedureId, workshopId, change));
  }

  /** The link has been seen: it is not shown again. */
  dismissLink(): void {
    this.link.set(null);
  }

  private async withLink(request: (procedureId: string) => Observable<WorkshopWithLink>): Promise<PlannerResult<WorkshopWithLink>> {
    const result = await this.change(request);
    if (result.ok) this.link.set(result.value.tableUrl ? result.value : null);
    return result;
  }

  private async change<T extends Workshop>(request: (procedureId: string) => Observable<T>): Promise<PlannerResult<T>> {
    const procedureId = this.procedureId;
    if (!procedureId) return { ok: false, failure: { status: 0, errors: [], retryAfter: null, detail: null } };
    const result = await attempt(request(procedureId));
    if (result.ok) {
      const changed = result.value;
      this.state.update((s) => ({
        ...s,
        items: s.items.some((w) => w.id === changed.id)
          ? s.items.map((w) => (w.id === changed.id ? stripLink(changed) : w))
          : [stripLink(changed), ...s.items],
      }));
    } else this.session.ended(result.failure);
    return result;
  }
}

/** The list never holds a table link. */
function stripLink(workshop: Workshop | WorkshopWithLink): Workshop {
  const rest: Partial<WorkshopWithLink> = { ...workshop };
  delete rest.tableUrl;
  return rest as Workshop;
}
