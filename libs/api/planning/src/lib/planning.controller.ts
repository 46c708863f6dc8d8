import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put, Req } from '@nestjs/common';
import type { Request } from 'express';
import { CurrentPlanner, RequireAdmin, RequirePlanner, RequireProcedureRole, SignedInPlanner } from '@stadtdialog/api/access';
import type { WorkspaceProcedure, WorkspaceProcedureSummary } from '@stadtdialog/shared/contract';
import {
  AppointmentDto,
  CategoryDto,
  CloneProcedureDto,
  CreateProcedureDto,
  MembershipDto,
  PhasesDto,
  RubricDto,
  UpdateAppointmentDto,
  UpdateCategoryDto,
  UpdateProcedureDto,
  UpdateRubricDto,
} from './dto/procedure.dto';
import { PlanningService } from './planning.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** The procedures a planner works on, and creating new ones. */
@Controller('v1/workspace/procedures')
export class WorkspaceController {
  constructor(private readonly planning: PlanningService) {}

  @Get()
  @RequirePlanner()
  list(@CurrentPlanner() planner: SignedInPlanner): Promise<WorkspaceProcedureSummary[]> {
    return this.planning.list(planner);
  }

  @Post()
  @RequireAdmin()
  create(@CurrentPlanner() actor: SignedInPlanner, @Body() dto: CreateProcedureDto, @Req() request: Request): Promise<WorkspaceProcedure> {
    return this.planning.create({ actor, request }, dto);
  }
}

/** Setting up one procedure: managers of it and admins; moderators may read it. */
@Controller('v1/procedures/:procedureId/setup')
export class SetupController {
  constructor(private readonly planning: PlanningService) {}

  @Get()
  @RequireProcedureRole('moderator')
  get(@Param('procedureId', uuid) id: string): Promise<WorkspaceProcedure> {
    return this.planning.get(id);
  }

  @Patch()
  @RequireProcedureRole('manager')
  update(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Body() dto: UpdateProcedureDto, @Req() request: Request,
  ): Promise<WorkspaceProcedure> {
    return this.planning.update({ actor, request }, id, dto);
  }

  @Post('archive')
  @HttpCode(HttpStatus.OK)
  @RequireProcedureRole('manager')
  archive(@CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Req() request: Request) {
    return this.planning.setArchived({ actor, request }, id, true);
  }

  @Post('restore')
  @HttpCode(HttpStatus.OK)
  @RequireProcedureRole('manager')
  restore(@CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Req() request: Request) {
    return this.planning.setArchived({ actor, request }, id, false);
  }

  @Post('clone')
  @RequireAdmin()
  clone(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Body() dto: CloneProcedureDto, @Req() request: Request,
  ): Promise<WorkspaceProcedure> {
    return this.planning.clone({ actor, request }, id, dto);
  }

  @Put('phases')
  @RequireProcedureRole('manager')
  phases(@CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Body() dto: PhasesDto, @Req() request: Request) {
    return this.planning.replacePhases({ actor, request }, id, dto);
  }

  @Post('categories')
  @RequireProcedureRole('manager')
  addCategory(@CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Body() dto: CategoryDto, @Req() request: Request) {
    return this.planning.addCategory({ actor, request }, id, dto);
  }

  @Patch('categories/:categoryId')
  @RequireProcedureRole('manager')
  updateCategory(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Param('categoryId', uuid) categoryId: string,
    @Body() dto: UpdateCategoryDto, @Req() request: Request,
  ) {
    return this.planning.updateCategory({ actor, request }, id, categoryId, dto);
  }

  @Delete('categories/:categoryId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireProcedureRole('manager')
  async deleteCategory(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Param('categoryId', uuid) categoryId: string,
    @Req() request: Request,
  ): Promise<void> {
    await this.planning.deleteCategory({ actor, request }, id, categoryId);
  }

  @Post('rubrics')
  @RequireProcedureRole('manager')
  addRubric(@CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Body() dto: RubricDto, @Req() request: Request) {
    return this.planning.addRubric({ actor, request }, id, dto);
  }

  @Patch('rubrics/:rubricId')
  @RequireProcedureRole('manager')
  updateRubric(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Param('rubricId', uuid) rubricId: string,
    @Body() dto: UpdateRubricDto, @Req() request: Request,
  ) {
    return this.planning.updateRubric({ actor, request }, id, rubricId, dto);
  }

  @Delete('rubrics/:rubricId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireProcedureRole('manager')
  async deleteRubric(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Param('rubricId', uuid) rubricId: string,
    @Req() request: Request,
  ): Promise<void> {
    await this.planning.deleteRubric({ actor, request }, id, rubricId);
  }

  @Post('appointments')
  @RequireProcedureRole('manager')
  addAppointment(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Body() dto: AppointmentDto, @Req() request: Request,
  ) {
    return this.planning.addAppointment({ actor, request }, id, dto);
  }

  @Patch('appointments/:appointmentId')
  @RequireProcedureRole('manager')
  updateAppointment(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Param('appointmentId', uuid) appointmentId: string,
    @Body() dto: UpdateAppointmentDto, @Req() request: Request,
  ) {
    return this.planning.updateAppointment({ actor, request }, id, appointmentId, dto);
  }

  @Delete('appointments/:appointmentId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireProcedureRole('manager')
  async deleteAppointment(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Param('appointmentId', uuid) appointmentId: string,
    @Req() request: Request,
  ): Promise<void> {
    await this.planning.deleteAppointment({ actor, request }, id, appointmentId);
  }
}

/** Who works on a procedure: managers read it, admins change it. */
@Controller('v1/procedures/:procedureId/memberships')
export class MembershipsController {
  constructor(private readonly planning: PlanningService) {}

  @Get()
  @RequireProcedureRole('manager')
  list(@Param('procedureId', uuid) id: string) {
    return this.planning.memberships(id);
  }

  @Put(':plannerId')
  @RequireAdmin()
  set(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Param('plannerId', uuid) plannerId: string,
    @Body() dto: MembershipDto, @Req() request: Request,
  ) {
    return this.planning.setMembership({ actor, request }, id, plannerId, dto.role);
  }

  @Delete(':plannerId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireAdmin()
  async remove(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) id: string, @Param('plannerId', uuid) plannerId: string,
    @Req() request: Request,
  ): Promise<void> {
    await this.planning.setMembership({ actor, request }, id, plannerId, null);
  }
}
