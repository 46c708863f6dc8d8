import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsISO8601,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsPlainAttribution } from '@stadtdialog/api/http';
import {
  GEOMETRY_TYPES,
  LAYER_KINDS,
  MAP_LAYER_URL,
  MODERATION_MODES,
  PHASE_KINDS,
  PROCEDURE_ROLES,
} from '@stadtdialog/shared/contract';
import type {
  CloneRequest,
  ContributionGeometryType,
  MapConfiguration,
  MapLayer,
  MapLayerKind,
  ModerationMode,
  MultiPolygon,
  NewPhase,
  PhaseKind,
  Polygon,
  ProcedureRole,
  ProcedureSettings,
  ProcedureUpdate,
} from '@stadtdialog/shared/contract';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SLUG_MESSAGE = 'slug must be lower-case letters and digits in words joined by single hyphens, at most 80 characters';

export class MapLayerDto implements MapLayer {
  @IsDefined({ message: 'id is required' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'id must be 1 to 64 letters, digits, _ or -' })
  id!: string;

  @IsIn(LAYER_KINDS, { message: `kind must be one of ${LAYER_KINDS.join(', ')}` })
  kind!: MapLayerKind;

  @IsString({ message: 'title must be text' })
  @MaxLength(120, { message: 'title must be at most 120 characters' })
  title!: string;

  @IsString({ message: 'url must be text' })
  @MaxLength(2000, { message: 'url must be at most 2000 characters' })
  @Matches(MAP_LAYER_URL, { message: 'url must be an http(s) URL or a path on this server' })
  url!: string;

  @IsIn(['base', 'overlay'], { message: 'role must be base or overlay' })
  role!: 'base' | 'overlay';

  @IsOptional() @IsBoolean({ message: 'visible must be true or false' })
  visible?: boolean;

  @IsOptional() @IsNumber({}, { message: 'opacity must be a number' }) @Min(0) @Max(1)
  opacity?: number;

  @IsOptional() @IsString({ message: 'attribution must be text' }) @MaxLength(500, { message: 'attribution must be at most 500 characters' }) @IsPlainAttribution()
  attribution?: string;

  @IsOptional() @IsString() @MaxLength(500)
  layers?: string;

  @IsOptional() @IsString() @MaxLength(200)
  matrixSet?: string;

  @IsOptional() @IsArray() @ArrayMinSize(4) @ArrayMaxSize(4) @IsNumber({}, { each: true, message: 'extent must be four numbers' })
  extent?: [number, number, number, number];
}

export class MapConfigurationDto implements MapConfiguration {
  @Matches(/^EPSG:\d{4,6}$/, { message: 'projection must be an EPSG code such as EPSG:3857 or EPSG:25832' })
  projection!: string;

  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(2)
  @IsNumber({}, { each: true, message: 'center must be [longitude, latitude]' })
  center!: [number, number];

  @IsNumber({}, { message: 'zoom must be a number' }) @Min(0) @Max(24)
  zoom!: number;

  @IsArray() @ArrayMaxSize(20, { message: 'at most 20 layers' })
  @ValidateNested({ each: true }) @Type(() => MapLayerDto)
  layers!: MapLayerDto[];
}

export class SettingsDto implements Partial<ProcedureSettings> {
  @IsOptional() @IsIn(MODERATION_MODES, { message: 'moderation must be pre or post' })
  moderation?: ModerationMode;

  @IsOptional() @IsArray() @ArrayMinSize(1, { message: 'geometryTypes must name at least one type' })
  @IsIn(GEOMETRY_TYPES, { each: true, message: `geometryTypes may contain ${GEOMETRY_TYPES.join(', ')}` })
  geometryTypes?: ContributionGeometryType[];

  @IsOptional() @IsBoolean() locationRequired?: boolean;
  @IsOptional() @IsInt() @Min(10) @Max(500) titleMaxLength?: number;
  @IsOptional() @IsInt() @Min(100) @Max(20_000) textMaxLength?: number;
  @IsOptional() @IsInt() @Min(100) @Max(10_000) commentMaxLength?: number;
  @IsOptional() @IsIn(['on', 'off', 'hidden'], { message: 'comments must be on, off or hidden' }) comments?: 'on' | 'off' | 'hidden';
  @IsOptional() @IsIn(['on', 'off', 'hidden'], { message: 'ratings must be on, off or hidden' }) ratings?: 'on' | 'off' | 'hidden';
  @IsOptional() @IsInt() @Min(1) @Max(100) reportThreshold?: number;
}

export class CreateProcedureDto {
  @IsDefined({ message: 'slug is required' }) @IsString() @MaxLength(80, { message: SLUG_MESSAGE }) @Matches(SLUG, { message: SLUG_MESSAGE })
  slug!: string;

  @IsDefined({ message: 'title is required' }) @IsString() @MinLength(1) @MaxLength(200)
  title!: string;

  @IsOptional() @IsString() @MaxLength(1000) summary?: string;
  @IsOptional() @IsString() @MaxLength(50_000) description?: string;
}

