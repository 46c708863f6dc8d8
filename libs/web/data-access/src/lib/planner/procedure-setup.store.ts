import { computed, inject, Injectable, signal } from '@angular/core';
import { NewPhase, ProcedureRole, ProcedureUpdate, WorkspaceProcedure } from '@stadtdialog/shared/contract';
import { Observable } from 'rxjs';
import { LoadStatus } from '../procedures/load-status';
import { AppointmentInput, CategoryInput, PlannerApi, ProcedureMember, RubricInput } from './planner-api';
import { attempt, PlannerResult } from './planner-http';
import { PlannerSession } from './planner-session';

type Part = 'category' | 'rubric' | 'appointment';

/**
 * One procedure in the planner workspace: its setup as the API returns it, and every change to it.
 * Provide it on the procedure's workspace page; its sub-pages share it.
 */
@Injectable()
export class ProcedureSetupStore {
  private readonly api = inject(PlannerApi);
  private readonly session = inject(PlannerSession);
  private readonly state = signal<{ id: string | null; status: LoadStatus; procedure: WorkspaceProcedure | null }>({
    id: null,
    status: 'idle',
    procedure: null,
  });
  private readonly memberList = signal<ProcedureMember[] | null>(null);

  readonly id = computed(() => this.state().id);
  readonly status = computed(() => this.state().status);
  readonly procedure = computed(() => this.state().procedure);
  readonly members = this.memberList.asReadonly();
  /** the signed-in planner's role here; managers and admins set up, moderators moderate */
  readonly role = computed<ProcedureRole | 'admin' | null>(() => {
    const id = this.id();
    this.session.me();
    return id ? this.session.roleIn(id) : null;
  });
  readonly canManage = computed(() => this.role() === 'admin' || this.role() === 'manager');

  async load(id: string): Promise<void> {
    if (this.state().id !== id) this.state.set({ id, status: 'loading', procedure: null });
    else this.state.update((s) => ({ ...s, status: s.procedure ? s.status : 'loading' }));
    const result = await attempt(this.api.procedure(id));
    if (this.state().id !== id) return;
    if (result.ok) this.state.set({ id, status: 'loaded', procedure: result.value });
    else {
      this.session.ended(result.failure);
      this.state.update((s) => ({
        ...s,
        status: result.failure.status === 404 || result.failure.status === 403 ? 'not-found' : 'error',
      }));
    }
  }

  update(update: ProcedureUpdate): Promise<PlannerResult<WorkspaceProcedure>> {
    return this.replaceWith((id) => this.api.updateProcedure(id, update));
  }

  setArchived(archived: boolean): Promise<PlannerResult<WorkspaceProcedure>> {
    return this.replaceWith((id) => this.api.setArchived(id, archived));
  }

  replacePhases(phases: NewPhase[]): Promise<PlannerResult<WorkspaceProcedure>> {
    return this.replaceWith((id) => this.api.replacePhases(id, phases));
  }

  addCategory(category: CategoryInput): Promise<PlannerResult<unknown>> {
    return this.changePart((id) => this.api.addCategory(id, category));
  }

  updateCategory(categoryId: string, category: Partial<CategoryInput>): Promise<PlannerResult<unknown>> {
    return this.changePart((id) => this.api.updateCategory(id, categoryId, category));
  }

  deletePart(part: Part, partId: string): Promise<PlannerResult<unknown>> {
    return this.changePart((id) =>
      part === 'category'
        ? this.api.deleteCategory(id, partId)
        : part === 'rubric'
          ? this.api.deleteRubric(id, partId)
          : this.api.deleteAppointment(id, partId),
    );
  }

  addRubric(rubric: RubricInput): Promise<PlannerResult<unknown>> {
    return this.changePart((id) => this.api.addRubric(id, rubric));
  }

  updateRubric(rubricId: string, rubric: Partial<RubricInput>): Promise<PlannerResult<unknown>> {
    return this.changePart((id) => this.api.updateRubric(id, rubricId, rubric));
  }

  addAppointment(appointment: AppointmentInput): Promise<PlannerResult<unknown>> {
    return this.changePart((id) => this.api.addAppointment(id, appointment));
  }

  updateAppointment(appointmentId: string, appointment: Partial<AppointmentInput>): Promise<PlannerResult<unknown>> {
    return this.changePart((id) => this.api.updateAppointment(id, appointmentId, appointment));
  }

  /** Who works on this procedure (managers and admins may read it). */
  async loadMembers(): Promise<void> {
    const id = this.id();
    if (!id) return;
    const result = await attempt(this.api.members(id));
    this.memberList.set(result.ok ? result.value : null);
  }

  private async replaceWith(
    request: (id: string) => Observable<WorkspaceProcedure>,
  ): Promise<PlannerResult<WorkspaceProcedure>> {
    const id = this.id();
    if (!id) return { ok: false, failure: { status: 0, errors: [], retryAfter: null, detail: null } };
    const result = await attempt(request(id));
    if (result.ok && this.id() === id) this.state.set({ id, status: 'loaded', procedure: result.value });
    else if (!result.ok) this.session.ended(result.failure);
    return result;
  }

  /** A category, rubric or appointment changed: the procedure is read again, in the API's order. */
  private async changePart<T>(request: (id: string) => Observable<T>): Promise<PlannerResult<T>> {
    const id = this.id();
    if (!id) return { ok: false, failure: { status: 0, errors: [], retryAfter: null, detail: null } };
    const result = await attempt(request(id));
    if (result.ok) await this.load(id);
    else this.session.ended(result.failure);
    return result;
  }
}
