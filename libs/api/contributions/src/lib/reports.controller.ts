import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReportReceipt } from '@stadtdialog/shared/contract';
import {
  ApiIdempotencyKey,
  ApiJsonResponse,
  ApiParticipantToken,
  ApiProblems,
  ApiWriteProblems,
  TableKeyAccepted,
  WRITE_RESPONSE_HEADERS,
  ref,
} from '@stadtdialog/api/http';
import { CreateReportDto } from './dto/create-report.dto';
import { Idempotent, IdempotentRequest, ParticipantToken, sendParticipantWrite } from '@stadtdialog/api/participation';
import { ReportsService } from './reports.service';

@ApiParam({ name: 'slug', description: 'the procedure', example: 'gruene-mitte-altona' })
@Controller('v1/procedures/:slug/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @TableKeyAccepted()
  @ApiOperation({ summary: 'Report a contribution or a comment to the moderators' })
  @ApiBody({ schema: ref('NewReport') })
  @ApiIdempotencyKey()
  @ApiParticipantToken({ issues: true })
  @ApiJsonResponse(201, 'ReportReceipt', 'received', { headers: WRITE_RESPONSE_HEADERS })
  @ApiWriteProblems()
  @ApiProblems(404, 409)
  async create(
    @Param('slug') slug: string,
    @Body() dto: CreateReportDto,
    @Idempotent() idempotent: IdempotentRequest,
    @ParticipantToken() participantToken: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReportReceipt> {
    const result = await this.reports.create(slug, dto, { ...idempotent, participantToken });
    return sendParticipantWrite(response, result);
  }
}
