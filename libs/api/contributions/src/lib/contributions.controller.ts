import { Body, Controller, Get, Headers, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Contribution, ContributionDetail, IDEMPOTENCY_KEY_HEADER, PARTICIPANT_TOKEN_HEADER } from '@stadtdialog/shared/contract';
import { IDEMPOTENCY_KEY_PATTERN } from '@stadtdialog/api/db';
import {
  ApiIdempotencyKey,
  ApiJsonResponse,
  ApiParticipantToken,
  ApiProblems,
  ApiWriteProblems,
  ProblemException,
  WRITE_RESPONSE_HEADERS,
  ref,
} from '@stadtdialog/api/http';
import { ContributionDetailService } from './contribution-detail.service';
import { ContributionListService } from './contribution-list.service';
import { ContributionsService } from './contributions.service';
import { ContributionQueryDto } from './dto/contribution-query.dto';
import { CreateContributionDto } from './dto/create-contribution.dto';

@ApiParam({ name: 'slug', description: 'the procedure', example: 'gruene-mitte-altona' })
@Controller('v1/procedures/:slug/contributions')
export class ContributionsController {
  constructor(
    private readonly contributions: ContributionsService,
    private readonly details: ContributionDetailService,
    private readonly lists: ContributionListService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'A page of contributions, filtered and sorted, with the total over all pages',
    description: 'Keyset pagination: pass nextCursor as cursor (with the same sort and filter) until it is null.',
  })
  @ApiParticipantToken({ purpose: 'With mine=true: whose contributions to list.' })
  @ApiJsonResponse(200, 'ContributionPage', 'one page')
  @ApiProblems(400, 404)
  async list(
    @Param('slug') slug: string,
    @Query() query: ContributionQueryDto,
    @Headers(PARTICIPANT_TOKEN_HEADER.toLowerCase()) participantToken: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    response.type('application/json').send(await this.lists.list(slug, query, participantToken));
  }

  @Post()
  @ApiOperation({ summary: 'Make a contribution (published at once, or pending under pre-moderation)' })
  @ApiBody({ schema: ref('NewContribution') })
  @ApiIdempotencyKey()
  @ApiParticipantToken({ issues: true })
  @ApiJsonResponse(201, 'Contribution', 'created (or the replay of an earlier request with this Idempotency-Key)', {
    headers: WRITE_RESPONSE_HEADERS,
  })
  @ApiWriteProblems()
  @ApiProblems(404, 409)
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
  @ApiOperation({
    summary: 'The map layer: contributions with a location as GeoJSON, for the same filters as the list',
    description: 'sort, limit and cursor are accepted and ignored; newest first, at most 10000 features.',
  })
  @ApiParticipantToken({ purpose: 'With mine=true: whose contributions to show.' })
  @ApiJsonResponse(200, 'ContributionFeatureCollection', 'a FeatureCollection (RFC 7946)', { mediaType: 'application/geo+json' })
  @ApiProblems(400, 404)
  async features(
    @Param('slug') slug: string,
    @Query() query: ContributionQueryDto,
    @Headers(PARTICIPANT_TOKEN_HEADER.toLowerCase()) participantToken: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    response.type('application/geo+json').send(await this.lists.features(slug, query, participantToken));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One contribution with its rating and comments; a pending one only for its author' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParticipantToken({ purpose: 'Shows the author their own pending contribution, and the caller\'s own rating.' })
  @ApiJsonResponse(200, 'ContributionDetail', 'the contribution')
  @ApiProblems(404)
  byId(
    @Param('slug') slug: string,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
    @Headers(PARTICIPANT_TOKEN_HEADER.toLowerCase()) participantToken: string | undefined,
  ): Promise<ContributionDetail> {
    return this.details.detail(slug, id, participantToken);
  }
}
