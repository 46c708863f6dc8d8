import { inject, Injectable } from '@angular/core';
import {
  AppointmentTranslations,
  AuditPage,
  CategoryTranslations,
  RubricTranslations,
  BulkModeration,
  CloneRequest,
  Comment,
  ContributionEdit,
  ContributionGeometry,
  ContributionSource,
  Me,
  ModerationAction,
  ModerationItem,
  ModerationKind,
  ModerationPage,
  ModerationState,
  NewPhase,
  PlannerAccount,
  PlannerWithPassword,
  Point,
  ProcedureRole,
  ProcedureUpdate,
  NewWorkshop,
  Workshop,
  WorkshopChange,
  WorkshopList,
  WorkshopWithLink,
  WorkspaceProcedure,
  WorkspaceProcedureSummary,
} from '@stadtdialog/shared/contract';
import { Observable } from 'rxjs';
import { API_BASE } from '../procedures/procedure-api';
import { PlannerHttp } from './planner-http';

export interface NewPlanner {
  email: string;
  displayName: string;
  /** left out: the server generates one and shows it once */
  password?: string;
  isAdmin?: boolean;
}

export interface NewProcedure {
  slug: string;
  title: string;
  summary?: string;
  description?: string;
}

export interface CategoryInput {
  name: string;
  colour: string;
  icon?: string;
  position?: number;
  translations?: CategoryTranslations;
}

export interface RubricInput {
  kind: string;
  name: string;
  position?: number;
  translations?: RubricTranslations;
}

export interface AppointmentInput {
  title: string;
  description?: string;
  startsAt: string;
  endsAt?: string | null;
  place?: string;
  location?: Point | null;
  translations?: AppointmentTranslations;
}

/** A member of a procedure, as GET …/memberships lists them. */
export interface ProcedureMember {
  plannerId: string;
  email: string;
  displayName: string;
  role: ProcedureRole;
  disabled: boolean;
}

export interface QueueQuery {
  state?: ModerationState;
  kind?: ModerationKind;
  category?: string;
  source?: ContributionSource;
  workshop?: string;
  /** full-text search of contributions' title and text (German), as the public list's `q` */
  q?: string;
  limit?: number;
  cursor?: string;
}

/** One contribution as moderators see it: any status, the participant's original, reports and comments. */
export interface ModeratedContribution extends ModerationItem {
  /** what the participant wrote, kept from the first moderator edit on */
  original: {
    title: string;
    text: string;
    categoryId: string;
    rubricId: string;
    geometry: ContributionGeometry | null;
  } | null;
  reports: { reason: string; createdAt: string; resolvedAt: string | null }[];
  comments: {
    id: string;
    parentId: string | null;
    text: string;
    status: ModerationItem['status'];
    official: boolean;
    flaggedAt: string | null;
    createdAt: string;
  }[];
}

const id = encodeURIComponent;

/** The planner endpoints of the API: sign-in, accounts, procedure setup, moderation and audit. */
@Injectable({ providedIn: 'root' })
export class PlannerApi {
  private readonly http = inject(PlannerHttp);

  // Sign-in

  signIn(email: string, password: string): Observable<Me> {
    return this.http.post<Me>('/auth/sign-in', { email, password }, { idempotent: false });
  }

  signOut(): Observable<void> {
    return this.http.post<void>('/auth/sign-out', {}, { idempotent: false });
  }

  me(): Observable<Me> {
    return this.http.get<Me>('/auth/me');
  }

  // Planner accounts (admins)

  planners(): Observable<PlannerAccount[]> {
    return this.http.get<PlannerAccount[]>('/planners');
  }

  createPlanner(planner: NewPlanner): Observable<PlannerWithPassword> {
    return this.http.post<PlannerWithPassword>('/planners', planner, { idempotent: false });
  }

  updatePlanner(plannerId: string, patch: Partial<Pick<PlannerAccount, 'email' | 'displayName' | 'isAdmin'>>): Observable<PlannerAccount> {
    return this.http.patch<PlannerAccount>(`/planners/${id(plannerId)}`, patch);
  }

