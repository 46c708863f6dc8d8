import { Body, Controller, Delete, HttpCode, HttpStatus, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PARTICIPANT_TOKEN_HEADER, RatingSummary } from '@stadtdialog/shared/contract';
import { RateDto } from './dto/rate.dto';
import { ParticipantToken } from './participation-headers';
import { RatingsService } from './ratings.service';

/** PUT and DELETE are idempotent by themselves: a retry sets or withdraws the same rating again. */
@Controller('v1/procedures/:slug/contributions/:id/rating')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Put()
  @HttpCode(HttpStatus.OK)
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
  @HttpCode(HttpStatus.OK)
  withdraw(
    @Param('slug') slug: string,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
    @ParticipantToken() participantToken: string | undefined,
  ): Promise<RatingSummary> {
    return this.ratings.withdraw(slug, id, participantToken);
  }
}
