import type { GeocoderConfig } from '@stadtdialog/api/config';
import type { Place } from '@stadtdialog/shared/contract';

/** [west, south, east, north] in WGS 84. */
export type Box = [number, number, number, number];

export const MAX_PLACES = 8;
const TIMEOUT_MS = 5000;

export class GeocoderUnavailable extends Error {}

const finite = (value: unknown): number | null => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** Nominatim's `format=jsonv2`: an array of places with `lat`, `lon` (text), `display_name`, `boundingbox` [s, n, w, e]. */
export function nominatimPlaces(body: unknown): Place[] {
  if (!Array.isArray(body)) return [];
  return body.flatMap((item: Record<string, unknown>) => {
    const lon = finite(item['lon']);
    const lat = finite(item['lat']);
    const label = typeof item['display_name'] === 'string' ? item['display_name'] : null;
    if (lon === null || lat === null || !label) return [];
    const b = Array.isArray(item['boundingbox']) ? item['boundingbox'].map(finite) : [];
    const bbox: Place['bbox'] = b.length === 4 && b.every((v) => v !== null) ? [b[2] as number, b[0] as number, b[3] as number, b[1] as number] : null;
    return [{ label, lon, lat, bbox }];
  });
}

/** Photon's GeoJSON: Point features whose properties name the place; `extent` is [w, n, e, s]. */
export function photonPlaces(body: unknown): Place[] {
  const features = (body as { features?: unknown })?.features;
  if (!Array.isArray(features)) return [];
  return features.flatMap((feature: { geometry?: { coordinates?: unknown[] }; properties?: Record<string, unknown> }) => {
    const [lon, lat] = (feature.geometry?.coordinates ?? []).map(finite);
    const p = feature.properties ?? {};
    const text = (key: string) => (typeof p[key] === 'string' && p[key] ? (p[key] as string) : null);
    const street = [text('street'), text('housenumber')].filter(Boolean).join(' ');
    const town = [text('postcode'), text('city') ?? text('district')].filter(Boolean).join(' ');
    const first = text('name') ?? (street || null);
    const label = [first, first === street ? null : street || null, town || null].filter(Boolean).join(', ');
    if (lon === null || lat === null || lon === undefined || lat === undefined || !label) return [];
    const e = Array.isArray(p['extent']) ? (p['extent'] as unknown[]).map(finite) : [];
    const bbox: Place['bbox'] = e.length === 4 && e.every((v) => v !== null) ? [e[0] as number, e[3] as number, e[2] as number, e[1] as number] : null;
    return [{ label, lon, lat, bbox }];
  });
}

/** The geocoder's request for a text, bounded to a box where there is one. */
export function searchUrl(config: GeocoderConfig, q: string, box: Box | null, language: string): URL {
  const url = new URL(config.url);
  url.searchParams.set('q', q);
  url.searchParams.set('limit', String(MAX_PLACES));
  if (config.kind === 'nominatim') {
    url.searchParams.set('format', 'jsonv2');
    url.searchParams.set('accept-language', language);
    if (box) {
      url.searchParams.set('viewbox', box.join(','));
      url.searchParams.set('bounded', '1');
    }
  } else {
    url.searchParams.set('lang', language);
    if (box) url.searchParams.set('bbox', box.join(','));
  }
  return url;
}

export function inside(box: Box | null, place: Place): boolean {
  if (!box) return true;
  const [w, s, e, n] = box;
  return place.lon >= w && place.lon <= e && place.lat >= s && place.lat <= n;
}

/** Asks the geocoder; only places inside the box come back (a geocoder may ignore `bounded`). */
export async function search(config: GeocoderConfig, q: string, box: Box | null, language: string, userAgent: string): Promise<Place[]> {
  let response: Response;
  try {
    response = await fetch(searchUrl(config, q, box, language), {
      headers: { Accept: 'application/json', 'User-Agent': userAgent, 'Accept-Language': language },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new GeocoderUnavailable(`the geocoder did not answer: ${(error as Error).message}`);
  }
  if (!response.ok) throw new GeocoderUnavailable(`the geocoder answered ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new GeocoderUnavailable('the geocoder answered no JSON');
  }
  const places = config.kind === 'nominatim' ? nominatimPlaces(body) : photonPlaces(body);
  return places.filter((place) => inside(box, place)).slice(0, MAX_PLACES);
}
