import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Comment } from '@stadtdialog/shared/contract';
import { StoredResponse } from '@stadtdialog/api/db';
import { FieldError } from '@stadtdialog/api/http';
import { IdempotentRequest } from '@stadtdialog/api/participation';
import { COMMENT_JSON } from './comment-json';
import { ContributionFeedback } from './contribution-feedback';
import { CreateCommentDto } from './dto/create-comment.dto';

@Injectable()
export class CommentsService {
  constructor(private readonly feedback: ContributionFeedback) {}

  /**
   * A comment or a reply on a published contribution: published at once in post-moderation,
   * pending until a moderator publishes it in pre-moderation.
   */
  create(
    slug: string,
    contributionId: string,
    dto: CreateCommentDto,
    request: IdempotentRequest & { participantToken: string | undefined },
  ): Promise<StoredResponse<Comment> & { issuedToken: string | null }> {
    const parentId = dto.parentId ?? null;
    return this.feedback.comment<Comment>(
      slug,
      contributionId,
      { ...request, body: dto },
      async (manager, { text, participantId, status }) => {
        const [row] = await manager.query(
          `WITH m AS (
             INSERT INTO comments (contribution_id, parent_id, participant_id, body, status)
             VALUES ($1, $2, $3, $4, $5) RETURNING *)
           SELECT ${COMMENT_JSON}::jsonb || jsonb_build_object('status', m.status) AS comment FROM m`,
          [contributionId, parentId, participantId, text, status],
        );
        return row.comment as Comment;
      },
      (manager) => this.parentErrors(manager, contributionId, parentId),
    );
  }

  /** A reply answers a published top-level comment of the same contribution. */
  private async parentErrors(manager: EntityManager, contributionId: string, parentId: string | null): Promise<FieldError[]> {
    if (!parentId) return [];
    const [parent] = await manager.query(`SELECT parent_id FROM public_comments WHERE id = $1 AND contribution_id = $2`, [
      parentId,
      contributionId,
    ]);
    if (!parent) return [{ field: 'parentId', code: 'not_in_procedure', message: 'parentId is not a published comment on this contribution' }];
    if (parent.parent_id) return [{ field: 'parentId', code: 'reply_depth', message: 'a reply cannot be answered: reply to the comment it answers instead' }];
    return [];
  }
}
