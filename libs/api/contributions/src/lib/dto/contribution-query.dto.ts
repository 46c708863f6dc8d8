import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  Validate,
} from 'class-validator';
import { CONTRIBUTION_SORTS, CONTRIBUTION_SOURCES, ContributionQuery, ContributionSort, ContributionSource, LIMITS } from '@stadtdialog/shared/contract';
import { parseBbox } from '@stadtdialog/api/db';

@ValidatorConstraint({ name: 'bbox' })
class IsBbox implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseBbox(value) !== null;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be minLon,minLat,maxLon,maxLat with min < max, in WGS 84 degrees`;
  }
}

/** Query of the list and of the map layer; unknown parameters are refused by the validation pipe. */
export class ContributionQueryDto implements ContributionQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'only contributions of this category' })
  @IsOptional()
  @IsUUID('all', { message: 'category must be the id (UUID) of a category' })
  category?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'only contributions of this rubric' })
  @IsOptional()
  @IsUUID('all', { message: 'rubric must be the id (UUID) of a rubric' })
  rubric?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'German full-text search over title and text (web search syntax: "a phrase", or, -not); stems words, so "Bäume" finds "Baum"',
  })
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q?: string;

  @ApiPropertyOptional({ example: '9.92,53.55,9.95,53.57', description: 'minLon,minLat,maxLon,maxLat in WGS 84' })
  @IsOptional()
  @Validate(IsBbox)
  bbox?: string;

  @ApiPropertyOptional({
    enum: CONTRIBUTION_SORTS,
    default: 'newest',
    description: 'newest first; rated: most (up − down) first; commented: most comments first. Ties: newest first. The map ignores it.',
  })
  @IsOptional()
  @IsIn(CONTRIBUTION_SORTS, { message: `sort must be one of ${CONTRIBUTION_SORTS.join(', ')}` })
  sort?: ContributionSort;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: LIMITS.maxPageSize, default: 20, description: 'page size; the map ignores it' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be a whole number from 1 to ${LIMITS.maxPageSize}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${LIMITS.maxPageSize}` })
  @Max(LIMITS.maxPageSize, { message: `limit must be a whole number from 1 to ${LIMITS.maxPageSize}` })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (same sort); the map ignores it' })
  @IsOptional()
  @IsString({ message: 'cursor must be text' })
  @MaxLength(400, { message: 'cursor is not a nextCursor this API issued; start again without cursor' })
  cursor?: string;

  @ApiPropertyOptional({ enum: CONTRIBUTION_SOURCES, description: 'only contributions from this source (workshop: a table or a phone hand-off)' })
  @IsOptional()
  @IsIn(CONTRIBUTION_SOURCES, { message: `source must be one of ${CONTRIBUTION_SOURCES.join(', ')}` })
  source?: ContributionSource;

  @ApiPropertyOptional({ format: 'uuid', description: 'only contributions made at this workshop' })
  @IsOptional()
  @IsUUID('all', { message: 'workshop must be the id (UUID) of a workshop' })
  workshop?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'only the caller\'s own contributions (by X-Participant-Token), pending ones included',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'mine must be true or false' })
  mine?: boolean;
}
