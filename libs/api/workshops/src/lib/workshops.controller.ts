import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPlanner, RequireProcedureRole, SignedInPlanner } from '@stadtdialog/api/access';
import { TableKeyRequest } from '@stadtdialog/api/http';
import type { TableSession, Workshop, WorkshopList, WorkshopWithLink } from '@stadtdialog/shared/contract';
import { NewWorkshopDto, WorkshopChangeDto } from './dto/workshop.dto';
import { tableLinkInvalid } from './table-key.guard';
import { WorkshopsService } from './workshops.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** Workshops of a procedure: its managers and admins only (moderators moderate what tables send). */
@Controller('v1/procedures/:procedureId/workshops')
@RequireProcedureRole('manager')
export class WorkshopsController {
  constructor(private readonly workshops: WorkshopsService) {}

  @Get()
  list(@Param('procedureId', uuid) procedureId: string): Promise<WorkshopList> {
    return this.workshops.list(procedureId);
  }

  @Post()
  async create(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Body() dto: NewWorkshopDto,
    @Req() request: Request, @Res({ passthrough: true }) response: Response,
  ): Promise<WorkshopWithLink> {
    const result = await this.workshops.create({ actor, request }, procedureId, dto);
    response.status(result.status).setHeader('Cache-Control', 'no-store');
    return result.body;
  }

  @Patch(':workshopId')
  update(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string,
    @Param('workshopId', uuid) workshopId: string, @Body() dto: WorkshopChangeDto, @Req() request: Request,
  ): Promise<Workshop> {
    return this.workshops.update({ actor, request }, procedureId, workshopId, dto);
  }

  @Post(':workshopId/revoke')
  @HttpCode(HttpStatus.OK)
  revoke(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string,
    @Param('workshopId', uuid) workshopId: string, @Req() request: Request,
  ): Promise<Workshop> {
    return this.workshops.revoke({ actor, request }, procedureId, workshopId);
  }

  @Post(':workshopId/link')
  async newLink(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string,
    @Param('workshopId', uuid) workshopId: string, @Req() request: Request, @Res({ passthrough: true }) response: Response,
  ): Promise<WorkshopWithLink> {
    const result = await this.workshops.newLink({ actor, request }, procedureId, workshopId);
    response.status(result.status).setHeader('Cache-Control', 'no-store');
    return result.body;
  }
}

/** The workshop table's start: which workshop and procedure its X-Table-Key opens. */
@Controller('v1/table')
export class TableController {
  constructor(private readonly workshops: WorkshopsService) {}

  @Get()
  session(@Req() request: TableKeyRequest, @Res({ passthrough: true }) response: Response): Promise<TableSession> {
    if (!request.tableWorkshop) throw tableLinkInvalid();
    response.setHeader('Cache-Control', 'no-store');
    return this.workshops.session(request.tableWorkshop);
  }
}
