import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ApiProblems } from '@stadtdialog/api/http';
import { PLACE_QUERY_LENGTH, PlaceSearchResult, SITE_LANGUAGES } from '@stadtdialog/shared/contract';
import type { SiteLanguage } from '@stadtdialog/shared/contract';
import { PlacesService } from './places.service';

export class PlaceQueryDto {
  @IsString({ message: 'q must be text' })
  @MinLength(PLACE_QUERY_LENGTH.min, { message: `q must be at least ${PLACE_QUERY_LENGTH.min} characters` })
  @MaxLength(PLACE_QUERY_LENGTH.max, { message: `q must be at most ${PLACE_QUERY_LENGTH.max} characters` })
  q!: string;

  @IsOptional() @IsIn(SITE_LANGUAGES, { message: `lang must be one of ${SITE_LANGUAGES.join(', ')}` })
  lang?: SiteLanguage;
}

const number = { type: 'number' } as const;
const SCHEMA = {
  type: 'object',
  required: ['places'],
  properties: {
    places: {
      type: 'array',
      items: {
        type: 'object',
        required: ['label', 'lon', 'lat', 'bbox'],
        properties: {
          label: { type: 'string' }, lon: number, lat: number,
          bbox: { type: 'array', items: number, minItems: 4, maxItems: 4, nullable: true, description: '[west, south, east, north]' },
        },
      },
    },
  },
};

@Controller('v1/procedures/:slug/places')
export class PlacesController {
  constructor(private readonly places: PlacesService) {}

  @Get()
  @Header('Cache-Control', 'private, max-age=600')
  @ApiOperation({
    summary: 'Address search within the procedure\'s area, through the geocoder at GEOCODER_URL (Nominatim or Photon)',
    description: 'At most 8 places inside the planning area grown by 250 m. 409 address_search_off without GEOCODER_URL; 503 geocoder_unavailable when it fails.',
  })
  @ApiParam({ name: 'slug', description: 'the procedure', example: 'gruene-mitte-altona' })
  @ApiResponse({ status: 200, description: 'the places found, best first', content: { 'application/json': { schema: SCHEMA } } })
  @ApiProblems(400, 404, 409, 503)
  search(@Param('slug') slug: string, @Query() query: PlaceQueryDto): Promise<PlaceSearchResult> {
    return this.places.search(slug, query.q, query.lang ?? 'de');
  }
}
