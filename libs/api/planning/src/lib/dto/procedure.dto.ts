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
import { IsPlainAttribution, IsOmittable, IsVisibleOrEmptyText } from '@stadtdialog/api/http';
import {
  GEOMETRY_TYPES,
  LAYER_KINDS,
  MAP_LAYER_URL,
  MODERATION_MODES,
  PHASE_KINDS,
  PROCEDURE_ROLES,
} from '@stadtdialog/shared/contract';
import type {
  AppointmentTranslations,
  CategoryTranslations,
  CloneRequest,
  ContributionGeometryType,
  MapConfiguration,
  MapLayer,
  MapLayerKind,
  ModerationMode,
  MultiPolygon,
  NewPhase,
  PhaseKind,
  PhaseTranslations,
  Polygon,
  ProcedureRole,
  ProcedureSettings,
  ProcedureTranslations,
  ProcedureUpdate,
  RubricTranslations,
} from '@stadtdialog/shared/contract';

/** One English text: like its German field, at most `max` characters; '' removes the version. */
function EnglishText(max: number): PropertyDecorator {
  return (target, key) => {
    IsOmittable()(target, key);
    IsString({ message: `${String(key)} must be text` })(target, key);
    MaxLength(max, { message: `${String(key)} must be at most ${max} characters` })(target, key);
    IsVisibleOrEmptyText()(target, key);
  };
}

/** `translations: { en: {...} }` of a body, the English versions checked by `English`. */
function TranslationsOf(English: new () => object): PropertyDecorator {
  class TranslationsDto {
    @IsOmittable() @IsObject({ message: 'en must be an object' }) @ValidateNested() @Type(() => English)
    en?: object;
  }
  return (target, key) => {
    IsOmittable()(target, key);
    IsObject({ message: 'translations must be an object such as { "en": { … } }' })(target, key);
    ValidateNested()(target, key);
    Type(() => TranslationsDto)(target, key);
  };
}

export class ProcedureEnglishDto {
  @EnglishText(200) title?: string;
  @EnglishText(1000) summary?: string;
  @EnglishText(50_000) description?: string;
}

export class PhaseEnglishDto {
  @EnglishText(200) title?: string;
}

export class NameEnglishDto {
  @EnglishText(80) name?: string;
}

export class AppointmentEnglishDto {
  @EnglishText(200) title?: string;
  @EnglishText(5000) description?: string;
}

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
  @Matches(MAP_LAYER_URL, { message: 'url must be an http(s) URL or a path on this server', context: { code: 'invalid_url' } })
  url!: string;

  @IsIn(['base', 'overlay'], { message: 'role must be base or overlay' })
  role!: 'base' | 'overlay';

  @IsOmittable() @IsBoolean({ message: 'visible must be true or false' })
  visible?: boolean;

  @IsOmittable() @IsNumber({}, { message: 'opacity must be a number' }) @Min(0) @Max(1)
  opacity?: number;

  @IsOmittable() @IsString({ message: 'attribution must be text' }) @MaxLength(500, { message: 'attribution must be at most 500 characters' }) @IsPlainAttribution()
  attribution?: string;

  @IsOmittable() @IsString() @MaxLength(500)
  layers?: string;

  @IsOmittable() @IsString() @MaxLength(200)
  matrixSet?: string;

  @IsOmittable() @IsArray() @ArrayMinSize(4) @ArrayMaxSize(4) @IsNumber({}, { each: true, message: 'extent must be four numbers' })
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
  @IsObject({ each: true, message: 'each layer must be an object' })
  @ValidateNested({ each: true }) @Type(() => MapLayerDto)
  layers!: MapLayerDto[];
}

export class SettingsDto implements Partial<ProcedureSettings> {
  @IsOmittable() @IsIn(MODERATION_MODES, { message: 'moderation must be pre or post' })
  moderation?: ModerationMode;

  @IsOmittable() @IsArray() @ArrayMinSize(1, { message: 'geometryTypes must name at least one type' })
  @IsIn(GEOMETRY_TYPES, { each: true, message: `geometryTypes may contain ${GEOMETRY_TYPES.join(', ')}` })
  geometryTypes?: ContributionGeometryType[];

