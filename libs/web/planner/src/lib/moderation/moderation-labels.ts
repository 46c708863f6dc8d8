import { ContributionStatus, ModerationKind, ModerationState } from '@stadtdialog/shared/contract';
import { MessageKey } from '@stadtdialog/web/data-access';

export const STATUS_LABELS: Record<ContributionStatus, MessageKey> = {
  pending: 'planner.status.pending',
  published: 'planner.status.published',
  rejected: 'planner.status.rejected',
  hidden: 'planner.status.hidden',
};

export const KIND_LABELS: Record<ModerationKind, MessageKey> = {
  contribution: 'planner.kind.contribution',
  comment: 'planner.kind.comment',
  'variant-comment': 'planner.kind.variantComment',
};

export const QUEUE_STATE_LABELS: Record<ModerationState, MessageKey> = {
  open: 'planner.queue.state.open',
  pending: 'planner.queue.state.pending',
  flagged: 'planner.queue.state.flagged',
  published: 'planner.queue.state.published',
  rejected: 'planner.queue.state.rejected',
  hidden: 'planner.queue.state.hidden',
  all: 'planner.queue.state.all',
};
