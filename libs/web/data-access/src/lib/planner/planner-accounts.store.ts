import { computed, inject, Injectable, signal } from '@angular/core';
import { PlannerAccount, PlannerWithPassword, ProcedureRole } from '@stadtdialog/shared/contract';
import { Observable } from 'rxjs';
import { LoadStatus } from '../procedures/load-status';
import { NewPlanner, PlannerApi } from './planner-api';
import { attempt, PlannerResult } from './planner-http';
import { PlannerSession } from './planner-session';

/** Planner accounts and their memberships, for admins. */
@Injectable()
export class PlannerAccountsStore {
  private readonly api = inject(PlannerApi);
  private readonly session = inject(PlannerSession);
  private readonly state = signal<{ status: LoadStatus; accounts: PlannerAccount[] }>({ status: 'idle', accounts: [] });

  readonly status = computed(() => this.state().status);
  readonly accounts = computed(() => this.state().accounts);

  async load(): Promise<void> {
    this.state.update((s) => ({ ...s, status: s.accounts.length ? s.status : 'loading' }));
    const result = await attempt(this.api.planners());
    if (result.ok) this.state.set({ status: 'loaded', accounts: result.value });
    else {
      this.session.ended(result.failure);
      this.state.update((s) => ({ ...s, status: 'error' }));
    }
  }

  create(planner: NewPlanner): Promise<PlannerResult<PlannerWithPassword>> {
    return this.thenReload(this.api.createPlanner(planner));
  }

  setDisabled(plannerId: string, disabled: boolean): Promise<PlannerResult<PlannerAccount>> {
    return this.thenReload(this.api.setPlannerDisabled(plannerId, disabled));
  }

  setAdmin(plannerId: string, isAdmin: boolean): Promise<PlannerResult<PlannerAccount>> {
    return this.thenReload(this.api.updatePlanner(plannerId, { isAdmin }));
  }

  /** Without a password the server generates one; the answer shows it once. */
  resetPassword(plannerId: string, password?: string): Promise<PlannerResult<PlannerWithPassword>> {
    return this.thenReload(this.api.resetPassword(plannerId, password));
  }

  setMembership(plannerId: string, procedureId: string, role: ProcedureRole): Promise<PlannerResult<unknown>> {
    return this.thenReload(this.api.setMembership(procedureId, plannerId, role));
  }

  removeMembership(plannerId: string, procedureId: string): Promise<PlannerResult<unknown>> {
    return this.thenReload(this.api.removeMembership(procedureId, plannerId));
  }

  private async thenReload<T>(request: Observable<T>): Promise<PlannerResult<T>> {
    const result = await attempt(request);
    if (result.ok) {
      await this.load();
      // The admin's own memberships may have changed.
      void this.session.refresh();
    } else this.session.ended(result.failure);
    return result;
  }
}
