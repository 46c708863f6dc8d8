import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { MAP_LOADING } from '@stadtdialog/shared/contract';
import { ContributionQueryDto } from './contribution-query.dto';

const ZOOM_MESSAGE = `zoom must be a whole number from ${MAP_LOADING.minZoom} to ${MAP_LOADING.maxZoom}`;

/** Query of the aggregated map layer: the list's filters (every one of them) and the map's zoom. */
export class ContributionClusterQueryDto extends ContributionQueryDto {
  @ApiProperty({
    type: 'integer',
    minimum: MAP_LOADING.minZoom,
    maximum: MAP_LOADING.maxZoom,
    example: 13,
    description: `zoom level of the map (256-pixel Web Mercator tiles); contributions are grouped in cells of ${MAP_LOADING.cellPixels} pixels at it`,
  })
  @Type(() => Number)
  @IsInt({ message: ZOOM_MESSAGE })
  @Min(MAP_LOADING.minZoom, { message: ZOOM_MESSAGE })
  @Max(MAP_LOADING.maxZoom, { message: ZOOM_MESSAGE })
  zoom!: number;
}

export type ContributionClusterQuery = Pick<ContributionClusterQueryDto, keyof ContributionClusterQueryDto>;
