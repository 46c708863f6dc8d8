import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { Contribution, ContributionDetail, MAP_LOADING } from '@stadtdialog/shared/contract';
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
import { ContributionDetailService } from './contribution-detail.service';
import { ContributionListService } from './contribution-list.service';
import { ContributionsService } from './contributions.service';
import { ContributionClusterQueryDto } from './dto/contribution-cluster-query.dto';
import { ContributionQueryDto } from './dto/contribution-query.dto';
import { CheckLocationDto } from './dto/check-location.dto';
import { CreateContributionDto } from './dto/create-contribution.dto';
import { Idempotent, IdempotentRequest, ParticipantToken, TableWorkshopId, sendParticipantWrite } from '@stadtdialog/api/participation';

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
    @ParticipantToken() participantToken: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    response.type('application/json').send(await this.lists.list(slug, query, participantToken));
  }

  @Post()
  @TableKeyAccepted()
  @ApiOperation({
    summary: 'Make a contribution (published at once, or pending under pre-moderation)',
    description: 'From a workshop table (X-Table-Key) or with the workshopId of a phone hand-off, it has source workshop.',
  })
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
    @Idempotent() idempotent: IdempotentRequest,
    @ParticipantToken() participantToken: string | undefined,
    @TableWorkshopId() tableWorkshopId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Contribution> {
    const result = await this.contributions.create(slug, dto, { ...idempotent, participantToken, tableWorkshopId });
    return sendParticipantWrite(response, result);
  }

  @Post('validate-location')
  @HttpCode(HttpStatus.OK)
  @TableKeyAccepted()
  @ApiOperation({
    summary: 'Would this location be taken? The geometry rules of a contribution, nothing stored',
    description:
      'For the location step of a form: the same rules as POST contributions (shape and caps, validity, a line that does ' +
      'not cross itself, size, within the planning area grown by its margin). 200 `{ valid: true }`, else 422 with the ' +
      'geometry field errors (e.g. outside_planning_area, self_intersection, self_crossing). Not counted as a write by the rate limits.',
  })
  @ApiBody({ schema: ref('LocationCheck') })
  @ApiJsonResponse(200, 'LocationVerdict', 'the location would be taken')
  @ApiProblems(400, 404, 413, 415, 422)
  checkLocation(@Param('slug') slug: string, @Body() dto: CheckLocationDto): Promise<{ valid: true }> {
    return this.contributions.checkLocation(slug, dto.geometry);
  }

  @Get('features')
  @ApiOperation({
    summary: 'The map layer of a view: contributions with a location as GeoJSON, for the same filters as the list',
    description:
      `Pass the view as bbox (exact: a feature is returned only if it meets the bbox). Newest first, at most ` +
      `${MAP_LOADING.featuresPerRequest} features; truncated is true when more matched (zoom in, or use clusters). ` +
      'sort, limit and cursor are accepted and ignored.',
  })
  @ApiParticipantToken({ purpose: 'With mine=true: whose contributions to show.' })
  @ApiJsonResponse(200, 'ContributionFeatureCollection', 'a FeatureCollection (RFC 7946)', { mediaType: 'application/geo+json' })
  @ApiProblems(400, 404)
  async features(
    @Param('slug') slug: string,
    @Query() query: ContributionQueryDto,
    @ParticipantToken() participantToken: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    response.type('application/geo+json').send(await this.lists.features(slug, query, participantToken));
  }

  @Get('clusters')
  @ApiOperation({
    summary: 'The aggregated map layer of a view: counts per grid cell at a zoom, for the same filters as the list',
    description:
      `Published contributions meeting bbox, grouped in ${MAP_LOADING.cellPixels}-pixel cells of the Web Mercator grid at zoom. ` +
      'A cell of several is a Point feature (id cluster/<zoom>/<x>/<y>) with properties.count; a cell of one is that ' +
      `contribution's own feature, as in /features. The web map uses it below zoom ${MAP_LOADING.aggregateBelowZoom}.`,
  })
  @ApiParticipantToken({ purpose: 'With mine=true: whose contributions to count.' })
  @ApiJsonResponse(200, 'ContributionClusterCollection', 'a FeatureCollection (RFC 7946) with the zoom', {
    mediaType: 'application/geo+json',
  })
  @ApiProblems(400, 404)
  async clusters(
    @Param('slug') slug: string,
    @Query() query: ContributionClusterQueryDto,
    @ParticipantToken() participantToken: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    response.type('application/geo+json').send(await this.lists.clusters(slug, query, participantToken));
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
    @ParticipantToken() participantToken: string | undefined,
  ): Promise<ContributionDetail> {
    return this.details.detail(slug, id, participantToken);
  }
}
