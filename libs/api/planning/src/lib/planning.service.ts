import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG } from '@stadtdialog/api/db';
import { AuditLog, ContentSecurityPolicy, PlannerWriteRequest, SignedInPlanner, plannerWrite } from '@stadtdialog/api/access';
import { ProblemException, fieldError, validationProblem } from '@stadtdialog/api/http';
import { checkAreaShape, invalidGeometryError } from '@stadtdialog/api/participation';
import {
  DEFAULT_PROCEDURE_SETTINGS,
  MapConfiguration,
  Phase,
  ProcedureRole,
  Translations,
  WorkspaceProcedure,
  WorkspaceProcedureSummary,
  procedureState,
} from '@stadtdialog/shared/contract';
import {
  AppointmentDto,
  CategoryDto,
  CloneProcedureDto,
  CreateProcedureDto,
  PhasesDto,
  RubricDto,
  UpdateAppointmentDto,
  UpdateCategoryDto,
  UpdateProcedureDto,
  UpdateRubricDto,
} from './dto/procedure.dto';
import { readWorkspaceProcedure } from './procedure-json';

type Part = 'category' | 'rubric' | 'appointment';
const PART_TABLE: Record<Part, string> = { category: 'categories', rubric: 'rubrics', appointment: 'appointments' };

export interface WriteContext {
  actor: SignedInPlanner;
  request: PlannerWriteRequest;
}

