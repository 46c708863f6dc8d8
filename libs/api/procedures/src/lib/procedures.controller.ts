import { Controller, Get, Param } from '@nestjs/common';
import { ProcedureDetail, ProcedureSummary } from '@stadtdialog/shared/contract';
import { ProceduresService } from './procedures.service';

@Controller('v1/procedures')
export class ProceduresController {
  constructor(private readonly procedures: ProceduresService) {}

  @Get()
  list(): Promise<ProcedureSummary[]> {
    return this.procedures.list();
  }

  @Get(':slug')
  bySlug(@Param('slug') slug: string): Promise<ProcedureDetail> {
    return this.procedures.bySlug(slug);
  }
}
