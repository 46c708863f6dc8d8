import { Controller, Get, HttpStatus, Logger, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AuditLog, CurrentPlanner, RequireProcedureRole, SignedInPlanner } from '@stadtdialog/api/access';
import { ProblemException } from '@stadtdialog/api/http';
import { EXPORT_ROWS_HEADER } from '@stadtdialog/shared/contract';
import { EvaluationQueryDto } from './dto/evaluation-query.dto';
import { EvaluationScopes } from './evaluation-scope';
import { EXPORT_FILES, ExportFile, ExportsService } from './exports.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** Where the web app shows a contribution; permalinks point there. */
export function contributionPermalinkBase(request: Request, slug: string): string {
  return `${request.protocol}://${request.get('host')}/procedures/${encodeURIComponent(slug)}/contributions/`;
}

/**
 * Exports for the procedure's moderators and managers and for admins, with the planner filters of
 * the statistics. Each export is written to the audit log before the first byte goes out.
 */
@Controller('v1/procedures/:procedureId/evaluation/exports')
@RequireProcedureRole('moderator')
export class ExportsController {
  private readonly logger = new Logger(ExportsController.name);

  constructor(
    private readonly scopes: EvaluationScopes,
    private readonly exports: ExportsService,
    private readonly audit: AuditLog,
    private readonly dataSource: DataSource,
  ) {}

  /** GET …/exports/{contributions.csv|comments.csv|variants.csv|variant-comments.csv|contributions.xlsx|contributions.geojson} */
  @Get(':file')
  async export(
    @CurrentPlanner() actor: SignedInPlanner, @Param('procedureId', uuid) procedureId: string, @Param('file') file: string,
    @Query() query: EvaluationQueryDto, @Req() request: Request, @Res() response: Response,
  ): Promise<void> {
    if (!Object.keys(EXPORT_FILES).includes(file)) {
      throw new ProblemException('not_found', `There is no export "${file}"; there are ${Object.keys(EXPORT_FILES).join(', ')}.`);
    }
    const exportFile = file as ExportFile;
    const scope = await this.scopes.planner(procedureId, query);
    const rows = await this.exports.count(scope, exportFile);
    await this.audit.record(this.dataSource.manager, {
      actorId: actor.id, action: 'procedure.export', entityType: 'procedure', entityId: procedureId, procedureId,
      after: { file: exportFile, filter: { ...query }, rows },
    });
    response.status(200);
    response.setHeader('Content-Type', EXPORT_FILES[exportFile].type);
    response.setHeader('Content-Disposition', `attachment; filename="${scope.procedure.slug}-${exportFile}"`);
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader(EXPORT_ROWS_HEADER, String(rows));
    response.setHeader('Access-Control-Expose-Headers', EXPORT_ROWS_HEADER);
    try {
      await this.exports.write(scope, exportFile, contributionPermalinkBase(request, scope.procedure.slug), response);
      response.end();
    } catch (error) {
      // The status line has gone out: all a client can be told is that the file is incomplete.
      this.logger.error(`export ${exportFile} of ${procedureId} broke off: ${error instanceof Error ? error.message : String(error)}`);
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
