import { Body, Controller, Get, Headers, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Contribution, ContributionDetail, IDEMPOTENCY_KEY_HEADER, PARTICIPANT_TOKEN_HEADER } from '@stadtdialog/shared/contract';
import { IDEMPOTENCY_KEY_PATTERN } from '@stadtdialog/api/db';
import { ProblemException } from '@stadtdialog/api/http';
import { ContributionDetailService } from './contribution-detail.service';
import { ContributionsService } from './contributions.service';
import { CreateContributionDto } from './dto/create-contribution.dto';

function parseBbox(raw: string | undefined): [number, number, number, number] | null {
  if (raw === undefined) return null;
  const parts = raw.split(',').map((s) => Number(s.trim()));
  const [minLon, minLat, maxLon, maxLat] = parts;
  const ok =
    parts.length === 4 && parts.every(Number.isFinite) && minLon >= -180 && maxLon <= 180 && minLat >= -90 &&
    maxLat <= 90 && minLon < maxLon && minLat < maxLat;
  if (!ok) {
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid bbox', 'bbox must be minLon,minLat,maxLon,maxLat in WGS 84', [
      { field: 'bbox', message: 'bbox must be minLon,minLat,maxLon,maxLat with min < max, in WGS 84 degrees' },
    ]);
  }
  return [minLon, minLat, maxLon, maxLat];
}

@Controller('v1/procedures/:slug/contributions')
export class ContributionsController {
  constructor(
    private readonly contributions: ContributionsService,
    private readonly details: ContributionDetailService,
  ) {}

  @Post()
  async create(
    @Param('slug') slug: string,
    @Body() dto: CreateContributionDto,
    @Headers(IDEMPOTENCY_KEY_HEADER.toLowerCase()) idempotencyKey: string | undefined,
    @Headers(PARTICIPANT_TOKEN_HEADER.toLowerCase()) participantToken: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Contribution> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid Idempotency-Key', 'Idempotency-Key must be a UUID made by the client', [
        { field: IDEMPOTENCY_KEY_HEADER, message: 'Idempotency-Key must be a UUID made by the client' },
      ]);
    }
    const result = await this.contributions.create(slug, dto, {
      idempotencyKey,
      participantToken,
      scope: `POST ${request.baseUrl}${request.path}`,
    });
    response.status(result.status);
    if (result.issuedToken) response.setHeader(PARTICIPANT_TOKEN_HEADER, result.issuedToken);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get('features')
  async features(@Param('slug') slug: string, @Query('bbox') bbox: string | undefined, @Res() response: Response) {
    const collection = await this.contributions.features(slug, parseBbox(bbox));
    response.type('application/geo+json').send(collection);
  }

  @Get(':id')
  byId(
    @Param('slug') slug: string,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
    @Headers(PARTICIPANT_TOKEN_HEADER.toLowerCase()) participantToken: string | undefined,
  ): Promise<ContributionDetail> {
    return this.details.detail(slug, id, participantToken);
  }
}
