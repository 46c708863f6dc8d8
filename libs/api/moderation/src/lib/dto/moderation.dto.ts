import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '@stadtdialog/api/http';
import { CONTRIBUTION_SOURCES, MODERATION_KINDS, MODERATION_STATES } from '@stadtdialog/shared/contract';
import type {
  BulkModeration,
  ContributionSource,
  ContributionEdit,
  ContributionGeometry,
  ModerationKind,
  ModerationState,
} from '@stadtdialog/shared/contract';

export class QueueQueryDto {
  @IsOmittable() @IsIn(MODERATION_STATES, { message: `state must be one of ${MODERATION_STATES.join(', ')}` })
  state?: ModerationState;

  @IsOmittable() @IsIn(MODERATION_KINDS, { message: 'kind must be contribution, comment or variant-comment' })
  kind?: ModerationKind;

  @IsOmittable() @IsUUID('all', { message: 'category must be the id of a category' })
  category?: string;

  @IsOmittable() @IsIn(CONTRIBUTION_SOURCES, { message: `source must be one of ${CONTRIBUTION_SOURCES.join(', ')}` })
  source?: ContributionSource;

  @IsOmittable() @IsUUID('all', { message: 'workshop must be the id of a workshop' })
  workshop?: string;

  /** full-text search of contributions' title and text, the public list's `q` (comments never match) */
  @IsOmittable() @IsString({ message: 'q must be text' }) @MaxLength(200, { message: 'q must be at most 200 characters' })
  q?: string;

  @IsOmittable() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(100)
  limit?: number;

  @IsOmittable() @IsString() @MaxLength(200)
  cursor?: string;
}

export class AuditQueryDto {
  @IsOmittable() @IsString() @MaxLength(20)
  before?: string;

  @IsOmittable() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(100)
  limit?: number;
}

export class DecisionDto {
  /** required to reject; kept with the item and in the audit log */
  @IsOmittable() @IsString({ message: 'reason must be text' }) @MaxLength(1000, { message: 'reason must be at most 1000 characters' })
  reason?: string;
}

export class EditContributionDto implements ContributionEdit {
  @IsOmittable() @IsString() @MinLength(1, { message: 'title must not be empty' }) @MaxLength(500) title?: string;
  @IsOmittable() @IsString() @MinLength(1, { message: 'text must not be empty' }) @MaxLength(20_000) text?: string;
  @IsOmittable() @IsUUID('all', { message: 'categoryId must be the id of one of the procedure\'s categories' }) categoryId?: string;
  @IsOmittable() @IsUUID('all', { message: 'rubricId must be the id of one of the procedure\'s rubrics' }) rubricId?: string;
  @IsOptional() @IsObject({ message: 'geometry must be a GeoJSON Point, LineString or Polygon' }) geometry?: ContributionGeometry | null;
  @IsOmittable() @IsString() @MaxLength(1000) reason?: string;
}

export class OfficialResponseDto {
  @IsDefined({ message: 'text is required' }) @IsString({ message: 'text must be text' })
  @MinLength(1, { message: 'text must not be empty' }) @MaxLength(10_000, { message: 'text must be at most 10000 characters' })
  text!: string;

  @IsOptional() @IsUUID('all', { message: 'parentId must be the id of a comment' })
  parentId?: string | null;
}

export class BulkItemDto {
  @IsIn(MODERATION_KINDS, { message: 'kind must be contribution, comment or variant-comment' }) kind!: ModerationKind;
  @IsUUID('all', { message: 'id must be a UUID' }) id!: string;
}

export class BulkModerationDto implements BulkModeration {
  @IsIn(['approve', 'reject', 'hide'], { message: 'action must be approve, reject or hide' })
  action!: 'approve' | 'reject' | 'hide';

  @IsOmittable() @IsString() @MaxLength(1000) reason?: string;

  @IsArray() @ArrayMinSize(1, { message: 'items must name at least one item' }) @ArrayMaxSize(100, { message: 'at most 100 items at once' })
  @IsObject({ each: true, message: 'each item must be an object {kind, id}' })
  @ValidateNested({ each: true }) @Type(() => BulkItemDto)
  items!: BulkItemDto[];
}
