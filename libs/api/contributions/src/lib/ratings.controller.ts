import { Body, Controller, Delete, HttpCode, HttpStatus, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { PARTICIPANT_TOKEN_HEADER, RatingSummary } from '@stadtdialog/shared/contract';
import { ApiJsonResponse, ApiParticipantToken, ApiProblems, ApiWriteProblems, TableKeyAccepted, WRITE_RESPONSE_HEADERS, ref } from '@stadtdialog/api/http';
import { RateDto } from './dto/rate.dto';
import { ParticipantToken } from '@stadtdialog/api/participation';
import { ContributionFeedback } from './contribution-feedback';

/** PUT and DELETE are idempotent by themselves: a retry sets or withdraws the same rating again. */
@ApiParam({ name: 'slug', description: 'the procedure', example: 'gruene-mitte-altona' })
@ApiParam({ name: 'id', description: 'the contribution', format: 'uuid' })
@Controller('v1/procedures/:slug/contributions/:id/rating')
export class RatingsController {
  constructor(private readonly ratings: ContributionFeedback) {}

  @Put()
  @TableKeyAccepted()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Rate a contribution +1 or −1; one rating per participant, a new value replaces the old' })
  @ApiBody({ schema: ref('NewRating') })
  @ApiParticipantToken({ issues: true })
  @ApiJsonResponse(200, 'RatingSummary', 'the contribution\'s rating now', {
    headers: { [PARTICIPANT_TOKEN_HEADER]: WRITE_RESPONSE_HEADERS[PARTICIPANT_TOKEN_HEADER] },
  })
  @ApiWriteProblems()
  @ApiProblems(404, 409)
  async rate(
    @Param('slug') slug: string,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
    @Body() dto: RateDto,
    @ParticipantToken() participantToken: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RatingSummary> {
    const result = await this.ratings.rate(slug, id, dto.value, participantToken);
    if (result.issuedToken) response.setHeader(PARTICIPANT_TOKEN_HEADER, result.issuedToken);
    return result.summary;
  }

  @Delete()
  @TableKeyAccepted()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Withdraw the caller\'s rating of a contribution' })
  @ApiParticipantToken({ purpose: 'Whose rating to withdraw.' })
  @ApiJsonResponse(200, 'RatingSummary', 'the contribution\'s rating now')
  @ApiWriteProblems()
  @ApiProblems(404, 409)
  withdraw(
    @Param('slug') slug: string,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
    @ParticipantToken() participantToken: string | undefined,
  ): Promise<RatingSummary> {
    return this.ratings.withdraw(slug, id, participantToken);
  }
}
