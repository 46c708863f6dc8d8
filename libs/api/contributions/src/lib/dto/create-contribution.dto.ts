import { IsDefined, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { ContributionGeometry, NewContribution } from '@stadtdialog/shared/contract';

/** Lengths are checked again against the procedure's own limits in the service. */
export class CreateContributionDto implements NewContribution {
  @IsDefined({ message: 'title is required' })
  @IsString({ message: 'title must be text' })
  @MaxLength(10_000, { message: 'title must be at most 10000 characters' })
  title!: string;

  @IsDefined({ message: 'text is required' })
  @IsString({ message: 'text must be text' })
  @MaxLength(100_000, { message: 'text must be at most 100000 characters' })
  text!: string;

  @IsDefined({ message: 'categoryId is required' })
  @IsUUID('all', { message: 'categoryId must be the id (UUID) of one of the procedure\'s categories' })
  categoryId!: string;

  @IsDefined({ message: 'rubricId is required' })
  @IsUUID('all', { message: 'rubricId must be the id (UUID) of one of the procedure\'s rubrics' })
  rubricId!: string;

  @IsOptional()
  @IsObject({ message: 'geometry must be a GeoJSON Point, LineString or Polygon object' })
  geometry?: ContributionGeometry | null;
}
