import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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
  unstorableTextError,
} from '@stadtdialog/api/participation';
import type { PhaseKind, RatingSummary, VariantComment } from '@stadtdialog/shared/contract';
import { VariantCommentDto } from './dto/variant.dto';
import { ISO } from './variant-json';

/** Residents rate and discuss variants while the participation or the conception phase runs. */
export const VARIANT_PHASES: readonly PhaseKind[] = ['participation', 'conception'];

/**
 * Ratings (one per participant and variant) and comments on published variants, by the same rules as
 * on contributions: the procedure's phase, its comments/ratings settings and moderation mode, the
 * Idempotency-Key, and the participant token.
 */
@Injectable()
export class VariantParticipationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantTokens,
  ) {}

  private async requirePublicVariant(manager: EntityManager, procedure: ProcedureForWrite, variantId: string): Promise<void> {
    const rows = await manager.query(`SELECT 1 FROM public_variants WHERE id = $1 AND procedure_id = $2`, [variantId, procedure.id]);
    if (!rows.length) throw new NotFoundException('There is no such variant in this procedure');
  }

  private async procedureForRating(manager: EntityManager, slug: string, variantId: string): Promise<ProcedureForWrite> {
    const procedure = await procedureForWrite(manager, slug, VARIANT_PHASES);
    await this.requirePublicVariant(manager, procedure, variantId);
    if (procedure.settings.ratings === 'off') {
      throw new ProblemException('ratings_off', 'This procedure does not take ratings.');
    }
    requireOpen(procedure, 'ratings');
    return procedure;
  }

  async rate(slug: string, variantId: string, value: 1 | -1, participantToken: string | undefined) {
    return this.dataSource.transaction(async (manager) => {
      const procedure = await this.procedureForRating(manager, slug, variantId);
      const participant = await this.participants.resolve(manager, participantToken);
      await manager.query(
        `INSERT INTO variant_ratings (variant_id, participant_id, value) VALUES ($1, $2, $3)
         ON CONFLICT (variant_id, participant_id)
         DO UPDATE SET value = EXCLUDED.value, updated_at = now() WHERE variant_ratings.value <> EXCLUDED.value`,
        [variantId, participant.id, value],
      );
      return { summary: await this.summary(manager, procedure, variantId, value), issuedToken: participant.issuedToken };
    });
  }

  async withdraw(slug: string, variantId: string, participantToken: string | undefined): Promise<RatingSummary> {
    // Outside the transaction: the embedded engine has one connection, which the transaction holds.
    const participantId = await this.participants.find(participantToken);
    return this.dataSource.transaction(async (manager) => {
      const procedure = await this.procedureForRating(manager, slug, variantId);
      if (participantId) {
        await manager.query(`DELETE FROM variant_ratings WHERE variant_id = $1 AND participant_id = $2`, [variantId, participantId]);
      }
      return this.summary(manager, procedure, variantId, null);
    });
  }

  private async summary(manager: EntityManager, procedure: ProcedureForWrite, variantId: string, own: 1 | -1 | null): Promise<RatingSummary> {
    if (procedure.settings.ratings === 'hidden') return { up: null, down: null, own };
    const [row] = await manager.query(`SELECT ratings_up, ratings_down FROM public_variants WHERE id = $1`, [variantId]);
    return { up: row.ratings_up, down: row.ratings_down, own };
  }

  /** Published at once in post-moderation; pending until a moderator publishes it in pre-moderation. */
  async comment(
    slug: string,
    variantId: string,
    dto: VariantCommentDto,
    request: IdempotentRequest & { participantToken: string | undefined },
  ): Promise<StoredResponse<VariantComment> & { issuedToken: string | null }> {
    let issuedToken: string | null = null;
    try {
      const stored = await withIdempotency<VariantComment>(
        this.dataSource,
        { scope: request.scope, key: request.key, body: dto },
        async (manager) => {
          const procedure = await procedureForWrite(manager, slug, VARIANT_PHASES);
          await this.requirePublicVariant(manager, procedure, variantId);
          if (procedure.settings.comments === 'off') {
            throw new ProblemException('comments_off', 'This procedure does not take comments.');
          }
          requireOpen(procedure, 'comments');
          const text = this.validText(procedure, dto.text);
          const participant = await this.participants.resolve(manager, request.participantToken);
          issuedToken = participant.issuedToken;
          const status = procedure.settings.moderation === 'pre' ? 'pending' : 'published';
          const [row] = await manager.query(
            `WITH m AS (INSERT INTO variant_comments (variant_id, participant_id, body, status) VALUES ($1, $2, $3, $4) RETURNING *)
             SELECT json_build_object('id', m.id, 'variantId', m.variant_id, 'text', m.body, 'createdAt', ${ISO('m.created_at')},
                                      'status', m.status) AS comment FROM m`,
            [variantId, participant.id, text, status],
          );
          return { status: HttpStatus.CREATED, body: row.comment as VariantComment };
        },
      );
      return { ...stored, issuedToken };
    } catch (error) {
      throw idempotencyProblem(error);
    }
  }

  private validText(procedure: ProcedureForWrite, raw: string): string {
    const errors: FieldError[] = [];
    const text = cleanText(raw);
    const unstorable = unstorableTextError('text', raw);
    const max = procedure.settings.commentMaxLength;
    if (unstorable) errors.push(unstorable);
    else if (isBlank(text)) errors.push({ field: 'text', code: 'blank_text', message: 'text must not be empty (invisible characters do not count)' });
    else if ([...text].length > max) errors.push({ field: 'text', code: 'too_long', max, message: `text must be at most ${max} characters` });
    if (errors.length) throw validationProblem(errors);
    return text;
  }
}