export class UpdateProcedureDto implements ProcedureUpdate {
  @IsOptional() @IsString() @MaxLength(80, { message: SLUG_MESSAGE }) @Matches(SLUG, { message: SLUG_MESSAGE })
  slug?: string;

  @IsOptional() @IsString() @MinLength(1, { message: 'title must not be empty' }) @MaxLength(200)
  title?: string;

  @IsOptional() @IsString() @MaxLength(1000) summary?: string;
  @IsOptional() @IsString() @MaxLength(50_000) description?: string;
  @IsOptional() @IsBoolean({ message: 'internal must be true or false' }) internal?: boolean;

  /** GeoJSON Polygon or MultiPolygon (lon/lat); null removes it. PostGIS judges validity. */
  @IsOptional() @IsObject({ message: 'planningArea must be a GeoJSON Polygon or MultiPolygon' })
  planningArea?: Polygon | MultiPolygon | null;

  @IsOptional() @ValidateNested() @Type(() => MapConfigurationDto)
  map?: MapConfigurationDto;

  @IsOptional() @ValidateNested() @Type(() => SettingsDto)
  settings?: SettingsDto;
}

export class CloneProcedureDto implements CloneRequest {
  @IsDefined({ message: 'slug is required' }) @IsString() @MaxLength(80, { message: SLUG_MESSAGE }) @Matches(SLUG, { message: SLUG_MESSAGE })
  slug!: string;

  @IsDefined({ message: 'title is required' }) @IsString() @MinLength(1) @MaxLength(200)
  title!: string;

  @IsDefined({ message: 'startsAt is required' }) @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date and time' })
  startsAt!: string;
}

export class PhaseDto implements NewPhase {
  @IsIn(PHASE_KINDS, { message: `kind must be one of ${PHASE_KINDS.join(', ')}` })
  kind!: PhaseKind;

  @IsOptional() @IsString() @MaxLength(200) title?: string;

  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date and time' })
  startsAt!: string;

  @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 date and time' })
  endsAt!: string;
}

export class PhasesDto {
  @IsArray() @ArrayMaxSize(20, { message: 'at most 20 phases' })
  @ValidateNested({ each: true }) @Type(() => PhaseDto)
  phases!: PhaseDto[];
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;
const ICON = /^[a-z0-9-]{1,40}$/;

export class CategoryDto {
  @IsDefined({ message: 'name is required' }) @IsString() @MinLength(1) @MaxLength(80) name!: string;
  @IsDefined({ message: 'colour is required' }) @Matches(COLOUR, { message: 'colour must be #rrggbb' }) colour!: string;
  @IsOptional() @Matches(ICON, { message: 'icon must be a name of lower-case letters, digits and hyphens' }) icon?: string;
  @IsOptional() @IsInt() @Min(0) @Max(1000) position?: number;
}

export class UpdateCategoryDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(80) name?: string;
  @IsOptional() @Matches(COLOUR, { message: 'colour must be #rrggbb' }) colour?: string;
  @IsOptional() @Matches(ICON, { message: 'icon must be a name of lower-case letters, digits and hyphens' }) icon?: string;
  @IsOptional() @IsInt() @Min(0) @Max(1000) position?: number;
}

const RUBRIC_KIND = /^[a-z][a-z_]{0,39}$/;

export class RubricDto {
  @IsDefined({ message: 'kind is required' }) @Matches(RUBRIC_KIND, { message: 'kind must be lower-case letters and _' }) kind!: string;
  @IsDefined({ message: 'name is required' }) @IsString() @MinLength(1) @MaxLength(80) name!: string;
  @IsOptional() @IsInt() @Min(0) @Max(1000) position?: number;
}

export class UpdateRubricDto {
  @IsOptional() @Matches(RUBRIC_KIND, { message: 'kind must be lower-case letters and _' }) kind?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(80) name?: string;
  @IsOptional() @IsInt() @Min(0) @Max(1000) position?: number;
}

export class PointDto {
  @IsIn(['Point'], { message: 'location must be a GeoJSON Point' }) type!: 'Point';
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(2) @IsNumber({}, { each: true, message: 'coordinates must be [longitude, latitude]' })
  coordinates!: [number, number];
}

export class AppointmentDto {
  @IsDefined({ message: 'title is required' }) @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @IsDefined({ message: 'startsAt is required' }) @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date and time' })
  startsAt!: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 date and time' }) endsAt?: string | null;
  @IsOptional() @IsString() @MaxLength(300) place?: string;
  @IsOptional() @ValidateNested() @Type(() => PointDto) location?: PointDto | null;
}

export class UpdateAppointmentDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date and time' }) startsAt?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 date and time' }) endsAt?: string | null;
  @IsOptional() @IsString() @MaxLength(300) place?: string;
  @IsOptional() @ValidateNested() @Type(() => PointDto) location?: PointDto | null;
}

export class MembershipDto {
  @IsIn(PROCEDURE_ROLES, { message: 'role must be manager or moderator' })
  role!: ProcedureRole;
}
