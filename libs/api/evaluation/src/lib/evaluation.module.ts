import { Module } from '@nestjs/common';
import { AccessModule } from '@stadtdialog/api/access';
import { EvaluationScopes } from './evaluation-scope';
import { PlannerStatisticsController, PublicStatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

/** Statistics (public and for planners), exports and the results report of a procedure. */
@Module({
  imports: [AccessModule],
  controllers: [PublicStatisticsController, PlannerStatisticsController],
  providers: [EvaluationScopes, StatisticsService],
  exports: [EvaluationScopes, StatisticsService],
})
export class EvaluationModule {}
