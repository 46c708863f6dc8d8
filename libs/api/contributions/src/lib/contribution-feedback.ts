import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ParticipantTokens } from '@stadtdialog/api/db';
import { ParticipantFeedback, requirePublicContribution } from '@stadtdialog/api/participation';

/**
 * Ratings and comments on contributions through the one participant feedback path. The counters
 * on the contribution are kept by triggers under its row lock, so they stay exact however many
 * people rate at the same time.
 */
@Injectable()
export class ContributionFeedback extends ParticipantFeedback {
  constructor(dataSource: DataSource, participants: ParticipantTokens) {
    super(dataSource, participants, {
      ratings: { table: 'ratings', column: 'contribution_id' },
      view: 'public_contributions',
      phases: ['participation'],
      requirePublic: requirePublicContribution,
    });
  }
}
