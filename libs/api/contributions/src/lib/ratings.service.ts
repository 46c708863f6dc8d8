import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RatingSummary } from '@stadtdialog/shared/contract';
import { ParticipantTokens } from '@stadtdialog/api/db';
import { ProblemException } from '@stadtdialog/api/http';
import { ProcedureForWrite, procedureForWrite, requireOpen, requirePublicContribution } from '@stadtdialog/api/participation';

/**
 * One rating per participant and contribution (the primary key). The counters on the contribution
 * are kept by the ratings_count trigger under the contribution's row lock, so they stay exact
 * however many people rate at the same time.
 */
@Injectable()
export class RatingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantTokens,
  ) {}

  /** Sets the caller's rating; a new participant token is issued when the caller has none. */
  async rate(
    slug: string,
    contributionId: string,
    value: 1 | -1,
    participantToken: string | undefined,
  ): Promise<{ summary: RatingSummary; issuedToken: string | null }> {
    return this.dataSource.transaction(async (manager) => {
      const procedure = await this.procedureForRating(manager, slug, contributionId);
      const participant = await this.participants.resolve(manager, participantToken);
      // A repeated identical rating changes nothing, so the trigger does not fire for it.
      await manager.query(
        `INSERT INTO ratings (contribution_id, participant_id, value) VALUES ($1, $2, $3)
         ON CONFLICT (contribution_id, participant_id)
         DO UPDATE SET value = EXCLUDED.value, updated_at = now() WHERE ratings.value <> EXCLUDED.value`,
        [contributionId, participant.id, value],
      );
      return { summary: await this.summary(manager, procedure, contributionId, value), issuedToken: participant.issuedToken };
    });
  }

  /** Withdraws the caller's rating; without one (or without a token) it changes nothing. */
  async withdraw(slug: string, contributionId: string, participantToken: string | undefined): Promise<RatingSummary> {
    // Outside the transaction: the embedded engine has one connection, which the transaction holds.
    const participantId = await this.participants.find(participantToken);
    return this.dataSource.transaction(async (manager) => {
      const procedure = await this.procedureForRating(manager, slug, contributionId);
      if (participantId) {
        await manager.query(`DELETE FROM ratings WHERE contribution_id = $1 AND participant_id = $2`, [
          contributionId,
          participantId,
        ]);
      }
      return this.summary(manager, procedure, contributionId, null);
    });
  }

  private async procedureForRating(manager: EntityManager, slug: string, contributionId: string): Promise<ProcedureForWrite> {
    const procedure = await procedureForWrite(manager, slug);
    await requirePublicContribution(manager, procedure.id, contributionId);
    if (procedure.settings.ratings === 'off') {
      throw new ProblemException('ratings_off', 'This procedure does not take ratings.');
    }
    requireOpen(procedure, 'ratings');
    return procedure;
  }

  /** The counters as this transaction leaves them, unless the procedure hides them. */
  private async summary(
    manager: EntityManager,
    procedure: ProcedureForWrite,
    contributionId: string,
    own: 1 | -1 | null,
  ): Promise<RatingSummary> {
    if (procedure.settings.ratings === 'hidden') return { up: null, down: null, own };
    const [row] = await manager.query(`SELECT ratings_up, ratings_down FROM public_contributions WHERE id = $1`, [
      contributionId,
    ]);
    return { up: row.ratings_up, down: row.ratings_down, own };
  }
}
