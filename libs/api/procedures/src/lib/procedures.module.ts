import { Module } from '@nestjs/common';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';
import { ProceduresController } from './procedures.controller';
import { ProceduresService } from './procedures.service';

@Module({
  controllers: [ProceduresController, OverviewController],
  providers: [ProceduresService, OverviewService],
  exports: [ProceduresService],
})
export class ProceduresModule {}
