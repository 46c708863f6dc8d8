import { computed, inject, Injectable, signal } from '@angular/core';
import { Comment, ContributionEdit, ModerationAction, ModerationItem, ModerationKind } from '@stadtdialog/shared/contract';
import { Observable } from 'rxjs';
import { LoadStatus } from '../procedures/load-status';
import { ModeratedContribution, PlannerApi } from './planner-api';
import { attempt, PlannerResult } from './planner-http';
import { PlannerSession } from './planner-session';

/** One contribution on the moderator's desk: decide, edit (the original is kept), answer officially. */
@Injectable()
export class ModeratedContributionStore {
  private readonly api = inject(PlannerApi);
  private readonly session = inject(PlannerSession);
  private readonly state = signal<{ procedureId: string | null; id: string | null; status: LoadStatus; contribution: ModeratedContribution | null }>({
    procedureId: null,
    id: null,
    status: 'idle',
    contribution: null,
  });

  readonly status = computed(() => this.state().status);
  readonly contribution = computed(() => this.state().contribution);

  async load(procedureId: string, id: string): Promise<void> {
    const same = this.state().procedureId === procedureId && this.state().id === id;
    this.state.set({ procedureId, id, status: same && this.contribution() ? 'loaded' : 'loading', contribution: same ? this.contribution() : null });
    const result = await attempt(this.api.moderatedContribution(procedureId, id));
    if (this.state().id !== id) return;
    if (result.ok) this.state.update((s) => ({ ...s, status: 'loaded', contribution: result.value }));
    else {
      this.session.ended(result.failure);
      this.state.update((s) => ({ ...s, status: result.failure.status === 404 || result.failure.status === 403 ? 'not-found' : 'error' }));
    }
  }

  /** A decision on the contribution itself or on one of its comments. */
  decide(action: ModerationAction, reason?: string, target?: { kind: ModerationKind; id: string }): Promise<PlannerResult<ModerationItem>> {
    return this.write((procedureId, id) => this.api.decide(procedureId, target?.kind ?? 'contribution', target?.id ?? id, action, reason));
  }

  edit(edit: ContributionEdit): Promise<PlannerResult<ModerationItem>> {
    return this.write((procedureId, id) => this.api.editContribution(procedureId, id, edit));
  }

  respond(text: string, parentId?: string | null): Promise<PlannerResult<Comment>> {
    return this.write((procedureId, id) => this.api.respond(procedureId, id, text, parentId));
  }

  private async write<T>(request: (procedureId: string, id: string) => Observable<T>): Promise<PlannerResult<T>> {
    const { procedureId, id } = this.state();
    if (!procedureId || !id) return { ok: false, failure: { status: 0, errors: [], retryAfter: null, detail: null } };
    const result = await attempt(request(procedureId, id));
    if (result.ok) await this.load(procedureId, id);
    else this.session.ended(result.failure);
    return result;
  }
}
