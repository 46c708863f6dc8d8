import { Module } from '@nestjs/common';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';
import { ContributionDetailService } from './contribution-detail.service';
import { ContributionListService } from './contribution-list.service';
import { ContributionsController } from './contributions.controller';
import { ContributionsService } from './contributions.service';
import { RatingsController } from './ratings.controller';
import { ContributionFeedback } from './contribution-feedback';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ContributionsController, CommentsController, RatingsController, ReportsController],
  providers: [ContributionsService, ContributionDetailService, ContributionListService, CommentsService, ContributionFeedback, ReportsService],
})
export class ContributionsModule {}