  setPlannerDisabled(plannerId: string, disabled: boolean): Observable<PlannerAccount> {
    return this.http.post<PlannerAccount>(`/planners/${id(plannerId)}/${disabled ? 'disable' : 'enable'}`);
  }

  /** Without a password the server generates one and shows it once. */
  resetPassword(plannerId: string, password?: string): Observable<PlannerWithPassword> {
    return this.http.post<PlannerWithPassword>(
      `/planners/${id(plannerId)}/reset-password`,
      password ? { password } : {},
      { idempotent: false },
    );
  }

  accountsAudit(before?: string): Observable<AuditPage> {
    return this.http.get<AuditPage>('/planners/audit', { before });
  }

  // Procedures

  procedures(): Observable<WorkspaceProcedureSummary[]> {
    return this.http.get<WorkspaceProcedureSummary[]>('/workspace/procedures');
  }

  createProcedure(procedure: NewProcedure): Observable<WorkspaceProcedure> {
    return this.http.post<WorkspaceProcedure>('/workspace/procedures', procedure);
  }

  cloneProcedure(templateId: string, clone: CloneRequest): Observable<WorkspaceProcedure> {
    return this.http.post<WorkspaceProcedure>(`/procedures/${id(templateId)}/setup/clone`, clone);
  }

  procedure(procedureId: string): Observable<WorkspaceProcedure> {
    return this.http.get<WorkspaceProcedure>(`/procedures/${id(procedureId)}/setup`);
  }

  updateProcedure(procedureId: string, update: ProcedureUpdate): Observable<WorkspaceProcedure> {
    return this.http.patch<WorkspaceProcedure>(`/procedures/${id(procedureId)}/setup`, update);
  }

  setArchived(procedureId: string, archived: boolean): Observable<WorkspaceProcedure> {
    return this.http.post<WorkspaceProcedure>(`/procedures/${id(procedureId)}/setup/${archived ? 'archive' : 'restore'}`);
  }

  replacePhases(procedureId: string, phases: NewPhase[]): Observable<WorkspaceProcedure> {
    return this.http.put<WorkspaceProcedure>(`/procedures/${id(procedureId)}/setup/phases`, { phases });
  }

  addCategory(procedureId: string, category: CategoryInput): Observable<unknown> {
    return this.http.post(`/procedures/${id(procedureId)}/setup/categories`, category);
  }

  updateCategory(procedureId: string, categoryId: string, category: Partial<CategoryInput>): Observable<unknown> {
    return this.http.patch(`/procedures/${id(procedureId)}/setup/categories/${id(categoryId)}`, category);
  }

  deleteCategory(procedureId: string, categoryId: string): Observable<void> {
    return this.http.delete(`/procedures/${id(procedureId)}/setup/categories/${id(categoryId)}`);
  }

  addRubric(procedureId: string, rubric: RubricInput): Observable<unknown> {
    return this.http.post(`/procedures/${id(procedureId)}/setup/rubrics`, rubric);
  }

  updateRubric(procedureId: string, rubricId: string, rubric: Partial<RubricInput>): Observable<unknown> {
    return this.http.patch(`/procedures/${id(procedureId)}/setup/rubrics/${id(rubricId)}`, rubric);
  }

  deleteRubric(procedureId: string, rubricId: string): Observable<void> {
    return this.http.delete(`/procedures/${id(procedureId)}/setup/rubrics/${id(rubricId)}`);
  }

  addAppointment(procedureId: string, appointment: AppointmentInput): Observable<unknown> {
    return this.http.post(`/procedures/${id(procedureId)}/setup/appointments`, appointment);
  }

  updateAppointment(procedureId: string, appointmentId: string, appointment: Partial<AppointmentInput>): Observable<unknown> {
    return this.http.patch(`/procedures/${id(procedureId)}/setup/appointments/${id(appointmentId)}`, appointment);
  }

  deleteAppointment(procedureId: string, appointmentId: string): Observable<void> {
    return this.http.delete(`/procedures/${id(procedureId)}/setup/appointments/${id(appointmentId)}`);
  }

  members(procedureId: string): Observable<ProcedureMember[]> {
    return this.http.get<ProcedureMember[]>(`/procedures/${id(procedureId)}/memberships`);
  }

