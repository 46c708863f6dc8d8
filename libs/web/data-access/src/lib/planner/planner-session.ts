import { computed, inject, Injectable, signal } from '@angular/core';
import { Me, ProcedureRole } from '@stadtdialog/shared/contract';
import { PlannerApi } from './planner-api';
import { attempt, PlannerFailure, PlannerHttp, PlannerResult } from './planner-http';

export type SessionStatus = 'unknown' | 'checking' | 'signed-in' | 'signed-out';

/**
 * Who is signed in to the planner workspace. The session itself is an httpOnly cookie the web app
 * cannot read; this store learns about it from GET /auth/me and from sign-in and sign-out.
 */
@Injectable({ providedIn: 'root' })
export class PlannerSession {
  private readonly api = inject(PlannerApi);
  private readonly http = inject(PlannerHttp);
  private readonly state = signal<{ status: SessionStatus; me: Me | null }>({ status: 'unknown', me: null });
  private checking: Promise<boolean> | null = null;

  readonly status = computed(() => this.state().status);
  readonly me = computed(() => this.state().me);
  readonly signedIn = computed(() => this.state().status === 'signed-in');
  readonly isAdmin = computed(() => this.state().me?.isAdmin ?? false);

  /** Whether someone is signed in; asks the API once and then answers from memory. */
  ensure(): Promise<boolean> {
    const { status } = this.state();
    if (status === 'signed-in') return Promise.resolve(true);
    if (status === 'signed-out') return Promise.resolve(false);
    return this.refresh();
  }

  /** Asks the API again, e.g. after memberships changed. */
  refresh(): Promise<boolean> {
    this.checking ??= (async () => {
      if (this.state().status === 'unknown') this.state.set({ status: 'checking', me: null });
      const result = await attempt(this.api.me());
      if (result.ok) this.accept(result.value);
      else if (result.failure.status === 401) this.forget();
      else if (this.state().status === 'checking') this.state.set({ status: 'unknown', me: null });
      this.checking = null;
      return result.ok;
    })();
    return this.checking;
  }

  async signIn(email: string, password: string): Promise<PlannerResult<Me>> {
    const result = await attempt(this.api.signIn(email, password));
    if (result.ok) this.accept(result.value);
    return result;
  }

  async signOut(): Promise<PlannerResult<void>> {
    const result = await attempt(this.api.signOut());
    // Signed out either way: an expired session (401) has ended already.
    if (result.ok || result.failure.status === 401) this.forget();
    return result;
  }

  /** A request answered 401: the session ended (idle timeout, disabled, password reset). */
  ended(failure: PlannerFailure): boolean {
    if (failure.status !== 401) return false;
    this.forget();
    return true;
  }

  /** The signed-in planner's role in a procedure: 'admin' for admins, null without membership. */
  roleIn(procedureId: string): ProcedureRole | 'admin' | null {
    const me = this.me();
    if (!me) return null;
    if (me.isAdmin) return 'admin';
    return me.memberships.find((m) => m.procedureId === procedureId)?.role ?? null;
  }

  private accept(me: Me): void {
    this.http.rememberCsrfToken(me.csrfToken);
    this.state.set({ status: 'signed-in', me });
  }

  private forget(): void {
    this.http.rememberCsrfToken(null);
    this.state.set({ status: 'signed-out', me: null });
  }
}
