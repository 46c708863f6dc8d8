import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse } from '@nestjs/swagger';
import { ProcedureDetail, ProcedureSummary } from '@stadtdialog/shared/contract';
import { ApiJsonResponse, ApiProblems, ref } from '@stadtdialog/api/http';
import { ProceduresService } from './procedures.service';

@Controller('v1/procedures')
export class ProceduresController {
  constructor(private readonly procedures: ProceduresService) {}

  @Get()
  @ApiOperation({ summary: 'Public procedures, newest first, with their current state' })
  @ApiResponse({
    status: 200,
    description: 'the procedures',
    content: { 'application/json': { schema: { type: 'array', items: ref('ProcedureSummary') } } },
  })
  list(): Promise<ProcedureSummary[]> {
    return this.procedures.list();
  }

  @Get(':slug')
  @ApiOperation({ summary: 'One public procedure with phases, categories, rubrics, map configuration, settings and appointments' })
  @ApiParam({ name: 'slug', description: 'the procedure\'s name in addresses', example: 'gruene-mitte-altona' })
  @ApiJsonResponse(200, 'ProcedureDetail', 'the procedure')
  @ApiProblems(404)
  bySlug(@Param('slug') slug: string): Promise<ProcedureDetail> {
    return this.procedures.bySlug(slug);
  }
}
