import { Controller, Get, HttpStatus, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { RequireProcedureRole } from '@stadtdialog/api/access';
import { ApiProblems } from '@stadtdialog/api/http';
import type { ProcedureReport } from '@stadtdialog/shared/contract';
import { EvaluationQueryDto, PublicStatisticsQueryDto } from './dto/evaluation-query.dto';
import { EvaluationScopes } from './evaluation-scope';
import { ReportService } from './report.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** The results report of a public procedure: published content only, for everyone. */
@ApiParam({ name: 'slug', description: 'the procedure', example: 'gruene-mitte-altona' })
@Controller('v1/procedures/:slug/report')
export class PublicReportController {
  constructor(
    private readonly scopes: EvaluationScopes,
    private readonly reports: ReportService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Results report of a public procedure: texts, phases, statistics, top contributions with official answers, workshops' })
  @ApiOkResponse({
    description: 'ProcedureReport (libs/shared/contract; docs/evaluation.md)',
    content: { 'application/json': { schema: { type: 'object' } } },
  })
  @ApiProblems(400, 404)
  async get(@Param('slug') slug: string, @Query() query: PublicStatisticsQueryDto): Promise<ProcedureReport> {
    return this.reports.report(await this.scopes.public(slug), {}, query.interval);
  }
}

/** The results report with every status and the planner's filters. */
@Controller('v1/procedures/:procedureId/evaluation/report')
@RequireProcedureRole('moderator')
export class PlannerReportController {
  constructor(
    private readonly scopes: EvaluationScopes,
    private readonly reports: ReportService,
  ) {}

  @Get()
  async get(@Param('procedureId', uuid) procedureId: string, @Query() query: EvaluationQueryDto): Promise<ProcedureReport> {
    const { interval, ...filter } = query;
    return this.reports.report(await this.scopes.planner(procedureId, query), filter, interval);
  }
}
