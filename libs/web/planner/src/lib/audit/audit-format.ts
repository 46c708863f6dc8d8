import { AuditEntry } from '@stadtdialog/shared/contract';
import { MessageKey } from '@stadtdialog/web/data-access';

/** The known audit actions in words; others are shown as the API names them. */
export const AUDIT_ACTIONS: Record<string, MessageKey> = {
  'procedure.create': 'planner.audit.action.procedure.create',
  'procedure.clone': 'planner.audit.action.procedure.clone',
  'procedure.update': 'planner.audit.action.procedure.update',
  'procedure.archive': 'planner.audit.action.procedure.archive',
  'procedure.restore': 'planner.audit.action.procedure.restore',
  'procedure.phases': 'planner.audit.action.procedure.phases',
  'category.create': 'planner.audit.action.category.create',
  'category.update': 'planner.audit.action.category.update',
  'category.delete': 'planner.audit.action.category.delete',
  'rubric.create': 'planner.audit.action.rubric.create',
  'rubric.update': 'planner.audit.action.rubric.update',
  'rubric.delete': 'planner.audit.action.rubric.delete',
  'appointment.create': 'planner.audit.action.appointment.create',
  'appointment.update': 'planner.audit.action.appointment.update',
  'appointment.delete': 'planner.audit.action.appointment.delete',
  'membership.set': 'planner.audit.action.membership.set',
  'membership.delete': 'planner.audit.action.membership.delete',
  'contribution.approve': 'planner.audit.action.contribution.approve',
  'contribution.reject': 'planner.audit.action.contribution.reject',
  'contribution.hide': 'planner.audit.action.contribution.hide',
  'contribution.unhide': 'planner.audit.action.contribution.unhide',
  'contribution.edit': 'planner.audit.action.contribution.edit',
  'comment.approve': 'planner.audit.action.comment.approve',
  'comment.reject': 'planner.audit.action.comment.reject',
  'comment.hide': 'planner.audit.action.comment.hide',
  'comment.unhide': 'planner.audit.action.comment.unhide',
  'comment.official-response': 'planner.audit.action.comment.official-response',
  'planner.create': 'planner.audit.action.planner.create',
  'planner.update': 'planner.audit.action.planner.update',
  'planner.disable': 'planner.audit.action.planner.disable',
  'planner.enable': 'planner.audit.action.planner.enable',
  'planner.reset-password': 'planner.audit.action.planner.reset-password',
  'planner.admin-reset': 'planner.audit.action.planner.admin-reset',
  'planner.change-password': 'planner.audit.action.planner.change-password',
};

export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

const MAX_VALUE = 240;

function show(value: unknown): string | null {
  if (value === undefined) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)} …` : text;
}

function fields(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

/** What an entry changed, field by field; fields equal before and after are left out. */
export function auditChanges(entry: Pick<AuditEntry, 'before' | 'after'>): AuditChange[] {
  const before = fields(entry.before);
  const after = fields(entry.after);
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return names
    .map((field) => ({ field, before: show(before[field]), after: show(after[field]) }))
    .filter((change) => change.before !== change.after);
}
