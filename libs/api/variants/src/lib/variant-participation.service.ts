import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ParticipantTokens, StoredResponse } from '@stadtdialog/api/db';
import { IdempotentRequest, ParticipantFeedback } from '@stadtdialog/api/participation';
import type { PhaseKind, VariantComment } from '@stadtdialog/shared/contract';
import { VariantCommentDto } from './dto/variant.dto';
import { ISO } from './variant-json';

/** Residents rate and discuss variants while the participation or the conception phase runs. */
export const VARIANT_PHASES: readonly PhaseKind[] = ['participation', 'conception'];

async function requirePublicVariant(manager: EntityManager, procedureId: string, variantId: string): Promise<void> {
  const rows = await manager.query(`SELECT 1 FROM public_variants WHERE id = $1 AND procedure_id = $2`, [variantId, procedureId]);
  if (!rows.length) throw new NotFoundException('There is no such variant in this procedure');
}

/**
 * Ratings (one per participant and variant) and comments on published variants, through the one
 * participant feedback path that contributions use: the procedure's phase, its comments/ratings
 * settings and moderation mode, the Idempotency-Key, and the participant token.
 */
@Injectable()
export class VariantParticipationService extends ParticipantFeedback {
  constructor(dataSource: DataSource, participants: ParticipantTokens) {
    super(dataSource, participants, {
      ratings: { table: 'variant_ratings', column: 'variant_id' },
      view: 'public_variants',
      phases: VARIANT_PHASES,
      requirePublic: requirePublicVariant,
    });
  }

  /** Published at once in post-moderation; pending until a moderator publishes it in pre-moderation. */
  async commentOn(
    slug: string,
    variantId: string,
    dto: VariantCommentDto,
    request: IdempotentRequest & { participantToken: string | undefined },
  ): Promise<StoredResponse<VariantComment> & { issuedToken: string | null }> {
    return this.comment<VariantComment>(slug, variantId, { ...request, body: dto }, async (manager, { text, participantId, status }) => {
      const [row] = await manager.query(
        `WITH m AS (INSERT INTO variant_comments (variant_id, participant_id, body, status) VALUES ($1, $2, $3, $4) RETURNING *)
         SELECT json_build_object('id', m.id, 'variantId', m.variant_id, 'text', m.body, 'createdAt', ${ISO('m.created_at')},
                                  'status', m.status) AS comment FROM m`,
        [variantId, participantId, text, status],
      );
      return row.comment as VariantComment;
    });
  }
}
