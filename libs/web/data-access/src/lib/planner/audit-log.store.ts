import { computed, inject, Injectable, signal } from '@angular/core';
import { AuditEntry, AuditPage } from '@stadtdialog/shared/contract';
import { Observable } from 'rxjs';
import { LoadStatus } from '../procedures/load-status';
import { PlannerApi } from './planner-api';
import { attempt } from './planner-http';
import { PlannerSession } from './planner-session';

/** Whose audit log: one procedure, one contribution of it (with its comments), or the accounts. */
export type AuditSubject =
  | { procedureId: string; contributionId?: string }
  | { accounts: true };

/** An audit log, newest first, read page by page towards older entries. */
@Injectable()
export class AuditLogStore {
  private readonly api = inject(PlannerApi);
  private readonly session = inject(PlannerSession);
  private subject: AuditSubject | null = null;
  private readonly state = signal<{ status: LoadStatus; entries: AuditEntry[]; nextCursor: string | null; loadingMore: boolean }>({
    status: 'idle',
    entries: [],
    nextCursor: null,
    loadingMore: false,
  });

  readonly status = computed(() => this.state().status);
  readonly entries = computed(() => this.state().entries);
  readonly hasMore = computed(() => this.state().nextCursor !== null);
  readonly loadingMore = computed(() => this.state().loadingMore);

  /** Reads the newest page again (also after an action that wrote an entry). */
  async load(subject: AuditSubject): Promise<void> {
    this.subject = subject;
    this.state.update((s) => ({ ...s, status: s.entries.length ? s.status : 'loading' }));
    const result = await attempt(this.page(subject));
    if (this.subject !== subject) return;
    if (result.ok) this.state.set({ status: 'loaded', entries: result.value.items, nextCursor: result.value.nextCursor, loadingMore: false });
    else {
      this.session.ended(result.failure);
      this.state.update((s) => ({ ...s, status: result.failure.status === 404 ? 'not-found' : 'error' }));
    }
  }

  async loadMore(): Promise<void> {
    const subject = this.subject;
    const cursor = this.state().nextCursor;
    if (!subject || !cursor || this.state().loadingMore) return;
    this.state.update((s) => ({ ...s, loadingMore: true }));
    const result = await attempt(this.page(subject, cursor));
    if (this.subject !== subject) return;
    this.state.update((s) =>
      result.ok
        ? { ...s, entries: [...s.entries, ...result.value.items], nextCursor: result.value.nextCursor, loadingMore: false }
        : { ...s, loadingMore: false },
    );
  }

  private page(subject: AuditSubject, before?: string): Observable<AuditPage> {
    if ('accounts' in subject) return this.api.accountsAudit(before);
    return subject.contributionId
      ? this.api.contributionAudit(subject.procedureId, subject.contributionId, before)
      : this.api.procedureAudit(subject.procedureId, before);
  }
}
