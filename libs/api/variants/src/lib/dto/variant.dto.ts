import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  ArrayMinSize,
} from 'class-validator';
import { IsPlainAttribution, IsOmittable } from '@stadtdialog/api/http';
import { MAP_LAYER_URL, VARIANT_LIMITS, VARIANT_OVERLAY_KINDS } from '@stadtdialog/shared/contract';
import type {
  ContactInput,
  ContributionGeometry,
  DocumentInput,
  FaqInput,
  KeyFigure,
  VariantFeature,
  VariantInput,
  VariantOverlay,
  VariantOverlayKind,
} from '@stadtdialog/shared/contract';

const COLOUR = /^#[0-9a-f]{6}$/;
const COLOUR_MESSAGE = 'colour must be a colour like #2e7d32 (lower-case hex)';

export class KeyFigureDto implements KeyFigure {
  @IsDefined({ message: 'label is required' }) @IsString({ message: 'label must be text' }) @MaxLength(80)
  label!: string;

  @IsDefined({ message: 'value is required' }) @IsString({ message: 'value must be text, e.g. "2,4"' }) @MaxLength(40)
  value!: string;

  @IsOmittable() @IsString({ message: 'unit must be text' }) @MaxLength(20)
  unit!: string;
}

export class OverlayDto implements VariantOverlay {
  @IsIn(VARIANT_OVERLAY_KINDS, { message: `kind must be one of ${VARIANT_OVERLAY_KINDS.join(', ')}` })
  kind!: VariantOverlayKind;

  @IsOmittable() @IsString() @MaxLength(2000)
  @Matches(MAP_LAYER_URL, { message: 'url must be an http(s) URL or a path on this server', context: { code: 'invalid_url' } })
  url?: string;

  @IsOmittable() @IsUUID('all', { message: 'uploadId must be the id of an uploaded image' })
  uploadId?: string;

  @IsOmittable() @IsArray() @ArrayMinSize(4) @ArrayMaxSize(4) @IsNumber({}, { each: true, message: 'extent must be four numbers' })
  extent?: [number, number, number, number];

  @IsOmittable() @IsString() @MaxLength(500)
  layers?: string;

  @IsOmittable() @IsString() @MaxLength(200)
  matrixSet?: string;

  @IsOmittable() @IsNumber({}, { message: 'opacity must be a number' }) @Min(0) @Max(1)
  opacity?: number;

  @IsOmittable() @IsString({ message: 'attribution must be text' }) @MaxLength(500, { message: 'attribution must be at most 500 characters' }) @IsPlainAttribution()
  attribution?: string;
}

export class VariantImageDto {
  @IsUUID('all', { message: 'uploadId must be the id of an uploaded image' })
  uploadId!: string;

  @IsDefined({ message: 'alt is required: say what the image shows' }) @IsString({ message: 'alt must be text' })
  @MaxLength(VARIANT_LIMITS.altMaxLength)
  alt!: string;

  @IsOmittable() @IsString() @MaxLength(300)
  caption?: string;
}

/** The geometry's shape is judged by the one geometry rule set in the service, not here. */
export class VariantFeatureDto implements VariantFeature {
  @IsOmittable() @IsString() @MaxLength(120)
  label!: string;

  @Matches(COLOUR, { message: COLOUR_MESSAGE, context: { code: 'invalid_colour' } })
  colour!: string;

  @IsDefined({ message: 'geometry is required' }) @IsObject({ message: 'geometry must be a GeoJSON Point, LineString or Polygon' })
  geometry!: ContributionGeometry;
}

export class VariantDto implements VariantInput {
  @IsDefined({ message: 'title is required' }) @IsString({ message: 'title must be text' }) @MaxLength(VARIANT_LIMITS.titleMaxLength)
  title!: string;

  @IsOmittable() @IsString() @MaxLength(VARIANT_LIMITS.summaryMaxLength)
  summary?: string;

  @IsOmittable() @IsString() @MaxLength(VARIANT_LIMITS.descriptionMaxLength)
  description?: string;

  @IsOmittable() @IsInt({ message: 'position must be a whole number' }) @Min(0) @Max(1000)
  position?: number;

  @IsOmittable() @IsBoolean({ message: 'published must be true or false' })
  published?: boolean;

  @IsOmittable() @Matches(COLOUR, { message: COLOUR_MESSAGE, context: { code: 'invalid_colour' } })
  colour?: string;

  @IsOmittable() @IsArray() @ArrayMaxSize(VARIANT_LIMITS.maxKeyFigures)
  @IsObject({ each: true, message: 'each key figure must be an object' })
  @ValidateNested({ each: true }) @Type(() => KeyFigureDto)
  keyFigures?: KeyFigureDto[];

  @IsOptional() @IsObject({ message: 'overlay must be an object, or null for none' }) @ValidateNested() @Type(() => OverlayDto)
  overlay?: OverlayDto | null;

  @IsOmittable() @IsArray() @ArrayMaxSize(VARIANT_LIMITS.maxImages)
  @IsObject({ each: true, message: 'each image must be an object' })
  @ValidateNested({ each: true }) @Type(() => VariantImageDto)
  images?: VariantImageDto[];

  @IsOmittable() @IsArray() @ArrayMaxSize(VARIANT_LIMITS.maxFeatures)
  @IsObject({ each: true, message: 'each feature must be an object' })
  @ValidateNested({ each: true }) @Type(() => VariantFeatureDto)
  features?: VariantFeatureDto[];
}

export class DocumentDto implements DocumentInput {
  @IsUUID('all', { message: 'uploadId must be the id of an uploaded file' })
  uploadId!: string;

  @IsDefined({ message: 'title is required' }) @IsString() @MaxLength(200)
  title!: string;

  @IsOmittable() @IsString() @MaxLength(2000)
  description?: string;

  @IsOmittable() @IsInt() @Min(0) @Max(1000)
  position?: number;
}

export class FaqDto implements FaqInput {
  @IsDefined({ message: 'question is required' }) @IsString() @MaxLength(500)
  question!: string;

  @IsDefined({ message: 'answer is required' }) @IsString() @MaxLength(5000)
  answer!: string;

  @IsOmittable() @IsInt() @Min(0) @Max(1000)
  position?: number;
}

export class ContactDto implements ContactInput {
  @IsDefined({ message: 'name is required' }) @IsString() @MaxLength(200)
  name!: string;

  @IsOmittable() @IsString() @MaxLength(200)
  organisation?: string;

  @IsOmittable() @IsString() @MaxLength(200)
  @Matches(/^$|^[^@\s]+@[^@\s]+$/, { message: 'email must be an e-mail address', context: { code: 'invalid_email' } })
  email?: string;

  @IsOmittable() @IsString() @MaxLength(60)
  phone?: string;

  @IsOmittable() @IsString() @MaxLength(500)
  address?: string;

  @IsOmittable() @IsInt() @Min(0) @Max(1000)
  position?: number;
}

export class VariantCommentDto {
  @IsDefined({ message: 'text is required' }) @IsString({ message: 'text must be text' })
  text!: string;
}

export class VariantRatingDto {
  @IsIn([1, -1], { message: 'value must be 1 or -1' })
  value!: 1 | -1;
}
