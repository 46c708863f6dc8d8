import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Req,
  Res,
  UploadedFile as UploadedFilePart,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPlanner, RequireProcedureRole, SignedInPlanner } from '@stadtdialog/api/access';
import {
  ApiIdempotencyKey,
  ApiJsonResponse,
  ApiParticipantToken,
  ApiProblems,
  ApiWriteProblems,
  WRITE_RESPONSE_HEADERS,
  ref,
} from '@stadtdialog/api/http';
import { Idempotent, IdempotentRequest, ParticipantToken, sendParticipantWrite } from '@stadtdialog/api/participation';
import { PARTICIPANT_TOKEN_HEADER } from '@stadtdialog/shared/contract';
import type {
  Contact,
  FaqEntry,
  PlanningDocument,
  PlanningInformation,
  PublicVariant,
  PublicVariantDetail,
  RatingSummary,
  UploadedFile,
  VariantComment,
  WorkspaceVariant,
} from '@stadtdialog/shared/contract';
import { ContactDto, DocumentDto, FaqDto, VariantCommentDto, VariantDto, VariantRatingDto } from './dto/variant.dto';
import { InformationService } from './information.service';
import { StoredFile, UploadsService } from './uploads.service';
import { VariantParticipationService } from './variant-participation.service';
import { VariantsService } from './variants.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** The only routes that take multipart/form-data (see refuseNonJsonBodies). */
export const UPLOAD_PATHS = /^\/api\/v1\/procedures\/[^/]+\/setup\/uploads\/?$/;

/**
 * Served as stored: the type found by content, never sniffed again by the browser; PDFs as
 * downloads with their (cleaned) name, images inline.
 */
function sendFile(response: Response, file: StoredFile, cache: string): void {
  response.setHeader('Content-Type', file.mediaType);
  response.setHeader('Content-Length', String(file.content.length));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', cache);
  if (file.mediaType === 'application/pdf') response.attachment(file.fileName);
  response.setHeader('Content-Type', file.mediaType);
  response.end(file.content);
}

/** Uploads of a procedure: managers upload, moderators may look. */
@Controller('v1/procedures/:procedureId/setup/uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @RequireProcedureRole('manager')
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({ summary: 'Upload an image (PNG, JPEG, WebP, GIF: re-encoded) or a PDF as multipart/form-data field "file"' })
  upload(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string,
    @UploadedFilePart() file: Express.Multer.File | undefined, @Req() request: Request,
  ): Promise<UploadedFile> {
    return this.uploads.upload({ actor, request }, procedureId, file);
  }

  @Get()
  @RequireProcedureRole('manager')
  list(@Param('procedureId', uuid) procedureId: string): Promise<UploadedFile[]> {
    return this.uploads.list(procedureId);
  }

  @Get(':uploadId')
  @RequireProcedureRole('moderator')
  async file(@Param('procedureId', uuid) procedureId: string, @Param('uploadId', uuid) uploadId: string, @Res() response: Response) {
    sendFile(response, await this.uploads.workspaceFile(procedureId, uploadId), 'private, max-age=300');
  }
}

/** Variants of a procedure in the workspace: managers set them up, moderators may read them. */
@Controller('v1/procedures/:procedureId/setup/variants')
export class WorkspaceVariantsController {
  constructor(private readonly variants: VariantsService) {}

  @Get()
  @RequireProcedureRole('moderator')
  list(@Param('procedureId', uuid) procedureId: string): Promise<WorkspaceVariant[]> {
    return this.variants.list(procedureId);
  }

  @Post()
  @RequireProcedureRole('manager')
  create(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Body() dto: VariantDto, @Req() request: Request,
  ): Promise<WorkspaceVariant> {
    return this.variants.create({ actor, request }, procedureId, dto);
  }

  @Put(':variantId')
  @RequireProcedureRole('manager')
  replace(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Param('variantId', uuid) id: string,
    @Body() dto: VariantDto, @Req() request: Request,
  ): Promise<WorkspaceVariant> {
    return this.variants.replace({ actor, request }, procedureId, id, dto);
  }

  @Delete(':variantId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireProcedureRole('manager')
  async remove(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Param('variantId', uuid) id: string,
    @Req() request: Request,
  ): Promise<void> {
    await this.variants.remove({ actor, request }, procedureId, id);
  }
}

/** Documents, FAQ and contacts in the workspace. */
@Controller('v1/procedures/:procedureId/setup')
export class WorkspaceInformationController {
  constructor(private readonly information: InformationService) {}

  @Get('information')
  @RequireProcedureRole('moderator')
  get(@Param('procedureId', uuid) procedureId: string): Promise<PlanningInformation> {
    return this.information.workspace(procedureId);
  }

  @Post('documents')
  @RequireProcedureRole('manager')
  addDocument(@CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Body() dto: DocumentDto, @Req() request: Request) {
    return this.information.add<PlanningDocument>({ actor, request }, 'document', procedureId, dto);
  }

  @Put('documents/:id')
  @RequireProcedureRole('manager')
  replaceDocument(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Param('id', uuid) id: string,
    @Body() dto: DocumentDto, @Req() request: Request,
  ) {
    return this.information.replace<PlanningDocument>({ actor, request }, 'document', procedureId, id, dto);
  }

