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
  @IsOptional() @IsIn(MODERATION_STATES, { message: `state must be one of ${MODERATION_STATES.join(', ')}` })
  state?: ModerationState;

  @IsOptional() @IsIn(MODERATION_KINDS, { message: 'kind must be contribution, comment or variant-comment' })
  kind?: ModerationKind;

  @IsOptional() @IsUUID('all', { message: 'category must be the id of a category' })
  category?: string;

  @IsOptional() @IsIn(CONTRIBUTION_SOURCES, { message: `source must be one of ${CONTRIBUTION_SOURCES.join(', ')}` })
  source?: ContributionSource;

  @IsOptional() @IsUUID('all', { message: 'workshop must be the id of a workshop' })
  workshop?: string;

  /** full-text search of contributions' title and text, the public list's `q` (comments never match) */
  @IsOptional() @IsString({ message: 'q must be text' }) @MaxLength(200, { message: 'q must be at most 200 characters' })
  q?: string;

  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(100)
  limit?: number;

  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}

export class AuditQueryDto {
  @IsOptional() @IsString() @MaxLength(20)
  before?: string;

  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(100)
  limit?: number;
}

export class DecisionDto {
  /** required to reject; kept with the item and in the audit log */
  @IsOptional() @IsString({ message: 'reason must be text' }) @MaxLength(1000, { message: 'reason must be at most 1000 characters' })
  reason?: string;
}

export class EditContributionDto implements ContributionEdit {
  @IsOptional() @IsString() @MinLength(1, { message: 'title must not be empty' }) @MaxLength(500) title?: string;
  @IsOptional() @IsString() @MinLength(1, { message: 'text must not be empty' }) @MaxLength(20_000) text?: string;
  @IsOptional() @IsUUID('all', { message: 'categoryId must be the id of one of the procedure\'s categories' }) categoryId?: string;
  @IsOptional() @IsUUID('all', { message: 'rubricId must be the id of one of the procedure\'s rubrics' }) rubricId?: string;
  @IsOptional() @IsObject({ message: 'geometry must be a GeoJSON Point, LineString or Polygon' }) geometry?: ContributionGeometry | null;
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
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

  @IsOptional() @IsString() @MaxLength(1000) reason?: string;

  @IsArray() @ArrayMinSize(1, { message: 'items must name at least one item' }) @ArrayMaxSize(100, { message: 'at most 100 items at once' })
  @ValidateNested({ each: true }) @Type(() => BulkItemDto)
  items!: BulkItemDto[];
}