  setMembership(procedureId: string, plannerId: string, role: ProcedureRole): Observable<unknown> {
    return this.http.put(`/procedures/${id(procedureId)}/memberships/${id(plannerId)}`, { role });
  }

  removeMembership(procedureId: string, plannerId: string): Observable<void> {
    return this.http.delete(`/procedures/${id(procedureId)}/memberships/${id(plannerId)}`);
  }

  // Moderation

  queue(procedureId: string, query: QueueQuery): Observable<ModerationPage> {
    return this.http.get<ModerationPage>(`/procedures/${id(procedureId)}/moderation/queue`, { ...query });
  }

  decide(procedureId: string, kind: ModerationKind, itemId: string, action: ModerationAction, reason?: string): Observable<ModerationItem> {
    const kinds = { contribution: 'contributions', comment: 'comments', 'variant-comment': 'variant-comments' }[kind];
    return this.http.post<ModerationItem>(
      `/procedures/${id(procedureId)}/moderation/${kinds}/${id(itemId)}/${action}`,
      reason ? { reason } : {},
    );
  }

  bulk(procedureId: string, bulk: BulkModeration): Observable<{ items: ModerationItem[] }> {
    return this.http.post<{ items: ModerationItem[] }>(`/procedures/${id(procedureId)}/moderation/bulk`, bulk);
  }

  moderatedContribution(procedureId: string, contributionId: string): Observable<ModeratedContribution> {
    return this.http.get<ModeratedContribution>(`/procedures/${id(procedureId)}/moderation/contributions/${id(contributionId)}`);
  }

  editContribution(procedureId: string, contributionId: string, edit: ContributionEdit): Observable<ModerationItem> {
    return this.http.patch<ModerationItem>(`/procedures/${id(procedureId)}/moderation/contributions/${id(contributionId)}`, edit);
  }

  respond(procedureId: string, contributionId: string, text: string, parentId?: string | null): Observable<Comment> {
    return this.http.post<Comment>(
      `/procedures/${id(procedureId)}/moderation/contributions/${id(contributionId)}/responses`,
      parentId ? { text, parentId } : { text },
    );
  }

  // Workshops (managers)

  workshops(procedureId: string): Observable<WorkshopList> {
    return this.http.get<WorkshopList>(`/procedures/${id(procedureId)}/workshops`);
  }

  openWorkshop(procedureId: string, workshop: NewWorkshop): Observable<WorkshopWithLink> {
    return this.http.post<WorkshopWithLink>(`/procedures/${id(procedureId)}/workshops`, workshop);
  }

  updateWorkshop(procedureId: string, workshopId: string, change: WorkshopChange): Observable<Workshop> {
    return this.http.patch<Workshop>(`/procedures/${id(procedureId)}/workshops/${id(workshopId)}`, change);
  }

  revokeWorkshop(procedureId: string, workshopId: string): Observable<Workshop> {
    return this.http.post<Workshop>(`/procedures/${id(procedureId)}/workshops/${id(workshopId)}/revoke`);
  }

  /** A new secret; the old link stops working. */
  newWorkshopLink(procedureId: string, workshopId: string): Observable<WorkshopWithLink> {
    return this.http.post<WorkshopWithLink>(`/procedures/${id(procedureId)}/workshops/${id(workshopId)}/link`);
  }

  // Audit log

  procedureAudit(procedureId: string, before?: string): Observable<AuditPage> {
    return this.http.get<AuditPage>(`/procedures/${id(procedureId)}/audit`, { before });
  }

  contributionAudit(procedureId: string, contributionId: string, before?: string): Observable<AuditPage> {
    return this.http.get<AuditPage>(`/procedures/${id(procedureId)}/moderation/contributions/${id(contributionId)}/audit`, {
      before,
    });
  }

  /** URL of the Server-Sent Events stream of a procedure's moderation queue (same origin, cookie-authenticated). */
  moderationEventsUrl(procedureId: string): string {
    return `${API_BASE}/procedures/${id(procedureId)}/moderation/events`;
  }
}
