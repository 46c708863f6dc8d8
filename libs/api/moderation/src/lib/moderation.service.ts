import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, PlannerWriteRequest, SignedInPlanner, plannerWrite } from '@stadtdialog/api/access';
import type { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG } from '@stadtdialog/api/db';
import { FieldError, ProblemException, validationProblem } from '@stadtdialog/api/http';
import { PlaceBounds, checkGeometryShape, isBlank, placeBounds, placeError } from '@stadtdialog/api/participation';
import {
  Comment,
  ContributionStatus,
  DEFAULT_PROCEDURE_SETTINGS,
  LIMITS,
  ModerationAction,
  ModerationItem,
  ModerationKind,
  ModerationPage,
  ProcedureSettings,
} from '@stadtdialog/shared/contract';
import { BulkModerationDto, EditContributionDto, OfficialResponseDto, QueueQueryDto } from './dto/moderation.dto';

export interface WriteContext {
  actor: SignedInPlanner;
  request: PlannerWriteRequest;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Contributions, their comments and comments on variants of one procedure as one list, for the queue and for single items. */
const ITEMS = `
  SELECT 'contribution'::text AS kind, c.id, c.id AS contribution_id, NULL::uuid AS variant_id, c.title, c.body AS text, c.status,
         c.flagged_at, c.category_id, c.rubric_id, c.geom, false AS official, c.original IS NOT NULL AS edited, c.moderation_reason,
         c.source, c.workshop_id, c.created_at, c.search
  FROM contributions c WHERE c.procedure_id = $1
  UNION ALL
  SELECT 'comment', m.id, m.contribution_id, NULL, c.title, m.body, m.status, m.flagged_at, c.category_id, c.rubric_id, NULL,
         m.official, false, m.moderation_reason, c.source, c.workshop_id, m.created_at, NULL::tsvector
  FROM comments m JOIN contributions c ON c.id = m.contribution_id WHERE c.procedure_id = $1
  UNION ALL
  SELECT 'variant-comment', m.id, NULL, m.variant_id, v.title, m.body, m.status, m.flagged_at, NULL, NULL, NULL,
         false, false, m.moderation_reason, 'online', NULL, m.created_at, NULL::tsvector
  FROM variant_comments m JOIN variants v ON v.id = m.variant_id WHERE v.procedure_id = $1`;

/** The column of `reports` that names an item of each kind. */
const REPORT_COLUMN: Record<ModerationKind, string> = {
  contribution: 'contribution_id',
  comment: 'comment_id',
  'variant-comment': 'variant_comment_id',
};

const ITEM_JSON = `json_build_object(
  'kind', i.kind, 'id', i.id, 'contributionId', i.contribution_id, 'variantId', i.variant_id, 'title', i.title, 'text', i.text, 'status', i.status,
  'flaggedAt', ${ISO('i.flagged_at')},
  'openReports', coalesce((SELECT json_agg(json_build_object('reason', r.reason, 'createdAt', ${ISO('r.created_at')})
                            ORDER BY r.created_at DESC)
                          FROM reports r WHERE r.resolved_at IS NULL
                            AND CASE i.kind WHEN 'contribution' THEN r.contribution_id = i.id WHEN 'comment' THEN r.comment_id = i.id
                                            ELSE r.variant_comment_id = i.id END), '[]'::json),
  'categoryId', i.category_id, 'rubricId', i.rubric_id, 'geometry', ST_AsGeoJSON(i.geom, 7)::json,
  'official', i.official, 'edited', i.edited, 'moderationReason', i.moderation_reason,
  'source', i.source, 'workshopId', i.workshop_id, 'createdAt', ${ISO('i.created_at')})`;

const STATE_FILTER: Record<string, string> = {
  open: `(i.status = 'pending' OR i.flagged_at IS NOT NULL)`,
  pending: `i.status = 'pending'`,
  flagged: `i.flagged_at IS NOT NULL`,
  published: `i.status = 'published'`,
  rejected: `i.status = 'rejected'`,
  hidden: `i.status = 'hidden'`,
  all: 'true',
};

/** Where each action may start, and where it leads. */
export const TRANSITIONS: Record<ModerationAction, { from: ContributionStatus[]; to: ContributionStatus }> = {
  approve: { from: ['pending', 'published', 'hidden', 'rejected'], to: 'published' },
  reject: { from: ['pending', 'published', 'hidden', 'rejected'], to: 'rejected' },
  hide: { from: ['pending', 'published', 'hidden'], to: 'hidden' },
  unhide: { from: ['hidden'], to: 'published' },
};

const TABLE: Record<ModerationKind, string> = { contribution: 'contributions', comment: 'comments', 'variant-comment': 'variant_comments' };

export function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw validationProblem([{ field: 'cursor', code: 'invalid_cursor', message: 'cursor must be the nextCursor of a previous page' }]);
  }
  return [at, id];
}