  @IsOmittable() @IsBoolean() locationRequired?: boolean;
  @IsOmittable() @IsInt() @Min(10) @Max(500) titleMaxLength?: number;
  @IsOmittable() @IsInt() @Min(100) @Max(20_000) textMaxLength?: number;
  @IsOmittable() @IsInt() @Min(100) @Max(10_000) commentMaxLength?: number;
  @IsOmittable() @IsIn(['on', 'off', 'hidden'], { message: 'comments must be on, off or hidden' }) comments?: 'on' | 'off' | 'hidden';
  @IsOmittable() @IsIn(['on', 'off', 'hidden'], { message: 'ratings must be on, off or hidden' }) ratings?: 'on' | 'off' | 'hidden';
  @IsOmittable() @IsInt() @Min(1) @Max(100) reportThreshold?: number;
}

export class CreateProcedureDto {
  @IsDefined({ message: 'slug is required' }) @IsString() @MaxLength(80, { message: SLUG_MESSAGE }) @Matches(SLUG, { message: SLUG_MESSAGE, context: { code: 'invalid_slug' } })
  slug!: string;

  @IsDefined({ message: 'title is required' }) @IsString() @MinLength(1) @MaxLength(200)
  title!: string;

  @IsOmittable() @IsString() @MaxLength(1000) summary?: string;
  @IsOmittable() @IsString() @MaxLength(50_000) description?: string;
  @TranslationsOf(ProcedureEnglishDto) translations?: ProcedureTranslations;
}

export class UpdateProcedureDto implements ProcedureUpdate {
  @IsOmittable() @IsString() @MaxLength(80, { message: SLUG_MESSAGE }) @Matches(SLUG, { message: SLUG_MESSAGE, context: { code: 'invalid_slug' } })
  slug?: string;

  @IsOmittable() @IsString() @MinLength(1, { message: 'title must not be empty' }) @MaxLength(200)
  title?: string;

  @IsOmittable() @IsString() @MaxLength(1000) summary?: string;
  @IsOmittable() @IsString() @MaxLength(50_000) description?: string;
  @IsOmittable() @IsBoolean({ message: 'internal must be true or false' }) internal?: boolean;

  /** GeoJSON Polygon or MultiPolygon (lon/lat); null removes it. PostGIS judges validity. */
  @IsOptional() @IsObject({ message: 'planningArea must be a GeoJSON Polygon or MultiPolygon' })
  planningArea?: Polygon | MultiPolygon | null;

  @IsOmittable() @IsObject({ message: 'map must be an object' }) @ValidateNested() @Type(() => MapConfigurationDto)
  map?: MapConfigurationDto;

  @IsOmittable() @IsObject({ message: 'settings must be an object' }) @ValidateNested() @Type(() => SettingsDto)
  settings?: SettingsDto;

  @TranslationsOf(ProcedureEnglishDto) translations?: ProcedureTranslations;
}

export class CloneProcedureDto implements CloneRequest {
  @IsDefined({ message: 'slug is required' }) @IsString() @MaxLength(80, { message: SLUG_MESSAGE }) @Matches(SLUG, { message: SLUG_MESSAGE, context: { code: 'invalid_slug' } })
  slug!: string;

  @IsDefined({ message: 'title is required' }) @IsString() @MinLength(1) @MaxLength(200)
  title!: string;

  @IsDefined({ message: 'startsAt is required' }) @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date and time' })
  startsAt!: string;
}

export class PhaseDto implements NewPhase {
  @IsIn(PHASE_KINDS, { message: `kind must be one of ${PHASE_KINDS.join(', ')}` })
  kind!: PhaseKind;

  @IsOmittable() @IsString() @MaxLength(200) title?: string;

  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date and time' })
  startsAt!: string;

  @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 date and time' })
  endsAt!: string;

  @TranslationsOf(PhaseEnglishDto) translations?: PhaseTranslations;
}