/** Setting up procedures: every change in one transaction with its audit entry. */
@Injectable()
export class PlanningService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly csp: ContentSecurityPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Admins see every procedure; others the ones they are members of. */
  async list(planner: SignedInPlanner, now = new Date()): Promise<WorkspaceProcedureSummary[]> {
    const rows = await this.dataSource.query(
      `SELECT p.id, p.slug, p.title, p.internal, p.archived_at IS NOT NULL AS archived,
              CASE WHEN $2 THEN 'admin' ELSE m.role END AS role,
              coalesce((SELECT json_agg(json_build_object('startsAt', ph.starts_at, 'endsAt', ph.ends_at))
                        FROM phases ph WHERE ph.procedure_id = p.id), '[]'::json) AS phases,
              (SELECT count(*)::int FROM contributions c WHERE c.procedure_id = p.id AND c.status = 'pending')
                + (SELECT count(*)::int FROM comments m JOIN contributions c ON c.id = m.contribution_id
                   WHERE c.procedure_id = p.id AND m.status = 'pending') AS pending,
              (SELECT count(*)::int FROM contributions c WHERE c.procedure_id = p.id AND c.flagged_at IS NOT NULL)
                + (SELECT count(*)::int FROM comments m JOIN contributions c ON c.id = m.contribution_id
                   WHERE c.procedure_id = p.id AND m.flagged_at IS NOT NULL) AS flagged
       FROM procedures p LEFT JOIN procedure_memberships m ON m.procedure_id = p.id AND m.planner_id = $1
       WHERE $2 OR m.role IS NOT NULL
       ORDER BY p.archived_at IS NOT NULL, p.created_at DESC, p.id
       LIMIT 1000`,
      [planner.id, planner.isAdmin],
    );
    return rows.map(({ phases, ...row }: WorkspaceProcedureSummary & { phases: { startsAt: string; endsAt: string }[] }) => ({
      ...row,
      state: procedureState(phases, now),
    }));
  }

  async get(id: string): Promise<WorkspaceProcedure> {
    const procedure = await readWorkspaceProcedure(this.dataSource.manager, id);
    if (!procedure) throw new NotFoundException('There is no such procedure');
    return procedure;
  }

  private async write<T>(ctx: WriteContext, status: number, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await plannerWrite<T>(this.dataSource, ctx.request, async (manager) => ({ status, body: await work(manager) }));
    return result.body;
  }

  private async lock(manager: EntityManager, id: string): Promise<WorkspaceProcedure> {
    const [row] = await manager.query(`SELECT id FROM procedures WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw new NotFoundException('There is no such procedure');
    return (await readWorkspaceProcedure(manager, id)) as WorkspaceProcedure;
  }

  /** New procedures start internal, so nothing is public before a manager says so. */
  async create(ctx: WriteContext, dto: CreateProcedureDto): Promise<WorkspaceProcedure> {
    const procedure = await this.write(ctx, HttpStatus.CREATED, async (manager) => {
      const map: MapConfiguration = {
        projection: 'EPSG:3857',
        center: [10.0, 53.55],
        zoom: 12,
        layers: [{ id: 'base', kind: 'xyz', role: 'base', title: 'Base map', url: this.config.baseMapUrl, visible: true }],
      };
      const [row] = await manager.query(
        `INSERT INTO procedures (slug, title, summary, description, map_config, settings, internal, translations)
         VALUES ($1, $2, $3, $4, $5, $6, true, $7) RETURNING id`,
        [dto.slug, dto.title.trim(), dto.summary ?? '', dto.description ?? '', JSON.stringify(map), JSON.stringify(DEFAULT_PROCEDURE_SETTINGS),
          translationsJson(undefined, dto.translations)],
      );
      const created = (await readWorkspaceProcedure(manager, row.id)) as WorkspaceProcedure;
      await this.audit.record(manager, {
        actorId: ctx.actor.id, action: 'procedure.create', entityType: 'procedure', entityId: row.id, procedureId: row.id,
        after: created,
      });
      return created;
    });
    return procedure;
  }

  async update(ctx: WriteContext, id: string, dto: UpdateProcedureDto): Promise<WorkspaceProcedure> {
    const updated = await this.write(ctx, HttpStatus.OK, async (manager) => {
      const before = await this.lock(manager, id);
      let area: string | null | undefined = undefined;
      if (dto.planningArea !== undefined) area = dto.planningArea === null ? null : await this.checkArea(manager, dto.planningArea);
      const settings = dto.settings ? { ...before.settings, ...dto.settings } : before.settings;
      await manager.query(
        `UPDATE procedures SET slug = $2, title = $3, summary = $4, description = $5, internal = $6,
           planning_area = CASE WHEN $7 THEN ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($8), 4326))) ELSE planning_area END,
           map_config = $9, settings = $10, translations = $11, updated_at = now()
         WHERE id = $1`,
        [
          id, dto.slug ?? before.slug, dto.title?.trim() ?? before.title, dto.summary ?? before.summary,
          dto.description ?? before.description, dto.internal ?? before.internal, area !== undefined, area ?? null,
          JSON.stringify(dto.map ?? before.map), JSON.stringify(settings), translationsJson(before.translations, dto.translations),
        ],
      );
      const after = (await readWorkspaceProcedure(manager, id)) as WorkspaceProcedure;
      await this.audit.record(manager, {
        actorId: ctx.actor.id, action: 'procedure.update', entityType: 'procedure', entityId: id, procedureId: id,
        before: changedFields(before, after), after: changedFields(after, before),
      });
      return after;
    });
    if (dto.map) await this.csp.refresh();
    return updated;
  }

  /** PostGIS decides: a valid Polygon or MultiPolygon in lon/lat, else 422 with its reason. */
  private async checkArea(manager: EntityManager, area: unknown): Promise<string> {
    // The shape and the caps first: an unclosed ring, a ring of two positions or coordinate strings
    // would otherwise reach PostGIS, and a huge area would keep GEOS busy.
    const shape = checkAreaShape(area, 'planningArea', {
      maxPositions: this.config.geometryMaxPositions,
      maxParts: this.config.geometryMaxParts,
    });
    if (shape.length) throw validationProblem(shape);
    const { type, coordinates } = area as { type: string; coordinates: unknown };
    const geojson = JSON.stringify({ type, coordinates });
    let row: { valid: boolean; reason: string; inside: boolean; empty: boolean };
    try {
      await manager.query('SAVEPOINT planning_area');
      [row] = await manager.query(
        `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS geom)
         SELECT ST_IsValid(geom) AS valid, ST_IsValidReason(geom) AS reason, ST_IsEmpty(geom) AS empty,
                ST_XMin(geom) >= -180 AND ST_XMax(geom) <= 180 AND ST_YMin(geom) >= -90 AND ST_YMax(geom) <= 90 AS inside
         FROM g`,
        [geojson],
      );
      await manager.query('RELEASE SAVEPOINT planning_area');
    } catch {
      await manager.query('ROLLBACK TO SAVEPOINT planning_area');
      throw validationProblem([fieldError('planningArea', 'invalid_geojson', 'planningArea is not readable GeoJSON')]);
    }
    const problem = row.empty ? fieldError('planningArea', 'required', 'planningArea must not be empty')
      : !row.valid ? { ...invalidGeometryError(row.reason, 'planningArea'), message: `planningArea is not valid: ${row.reason}` }
      : !row.inside ? fieldError('planningArea', 'position_out_of_range', 'planningArea must be in longitude/latitude (WGS 84)') : null;
    if (problem) throw validationProblem([problem]);
    return geojson;
  }

  async setArchived(ctx: WriteContext, id: string, archived: boolean): Promise<WorkspaceProcedure> {
    const result = await this.write(ctx, HttpStatus.OK, async (manager) => {
      const before = await this.lock(manager, id);
      await manager.query(
        `UPDATE procedures SET archived_at = CASE WHEN $2 THEN coalesce(archived_at, now()) END, updated_at = now() WHERE id = $1`,
        [id, archived],
      );
      const after = (await readWorkspaceProcedure(manager, id)) as WorkspaceProcedure;
      await this.audit.record(manager, {
        actorId: ctx.actor.id, action: archived ? 'procedure.archive' : 'procedure.restore', entityType: 'procedure',
        entityId: id, procedureId: id, before: { archivedAt: before.archivedAt }, after: { archivedAt: after.archivedAt },
      });
      return after;
    });
    await this.csp.refresh();
    return result;
  }

  /** A template copy: texts, area, map, settings, categories, rubrics, phases moved to startsAt; internal; no contributions. */
  async clone(ctx: WriteContext, sourceId: string, dto: CloneProcedureDto): Promise<WorkspaceProcedure> {
    return this.write(ctx, HttpStatus.CREATED, async (manager) => {
      await this.lock(manager, sourceId);
      const [row] = await manager.query(
        `INSERT INTO procedures (slug, title, summary, description, planning_area, map_config, settings, internal, translations)
         SELECT $2, $3, summary, description, planning_area, map_config, settings, true,
                CASE WHEN coalesce((translations->'en') - 'title', '{}'::jsonb) = '{}'::jsonb THEN translations - 'en'
                     ELSE jsonb_set(translations, '{en}', (translations->'en') - 'title') END
         FROM procedures WHERE id = $1
         RETURNING id`,
        [sourceId, dto.slug, dto.title.trim()],
      );
      await manager.query(
        `INSERT INTO phases (procedure_id, kind, title, starts_at, ends_at, translations)
         SELECT $2, kind, title, starts_at + shift, ends_at + shift, translations
         FROM phases, (SELECT $3::timestamptz - min(starts_at) AS shift FROM phases WHERE procedure_id = $1) s
         WHERE procedure_id = $1`,
        [sourceId, row.id, dto.startsAt],
      );
      await manager.query(
        `INSERT INTO categories (procedure_id, name, colour, icon, position, translations)
         SELECT $2, name, colour, icon, position, translations FROM categories WHERE procedure_id = $1`,
        [sourceId, row.id],
      );
      await manager.query(
        `INSERT INTO rubrics (procedure_id, kind, name, position, translations)
         SELECT $2, kind, name, position, translations FROM rubrics WHERE procedure_id = $1`,
        [sourceId, row.id],
      );
      const created = (await readWorkspaceProcedure(manager, row.id)) as WorkspaceProcedure;
      await this.audit.record(manager, {
        actorId: ctx.actor.id, action: 'procedure.clone', entityType: 'procedure', entityId: row.id, procedureId: row.id,
        before: { sourceId }, after: created,
      });
      return created;
    });
  }

  /** The whole list of phases at once: nothing refers to a phase, so replacing is safe and simple for the form. */
  async replacePhases(ctx: WriteContext, id: string, dto: PhasesDto): Promise<WorkspaceProcedure> {
    const errors = dto.phases.flatMap((p, i) =>
      Date.parse(p.endsAt) > Date.parse(p.startsAt) ? [] : [fieldError(`phases.${i}.endsAt`, 'end_before_start', 'endsAt must be after startsAt')],
    );
    if (errors.length) throw validationProblem(errors);
    return this.write(ctx, HttpStatus.OK, async (manager) => {
      const before = await this.lock(manager, id);
      await manager.query(`DELETE FROM phases WHERE procedure_id = $1`, [id]);
      for (const p of dto.phases) {
        await manager.query(
          `INSERT INTO phases (procedure_id, kind, title, starts_at, ends_at, translations) VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, p.kind, p.title?.trim() ?? '', p.startsAt, p.endsAt, translationsJson(undefined, p.translations)],
        );
      }
      await manager.query(`UPDATE procedures SET updated_at = now() WHERE id = $1`, [id]);
      const after = (await readWorkspaceProcedure(manager, id)) as WorkspaceProcedure;
      await this.audit.record(manager, {
        actorId: ctx.actor.id, action: 'procedure.phases', entityType: 'procedure', entityId: id, procedureId: id,
        before: strip(before.phases), after: strip(after.phases),
      });
      return after;
    });
  }

  private async readPart(manager: EntityManager, part: Part, procedureId: string, id: string): Promise<Record<string, unknown>> {
    const columns = part === 'appointment'
      ? `id, title, description, to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "startsAt",
         to_char(ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "endsAt", place,
         ST_AsGeoJSON(location, 7)::json AS location, translations`
      : part === 'category' ? 'id, name, colour, icon, position, translations' : 'id, kind, name, position, translations';
    const [row] = await manager.query(`SELECT ${columns} FROM ${PART_TABLE[part]} WHERE procedure_id = $1 AND id = $2`, [procedureId, id]);
    if (!row) throw new NotFoundException(`There is no such ${part} in this procedure`);
    return row;
  }

  private async partChange(
    ctx: WriteContext, part: Part, procedureId: string, id: string | null, status: number,
    apply: (manager: EntityManager, before: Record<string, unknown> | null) => Promise<string | null>,
  ): Promise<Record<string, unknown> | null> {
    return this.write(ctx, status, async (manager) => {
      await this.lock(manager, procedureId);
      const before = id ? await this.readPart(manager, part, procedureId, id) : null;
      const resultId = await apply(manager, before);
      const after = resultId ? await this.readPart(manager, part, procedureId, resultId) : null;
      await this.audit.record(manager, {
        actorId: ctx.actor.id,
        action: `${part}.${!before ? 'create' : after ? 'update' : 'delete'}`,
        entityType: part, entityId: resultId ?? id, procedureId, before, after,
      });
      return after;
    });
  }

  addCategory(ctx: WriteContext, procedureId: string, dto: CategoryDto) {
    return this.partChange(ctx, 'category', procedureId, null, HttpStatus.CREATED, async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO categories (procedure_id, name, colour, icon, position, translations)
         VALUES ($1, $2, $3, $4, coalesce($5, (SELECT coalesce(max(position) + 1, 0) FROM categories WHERE procedure_id = $1)), $6)
         RETURNING id`,
        [procedureId, dto.name.trim(), dto.colour.toLowerCase(), dto.icon ?? 'circle', dto.position ?? null, translationsJson(undefined, dto.translations)],
      );
      return row.id;
    });
  }

  updateCategory(ctx: WriteContext, procedureId: string, id: string, dto: UpdateCategoryDto) {
    return this.partChange(ctx, 'category', procedureId, id, HttpStatus.OK, async (manager, before) => {
      const b = before as { name: string; colour: string; icon: string; position: number; translations: Stored };
      await manager.query(`UPDATE categories SET name = $2, colour = $3, icon = $4, position = $5, translations = $6 WHERE id = $1`, [
        id, dto.name?.trim() ?? b.name, dto.colour?.toLowerCase() ?? b.colour, dto.icon ?? b.icon, dto.position ?? b.position,
        translationsJson(b.translations, dto.translations),
      ]);
      return id;
    });
  }

  deleteCategory(ctx: WriteContext, procedureId: string, id: string) {
    return this.partChange(ctx, 'category', procedureId, id, HttpStatus.NO_CONTENT, async (manager) => {
      await refuseWhenUsed(manager, 'category_id', id, 'category');
      await manager.query(`DELETE FROM categories WHERE id = $1`, [id]);
      return null;
    });
  }

  addRubric(ctx: WriteContext, procedureId: string, dto: RubricDto) {
    return this.partChange(ctx, 'rubric', procedureId, null, HttpStatus.CREATED, async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO rubrics (procedure_id, kind, name, position, translations)
         VALUES ($1, $2, $3, coalesce($4, (SELECT coalesce(max(position) + 1, 0) FROM rubrics WHERE procedure_id = $1)), $5)
         RETURNING id`,
        [procedureId, dto.kind, dto.name.trim(), dto.position ?? null, translationsJson(undefined, dto.translations)],
      );
      return row.id;
    });
  }

  updateRubric(ctx: WriteContext, procedureId: string, id: string, dto: UpdateRubricDto) {
    return this.partChange(ctx, 'rubric', procedureId, id, HttpStatus.OK, async (manager, before) => {
      const b = before as { kind: string; name: string; position: number; translations: Stored };
      await manager.query(`UPDATE rubrics SET kind = $2, name = $3, position = $4, translations = $5 WHERE id = $1`, [
        id, dto.kind ?? b.kind, dto.name?.trim() ?? b.name, dto.position ?? b.position, translationsJson(b.translations, dto.translations),
      ]);
      return id;
    });
  }

  deleteRubric(ctx: WriteContext, procedureId: string, id: string) {
    return this.partChange(ctx, 'rubric', procedureId, id, HttpStatus.NO_CONTENT, async (manager) => {
      await refuseWhenUsed(manager, 'rubric_id', id, 'rubric');
      await manager.query(`DELETE FROM rubrics WHERE id = $1`, [id]);
      return null;
    });
  }

  addAppointment(ctx: WriteContext, procedureId: string, dto: AppointmentDto) {
    checkTimes(dto.startsAt, dto.endsAt);
    return this.partChange(ctx, 'appointment', procedureId, null, HttpStatus.CREATED, async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO appointments (procedure_id, title, description, starts_at, ends_at, place, location, translations)
         VALUES ($1, $2, $3, $4, $5, $6, ST_SetSRID(ST_GeomFromGeoJSON($7), 4326), $8) RETURNING id`,
        [procedureId, dto.title.trim(), dto.description ?? '', dto.startsAt, dto.endsAt ?? null, dto.place ?? '', point(dto.location),
          translationsJson(undefined, dto.translations)],
      );
      return row.id;
    });
  }

  updateAppointment(ctx: WriteContext, procedureId: string, id: string, dto: UpdateAppointmentDto) {
    return this.partChange(ctx, 'appointment', procedureId, id, HttpStatus.OK, async (manager, before) => {
      const b = before as {
        title: string; description: string; startsAt: string; endsAt: string | null; place: string; location: unknown; translations: Stored;
      };
      const startsAt = dto.startsAt ?? b.startsAt;
      const endsAt = dto.endsAt === undefined ? b.endsAt : dto.endsAt;
      checkTimes(startsAt, endsAt);
      await manager.query(
        `UPDATE appointments SET title = $2, description = $3, starts_at = $4, ends_at = $5, place = $6,
           location = ST_SetSRID(ST_GeomFromGeoJSON($7), 4326), translations = $8 WHERE id = $1`,
        [id, dto.title?.trim() ?? b.title, dto.description ?? b.description, startsAt, endsAt, dto.place ?? b.place,
          dto.location === undefined ? (b.location ? JSON.stringify(b.location) : null) : point(dto.location),
          translationsJson(b.translations, dto.translations)],
      );
      return id;
    });
  }

  deleteAppointment(ctx: WriteContext, procedureId: string, id: string) {
    return this.partChange(ctx, 'appointment', procedureId, id, HttpStatus.NO_CONTENT, async (manager) => {
      await manager.query(`DELETE FROM appointments WHERE id = $1`, [id]);
      return null;
    });
  }

  async memberships(procedureId: string) {
    await this.get(procedureId);
    return this.dataSource.query(
      `SELECT p.id AS "plannerId", p.email, p.display_name AS "displayName", m.role, p.disabled_at IS NOT NULL AS disabled
       FROM procedure_memberships m JOIN planners p ON p.id = m.planner_id
       WHERE m.procedure_id = $1 ORDER BY m.role, lower(p.display_name)`,
      [procedureId],
    );
  }

  async setMembership(ctx: WriteContext, procedureId: string, plannerId: string, role: ProcedureRole | null) {
    return this.write(ctx, role ? HttpStatus.OK : HttpStatus.NO_CONTENT, async (manager) => {
      await this.lock(manager, procedureId);
      const [planner] = await manager.query(`SELECT id FROM planners WHERE id = $1`, [plannerId]);
      if (!planner) throw new NotFoundException('There is no such planner');
      const [before] = await manager.query(
        `SELECT role FROM procedure_memberships WHERE procedure_id = $1 AND planner_id = $2 FOR UPDATE`, [procedureId, plannerId],
      );
      if (role) {
        await manager.query(
          `INSERT INTO procedure_memberships (planner_id, procedure_id, role) VALUES ($1, $2, $3)
           ON CONFLICT (planner_id, procedure_id) DO UPDATE SET role = EXCLUDED.role`,
          [plannerId, procedureId, role],
        );
      } else {
        if (!before) throw new NotFoundException('This planner is not a member of this procedure');
        await manager.query(`DELETE FROM procedure_memberships WHERE procedure_id = $1 AND planner_id = $2`, [procedureId, plannerId]);
      }
      await this.audit.record(manager, {
        actorId: ctx.actor.id, action: role ? 'membership.set' : 'membership.delete', entityType: 'membership',
        entityId: plannerId, procedureId, before: before ?? null, after: role ? { role } : null,
      });
      return role ? { plannerId, procedureId, role } : null;
    });
  }
}

function point(location: { type: 'Point'; coordinates: [number, number] } | null | undefined): string | null {
  if (!location) return null;
  const [lon, lat] = location.coordinates;
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw validationProblem([fieldError('location', 'position_out_of_range', 'location must be [longitude, latitude] in WGS 84')]);
  }
  return JSON.stringify({ type: 'Point', coordinates: [lon, lat] });
}

function checkTimes(startsAt: string, endsAt: string | null | undefined): void {
  if (endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) {
    throw validationProblem([fieldError('endsAt', 'end_before_start', 'endsAt must be after startsAt')]);
  }
}

async function refuseWhenUsed(manager: EntityManager, column: string, id: string, what: string): Promise<void> {
  const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM contributions WHERE ${column} = $1`, [id]);
  if (count > 0) {
    throw new ProblemException('in_use', `This ${what} is used by ${count} contribution(s); move them to another ${what} first.`, {
      params: { count },
    });
  }
}

function strip(phases: Phase[]) {
  return phases.map(({ kind, title, startsAt, endsAt, translations }) => ({ kind, title, startsAt, endsAt, translations }));
}

type Stored = Translations<string>;

/**
 * The stored English versions after a write: the fields a body names replace the stored ones
 * (trimmed; '' removes one), the others stay. Only non-empty versions are kept, so reads carry
 * `{}` or `{ en: { … } }` and nothing else.
 */
export function translationsJson(before: Stored | undefined, given: Stored | undefined): string {
  const en: Record<string, string | undefined> = { ...(before?.en ?? {}) };
  for (const [field, text] of Object.entries(given?.en ?? {})) {
    if (typeof text !== 'string') continue;
    const trimmed = text.trim();
    if (trimmed) en[field] = trimmed;
    else delete en[field];
  }
  return JSON.stringify(Object.keys(en).length ? { en } : {});
}

/** The fields of `a` that differ from `b`: audit entries of an update show what changed. */
function changedFields(a: WorkspaceProcedure, b: WorkspaceProcedure): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['slug', 'title', 'summary', 'description', 'translations', 'internal', 'planningArea', 'map', 'settings'] as const) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out[key] = a[key];
  }
  return out;
}
