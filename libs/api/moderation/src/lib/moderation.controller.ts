import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { AuditLog, CurrentPlanner, RequireProcedureRole, SignedInPlanner } from '@stadtdialog/api/access';
import { ProblemException, validationProblem } from '@stadtdialog/api/http';
import type { AuditPage, Comment, ModerationAction, ModerationItem, ModerationKind, ModerationPage } from '@stadtdialog/shared/contract';
import {
  AuditQueryDto,
  BulkModerationDto,
  DecisionDto,
  EditContributionDto,
  OfficialResponseDto,
  QueueQueryDto,
} from './dto/moderation.dto';
import { ModerationService } from './moderation.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });
const ACTIONS = new Set<ModerationAction>(['approve', 'reject', 'hide', 'unhide']);
const KINDS: Record<string, ModerationKind> = { contributions: 'contribution', comments: 'comment', 'variant-comments': 'variant-comment' };

function parseAction(raw: string): ModerationAction {
  if (!ACTIONS.has(raw as ModerationAction)) throw new ProblemException('not_found', `There is no action "${raw}".`);
  return raw as ModerationAction;
}

function parseKind(raw: string): ModerationKind {
  const kind = KINDS[raw];
  if (!kind) throw new ProblemException('not_found', `There are no "${raw}" to moderate.`);
  return kind;
}

/** Moderators, managers of the procedure and admins. */
@Controller('v1/procedures/:procedureId/moderation')
@RequireProcedureRole('moderator')
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Get('queue')
  queue(@Param('procedureId', uuid) procedureId: string, @Query() query: QueueQueryDto): Promise<ModerationPage> {
    return this.moderation.queue(procedureId, query);
  }

  @Post('bulk')
  @HttpCode(HttpStatus.OK)
  bulk(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Body() dto: BulkModerationDto,
    @Req() request: Request,
  ): Promise<{ items: ModerationItem[] }> {
    return this.moderation.bulk({ actor, request }, procedureId, dto);
  }

  @Get('contributions/:contributionId')
  contribution(@Param('procedureId', uuid) procedureId: string, @Param('contributionId', uuid) id: string) {
    return this.moderation.contribution(procedureId, id);
  }

  @Patch('contributions/:contributionId')
  edit(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string,
    @Param('contributionId', uuid) id: string, @Body() dto: EditContributionDto, @Req() request: Request,
  ): Promise<ModerationItem> {
    return this.moderation.edit({ actor, request }, procedureId, id, dto);
  }

  @Post('contributions/:contributionId/responses')
  respond(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string,
    @Param('contributionId', uuid) id: string, @Body() dto: OfficialResponseDto, @Req() request: Request,
  ): Promise<Comment> {
    return this.moderation.respond({ actor, request }, procedureId, id, dto);
  }

  /** POST …/moderation/{contributions|comments|variant-comments}/:id/{approve|reject|hide|unhide} */
  @Post(':kind/:itemId/:action')
  @HttpCode(HttpStatus.OK)
  decide(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Param('kind') kind: string,
    @Param('itemId', uuid) id: string, @Param('action') action: string, @Body() dto: DecisionDto, @Req() request: Request,
  ): Promise<ModerationItem> {
    return this.moderation.decide({ actor, request }, procedureId, parseKind(kind), id, parseAction(action), dto.reason);
  }
}

/** The audit log of a procedure and of one contribution (with its comments). Read-only: there is no way to change it. */
@Controller('v1/procedures/:procedureId')
@RequireProcedureRole('moderator')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get('audit')
  procedure(@Param('procedureId', uuid) procedureId: string, @Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list({ procedureId, before: validBefore(query.before), limit: query.limit });
  }

  @Get('moderation/contributions/:contributionId/audit')
  contribution(
    @Param('procedureId', uuid) procedureId: string, @Param('contributionId', uuid) contributionId: string, @Query() query: AuditQueryDto,
  ): Promise<AuditPage> {
    return this.audit.list({ procedureId, contributionId, before: validBefore(query.before), limit: query.limit });
  }
}

function validBefore(before: string | undefined): string | undefined {
  if (before === undefined) return undefined;
  if (!/^\d{1,18}$/.test(before)) {
    throw validationProblem([{ field: 'before', code: 'invalid_cursor', message: 'before must be the nextCursor of a previous page' }]);
  }
  return before;
}
