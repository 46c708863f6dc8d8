import { IsDefined, IsObject } from 'class-validator';
import type { ContributionGeometry } from '@stadtdialog/shared/contract';

/** The location step's question: would this geometry be taken? Its shape is judged by the geometry rules. */
export class CheckLocationDto {
  @IsDefined({ message: 'geometry is required' })
  @IsObject({ message: 'geometry must be a GeoJSON Point, LineString or Polygon object' })
  geometry!: ContributionGeometry;
}
