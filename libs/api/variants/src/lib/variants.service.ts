import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, ContentSecurityPolicy, plannerWrite } from '@stadtdialog/api/access';
import { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG, ParticipantTokens } from '@stadtdialog/api/db';
import { FieldError, validationProblem } from '@stadtdialog/api/http';
import {
  PlaceBounds,
  checkGeometryShape,
  cleanText,
  placeBounds,
  placeError,
  unstorableTextError,
  variantFeatureBounds,
} from '@stadtdialog/api/participation';
import {
  DEFAULT_PROCEDURE_SETTINGS,
  GEOMETRY_TYPES,
  ProcedureSettings,
  PublicVariant,
  PublicVariantDetail,
  VARIANT_LIMITS,
  VariantComment,
  WorkspaceVariant,
} from '@stadtdialog/shared/contract';
import { VariantDto } from './dto/variant.dto';
import { WriteContext } from './uploads.service';
import { ISO, WORKSPACE_VARIANT_JSON, variantFields } from './variant-json';

interface CheckedVariant {
  title: string;
  summary: string;
  description: string;
  position: number;
  published: boolean;
  colour: string;
  keyFigures: { label: string; value: string; unit: string }[];
  overlay: Record<string, unknown> | null;
  overlayUploadId: string | null;
  images: { uploadId: string; alt: string; caption: string }[];
  features: { label: string; colour: string; geojson: string }[];
}

function inRange(extent: number[]): boolean {
  const [w, s, e, n] = extent;
  return w >= -180 && e <= 180 && s >= -90 && n <= 90 && w < e && s < n;
}