  @Delete('documents/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireProcedureRole('manager')
  async removeDocument(@CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Param('id', uuid) id: string, @Req() request: Request) {
    await this.information.remove({ actor, request }, 'document', procedureId, id);
  }

  @Post('faq')
  @RequireProcedureRole('manager')
  addFaq(@CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Body() dto: FaqDto, @Req() request: Request) {
    return this.information.add<FaqEntry>({ actor, request }, 'faq', procedureId, dto);
  }

  @Put('faq/:id')
  @RequireProcedureRole('manager')
  replaceFaq(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Param('id', uuid) id: string,
    @Body() dto: FaqDto, @Req() request: Request,
  ) {
    return this.information.replace<FaqEntry>({ actor, request }, 'faq', procedureId, id, dto);
  }

  @Delete('faq/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireProcedureRole('manager')
  async removeFaq(@CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Param('id', uuid) id: string, @Req() request: Request) {
    await this.information.remove({ actor, request }, 'faq', procedureId, id);
  }

  @Post('contacts')
  @RequireProcedureRole('manager')
  addContact(@CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Body() dto: ContactDto, @Req() request: Request) {
    return this.information.add<Contact>({ actor, request }, 'contact', procedureId, dto);
  }

  @Put('contacts/:id')
  @RequireProcedureRole('manager')
  replaceContact(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Param('id', uuid) id: string,
    @Body() dto: ContactDto, @Req() request: Request,
  ) {
    return this.information.replace<Contact>({ actor, request }, 'contact', procedureId, id, dto);
  }

  @Delete('contacts/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireProcedureRole('manager')
  async removeContact(@CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Param('id', uuid) id: string, @Req() request: Request) {
    await this.information.remove({ actor, request }, 'contact', procedureId, id);
  }
}

/** Public reads (published variants of public procedures only) and residents' ratings and comments. */
@ApiParam({ name: 'slug', description: 'the procedure', example: 'gruene-mitte-altona' })
@Controller('v1/procedures/:slug')
export class PublicVariantsController {
  constructor(
    private readonly variants: VariantsService,
    private readonly information: InformationService,
    private readonly participation: VariantParticipationService,
  ) {}

  @Get('variants')
  @ApiOperation({ summary: 'The published variants of a procedure, in their order' })
  list(@Param('slug') slug: string, @ParticipantToken() token: string | undefined): Promise<PublicVariant[]> {
    return this.variants.publicList(slug, token);
  }

  @Get('variants/:variantId')
  @ApiOperation({ summary: 'One published variant with its published comments' })
  detail(@Param('slug') slug: string, @Param('variantId', uuid) id: string, @ParticipantToken() token: string | undefined): Promise<PublicVariantDetail> {
    return this.variants.publicDetail(slug, id, token);
  }

  @Put('variants/:variantId/rating')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Rate a variant +1 or −1; one rating per participant, a new value replaces the old' })
  @ApiBody({ schema: ref('NewRating') })
  @ApiParticipantToken({ issues: true })
  @ApiJsonResponse(200, 'RatingSummary', "the variant's rating now", {
    headers: { [PARTICIPANT_TOKEN_HEADER]: WRITE_RESPONSE_HEADERS[PARTICIPANT_TOKEN_HEADER] },
  })
  @ApiWriteProblems()
  @ApiProblems(404, 409)
  async rate(
    @Param('slug') slug: string, @Param('variantId', uuid) id: string, @Body() dto: VariantRatingDto,
    @ParticipantToken() token: string | undefined, @Res({ passthrough: true }) response: Response,
  ): Promise<RatingSummary> {
    const result = await this.participation.rate(slug, id, dto.value, token);
    if (result.issuedToken) response.setHeader(PARTICIPANT_TOKEN_HEADER, result.issuedToken);
    return result.summary;
  }

  @Delete('variants/:variantId/rating')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Withdraw the caller's rating of a variant" })
  @ApiParticipantToken({ purpose: 'Whose rating to withdraw.' })
  @ApiJsonResponse(200, 'RatingSummary', "the variant's rating now")
  @ApiWriteProblems()
  @ApiProblems(404, 409)
  withdraw(@Param('slug') slug: string, @Param('variantId', uuid) id: string, @ParticipantToken() token: string | undefined): Promise<RatingSummary> {
    return this.participation.withdraw(slug, id, token);
  }

  @Post('variants/:variantId/comments')
  @ApiOperation({ summary: 'Comment on a published variant' })
  @ApiBody({ schema: ref('NewVariantComment') })
  @ApiIdempotencyKey()
  @ApiParticipantToken({ issues: true })
  @ApiJsonResponse(201, 'VariantComment', 'created (status pending under pre-moderation)', { headers: WRITE_RESPONSE_HEADERS })
  @ApiWriteProblems()
  @ApiProblems(404, 409)
  async comment(
    @Param('slug') slug: string, @Param('variantId', uuid) id: string, @Body() dto: VariantCommentDto,
    @Idempotent() idempotent: IdempotentRequest, @ParticipantToken() token: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<VariantComment> {
    return sendParticipantWrite(response, await this.participation.commentOn(slug, id, dto, { ...idempotent, participantToken: token }));
  }

  @Get('information')
  @ApiOperation({ summary: 'Documents, FAQ and contacts of a public procedure' })
  planningInformation(@Param('slug') slug: string): Promise<PlanningInformation> {
    return this.information.publicInformation(slug);
  }
}

/** Files of public variants and documents, by id, whatever procedure they belong to. */
@Controller('v1/files')
export class PublicFilesController {
  constructor(private readonly uploads: UploadsService) {}

  @Get(':fileId')
  @ApiOperation({ summary: 'A file that a published variant or a public document uses' })
  async file(@Param('fileId', uuid) id: string, @Res() response: Response) {
    sendFile(response, await this.uploads.publicFile(id), 'public, max-age=300');
  }
}
