import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LIMITS, ReportReceipt } from '@stadtdialog/shared/contract';
import { ParticipantTokens, StoredResponse, withIdempotency } from '@stadtdialog/api/db';
import { FieldError, ProblemException, validationProblem } from '@stadtdialog/api/http';
import {
  IdempotentRequest,
  ProcedureForWrite,
  cleanText,
  idempotencyProblem,
  isBlank,
  procedureForWrite,
  unstorableTextError,
} from '@stadtdialog/api/participation';
import { CreateReportDto } from './dto/create-report.dto';

/** What a report points at; table and column names come from here, never from the request. */
const TARGETS = {
  contribution: { table: 'contributions', column: 'contribution_id', noun: 'contribution' },
  comment: { table: 'comments', column: 'comment_id', noun: 'comment' },
  variantComment: { table: 'variant_comments', column: 'variant_comment_id', noun: 'comment' },
} as const;
type Target = (typeof TARGETS)[keyof typeof TARGETS];

const TARGET_FIELDS = [
  ['contributionId', TARGETS.contribution],
  ['commentId', TARGETS.comment],
  ['variantCommentId', TARGETS.variantComment],
] as const;
type TargetField = (typeof TARGET_FIELDS)[number][0];

/** Exactly one of the ids, or the field errors that say so. */
export function reportTarget(dto: Partial<Pick<CreateReportDto, TargetField>>): { target: Target; id: string; field: TargetField } | FieldError[] {
  const given = TARGET_FIELDS.filter(([field]) => dto[field] !== undefined && dto[field] !== null);
  if (given.length === 1) {
    const [field, target] = given[0];
    return { target, id: dto[field] as string, field };
  }
  const message = given.length === 0
    ? 'name what you report: one of contributionId, commentId or variantCommentId'
    : 'a report is about one item: give only one of contributionId, commentId or variantCommentId';
  const code = given.length === 0 ? 'required' : 'not_combinable';
  return (given.length ? given.map(([field]) => field) : ['contributionId', 'commentId']).map((field) => ({ field, code, message }));
}

/**
 * Reports by residents. A participant reports an item once while their report is open. When the
 * open reports on an item reach the procedure's reportThreshold, the item is flagged for the
 * moderation queue in the same transaction; it stays public until a moderator decides.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantTokens,
  ) {}

  async create(
    slug: string,
    dto: CreateReportDto,
    request: IdempotentRequest & { participantToken: string | undefined },
  ): Promise<StoredResponse<ReportReceipt> & { issuedToken: string | null }> {
    let issuedToken: string | null = null;
    try {
      const stored = await withIdempotency<ReportReceipt>(
        this.dataSource,
        { scope: request.scope, key: request.key, body: dto },
        async (manager) => {
          const procedure = await procedureForWrite(manager, slug);
          const { target, id, reason } = await this.validate(manager, procedure, dto);
          // Reports on one item queue here, so the threshold is counted over all of them.
          await manager.query(`SELECT 1 FROM ${target.table} WHERE id = $1 FOR NO KEY UPDATE`, [id]);
          const participant = await this.participants.resolve(manager, request.participantToken);
          issuedToken = participant.issuedToken;
          const [report] = await manager.query(
            `INSERT INTO reports (participant_id, ${target.column}, reason) VALUES ($1, $2, $3)
             ON CONFLICT (participant_id, coalesce(contribution_id, comment_id, variant_comment_id)) WHERE resolved_at IS NULL DO NOTHING
             RETURNING id`,
            [participant.id, id, reason],
          );
          if (!report) {
            throw new ProblemException('already_reported', `You have already reported this ${target.noun}; the moderators will look at it.`);
          }
          await manager.query(
            `UPDATE ${target.table} SET flagged_at = now()
             WHERE id = $1 AND flagged_at IS NULL
               AND (SELECT count(*) FROM reports WHERE ${target.column} = $1 AND resolved_at IS NULL) >= $2`,
            [id, procedure.settings.reportThreshold],
          );
          return { status: HttpStatus.CREATED, body: { id: report.id } };
        },
      );
      return { ...stored, issuedToken };
    } catch (error) {
      throw idempotencyProblem(error);
    }
  }

  private async validate(manager: EntityManager, procedure: ProcedureForWrite, dto: CreateReportDto) {
    const errors: FieldError[] = [];
    const reason = cleanText(dto.reason);
    const unstorable = unstorableTextError('reason', dto.reason);
    if (unstorable) errors.push(unstorable);
    else if (isBlank(reason)) errors.push({ field: 'reason', code: 'blank_text', message: 'reason must not be empty (invisible characters do not count)' });
    else if ([...reason].length > LIMITS.maxReportReasonLength) {
      errors.push({ field: 'reason', code: 'too_long', max: LIMITS.maxReportReasonLength, message: `reason must be at most ${LIMITS.maxReportReasonLength} characters` });
    }
    const target = reportTarget(dto);
    if (Array.isArray(target)) throw validationProblem([...target, ...errors]);
    if (!(await this.isPublic(manager, procedure, target.target, target.id))) {
      errors.push({ field: target.field, code: 'not_in_procedure', message: `${target.field} is not a published ${target.target.noun} of this procedure` });
    }
    if (errors.length) throw validationProblem(errors);
    return { ...target, reason };
  }

  /** Only what the public can see can be reported. */
  private async isPublic(manager: EntityManager, procedure: ProcedureForWrite, target: Target, id: string): Promise<boolean> {
    if (target === TARGETS.contribution) {
      const rows = await manager.query(`SELECT 1 FROM public_contributions WHERE id = $1 AND procedure_id = $2`, [id, procedure.id]);
      return rows.length > 0;
    }
    if (procedure.settings.comments === 'hidden') return false;
    if (target === TARGETS.variantComment) {
      const rows = await manager.query(
        `SELECT 1 FROM public_variant_comments m JOIN public_variants v ON v.id = m.variant_id
         WHERE m.id = $1 AND v.procedure_id = $2`,
        [id, procedure.id],
      );
      return rows.length > 0;
    }
    const rows = await manager.query(
      `SELECT 1 FROM public_comments m JOIN public_contributions c ON c.id = m.contribution_id
       WHERE m.id = $1 AND c.procedure_id = $2`,
      [id, procedure.id],
    );
    return rows.length > 0;
  }
}