/** Variants: set up by managers (audit-logged), read publicly only through the public views. */
@Injectable()
export class VariantsService {
  /** the one geometry rule set, with the planning area as the size bound of a feature */
  private readonly featureBounds: PlaceBounds;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly csp: ContentSecurityPolicy,
    private readonly participants: ParticipantTokens,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.featureBounds = variantFeatureBounds(placeBounds(config));
  }

  async list(procedureId: string): Promise<WorkspaceVariant[]> {
    await this.procedureExists(this.dataSource.manager, procedureId);
    const rows = await this.dataSource.query(
      `SELECT ${WORKSPACE_VARIANT_JSON} AS variant FROM variants v WHERE v.procedure_id = $1 ORDER BY v.position, v.created_at, v.id`,
      [procedureId],
    );
    return rows.map((r: { variant: WorkspaceVariant }) => r.variant);
  }

  private async read(manager: EntityManager, procedureId: string, id: string): Promise<WorkspaceVariant> {
    const [row] = await manager.query(
      `SELECT ${WORKSPACE_VARIANT_JSON} AS variant FROM variants v WHERE v.procedure_id = $1 AND v.id = $2`,
      [procedureId, id],
    );
    if (!row) throw new NotFoundException('There is no such variant in this procedure');
    return row.variant;
  }

  private async procedureExists(manager: EntityManager, procedureId: string): Promise<void> {
    const [row] = await manager.query(`SELECT 1 FROM procedures WHERE id = $1 FOR NO KEY UPDATE`, [procedureId]);
    if (!row) throw new NotFoundException('There is no such procedure');
  }

  create(ctx: WriteContext, procedureId: string, dto: VariantDto): Promise<WorkspaceVariant> {
    return this.write(ctx, HttpStatus.CREATED, async (manager) => {
      await this.procedureExists(manager, procedureId);
      const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM variants WHERE procedure_id = $1`, [procedureId]);
      if (count >= VARIANT_LIMITS.maxVariants) {
        throw validationProblem([{ field: 'title', code: 'limit_reached', max: VARIANT_LIMITS.maxVariants, message: `a procedure has at most ${VARIANT_LIMITS.maxVariants} variants` }]);
      }
      const checked = await this.check(manager, procedureId, dto, count);
      const [{ id }] = await manager.query(`INSERT INTO variants (procedure_id, title) VALUES ($1, $2) RETURNING id`, [procedureId, checked.title]);
      await this.store(manager, procedureId, id, checked);
      const after = await this.read(manager, procedureId, id);
      await this.audit.record(manager, { actorId: ctx.actor.id, action: 'variant.create', entityType: 'variant', entityId: id, procedureId, after });
      return after;
    });
  }

  /** Replaces the whole variant (texts, figures, overlay, images, geometries) with the body. */
  replace(ctx: WriteContext, procedureId: string, id: string, dto: VariantDto): Promise<WorkspaceVariant> {
    return this.write(ctx, HttpStatus.OK, async (manager) => {
      await manager.query(`SELECT 1 FROM variants WHERE id = $1 FOR UPDATE`, [id]);
      const before = await this.read(manager, procedureId, id);
      const checked = await this.check(manager, procedureId, dto, before.position);
      await this.store(manager, procedureId, id, checked);
      const after = await this.read(manager, procedureId, id);
      await this.audit.record(manager, { actorId: ctx.actor.id, action: 'variant.update', entityType: 'variant', entityId: id, procedureId, before, after });
      return after;
    });
  }

  remove(ctx: WriteContext, procedureId: string, id: string): Promise<null> {
    return this.write(ctx, HttpStatus.NO_CONTENT, async (manager) => {
      const before = await this.read(manager, procedureId, id);
      await manager.query(`DELETE FROM variants WHERE id = $1`, [id]);
      await this.audit.record(manager, { actorId: ctx.actor.id, action: 'variant.delete', entityType: 'variant', entityId: id, procedureId, before });
      return null;
    });
  }

  private async write<T>(ctx: WriteContext, status: number, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await plannerWrite<T>(this.dataSource, ctx.request, async (manager) => ({ status, body: await work(manager) }));
    // A variant's WMS/WMTS/XYZ overlay host must be allowed by the Content-Security-Policy.
    await this.csp.refresh();
    return result.body;
  }

  private async check(manager: EntityManager, procedureId: string, dto: VariantDto, position: number): Promise<CheckedVariant> {
    const errors: FieldError[] = [];
    const text = (field: string, value: string | undefined): string => {
      if (value === undefined) return '';
      const unstorable = unstorableTextError(field, value);
      if (unstorable) errors.push(unstorable);
      return cleanText(value);
    };
    const title = text('title', dto.title);
    if (!title && !errors.some((e) => e.field === 'title')) errors.push({ field: 'title', code: 'required', message: 'title must not be empty' });
    const summary = text('summary', dto.summary);
    const description = text('description', dto.description);
    const keyFigures = (dto.keyFigures ?? []).map((k, i) => {
      const figure = { label: text(`keyFigures[${i}].label`, k.label), value: text(`keyFigures[${i}].value`, k.value), unit: text(`keyFigures[${i}].unit`, k.unit ?? '') };
      if (!figure.label) errors.push({ field: `keyFigures[${i}].label`, code: 'required', message: 'a key figure needs a label' });
      return figure;
    });

    const images = (dto.images ?? []).map((image, i) => {
      const alt = text(`images[${i}].alt`, image.alt);
      if (!alt) errors.push({ field: `images[${i}].alt`, code: 'required', message: 'alt must say what the image shows, for people who cannot see it' });
      return { uploadId: image.uploadId, alt, caption: text(`images[${i}].caption`, image.caption) };
    });
    const seen = new Set<string>();
    for (const [i, image] of images.entries()) {
      if (seen.has(image.uploadId)) errors.push({ field: `images[${i}].uploadId`, code: 'duplicate', message: 'this image is already in the list' });
      seen.add(image.uploadId);
    }
    const uploadIds = [...seen, ...(dto.overlay?.uploadId ? [dto.overlay.uploadId] : [])];
    const imageUploads: string[] = uploadIds.length
      ? (await manager.query(
          `SELECT id FROM uploads WHERE procedure_id = $1 AND id = ANY($2::uuid[]) AND media_type LIKE 'image/%'`,
          [procedureId, uploadIds],
        )).map((r: { id: string }) => r.id)
      : [];
    for (const [i, image] of images.entries()) {
      if (!imageUploads.includes(image.uploadId)) errors.push({ field: `images[${i}].uploadId`, code: 'not_in_procedure', message: 'uploadId is not an uploaded image of this procedure' });
    }

    let overlay: Record<string, unknown> | null = null;
    let overlayUploadId: string | null = null;
    if (dto.overlay) {
      const { kind, url, uploadId, extent, layers, matrixSet, opacity, attribution } = dto.overlay;
      if (kind === 'image') {
        if (!extent) errors.push({ field: 'overlay.extent', code: 'required', message: 'a static image needs its extent [minLon, minLat, maxLon, maxLat]' });
        else if (!inRange(extent)) errors.push({ field: 'overlay.extent', code: 'invalid_bbox', message: 'extent must be [minLon, minLat, maxLon, maxLat] in WGS 84, west before east, south before north' });
        if (!!url === !!uploadId) errors.push({ field: 'overlay.uploadId', code: url ? 'not_combinable' : 'required', message: 'a static image overlay needs either an uploaded image (uploadId) or a url' });
        else if (uploadId && !imageUploads.includes(uploadId)) errors.push({ field: 'overlay.uploadId', code: 'not_in_procedure', message: 'uploadId is not an uploaded image of this procedure' });
      } else {
        if (!url) errors.push({ field: 'overlay.url', code: 'required', message: `a ${kind.toUpperCase()} overlay needs its url` });
        if (uploadId) errors.push({ field: 'overlay.uploadId', code: 'not_combinable', message: 'only a static image overlay takes an uploaded image' });
        if ((kind === 'wms' || kind === 'wmts') && !layers?.trim()) errors.push({ field: 'overlay.layers', code: 'required', message: `a ${kind.toUpperCase()} overlay needs the layer name(s)` });
        if (kind === 'wmts' && !matrixSet?.trim()) errors.push({ field: 'overlay.matrixSet', code: 'required', message: 'a WMTS overlay needs its matrix set' });
      }
      overlayUploadId = uploadId ?? null;
      overlay = Object.fromEntries(
        Object.entries({ kind, url: uploadId ? undefined : url, extent, layers, matrixSet, opacity, attribution }).filter(([, v]) => v !== undefined),
      );
    }

    const features: CheckedVariant['features'] = [];
    for (const [i, feature] of (dto.features ?? []).entries()) {
      const field = `features[${i}]`;
      const shape = checkGeometryShape(feature.geometry, GEOMETRY_TYPES, this.featureBounds);
      if (shape.length) {
        errors.push(...shape.map((e) => ({ ...e, field: `${field}.${e.field}` })));
        continue;
      }
      const geojson = JSON.stringify({ type: feature.geometry.type, coordinates: feature.geometry.coordinates });
      const verdict = await placeError(manager, procedureId, geojson, this.featureBounds);
      if (verdict) {
        // A refused cast may have ended the transaction: the first verdict is the answer.
        errors.push({ ...verdict, field: `${field}.${verdict.field}` });
        break;
      }
      features.push({ label: text(`${field}.label`, feature.label ?? ''), colour: feature.colour, geojson });
    }
    if (errors.length) throw validationProblem(errors);
    return {
      title, summary, description, keyFigures, images, overlay, overlayUploadId, features,
      position: dto.position ?? position,
      published: dto.published ?? false,
      colour: dto.colour ?? '#1565c0',
    };
  }

  private async store(manager: EntityManager, procedureId: string, id: string, v: CheckedVariant): Promise<void> {
    await manager.query(
      `UPDATE variants SET title = $2, summary = $3, description = $4, position = $5, published = $6, colour = $7,
         key_figures = $8, overlay = $9, overlay_upload_id = $10, updated_at = now()
       WHERE id = $1`,
      [id, v.title, v.summary, v.description, v.position, v.published, v.colour, JSON.stringify(v.keyFigures),
        v.overlay ? JSON.stringify(v.overlay) : null, v.overlayUploadId],
    );
    await manager.query(`DELETE FROM variant_images WHERE variant_id = $1`, [id]);
    for (const [position, image] of v.images.entries()) {
      await manager.query(
        `INSERT INTO variant_images (variant_id, procedure_id, upload_id, alt, caption, position) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, procedureId, image.uploadId, image.alt, image.caption, position],
      );
    }
    await manager.query(`DELETE FROM variant_features WHERE variant_id = $1`, [id]);
    for (const [position, feature] of v.features.entries()) {
      await manager.query(
        `INSERT INTO variant_features (variant_id, position, label, colour, geom)
         VALUES ($1, $2, $3, $4, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($5), 4326)))`,
        [id, position, feature.label, feature.colour, feature.geojson],
      );
    }
  }

  // ---- public reads: only public_procedures, public_variants, public_variant_comments, public_files

  private async publicProcedure(slug: string): Promise<{ id: string; settings: ProcedureSettings }> {
    const [row] = await this.dataSource.query(`SELECT id, settings FROM public_procedures WHERE slug = $1`, [slug]);
    if (!row) throw new NotFoundException(`There is no public procedure "${slug}"`);
    return { id: row.id, settings: { ...DEFAULT_PROCEDURE_SETTINGS, ...row.settings } };
  }

  private publicVariantJson(settings: ProcedureSettings): string {
    const counts = settings.ratings === 'hidden' ? `'up', NULL, 'down', NULL` : `'up', v.ratings_up, 'down', v.ratings_down`;
    return `json_build_object(${variantFields('public')},
      'rating', json_build_object(${counts},
        'own', (SELECT r.value FROM variant_ratings r WHERE r.variant_id = v.id AND r.participant_id = $2)),
      'commentCount', ${settings.comments === 'hidden' ? 'NULL::int' : 'v.comment_count'})`;
  }

  async publicList(slug: string, participantToken: string | undefined): Promise<PublicVariant[]> {
    const procedure = await this.publicProcedure(slug);
    const participantId = await this.participants.find(participantToken);
    const rows = await this.dataSource.query(
      `SELECT ${this.publicVariantJson(procedure.settings)} AS variant
       FROM public_variants v WHERE v.procedure_id = $1 ORDER BY v.position, v.created_at, v.id`,
      [procedure.id, participantId],
    );
    return rows.map((r: { variant: PublicVariant }) => r.variant);
  }

  async publicDetail(slug: string, id: string, participantToken: string | undefined): Promise<PublicVariantDetail> {
    const procedure = await this.publicProcedure(slug);
    const participantId = await this.participants.find(participantToken);
    const [row] = await this.dataSource.query(
      `SELECT ${this.publicVariantJson(procedure.settings)} AS variant,
              CASE WHEN $4 THEN '[]'::json ELSE coalesce((
                SELECT json_agg(json_build_object('id', m.id, 'variantId', m.variant_id, 'text', m.body, 'createdAt', ${ISO('m.created_at')})
                                ORDER BY m.created_at, m.id)
                FROM public_variant_comments m WHERE m.variant_id = v.id), '[]'::json) END AS comments
       FROM public_variants v WHERE v.procedure_id = $1 AND v.id = $3`,
      [procedure.id, participantId, id, procedure.settings.comments === 'hidden'],
    );
    if (!row) throw new NotFoundException('There is no such variant in this procedure');
    return { ...row.variant, comments: row.comments as VariantComment[] };
  }
}
