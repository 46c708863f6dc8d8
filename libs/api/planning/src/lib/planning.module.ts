import { Module } from '@nestjs/common';
import { AccessModule } from '@stadtdialog/api/access';
import { MembershipsController, SetupController, WorkspaceController } from './planning.controller';
import { PlanningService } from './planning.service';

/** Procedure setup for planners: texts, area, map, settings, phases, categories, rubrics, appointments, members. */
@Module({
  imports: [AccessModule],
  controllers: [WorkspaceController, SetupController, MembershipsController],
  providers: [PlanningService],
})
export class PlanningModule {}
