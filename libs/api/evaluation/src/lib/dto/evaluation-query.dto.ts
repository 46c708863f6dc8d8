import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { CONTRIBUTION_SOURCES, STATISTICS_INTERVALS } from '@stadtdialog/shared/contract';
import type { ContributionSource, EvaluationQuery, StatisticsInterval } from '@stadtdialog/shared/contract';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The planner's filters of statistics, exports and the report. */
export class EvaluationQueryDto implements EvaluationQuery {
  @IsOptional() @IsUUID('all', { message: 'phase must be the id of a phase of this procedure' })
  phase?: string;

  @IsOptional() @Matches(DAY, { message: 'from must be a day, YYYY-MM-DD', context: { code: 'invalid_date' } })
  from?: string;

  @IsOptional() @Matches(DAY, { message: 'to must be a day, YYYY-MM-DD', context: { code: 'invalid_date' } })
  to?: string;

  @IsOptional() @IsIn(CONTRIBUTION_SOURCES, { message: `source must be one of ${CONTRIBUTION_SOURCES.join(', ')}` })
  source?: ContributionSource;

  @IsOptional() @IsUUID('all', { message: 'workshop must be the id of a workshop' })
  workshop?: string;

  @IsOptional() @IsUUID('all', { message: 'category must be the id of a category' })
  category?: string;

  @IsOptional() @IsUUID('all', { message: 'rubric must be the id of a rubric' })
  rubric?: string;

  @IsOptional() @IsIn(STATISTICS_INTERVALS, { message: 'interval must be day or week' })
  interval?: StatisticsInterval;
}

/** The public statistics: published content only, no filters beyond the time buckets. */
export class PublicStatisticsQueryDto {
  @IsOptional() @IsIn(STATISTICS_INTERVALS, { message: 'interval must be day or week' })
  interval?: StatisticsInterval;
}
