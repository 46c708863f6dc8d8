import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Contribution } from '@stadtdialog/shared/contract';
import type { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG, ParticipantTokens, StoredResponse, withIdempotency } from '@stadtdialog/api/db';
import { FieldError, validationProblem } from '@stadtdialog/api/http';
import {
  IdempotentRequest,
  PlaceBounds,
  ProcedureForWrite,
  checkGeometryShape,
  cleanText,
  idempotencyProblem,
  isBlank,
  placeBounds,
  placeError,
  procedureForWrite,
  requireOpen,
  unstorableTextError,
} from '@stadtdialog/api/participation';
import { CreateContributionDto } from './dto/create-contribution.dto';

export const CONTRIBUTION_JSON = `json_build_object(
  'id', c.id, 'procedureId', c.procedure_id, 'title', c.title, 'text', c.body,
  'categoryId', c.category_id, 'rubricId', c.rubric_id, 'geometry', ST_AsGeoJSON(c.geom, 7)::json,
  'status', c.status, 'source', c.source, 'workshopId', c.workshop_id,
  'createdAt', to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'updatedAt', to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'ratingsUp', c.ratings_up, 'ratingsDown', c.ratings_down, 'commentCount', c.comment_count)`;

@Injectable()
export class ContributionsService {
  private readonly bounds: PlaceBounds;

  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantTokens,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.bounds = placeBounds(config);
  }

  async create(
    slug: string,
    dto: CreateContributionDto,
    request: Partial<IdempotentRequest> & { scope: string; participantToken?: string; tableWorkshopId?: string },
  ): Promise<StoredResponse<Contribution> & { issuedToken: string | null }> {
    let issuedToken: string | null = null;
    try {
      const stored = await withIdempotency<Contribution>(
        this.dataSource,
        { scope: request.scope, key: request.key, body: dto },
        async (manager) => {
          const procedure = await procedureForWrite(manager, slug);
          requireOpen(procedure, 'contributions');
          const values = await this.validate(manager, procedure, dto, request.tableWorkshopId);
          const participant = await this.participants.resolve(manager, request.participantToken);
          issuedToken = participant.issuedToken;
          const status = procedure.settings.moderation === 'pre' ? 'pending' : 'published';
          const [row] = await manager.query(
            `WITH c AS (
               INSERT INTO contributions (procedure_id, category_id, rubric_id, participant_id, title, body, geom, status, source, workshop_id)
               VALUES ($1, $2, $3, $4, $5, $6, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($7), 4326)), $8,
                       CASE WHEN $9::uuid IS NULL THEN 'online' ELSE 'workshop' END, $9) RETURNING *)
             SELECT ${CONTRIBUTION_JSON} AS contribution FROM c`,
            [procedure.id, dto.categoryId, dto.rubricId, participant.id, values.title, values.text, values.geometry, status, values.workshopId],
          );
          return { status: HttpStatus.CREATED, body: row.contribution as Contribution };
        },
      );
      return { ...stored, issuedToken };
    } catch (error) {
      throw idempotencyProblem(error);
    }
  }

  private async validate(manager: EntityManager, procedure: ProcedureForWrite, dto: CreateContributionDto, tableWorkshopId?: string) {
    const errors: FieldError[] = [];
    const workshopId = tableWorkshopId ?? dto.workshopId ?? null;
    if (tableWorkshopId && dto.workshopId && dto.workshopId !== tableWorkshopId) {
      errors.push({ field: 'workshopId', code: 'not_in_procedure', message: 'workshopId must be the workshop of this table (or left out)' });
    } else if (!tableWorkshopId && dto.workshopId) {
      // A phone hand-off: the workshop must still run, so an old QR code does not label new posts.
      const [active] = await manager.query(
        `SELECT 1 FROM workshops WHERE id = $1 AND procedure_id = $2 AND revoked_at IS NULL AND now() < link_expires_at`,
        [dto.workshopId, procedure.id],
      );
      if (!active) errors.push({ field: 'workshopId', code: 'not_in_procedure', message: 'workshopId is not an active workshop of this procedure' });
    }
    const title = cleanText(dto.title);
    const text = cleanText(dto.text);
    const { titleMaxLength, textMaxLength, geometryTypes, locationRequired } = procedure.settings;
    const titleUnstorable = unstorableTextError('title', dto.title);
    const textUnstorable = unstorableTextError('text', dto.text);
    if (titleUnstorable) errors.push(titleUnstorable);
    else if (isBlank(title)) errors.push({ field: 'title', code: 'blank_text', message: 'title must not be empty (invisible characters do not count)' });
    else if ([...title].length > titleMaxLength) {
      errors.push({ field: 'title', code: 'too_long', max: titleMaxLength, message: `title must be at most ${titleMaxLength} characters` });
    }
    if (textUnstorable) errors.push(textUnstorable);
    else if (isBlank(text)) errors.push({ field: 'text', code: 'blank_text', message: 'text must not be empty (invisible characters do not count)' });
    else if ([...text].length > textMaxLength) {
      errors.push({ field: 'text', code: 'too_long', max: textMaxLength, message: `text must be at most ${textMaxLength} characters` });
    }
    const [owned] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM categories WHERE procedure_id = $1 AND id = $2) AS category,
              EXISTS (SELECT 1 FROM rubrics WHERE procedure_id = $1 AND id = $3) AS rubric`,
      [procedure.id, dto.categoryId, dto.rubricId],
    );
    if (!owned.category) errors.push({ field: 'categoryId', code: 'not_in_procedure', message: 'categoryId is not a category of this procedure' });
    if (!owned.rubric) errors.push({ field: 'rubricId', code: 'not_in_procedure', message: 'rubricId is not a rubric of this procedure' });

    let geometry: string | null = null;
    if (dto.geometry === undefined || dto.geometry === null) {
      if (locationRequired) errors.push({ field: 'geometry', code: 'location_required', message: 'this procedure needs a location: add a point, line or polygon' });
    } else {
      const shape = checkGeometryShape(dto.geometry, geometryTypes, this.bounds);
      if (shape.length) errors.push(...shape);
      else {
        geometry = JSON.stringify({ type: dto.geometry.type, coordinates: dto.geometry.coordinates });
        const geometryError = await placeError(manager, procedure.id, geometry, this.bounds);
        if (geometryError) errors.push(geometryError);
      }
    }
    if (errors.length) throw validationProblem(errors);
    return { title, text, geometry, workshopId };
  }
}
