import { computed, inject, Injectable, signal } from '@angular/core';
import { CloneRequest, WorkspaceProcedure, WorkspaceProcedureSummary } from '@stadtdialog/shared/contract';
import { LoadStatus } from '../procedures/load-status';
import { NewProcedure, PlannerApi } from './planner-api';
import { attempt, PlannerResult } from './planner-http';
import { PlannerSession } from './planner-session';

/** The procedures the signed-in planner works on; admins also create and clone them here. */
@Injectable()
export class WorkspaceProceduresStore {
  private readonly api = inject(PlannerApi);
  private readonly session = inject(PlannerSession);
  private readonly state = signal<{ status: LoadStatus; procedures: WorkspaceProcedureSummary[] }>({
    status: 'idle',
    procedures: [],
  });

  readonly status = computed(() => this.state().status);
  readonly procedures = computed(() => this.state().procedures);
  readonly active = computed(() => this.procedures().filter((p) => !p.archived));
  readonly archived = computed(() => this.procedures().filter((p) => p.archived));

  async load(): Promise<void> {
    this.state.update((s) => ({ ...s, status: 'loading' }));
    const result = await attempt(this.api.procedures());
    if (result.ok) this.state.set({ status: 'loaded', procedures: result.value });
    else {
      this.session.ended(result.failure);
      this.state.update((s) => ({ ...s, status: 'error' }));
    }
  }

  create(procedure: NewProcedure): Promise<PlannerResult<WorkspaceProcedure>> {
    return this.added(attempt(this.api.createProcedure(procedure)));
  }

  /** A copy of `templateId` with its texts, area, map, settings, categories, rubrics and phases (moved to start at `startsAt`). */
  clone(templateId: string, clone: CloneRequest): Promise<PlannerResult<WorkspaceProcedure>> {
    return this.added(attempt(this.api.cloneProcedure(templateId, clone)));
  }

  private async added(request: Promise<PlannerResult<WorkspaceProcedure>>): Promise<PlannerResult<WorkspaceProcedure>> {
    const result = await request;
    if (result.ok) await this.load();
    else this.session.ended(result.failure);
    return result;
  }
}
