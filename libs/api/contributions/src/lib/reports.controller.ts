import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PARTICIPANT_TOKEN_HEADER, ReportReceipt } from '@stadtdialog/shared/contract';
import { CreateReportDto } from './dto/create-report.dto';
import { Idempotent, IdempotentRequest, ParticipantToken } from './participation-headers';
import { ReportsService } from './reports.service';

@Controller('v1/procedures/:slug/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  async create(
    @Param('slug') slug: string,
    @Body() dto: CreateReportDto,
    @Idempotent() idempotent: IdempotentRequest,
    @ParticipantToken() participantToken: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReportReceipt> {
    const result = await this.reports.create(slug, dto, { ...idempotent, participantToken });
    response.status(result.status);
    if (result.issuedToken) response.setHeader(PARTICIPANT_TOKEN_HEADER, result.issuedToken);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }
}