/** The moderation queue and every moderator action, each with its audit entry in the same transaction. */
@Injectable()
export class ModerationService {
  private readonly bounds: PlaceBounds;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.bounds = placeBounds(config);
  }

  /**
   * Pending and flagged items by default, newest first, keyset-paged. `source` and `workshop` narrow to
   * contributions from there and the comments on them; `q` to contributions whose title or text has
   * the words (German full-text search, as the public list).
   */
  async queue(procedureId: string, query: QueueQueryDto): Promise<ModerationPage> {
    await this.procedureExists(procedureId);
    const limit = Math.min(query.limit ?? 50, LIMITS.maxPageSize);
    const [at, id] = query.cursor ? decodeCursor(query.cursor) : [null, null];
    const rows: { item: ModerationItem; at: string }[] = await this.dataSource.query(
      `SELECT ${ITEM_JSON} AS item, to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM (${ITEMS}) i
       WHERE ${STATE_FILTER[query.state ?? 'open']}
         AND ($2::text IS NULL OR i.kind = $2)
         AND ($3::uuid IS NULL OR i.category_id = $3)
         AND ($4::timestamptz IS NULL OR (i.created_at, i.id) < ($4::timestamptz, $5::uuid))
         AND ($7::text IS NULL OR i.source = $7)
         AND ($8::uuid IS NULL OR i.workshop_id = $8)
         AND ($9::text IS NULL OR i.search @@ websearch_to_tsquery('german', $9))
       ORDER BY i.created_at DESC, i.id DESC
       LIMIT $6`,
      [procedureId, query.kind ?? null, query.category ?? null, at, id, limit + 1, query.source ?? null, query.workshop ?? null,
       query.q?.trim() || null],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((r) => r.item), nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.item.id) : null };
  }

  private async procedureExists(procedureId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const [row] = await manager.query(`SELECT 1 FROM procedures WHERE id = $1`, [procedureId]);
    if (!row) throw new NotFoundException('There is no such procedure');
  }

  private async readItem(manager: EntityManager, procedureId: string, kind: ModerationKind, id: string): Promise<ModerationItem> {
    const [row] = await manager.query(`SELECT ${ITEM_JSON} AS item FROM (${ITEMS}) i WHERE i.kind = $2 AND i.id = $3`, [
      procedureId, kind, id,
    ]);
    if (!row) throw new NotFoundException(`There is no such ${kind} in this procedure`);
    return row.item;
  }

  /** One contribution as moderators see it: any status, the participant's original, all reports and comments. */
  async contribution(procedureId: string, id: string) {
    const item = await this.readItem(this.dataSource.manager, procedureId, 'contribution', id);
    const [row] = await this.dataSource.query(
      `SELECT c.original,
              coalesce((SELECT json_agg(json_build_object('reason', r.reason, 'createdAt', ${ISO('r.created_at')},
                          'resolvedAt', ${ISO('r.resolved_at')}) ORDER BY r.created_at DESC)
                        FROM reports r WHERE r.contribution_id = c.id), '[]'::json) AS reports,
              coalesce((SELECT json_agg(json_build_object('id', m.id, 'parentId', m.parent_id, 'text', m.body, 'status', m.status,
                          'official', m.official, 'flaggedAt', ${ISO('m.flagged_at')}, 'createdAt', ${ISO('m.created_at')})
                          ORDER BY m.created_at, m.id)
                        FROM comments m WHERE m.contribution_id = c.id), '[]'::json) AS comments
       FROM contributions c WHERE c.id = $1`,
      [id],
    );
    return { ...item, original: row.original, reports: row.reports, comments: row.comments };
  }

  private async write<T>(ctx: WriteContext, status: number, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return (await plannerWrite<T>(this.dataSource, ctx.request, async (manager) => ({ status, body: await work(manager) }))).body;
  }

  decide(ctx: WriteContext, procedureId: string, kind: ModerationKind, id: string, action: ModerationAction, reason?: string) {
    return this.write(ctx, HttpStatus.OK, (manager) => this.decideIn(manager, ctx.actor, procedureId, kind, id, action, reason));
  }

  /**
   * Moves an item to the action's status, clears its flag and resolves its open reports. Repeating
   * a decision changes nothing and writes no audit entry; a move the action does not allow is a 409.
   */
  private async decideIn(
    manager: EntityManager, actor: SignedInPlanner, procedureId: string, kind: ModerationKind, id: string,
    action: ModerationAction, reason: string | undefined,
  ): Promise<ModerationItem> {
    const note = reason?.trim() || null;
    if (action === 'reject' && !note) throw validationProblem([{ field: 'reason', code: 'required', message: 'a rejection needs a reason' }]);
    await manager.query(`SELECT 1 FROM ${TABLE[kind]} WHERE id = $1 FOR UPDATE`, [id]);
    const before = await this.readItem(manager, procedureId, kind, id);
    const rule = TRANSITIONS[action];
    if (!rule.from.includes(before.status)) {
      throw new ProblemException('state_transition', `A ${before.status} ${kind} cannot be ${action}d.`, { params: { state: before.status } });
    }
    if (before.status === rule.to && !before.flaggedAt && before.openReports.length === 0) return before;
    await manager.query(
      `UPDATE ${TABLE[kind]} SET status = $2, flagged_at = NULL, moderation_reason = $3, updated_at = now() WHERE id = $1`,
      [id, rule.to, note],
    );
    await manager.query(
      `UPDATE reports SET resolved_at = now() WHERE ${REPORT_COLUMN[kind]} = $1 AND resolved_at IS NULL`,
      [id],
    );
    const after = await this.readItem(manager, procedureId, kind, id);
    await this.audit.record(manager, {
      actorId: actor.id, action: `${kind}.${action}`, entityType: kind, entityId: id, procedureId,
      before: { contributionId: before.contributionId, variantId: before.variantId, status: before.status, flagged: !!before.flaggedAt, openReports: before.openReports.length },
      after: { contributionId: after.contributionId, variantId: after.variantId, status: after.status, flagged: false, reason: note },
    });
    return after;
  }

  bulk(ctx: WriteContext, procedureId: string, dto: BulkModerationDto): Promise<{ items: ModerationItem[] }> {
    return this.write(ctx, HttpStatus.OK, async (manager) => {
      await this.procedureExists(procedureId, manager);
      const items: ModerationItem[] = [];
      for (const item of dto.items) {
        items.push(await this.decideIn(manager, ctx.actor, procedureId, item.kind, item.id, dto.action, dto.reason));
      }
      return { items };
    });
  }

  /**
   * Edits text, category, rubric or location. The participant's original is kept in `original`
   * (from the first edit on) and every version in the audit log.
   */
  edit(ctx: WriteContext, procedureId: string, id: string, dto: EditContributionDto): Promise<ModerationItem> {
    return this.write(ctx, HttpStatus.OK, async (manager) => {
      await manager.query(`SELECT 1 FROM contributions WHERE id = $1 FOR UPDATE`, [id]);
      const before = await this.readItem(manager, procedureId, 'contribution', id);
      const errors: FieldError[] = [];
      const title = dto.title?.trim();
      const text = dto.text?.trim();
      const blank = (field: string): FieldError => ({ field, code: 'blank_text', message: `${field} must not be empty (invisible characters do not count)` });
      if (dto.title !== undefined && isBlank(title ?? '')) errors.push(blank('title'));
      if (dto.text !== undefined && isBlank(text ?? '')) errors.push(blank('text'));
      const [owned] = await manager.query(
        `SELECT ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM categories WHERE procedure_id = $1 AND id = $2)) AS category,
                ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM rubrics WHERE procedure_id = $1 AND id = $3)) AS rubric`,
        [procedureId, dto.categoryId ?? null, dto.rubricId ?? null],
      );
      if (!owned.category) errors.push({ field: 'categoryId', code: 'not_in_procedure', message: 'categoryId is not a category of this procedure' });
      if (!owned.rubric) errors.push({ field: 'rubricId', code: 'not_in_procedure', message: 'rubricId is not a rubric of this procedure' });
      const geometry = dto.geometry === undefined ? undefined : dto.geometry === null ? null : await this.checkGeometry(manager, procedureId, dto.geometry, errors);
      if (errors.length) throw validationProblem(errors);
      await manager.query(
        `UPDATE contributions SET
           original = coalesce(original, jsonb_build_object('title', title, 'text', body, 'categoryId', category_id,
                                 'rubricId', rubric_id, 'geometry', ST_AsGeoJSON(geom, 7)::jsonb)),
           title = coalesce($2, title), body = coalesce($3, body), category_id = coalesce($4, category_id),
           rubric_id = coalesce($5, rubric_id),
           geom = CASE WHEN $6 THEN ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($7), 4326)) ELSE geom END,
           updated_at = now()
         WHERE id = $1`,
        [id, title ?? null, text ?? null, dto.categoryId ?? null, dto.rubricId ?? null, geometry !== undefined, geometry ?? null],
      );
      const after = await this.readItem(manager, procedureId, 'contribution', id);
      const view = (i: ModerationItem) => ({ title: i.title, text: i.text, categoryId: i.categoryId, rubricId: i.rubricId, geometry: i.geometry });
      await this.audit.record(manager, {
        actorId: ctx.actor.id, action: 'contribution.edit', entityType: 'contribution', entityId: id, procedureId,
        before: view(before), after: { ...view(after), reason: dto.reason?.trim() || null },
      });
      return after;
    });
  }

  /**
   * A moderator's new geometry passes the residents' rules: the procedure's geometry types, the caps,
   * PostGIS validity, the size bound and the planning area with its margin.
   */
  private async checkGeometry(manager: EntityManager, procedureId: string, geometry: unknown, errors: FieldError[]): Promise<string | null> {
    const [procedure] = await manager.query(`SELECT settings FROM procedures WHERE id = $1`, [procedureId]);
    const settings = { ...DEFAULT_PROCEDURE_SETTINGS, ...(procedure?.settings ?? {}) } as ProcedureSettings;
    const shape = checkGeometryShape(geometry, settings.geometryTypes, this.bounds);
    if (shape.length) {
      errors.push(...shape);
      return null;
    }
    const g = geometry as { type: string; coordinates: unknown };
    const geojson = JSON.stringify({ type: g.type, coordinates: g.coordinates });
    const problem = await placeError(manager, procedureId, geojson, this.bounds);
    if (problem) errors.push(problem);
    return geojson;
  }

  /** The planners' answer: a published comment marked official, shown publicly as such. */
  respond(ctx: WriteContext, procedureId: string, contributionId: string, dto: OfficialResponseDto): Promise<Comment> {
    return this.write(ctx, HttpStatus.CREATED, async (manager) => {
      await this.readItem(manager, procedureId, 'contribution', contributionId);
      const text = dto.text.trim();
      if (isBlank(text)) {
        throw validationProblem([{ field: 'text', code: 'blank_text', message: 'text must not be empty (invisible characters do not count)' }]);
      }
      if (dto.parentId) {
        const [parent] = await manager.query(`SELECT parent_id FROM comments WHERE id = $1 AND contribution_id = $2`, [
          dto.parentId, contributionId,
        ]);
        if (!parent) throw validationProblem([{ field: 'parentId', code: 'not_in_procedure', message: 'parentId is not a comment of this contribution' }]);
        if (parent.parent_id) throw validationProblem([{ field: 'parentId', code: 'reply_depth', message: 'replies are one level deep: answer the top-level comment' }]);
      }
      const [row] = await manager.query(
        `INSERT INTO comments (contribution_id, parent_id, planner_id, body, official, status)
         VALUES ($1, $2, $3, $4, true, 'published')
         RETURNING id, contribution_id AS "contributionId", parent_id AS "parentId", body AS text, official,
                   ${ISO('created_at')} AS "createdAt"`,
        [contributionId, dto.parentId ?? null, ctx.actor.id, text],
      );
      await this.audit.record(manager, {
        actorId: ctx.actor.id, action: 'comment.official-response', entityType: 'comment', entityId: row.id, procedureId,
        after: { contributionId, parentId: row.parentId, text },
      });
      return row as Comment;
    });
  }
}
