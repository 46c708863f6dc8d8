import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Comment } from '@stadtdialog/shared/contract';
import { ParticipantTokens, StoredResponse, withIdempotency } from '@stadtdialog/api/db';
import { FieldError, ProblemException, validationProblem } from '@stadtdialog/api/http';
import {
  IdempotentRequest,
  ProcedureForWrite,
  cleanText,
  isBlank,
  idempotencyProblem,
  procedureForWrite,
  requireOpen,
  requirePublicContribution,
  unstorableTextError,
} from '@stadtdialog/api/participation';
import { COMMENT_JSON } from './comment-json';
import { CreateCommentDto } from './dto/create-comment.dto';

@Injectable()
export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantTokens,
  ) {}

  /**
   * A comment or a reply on a published contribution: published at once in post-moderation,
   * pending until a moderator publishes it in pre-moderation.
   */
  async create(
    slug: string,
    contributionId: string,
    dto: CreateCommentDto,
    request: IdempotentRequest & { participantToken: string | undefined },
  ): Promise<StoredResponse<Comment> & { issuedToken: string | null }> {
    let issuedToken: string | null = null;
    try {
      const stored = await withIdempotency<Comment>(
        this.dataSource,
        { scope: request.scope, key: request.key, body: dto },
        async (manager) => {
          const procedure = await procedureForWrite(manager, slug);
          await requirePublicContribution(manager, procedure.id, contributionId);
          if (procedure.settings.comments === 'off') {
            throw new ProblemException('comments_off', 'This procedure does not take comments.');
          }
          requireOpen(procedure, 'comments');
          const values = await this.validate(manager, procedure, contributionId, dto);
          const participant = await this.participants.resolve(manager, request.participantToken);
          issuedToken = participant.issuedToken;
          const status = procedure.settings.moderation === 'pre' ? 'pending' : 'published';
          const [row] = await manager.query(
            `WITH m AS (
               INSERT INTO comments (contribution_id, parent_id, participant_id, body, status)
               VALUES ($1, $2, $3, $4, $5) RETURNING *)
             SELECT ${COMMENT_JSON}::jsonb || jsonb_build_object('status', m.status) AS comment FROM m`,
            [contributionId, values.parentId, participant.id, values.text, status],
          );
          return { status: HttpStatus.CREATED, body: row.comment as Comment };
        },
      );
      return { ...stored, issuedToken };
    } catch (error) {
      throw idempotencyProblem(error);
    }
  }

  private async validate(manager: EntityManager, procedure: ProcedureForWrite, contributionId: string, dto: CreateCommentDto) {
    const errors: FieldError[] = [];
    const text = cleanText(dto.text);
    const { commentMaxLength } = procedure.settings;
    const unstorable = unstorableTextError('text', dto.text);
    if (unstorable) errors.push(unstorable);
    else if (isBlank(text)) errors.push({ field: 'text', code: 'blank_text', message: 'text must not be empty (invisible characters do not count)' });
    else if ([...text].length > commentMaxLength) {
      errors.push({ field: 'text', code: 'too_long', max: commentMaxLength, message: `text must be at most ${commentMaxLength} characters` });
    }
    const parentId = dto.parentId ?? null;
    if (parentId) {
      const [parent] = await manager.query(
        `SELECT parent_id FROM public_comments WHERE id = $1 AND contribution_id = $2`,
        [parentId, contributionId],
      );
      if (!parent) {
        errors.push({ field: 'parentId', code: 'not_in_procedure', message: 'parentId is not a published comment on this contribution' });
      } else if (parent.parent_id) {
        errors.push({ field: 'parentId', code: 'reply_depth', message: 'a reply cannot be answered: reply to the comment it answers instead' });
      }
    }
    if (errors.length) throw validationProblem(errors);
    return { text, parentId };
  }
}
