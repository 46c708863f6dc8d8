import { MultiPolygon, Polygon, Position } from '@stadtdialog/shared/contract';

/** Why a GeoJSON file cannot be a planning area. */
export type AreaFileProblem = 'unreadable' | 'no-polygon' | 'not-lon-lat';

export type AreaFileResult = { ok: true; area: MultiPolygon; polygons: number } | { ok: false; problem: AreaFileProblem };

type Json = Record<string, unknown>;

function polygonsOf(value: unknown): Position[][][] {
  if (!value || typeof value !== 'object') return [];
  const object = value as Json;
  switch (object['type']) {
    case 'FeatureCollection':
      return Array.isArray(object['features']) ? object['features'].flatMap(polygonsOf) : [];
    case 'Feature':
      return polygonsOf(object['geometry']);
    case 'GeometryCollection':
      return Array.isArray(object['geometries']) ? object['geometries'].flatMap(polygonsOf) : [];
    case 'Polygon':
      return Array.isArray(object['coordinates']) ? [(object as unknown as Polygon).coordinates] : [];
    case 'MultiPolygon':
      return Array.isArray(object['coordinates']) ? (object as unknown as MultiPolygon).coordinates : [];
    default:
      return [];
  }
}

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === 'number' && Number.isFinite(n));
}

/**
 * The planning area in a GeoJSON file: every Polygon and MultiPolygon in it (also inside features
 * and collections) as one MultiPolygon in lon/lat, without altitudes. RFC 7946 files are lon/lat;
 * coordinates beyond ±180/±90 mean another projection, which the API would refuse.
 */
export function readAreaFile(text: string): AreaFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  const polygons = polygonsOf(json);
  if (!polygons.length) return { ok: false, problem: 'no-polygon' };
  const rings = polygons.flat();
  if (!rings.every((ring) => Array.isArray(ring) && ring.length >= 4 && ring.every(isPosition))) {
    return { ok: false, problem: 'unreadable' };
  }
  const inside = rings.flat().every(([lon, lat]) => Math.abs(lon) <= 180 && Math.abs(lat) <= 90);
  if (!inside) return { ok: false, problem: 'not-lon-lat' };
  const coordinates = polygons.map((polygon) => polygon.map((ring) => ring.map(([lon, lat]): Position => [lon, lat])));
  return { ok: true, area: { type: 'MultiPolygon', coordinates }, polygons: coordinates.length };
}

/** The one polygon (without holes) of an area, for the drawing tool; null for several, holes or none. */
export function singlePolygon(area: MultiPolygon | null | undefined): Polygon | null {
  return area && area.coordinates.length === 1 && area.coordinates[0].length === 1 ? { type: 'Polygon', coordinates: area.coordinates[0] } : null;
}
