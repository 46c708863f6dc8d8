import { Module } from '@nestjs/common';
import { AccessModule } from '@stadtdialog/api/access';
import { EvaluationScopes } from './evaluation-scope';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { PlannerReportController, PublicReportController } from './report.controller';
import { ReportService } from './report.service';
import { PlannerStatisticsController, PublicStatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

/** Statistics (public and for planners), exports and the results report of a procedure. */
@Module({
  imports: [AccessModule],
  controllers: [PublicStatisticsController, PlannerStatisticsController, PublicReportController, PlannerReportController, ExportsController],
  providers: [EvaluationScopes, StatisticsService, ReportService, ExportsService],
  exports: [EvaluationScopes, StatisticsService],
})
export class EvaluationModule {}
