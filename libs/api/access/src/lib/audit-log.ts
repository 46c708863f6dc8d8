import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditEntry, AuditPage } from '@stadtdialog/shared/contract';
import { LIMITS } from '@stadtdialog/shared/contract';

export interface NewAuditEntry {
  /** null for the command line and the first-start admin */
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  procedureId: string | null;
  before?: unknown;
  after?: unknown;
}

const ENTRY_JSON = `json_build_object(
  'id', a.id::text, 'at', to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'actor', CASE WHEN a.actor_id IS NULL THEN NULL ELSE json_build_object('id', a.actor_id, 'displayName', p.display_name) END,
  'action', a.action, 'entityType', a.entity_type, 'entityId', a.entity_id, 'procedureId', a.procedure_id,
  'before', a.before, 'after', a.after)`;

/**
 * The audit log of planner actions. `record` takes the manager of the action's own transaction, so
 * an action and its entry are stored together or not at all. The table refuses UPDATE and DELETE.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: NewAuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, action, entity_type, entity_id, procedure_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.actorId, entry.action, entry.entityType, entry.entityId, entry.procedureId,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
      ],
    );
  }

  /**
   * Newest first, keyset by id. `contributionId` narrows to one contribution and its comments.
   */
  async list(filter: { procedureId: string | null; contributionId?: string; before?: string; limit?: number }): Promise<AuditPage> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), LIMITS.maxPageSize);
    const rows: { entry: AuditEntry }[] = await this.dataSource.query(
      `SELECT ${ENTRY_JSON} AS entry
       FROM audit_log a LEFT JOIN planners p ON p.id = a.actor_id
       WHERE ($1::uuid IS NULL OR a.procedure_id = $1)
         AND ($2::uuid IS NULL OR a.entity_id = $2 OR (a.entity_type = 'comment' AND a.after->>'contributionId' = $2::text))
         AND ($3::bigint IS NULL OR a.id < $3)
       ORDER BY a.id DESC
       LIMIT $4`,
      [filter.procedureId, filter.contributionId ?? null, filter.before ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map((r) => r.entry);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }
}
