import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiExcludeEndpoint, ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiIdempotencyKey, ApiParticipantToken, ApiProblems, ApiWriteProblems, validationProblem } from '@stadtdialog/api/http';
import { Idempotent, IdempotentRequest, ParticipantToken, sendParticipantWrite } from '@stadtdialog/api/participation';
import { NotificationLinkResult, NotificationSubscriptionState, SITE_LANGUAGES } from '@stadtdialog/shared/contract';
import { MailTokenDto, SubscribeDto } from './dto/notifications.dto';
import { NotificationsService, UNSUBSCRIBE_PAGE } from './notifications.service';

const json = (schema: object) => ({ 'application/json': { schema } });
const STATE = { type: 'object', required: ['state'], properties: { state: { type: 'string', enum: ['pending', 'confirmed'] } } };
const LINK_RESULT = {
  type: 'object',
  required: ['contribution'],
  properties: {
    contribution: {
      type: 'object',
      nullable: true,
      properties: {
        id: { type: 'string', format: 'uuid' }, title: { type: 'string' },
        procedure: { type: 'object', properties: { slug: { type: 'string' }, title: { type: 'string' } } },
      },
    },
  },
};
const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** A participant's e-mail notifications about an own contribution, by the participant token. */
@Controller('v1/me/contributions/:id/notifications')
@ApiParam({ name: 'id', format: 'uuid', description: 'one of the caller\'s own contributions' })
export class OwnNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Post()
  @ApiOperation({
    summary: 'Ask for e-mail about an own contribution (double opt-in): a confirmation mail goes out, nothing else until it is confirmed',
    description: 'Comments, the official answer and moderation decisions are mailed once confirmed. 409 when the installation sends no e-mail (SMTP_URL unset).',
  })
  @ApiBody({ schema: { type: 'object', required: ['email', 'language'], properties: { email: { type: 'string', format: 'email' }, language: { type: 'string', enum: [...SITE_LANGUAGES] } } } })
  @ApiIdempotencyKey()
  @ApiParticipantToken({ purpose: 'The author of the contribution.' })
  @ApiResponse({ status: 202, description: 'the confirmation mail is queued', content: json(STATE) })
  @ApiResponse({ status: 200, description: 'this address is already confirmed for the contribution', content: json(STATE) })
  @ApiWriteProblems()
  @ApiProblems(404, 409)
  async subscribe(
    @Param('id', uuid) id: string,
    @Body() dto: SubscribeDto,
    @Idempotent() idempotent: IdempotentRequest,
    @ParticipantToken() participantToken: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<NotificationSubscriptionState> {
    return sendParticipantWrite(response, { ...(await this.notifications.subscribe(id, dto, { ...idempotent, participantToken })), issuedToken: null });
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Stop the e-mail about an own contribution; the address is deleted' })
  @ApiParticipantToken({ purpose: 'The author of the contribution.' })
  @ApiResponse({ status: 204, description: 'no more mail; the address is gone' })
  @ApiWriteProblems()
  @ApiProblems(404)
  unsubscribe(@Param('id', uuid) id: string, @ParticipantToken() participantToken: string | undefined): Promise<void> {
    return this.notifications.unsubscribeOwn(id, participantToken);
  }
}

/** The links of the mails: confirmation, and unsubscribing (also by one click, RFC 8058). */
@Controller('v1/notifications')
export class NotificationLinksController {
  constructor(private readonly notifications: NotificationsService) {}

  @Post('confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Confirm an address with the token of the confirmation mail (opened from the web page of its link)' })
  @ApiBody({ schema: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } } })
  @ApiResponse({ status: 200, description: 'confirmed (also when it already was)', content: json(LINK_RESULT) })
  @ApiWriteProblems()
  @ApiProblems(404, 410)
  confirm(@Body() dto: MailTokenDto): Promise<NotificationLinkResult> {
    return this.notifications.confirm(dto.token);
  }

  @Post('unsubscribe')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Unsubscribe with the token of any mail: the address and mail still waiting for it are deleted',
    description:
      'Mail clients POST `List-Unsubscribe=One-Click` as a form to the List-Unsubscribe address (token in the query, RFC 8058); ' +
      'the web page sends `{token}` as JSON. An unknown token changes nothing and answers the same.',
  })
  @ApiQuery({ name: 'token', required: false, description: 'the token, as the List-Unsubscribe address carries it' })
  @ApiResponse({ status: 200, description: 'unsubscribed', content: json(LINK_RESULT) })
  @ApiWriteProblems()
  unsubscribe(@Query('token') queryToken: string | undefined, @Req() request: Request): Promise<NotificationLinkResult> {
    const body = request.body as Record<string, unknown> | undefined;
    const token = typeof body?.['token'] === 'string' ? body['token'] : queryToken;
    if (typeof token !== 'string' || !token || token.length > 200) {
      throw validationProblem([{ field: 'token', code: 'required', message: 'token must be the token of the unsubscribe link' }]);
    }
    return this.notifications.unsubscribe(token);
  }

  /**
   * The List-Unsubscribe address opened in a browser (a mail client without one click): a redirect
   * to the web page that asks before unsubscribing, not an API operation, so not in the document.
   */
  @Get('unsubscribe')
  @ApiExcludeEndpoint()
  page(@Query('token') token: string | undefined, @Res() response: Response): void {
    response.redirect(HttpStatus.SEE_OTHER, `${UNSUBSCRIBE_PAGE}?token=${encodeURIComponent(String(token ?? ''))}`);
  }
}
