import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { ParticipationOverview } from '@stadtdialog/shared/contract';
import { OverviewService } from './overview.service';

@Controller('v1/overview')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get()
  @ApiOperation({ summary: 'The start page across public procedures: published counts, most discussed and newest contributions, upcoming appointments, a base map' })
  @ApiOkResponse({
    description: 'ParticipationOverview (libs/shared/contract)',
    content: { 'application/json': { schema: { type: 'object' } } },
  })
  get(): Promise<ParticipationOverview> {
    return this.overview.overview();
  }
}
