import { IsDefined, IsObject, IsOptional, IsString, IsUUID } from 'class-validator';
import type { ContributionGeometry, NewContribution } from '@stadtdialog/shared/contract';

/**
 * Types only: lengths depend on the procedure's own limits and are checked in the service (the body
 * limit bounds them before that), so a client never sees a limit that is not the real one.
 */
export class CreateContributionDto implements NewContribution {
  @IsDefined({ message: 'title is required' })
  @IsString({ message: 'title must be text' })
  title!: string;

  @IsDefined({ message: 'text is required' })
  @IsString({ message: 'text must be text' })
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

  @IsOptional()
  @IsUUID('all', { message: 'workshopId must be the id (UUID) of an active workshop of this procedure' })
  workshopId?: string | null;
}