export class PhasesDto {
  @IsArray() @ArrayMaxSize(20, { message: 'at most 20 phases' })
  @IsObject({ each: true, message: 'each phase must be an object' })
  @ValidateNested({ each: true }) @Type(() => PhaseDto)
  phases!: PhaseDto[];
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;
const ICON = /^[a-z0-9-]{1,40}$/;

export class CategoryDto {
  @IsDefined({ message: 'name is required' }) @IsString() @MinLength(1) @MaxLength(80) name!: string;
  @IsDefined({ message: 'colour is required' }) @Matches(COLOUR, { message: 'colour must be #rrggbb', context: { code: 'invalid_colour' } }) colour!: string;
  @IsOmittable() @Matches(ICON, { message: 'icon must be a name of lower-case letters, digits and hyphens' }) icon?: string;
  @IsOmittable() @IsInt() @Min(0) @Max(1000) position?: number;
  @TranslationsOf(NameEnglishDto) translations?: CategoryTranslations;
}

export class UpdateCategoryDto {
  @IsOmittable() @IsString() @MinLength(1) @MaxLength(80) name?: string;
  @IsOmittable() @Matches(COLOUR, { message: 'colour must be #rrggbb', context: { code: 'invalid_colour' } }) colour?: string;
  @IsOmittable() @Matches(ICON, { message: 'icon must be a name of lower-case letters, digits and hyphens' }) icon?: string;
  @IsOmittable() @IsInt() @Min(0) @Max(1000) position?: number;
  @TranslationsOf(NameEnglishDto) translations?: CategoryTranslations;
}

const RUBRIC_KIND = /^[a-z][a-z_]{0,39}$/;

export class RubricDto {
  @IsDefined({ message: 'kind is required' }) @Matches(RUBRIC_KIND, { message: 'kind must be lower-case letters and _' }) kind!: string;
  @IsDefined({ message: 'name is required' }) @IsString() @MinLength(1) @MaxLength(80) name!: string;
  @IsOmittable() @IsInt() @Min(0) @Max(1000) position?: number;
  @TranslationsOf(NameEnglishDto) translations?: RubricTranslations;
}

export class UpdateRubricDto {
  @IsOmittable() @Matches(RUBRIC_KIND, { message: 'kind must be lower-case letters and _' }) kind?: string;
  @IsOmittable() @IsString() @MinLength(1) @MaxLength(80) name?: string;
  @IsOmittable() @IsInt() @Min(0) @Max(1000) position?: number;
  @TranslationsOf(NameEnglishDto) translations?: RubricTranslations;
}

export class PointDto {
  @IsIn(['Point'], { message: 'location must be a GeoJSON Point' }) type!: 'Point';
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(2) @IsNumber({}, { each: true, message: 'coordinates must be [longitude, latitude]' })
  coordinates!: [number, number];
}

export class AppointmentDto {
  @IsDefined({ message: 'title is required' }) @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @IsOmittable() @IsString() @MaxLength(5000) description?: string;
  @IsDefined({ message: 'startsAt is required' }) @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date and time' })
  startsAt!: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 date and time' }) endsAt?: string | null;
  @IsOmittable() @IsString() @MaxLength(300) place?: string;
  @IsOptional() @IsObject({ message: 'location must be a GeoJSON Point' }) @ValidateNested() @Type(() => PointDto) location?: PointDto | null;
  @TranslationsOf(AppointmentEnglishDto) translations?: AppointmentTranslations;
}

export class UpdateAppointmentDto {
  @IsOmittable() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @IsOmittable() @IsString() @MaxLength(5000) description?: string;
  @IsOmittable() @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date and time' }) startsAt?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 date and time' }) endsAt?: string | null;
  @IsOmittable() @IsString() @MaxLength(300) place?: string;
  @IsOptional() @IsObject({ message: 'location must be a GeoJSON Point' }) @ValidateNested() @Type(() => PointDto) location?: PointDto | null;
  @TranslationsOf(AppointmentEnglishDto) translations?: AppointmentTranslations;
}

export class MembershipDto {
  @IsIn(PROCEDURE_ROLES, { message: 'role must be manager or moderator' })
  role!: ProcedureRole;
}
