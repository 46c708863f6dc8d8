import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPlanner, RequireAdmin, SignedInPlanner } from '@stadtdialog/api/access';
import { ApiIdempotencyKey, ApiProblems, ApiWriteProblems } from '@stadtdialog/api/http';
import { Idempotent, IdempotentRequest, sendParticipantWrite } from '@stadtdialog/api/participation';
import {
  AccessibilityFeedback,
  FEEDBACK_MAX_LENGTH,
  FeedbackReceipt,
  SITE_LANGUAGES,
  SITE_PAGE_KEYS,
  SiteInfo,
  SitePage,
  SitePageSource,
} from '@stadtdialog/shared/contract';
import { AccessibilityFeedbackDto, SitePageEditDto, SitePageQueryDto } from './dto/site-page.dto';
import { FeedbackService } from './feedback.service';
import { SitePagesService } from './site-pages.service';

const text = { type: 'string' } as const;
const nullableText = { type: 'string', nullable: true } as const;
const time = { type: 'string', format: 'date-time', nullable: true } as const;
const keyParam = { name: 'key', enum: [...SITE_PAGE_KEYS], description: 'the page' };
const json = (schema: object) => ({ 'application/json': { schema } });
const languages = (value: object) => ({ type: 'object', properties: { de: value, en: value }, required: [...SITE_LANGUAGES] });

const SITE_PAGE_SCHEMA = {
  type: 'object',
  required: ['key', 'language', 'title', 'markdown', 'html', 'edited', 'updatedAt'],
  properties: {
    key: { type: 'string', enum: [...SITE_PAGE_KEYS] },
    language: { type: 'string', enum: [...SITE_LANGUAGES], description: 'de when only a German text is set' },
    title: text,
    markdown: text,
    html: { type: 'string', description: 'the Markdown rendered: no raw HTML, no images' },
    edited: { type: 'boolean', description: 'false: the default text made from the configuration' },
    updatedAt: time,
  },
};
const SOURCE_SCHEMA = {
  type: 'object',
  required: ['key', 'texts', 'defaults', 'updatedAt'],
  properties: { key: { type: 'string', enum: [...SITE_PAGE_KEYS] }, texts: languages(nullableText), defaults: languages(text), updatedAt: time },
};
const FEEDBACK_SCHEMA = {
  type: 'object',
  required: ['id', 'message', 'email', 'page', 'createdAt'],
  properties: { id: { type: 'string', format: 'uuid' }, message: text, email: nullableText, page: nullableText, createdAt: time },
};

/** The installation's public pages and the accessibility feedback. */
@Controller('v1')
export class SitePagesController {
  constructor(
    private readonly pages: SitePagesService,
    private readonly feedback: FeedbackService,
  ) {}

  @Get('site')
  @ApiOperation({ summary: 'What the web app shows of the installation: the operator for the footer, whether e-mail notifications and address search are offered' })
  @ApiResponse({
    status: 200,
    description: 'the installation',
    content: json({
      type: 'object',
      required: ['operatorName', 'notifications', 'addressSearch'],
      properties: { operatorName: nullableText, notifications: { type: 'boolean' }, addressSearch: { type: 'boolean' } },
    }),
  })
  site(): SiteInfo {
    return this.pages.info();
  }

  @Get('pages/:key')
  @ApiOperation({
    summary: 'A site page: imprint, privacy policy, accessibility statement, rules for contributions or help',
    description: 'The text an admin set, or the default made from the configuration (OPERATOR_* variables), which names what is still to fill in.',
  })
  @ApiParam(keyParam)
  @ApiResponse({ status: 200, description: 'the page', content: json(SITE_PAGE_SCHEMA) })
  @ApiProblems(400, 404)
  page(@Param('key') key: string, @Query() query: SitePageQueryDto): Promise<SitePage> {
    return this.pages.page(key, query.lang);
  }

  @Post('accessibility-feedback')
  @ApiOperation({ summary: 'Tell the operator about an accessibility barrier (BITV 2.0 § 7); an e-mail address for the answer is optional' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['message'],
      properties: { message: { type: 'string', maxLength: FEEDBACK_MAX_LENGTH }, email: nullableText, page: { ...nullableText, description: 'the page, e.g. /procedures/…' } },
    },
  })
  @ApiIdempotencyKey()
  @ApiResponse({ status: 201, description: 'received', content: json({ type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } }) })
  @ApiWriteProblems()
  async sendFeedback(
    @Body() dto: AccessibilityFeedbackDto,
    @Idempotent() idempotent: IdempotentRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FeedbackReceipt> {
    return sendParticipantWrite(response, { ...(await this.feedback.create(dto, idempotent)), issuedToken: null });
  }
}

/** Admins set the site pages and read the accessibility feedback. */
@Controller('v1/workspace')
@RequireAdmin()
export class SitePagesWorkspaceController {
  constructor(
    private readonly pages: SitePagesService,
    private readonly feedback: FeedbackService,
  ) {}

  @Get('pages')
  @ApiOperation({ summary: 'Every site page with its stored texts and its defaults (admins)' })
  @ApiResponse({ status: 200, description: 'the pages', content: json({ type: 'array', items: SOURCE_SCHEMA }) })
  @ApiProblems(401, 403)
  sources(): Promise<SitePageSource[]> {
    return this.pages.sources();
  }

  @Put('pages/:key')
  @ApiOperation({ summary: 'Set a site page in both languages; null returns a language to the default (admins)' })
  @ApiParam(keyParam)
  @ApiBody({ schema: languages(nullableText) })
  @ApiResponse({ status: 200, description: 'the page as stored', content: json(SOURCE_SCHEMA) })
  @ApiProblems(401, 403, 404, 422)
  edit(
    @CurrentPlanner() actor: SignedInPlanner,
    @Param('key') key: string,
    @Body() dto: SitePageEditDto,
    @Req() request: Request,
  ): Promise<SitePageSource> {
    return this.pages.edit(actor, request, key, { de: dto.de, en: dto.en });
  }

  @Get('accessibility-feedback')
  @ApiOperation({ summary: 'The accessibility feedback received, newest first (admins)' })
  @ApiResponse({ status: 200, description: 'the feedback', content: json({ type: 'array', items: FEEDBACK_SCHEMA }) })
  @ApiProblems(401, 403)
  feedbackList(): Promise<AccessibilityFeedback[]> {
    return this.feedback.list();
  }

  @Delete('accessibility-feedback/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete feedback that has been dealt with, with the address given for the answer (admins)' })
  @ApiResponse({ status: 204, description: 'deleted' })
  @ApiProblems(401, 403, 404)
  removeFeedback(
    @CurrentPlanner() actor: SignedInPlanner,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
    @Req() request: Request,
  ): Promise<void> {
    return this.feedback.remove(actor, request, id);
  }
}
