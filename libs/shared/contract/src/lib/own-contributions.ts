import { ContributionGeometry } from './geojson';
import { ContributionStatus } from './contribution';
import { NotificationState } from './site';
import type { CategoryTranslations, ProcedureTranslations, RubricTranslations } from './procedure';

/**
 * "Meine Beiträge": what one participant wrote, found by the participant token alone, every status
 * included, with what the moderators did to it. Nothing in it comes from other participants.
 */
export interface OwnContribution {
  id: string;
  procedure: { slug: string; title: string; translations: ProcedureTranslations };
  title: string;
  text: string;
  category: string;
  rubric: string;
  /** the English names planners gave (the web shows them in its English UI) */
  categoryTranslations: CategoryTranslations;
  rubricTranslations: RubricTranslations;
  geometry: ContributionGeometry | null;
  status: ContributionStatus;
  /** the moderators' reason for their last decision (a rejection always has one), else null */
  moderationReason: string | null;
  /** set when a moderator edited it: what the participant had written, and why it was changed */
  edit: {
    original: { title: string; text: string; category: string | null; rubric: string | null; geometry: ContributionGeometry | null };
    reason: string | null;
  } | null;
  /** e-mail about it: asked for and waiting for confirmation, or confirmed; null: none (the address is never shown) */
  notification: NotificationState | null;
  /** published comments on it; null where the procedure hides them */
  commentCount: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface OwnComment {
  id: string;
  procedure: { slug: string; title: string; translations: ProcedureTranslations };
  contributionId: string;
  /** the title of the contribution it belongs to, while that is public (or the participant's own) */
  contributionTitle: string | null;
  /** a reply answers another comment */
  reply: boolean;
  text: string;
  status: ContributionStatus;
  moderationReason: string | null;
  createdAt: string;
}

export interface OwnContributions {
  contributions: OwnContribution[];
  comments: OwnComment[];
}
