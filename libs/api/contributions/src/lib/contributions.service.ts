import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Contribution, PLANNING_AREA_MARGIN_METRES } from '@stadtdialog/shared/contract';
import { ParticipantTokens, StoredResponse, withIdempotency } from '@stadtdialog/api/db';
import { FieldError, validationProblem } from '@stadtdialog/api/http';
import {
  IdempotentRequest,
  ProcedureForWrite,
  checkGeometryShape,
  cleanText,
  idempotencyProblem,
  procedureForWrite,
  requireOpen,
  unstorableTextError,
} from '@stadtdialog/api/participation';
import { CreateContributionDto } from './dto/create-contribution.dto';

export const CONTRIBUTION_JSON = `json_build_object(
  'id', c.id, 'procedureId', c.procedure_id, 'title', c.title, 'text', c.body,
  'categoryId', c.category_id, 'rubricId', c.rubric_id, 'geometry', ST_AsGeoJSON(c.geom, 7)::json,
  'status', c.status, 'source', c.source,
  'createdAt', to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'updatedAt', to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'ratingsUp', c.ratings_up, 'ratingsDown', c.ratings_down, 'commentCount', c.comment_count)`;

@Injectable()
export class ContributionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantTokens,
  ) {}

  async create(
    slug: string,
    dto: CreateContributionDto,
    request: Partial<IdempotentRequest> & { scope: string; participantToken?: string },
  ): Promise<StoredResponse<Contribution> & { issuedToken: string | null }> {
    let issuedToken: string | null = null;
    try {
      const stored = await withIdempotency<Contribution>(
        this.dataSource,
        { scope: request.scope, key: request.key, body: dto },
        async (manager) => {
          const procedure = await procedureForWrite(manager, slug);
          requireOpen(procedure, 'contributions');
          const values = await this.validate(manager, procedure, dto);
          const participant = await this.participants.resolve(manager, request.participantToken);
          issuedToken = participant.issuedToken;
          const status = procedure.settings.moderation === 'pre' ? 'pending' : 'published';
          const [row] = await manager.query(
            `WITH c AS (
               INSERT INTO contributions (procedure_id, category_id, rubric_id, participant_id, title, body, geom, status, source)
               VALUES ($1, $2, $3, $4, $5, $6, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($7), 4326)), $8, 'online') RETURNING *)
             SELECT ${CONTRIBUTION_JSON} AS contribution FROM c`,
            [procedure.id, dto.categoryId, dto.rubricId, participant.id, values.title, values.text, values.geometry, status],
          );
          return { status: HttpStatus.CREATED, body: row.contribution as Contribution };
        },
      );
      return { ...stored, issuedToken };
    } catch (error) {
      throw idempotencyProblem(error);
    }
  }

  private async validate(manager: EntityManager, procedure: ProcedureForWrite, dto: CreateContributionDto) {
    const errors: FieldError[] = [];
    const title = cleanText(dto.title);
    const text = cleanText(dto.text);
    const { titleMaxLength, textMaxLength, geometryTypes, locationRequired } = procedure.settings;
    const titleUnstorable = unstorableTextError('title', dto.title);
    const textUnstorable = unstorableTextError('text', dto.text);
    if (titleUnstorable) errors.push(titleUnstorable);
    else if (!title) errors.push({ field: 'title', message: 'title must not be empty' });
    else if ([...title].length > titleMaxLength) {
      errors.push({ field: 'title', message: `title must be at most ${titleMaxLength} characters` });
    }
    if (textUnstorable) errors.push(textUnstorable);
    else if (!text) errors.push({ field: 'text', message: 'text must not be empty' });
    else if ([...text].length > textMaxLength) {
      errors.push({ field: 'text', message: `text must be at most ${textMaxLength} characters` });
    }
    const [owned] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM categories WHERE procedure_id = $1 AND id = $2) AS category,
              EXISTS (SELECT 1 FROM rubrics WHERE procedure_id = $1 AND id = $3) AS rubric`,
      [procedure.id, dto.categoryId, dto.rubricId],
    );
    if (!owned.category) errors.push({ field: 'categoryId', message: 'categoryId is not a category of this procedure' });
    if (!owned.rubric) errors.push({ field: 'rubricId', message: 'rubricId is not a rubric of this procedure' });

    let geometry: string | null = null;
    if (dto.geometry === undefined || dto.geometry === null) {
      if (locationRequired) errors.push({ field: 'geometry', message: 'this procedure needs a location: add a point, line or polygon' });
    } else {
      const shape = checkGeometryShape(dto.geometry, geometryTypes);
      if (shape.length) errors.push(...shape);
      else {
        geometry = JSON.stringify({ type: dto.geometry.type, coordinates: dto.geometry.coordinates });
        const geometryError = await this.checkGeometryInPostgis(manager, procedure.id, geometry);
        if (geometryError) errors.push(geometryError);
      }
    }
    if (errors.length) throw validationProblem(errors);
    return { title, text, geometry };
  }

  /**
   * PostGIS's verdict: a valid shape (else where it is not) within the planning area plus its margin.
   * An altitude (RFC 7946 allows a third number) is dropped: the map and the column are 2D.
   * The distance is measured on the globe (geography) only when there is an area and the shape is
   * valid: MATERIALIZED keeps the planner from casting the input to geography while it plans, which
   * would run the cast even where CASE does not need it. The cast refuses an edge between antipodal
   * points (its course on the globe is undefined); that is the client's geometry, so a 422.
   */
  private async checkGeometryInPostgis(manager: EntityManager, procedureId: string, geojson: string): Promise<FieldError | null> {
    let row: { valid: boolean; reason: string; inside: boolean | null };
    try {
      [row] = await manager.query(
        `WITH g AS MATERIALIZED (SELECT ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)) AS geom)
         SELECT ST_IsValid(g.geom) AS valid, ST_IsValidReason(g.geom) AS reason,
                CASE WHEN p.planning_area IS NULL THEN true
                     WHEN NOT ST_IsValid(g.geom) THEN NULL
                     ELSE ST_DWithin(g.geom::geography, p.planning_area::geography, $3) END AS inside
         FROM g, procedures p WHERE p.id = $1`,
        [procedureId, geojson, PLANNING_AREA_MARGIN_METRES],
      );
    } catch (error) {
      if (/antipodal/i.test((error as Error).message)) {
        return {
          field: 'geometry',
          message: 'the geometry has an edge between two opposite points of the globe, whose course is undefined: add a position between them',
        };
      }
      throw error;
    }
    if (!row.valid) {
      return { field: 'geometry', message: `the geometry is not valid: ${row.reason}` };
    }
    if (!row.inside) {
      return {
        field: 'geometry',
        message: `the location lies outside the planning area (more than ${PLANNING_AREA_MARGIN_METRES} m away)`,
      };
    }
    return null;
  }
}
