import { Controller, Get, HttpStatus, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { RequireProcedureRole } from '@stadtdialog/api/access';
import { ApiProblems } from '@stadtdialog/api/http';
import type { ProcedureStatistics } from '@stadtdialog/shared/contract';
import { EvaluationQueryDto, PublicStatisticsQueryDto } from './dto/evaluation-query.dto';
import { EvaluationScopes } from './evaluation-scope';
import { StatisticsService } from './statistics.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** Published content of a public procedure, for everyone. */
@ApiParam({ name: 'slug', description: 'the procedure', example: 'gruene-mitte-altona' })
@Controller('v1/procedures/:slug/statistics')
export class PublicStatisticsController {
  constructor(
    private readonly scopes: EvaluationScopes,
    private readonly statistics: StatisticsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Statistics of the published contributions and comments of a public procedure' })
  @ApiOkResponse({
    description: 'ProcedureStatistics (libs/shared/contract; fields in docs/evaluation.md)',
    content: { 'application/json': { schema: { type: 'object' } } },
  })
  @ApiProblems(400, 404)
  async get(@Param('slug') slug: string, @Query() query: PublicStatisticsQueryDto): Promise<ProcedureStatistics> {
    return this.statistics.statistics(await this.scopes.public(slug), query.interval);
  }
}

/** Every status, with filters, for the procedure's moderators and managers and for admins. */
@Controller('v1/procedures/:procedureId/evaluation/statistics')
@RequireProcedureRole('moderator')
export class PlannerStatisticsController {
  constructor(
    private readonly scopes: EvaluationScopes,
    private readonly statistics: StatisticsService,
  ) {}

  @Get()
  async get(@Param('procedureId', uuid) procedureId: string, @Query() query: EvaluationQueryDto): Promise<ProcedureStatistics> {
    return this.statistics.statistics(await this.scopes.planner(procedureId, query), query.interval);
  }
}
