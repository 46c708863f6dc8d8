import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG } from '@stadtdialog/api/db';
import { ProblemException } from '@stadtdialog/api/http';
import { Place, PlaceSearchResult, SiteLanguage } from '@stadtdialog/shared/contract';
import { Box, GeocoderUnavailable, search } from './geocoder';

/** Metres around the planning area that still count as the procedure's area (as for contributions). */
const AREA_MARGIN_M = 250;
const CACHE_SIZE = 500;
const CACHE_MS = 10 * 60_000;

@Injectable()
export class PlacesService {
  private readonly cache = new Map<string, { at: number; places: Place[] }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.geocoder !== null;
  }

  private async box(slug: string): Promise<Box | null> {
    const [row] = await this.dataSource.query(
      `SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n
       FROM (SELECT ST_Envelope(ST_Buffer(planning_area::geography, ${AREA_MARGIN_M})::geometry) AS b FROM public_procedures WHERE slug = $1) x`,
      [slug],
    );
    if (!row) throw new NotFoundException(`There is no public procedure "${slug}"`);
    return row.w === null ? null : [row.w, row.s, row.e, row.n].map(Number) as Box;
  }

  async search(slug: string, q: string, language: SiteLanguage): Promise<PlaceSearchResult> {
    const geocoder = this.config.geocoder;
    if (!geocoder) throw new ProblemException('address_search_off', 'This installation has no geocoder (GEOCODER_URL is not set).');
    const box = await this.box(slug);
    const text = q.trim().replace(/\s+/g, ' ');
    const key = `${language}\n${box?.join(',') ?? '-'}\n${text.toLowerCase()}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < CACHE_MS) return { places: cached.places };
    try {
      const places = await search(geocoder, text, box, language, `Stadtdialog (${this.config.publicUrl})`);
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, { at: Date.now(), places });
      return { places };
    } catch (error) {
      if (error instanceof GeocoderUnavailable) {
        throw new ProblemException('geocoder_unavailable', error.message, { headers: { 'Retry-After': '5' }, params: { retryAfter: 5 } });
      }
      throw error;
    }
  }
}
