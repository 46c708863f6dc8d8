import type { VariantComment } from './variant';
import { ContributionGeometry, MultiPolygon, Polygon } from './geojson';
import { ContributionSource, ContributionStatus } from './contribution';
import type { Contribution, ContributionFeature, Comment } from './contribution';
import {
  Appointment,
  Category,
  MapConfiguration,
  Phase,
  PhaseKind,
  PhaseState,
  PhaseTranslations,
  ProcedureSettings,
  ProcedureTranslations,
  Rubric,
} from './procedure';

/** Roles per procedure; admins may do everything everywhere. */
export const PROCEDURE_ROLES = ['manager', 'moderator'] as const;
export type ProcedureRole = (typeof PROCEDURE_ROLES)[number];

/** Cookie-authenticated unsafe requests carry the session's CSRF token in this header. */
export const CSRF_TOKEN_HEADER = 'X-CSRF-Token';

export interface SignInRequest {
  email: string;
  password: string;
}

export interface ProcedureMembership {
  procedureId: string;
  slug: string;
  title: string;
  role: ProcedureRole;
}

/** GET /api/v1/auth/me and the answer to a sign-in. */
export interface Me {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  /** echo it in X-CSRF-Token on POST, PUT, PATCH and DELETE (it is also in the readable sd_csrf cookie) */
  csrfToken: string;
  memberships: ProcedureMembership[];
}

export interface PlannerAccount {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  disabled: boolean;
  createdAt: string;
  memberships: ProcedureMembership[];
}

/** Answer to creating a planner or resetting a password: a generated password is shown once. */
export interface PlannerWithPassword extends PlannerAccount {
  /** only when the server generated it; never stored, never shown again */
  generatedPassword?: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  procedureId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  items: AuditEntry[];
  /** pass as ?before= for the next (older) page */
  nextCursor: string | null;
}

/** A procedure as planners see it: internal and archived ones included. */
export interface WorkspaceProcedureSummary {
  id: string;
  slug: string;
  title: string;
  internal: boolean;
  archived: boolean;
  state: PhaseState;
  /** the caller's role; 'admin' for admins */
  role: ProcedureRole | 'admin';
  pending: number;
  flagged: number;
}

export interface WorkspaceProcedure {
  id: string;
  slug: string;
  title: string;
  summary: string;
  description: string;
  translations: ProcedureTranslations;
  internal: boolean;
  archivedAt: string | null;
  planningArea: MultiPolygon | null;
  map: MapConfiguration;
  settings: ProcedureSettings;
  phases: Phase[];
  categories: (Category & { position: number })[];
  rubrics: (Rubric & { position: number })[];
  appointments: Appointment[];
  state: PhaseState;
  createdAt: string;
  updatedAt: string;
}

export interface NewPhase {
  kind: PhaseKind;
  title?: string;
  startsAt: string;
  endsAt: string;
  translations?: PhaseTranslations;
}

export interface ProcedureUpdate {
  slug?: string;
  title?: string;
  summary?: string;
  description?: string;
  internal?: boolean;
  planningArea?: Polygon | MultiPolygon | null;
  map?: MapConfiguration;
  settings?: Partial<ProcedureSettings>;
  translations?: ProcedureTranslations;
}

export interface CloneRequest {
  slug: string;
  title: string;
  /** the first phase of the clone starts here; the others keep their distance to it */
  startsAt: string;
}

export const MODERATION_STATES = ['open', 'pending', 'flagged', 'published', 'rejected', 'hidden', 'all'] as const;
/** open = pending or flagged: what still waits for a moderator */
export type ModerationState = (typeof MODERATION_STATES)[number];

/** `variant-comment`: a resident's comment on a planning variant */
export const MODERATION_KINDS = ['contribution', 'comment', 'variant-comment'] as const;
export type ModerationKind = (typeof MODERATION_KINDS)[number];

export interface ModerationItem {
  kind: ModerationKind;
  id: string;
  /** null for comments on variants */
  contributionId: string | null;
  /** the variant a variant comment is on, else null */
  variantId: string | null;
  /** the contribution's title; for comments the title of the contribution (or variant) they answer */
  title: string;
  text: string;
  status: ContributionStatus;
  flaggedAt: string | null;
  openReports: { reason: string; createdAt: string }[];
  /** null for comments on variants */
  categoryId: string | null;
  rubricId: string | null;
  geometry: ContributionGeometry | null;
  official: boolean;
  edited: boolean;
  moderationReason: string | null;
  /** the source of the contribution (for comments: of the contribution they answer) */
  source: ContributionSource;
  /** the workshop of that contribution, else null */
  workshopId: string | null;
  createdAt: string;
}

export interface ModerationPage {
  items: ModerationItem[];
  nextCursor: string | null;
}

export const MODERATION_ACTIONS = ['approve', 'reject', 'hide', 'unhide'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export interface BulkModeration {
  action: Exclude<ModerationAction, 'unhide'>;
  reason?: string;
  items: { kind: ModerationKind; id: string }[];
}

export interface ContributionEdit {
  title?: string;
  text?: string;
  categoryId?: string;
  rubricId?: string;
  geometry?: ContributionGeometry | null;
  /** why it was edited; kept in the audit log */
  reason?: string;
}

/** Events of GET /api/v1/procedures/:slug/events (public, Server-Sent Events). */
export interface PublicContributionEvent {
  contribution: Contribution;
  /** null when it has no location */
  feature: ContributionFeature | null;
}
export interface PublicRemovedEvent {
  id: string;
  contributionId: string;
}
export type PublicCommentEvent = Comment;
/** `variant`: a published variant changed (its counters as the procedure shows them, null where hidden) */
export interface PublicVariantEvent {
  id: string;
  title: string;
  position: number;
  ratingsUp: number | null;
  ratingsDown: number | null;
  commentCount: number | null;
  updatedAt: string;
}
/** `variant-comment`: a comment on a variant was published (or changed) */
export type PublicVariantCommentEvent = Omit<VariantComment, 'status'>;
/** `variant-removed` (`id` = `variantId`) and `variant-comment-removed`: no longer public */
export interface PublicVariantRemovedEvent {
  id: string;
  variantId: string;
}

/** Events of GET /api/v1/procedures/:id/moderation/events (event name "queue"). */
export interface ModerationQueueEvent {
  kind: ModerationKind;
  id: string;
  /** null for comments on variants */
  contributionId: string | null;
  variantId?: string | null;
  status: ContributionStatus;
  flagged: boolean;
}
