import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuditLog, CurrentPlanner, RequireAdmin, SignedInPlanner } from '@stadtdialog/api/access';
import type { AuditPage, PlannerAccount, PlannerWithPassword } from '@stadtdialog/shared/contract';
import { CreatePlannerDto, ResetPasswordDto, UpdatePlannerDto } from './dto/planner.dto';
import { PlannersService } from './planners.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** Planner accounts: admins only. */
@Controller('v1/planners')
@RequireAdmin()
export class PlannersController {
  constructor(
    private readonly planners: PlannersService,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  list(): Promise<PlannerAccount[]> {
    return this.planners.list();
  }

  @Post()
  async create(
    @CurrentPlanner() actor: SignedInPlanner,
    @Body() dto: CreatePlannerDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlannerWithPassword> {
    response.setHeader('Cache-Control', 'no-store');
    return this.planners.create(actor, dto);
  }

  /** Every audit entry, including those about accounts (which belong to no procedure). */
  @Get('audit')
  log(@Query('before') before: string | undefined, @Query('limit') limit: string | undefined): Promise<AuditPage> {
    return this.audit.list({
      procedureId: null,
      before: before && /^\d{1,18}$/.test(before) ? before : undefined,
      limit: limit ? Number(limit) || undefined : undefined,
    });
  }

  @Get(':plannerId')
  get(@Param('plannerId', uuid) id: string): Promise<PlannerAccount> {
    return this.planners.get(id);
  }

  @Patch(':plannerId')
  update(
    @CurrentPlanner() actor: SignedInPlanner,
    @Param('plannerId', uuid) id: string,
    @Body() dto: UpdatePlannerDto,
    @Req() request: Request,
  ): Promise<PlannerAccount> {
    return this.planners.update(actor, request, id, dto);
  }

  @Post(':plannerId/disable')
  @HttpCode(HttpStatus.OK)
  disable(@CurrentPlanner() actor: SignedInPlanner, @Param('plannerId', uuid) id: string, @Req() request: Request) {
    return this.planners.setDisabled(actor, request, id, true);
  }

  @Post(':plannerId/enable')
  @HttpCode(HttpStatus.OK)
  enable(@CurrentPlanner() actor: SignedInPlanner, @Param('plannerId', uuid) id: string, @Req() request: Request) {
    return this.planners.setDisabled(actor, request, id, false);
  }

  @Post(':plannerId/reset-password')
  @HttpCode(HttpStatus.OK)
  async resetPassword(
    @CurrentPlanner() actor: SignedInPlanner,
    @Param('plannerId', uuid) id: string,
    @Body() dto: ResetPasswordDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlannerWithPassword> {
    response.setHeader('Cache-Control', 'no-store');
    return this.planners.resetPassword(actor, id, dto);
  }
}
