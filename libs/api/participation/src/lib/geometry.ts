import { ContributionGeometryType, LIMITS, PLANNING_AREA_MARGIN_METRES, Position } from '@stadtdialog/shared/contract';
import type { FieldError } from '@stadtdialog/shared/contract';

/** A field error of the geometry rules, with its machine code and the limit it names, where there is one. */
export type GeometryError = FieldError;

/**
 * Caps every geometry the API takes has to stay within before PostGIS sees it: GEOS work grows with
 * positions and parts, and on the embedded engine a runaway query cannot be interrupted.
 */
export interface GeometryLimits {
  /** positions over all rings or the whole line */
  maxPositions: number;
  /** rings of a polygon; polygons and their rings of a multipolygon */
  maxParts: number;
}

export const DEFAULT_GEOMETRY_LIMITS: GeometryLimits = { maxPositions: LIMITS.maxGeometryVertices, maxParts: 100 };

function tooManyPositions(field: string, what: string, count: number, limits: GeometryLimits): GeometryError {
  return {
    field, code: 'too_many_positions', max: limits.maxPositions,
    message: `${what} may have at most ${limits.maxPositions} positions, this one has ${count}`,
  };
}

function tooManyParts(field: string, what: string, count: number, limits: GeometryLimits): GeometryError {
  return {
    field, code: 'too_many_parts', max: limits.maxParts,
    message: `${what} may have at most ${limits.maxParts} parts (rings), this one has ${count}`,
  };
}

/** Positions in nested coordinate arrays, counted without trusting their shape. */
function countPositions(value: unknown, depth: number): number {
  if (!Array.isArray(value)) return 0;
  if (depth === 0) return 1;
  let n = 0;
  for (const item of value) n += countPositions(item, depth - 1);
  return n;
}

/** The rings of one polygon: arrays of valid positions, closed, four or more each. */
function ringErrors(rings: unknown, field: string): GeometryError[] {
  if (!Array.isArray(rings)) return [{ field, code: 'invalid_geojson', message: 'a polygon must be an array of rings' }];
  if (rings.length === 0) return [{ field, code: 'too_few_positions', message: 'a polygon needs an outer ring' }];
  for (const [r, ring] of rings.entries()) {
    if (!Array.isArray(ring)) return [{ field: `${field}[${r}]`, code: 'invalid_geojson', message: 'a ring must be an array of positions' }];
    for (const [i, p] of ring.entries()) {
      const e = positionError(p, `${field}[${r}][${i}]`);
      if (e) return [e];
    }
    if (ring.length < 4) return [{ field: `${field}[${r}]`, code: 'too_few_positions', min: 4, message: 'a ring needs at least four positions' }];
    if (!samePosition(ring[0] as Position, ring[ring.length - 1] as Position)) {
      return [{ field: `${field}[${r}]`, code: 'ring_not_closed', message: 'a ring must be closed: its last position must equal its first' }];
    }
  }
  return [];
}

/**
 * A planning area before PostGIS sees it: a GeoJSON Polygon or MultiPolygon of closed rings of
 * numeric lon/lat positions, within the position and part caps.
 */
export function checkAreaShape(area: unknown, field: string, limits: GeometryLimits = DEFAULT_GEOMETRY_LIMITS): GeometryError[] {
  const g = area as { type?: unknown; coordinates?: unknown };
  const what = `${field} must be a GeoJSON Polygon or MultiPolygon`;
  if (!g || typeof g !== 'object' || Array.isArray(g)) return [{ field, code: 'invalid_geojson', message: what }];
  const extra = Object.keys(g).filter((k) => !['type', 'coordinates', 'bbox'].includes(k));
  if (extra.length) return [{ field, code: 'unknown_field', message: `unknown geometry fields: ${extra.join(', ')}` }];
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return [{ field: `${field}.type`, code: 'geometry_type_not_allowed', allowed: ['Polygon', 'MultiPolygon'], message: what }];
  const c = g.coordinates;
  const coordinates = `${field}.coordinates`;
  if (!Array.isArray(c)) return [{ field: coordinates, code: 'invalid_geojson', message: `${coordinates} must be an array` }];
  const polygons = g.type === 'Polygon' ? [c] : c;
  const parts = polygons.reduce((n: number, rings) => n + (Array.isArray(rings) ? rings.length : 0), 0);
  if (parts > limits.maxParts) return [tooManyParts(coordinates, 'a planning area', parts, limits)];
  const positions = countPositions(c, g.type === 'Polygon' ? 2 : 3);
  if (positions > limits.maxPositions) return [tooManyPositions(coordinates, 'a planning area', positions, limits)];
  if (g.type === 'MultiPolygon' && c.length === 0) return [{ field: coordinates, code: 'too_few_positions', message: 'a multipolygon needs a polygon' }];
  for (const [i, rings] of polygons.entries()) {
    const errors = ringErrors(rings, g.type === 'Polygon' ? coordinates : `${coordinates}[${i}]`);
    if (errors.length) return errors;
  }
  return [];
}

function positionError(value: unknown, field: string): GeometryError | null {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    return { field, code: 'invalid_position', message: 'a position must be [longitude, latitude]' };
  }
  if (!value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return { field, code: 'invalid_position', message: 'coordinates must be finite numbers' };
  }
  const [lon, lat] = value as number[];
  if (lon < -180 || lon > 180) return { field, code: 'position_out_of_range', message: `longitude ${lon} is outside -180..180` };
  if (lat < -90 || lat > 90) return { field, code: 'position_out_of_range', message: `latitude ${lat} is outside -90..90` };
  return null;
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * Checks the GeoJSON structure (RFC 7946) of a contribution geometry before PostGIS sees it:
 * the type is allowed, positions are finite lon/lat in range, lines have two distinct positions,
 * rings are closed with four or more positions, and the vertex count stays within the limit.
 */
export function checkGeometryShape(
  geometry: unknown,
  allowed: readonly ContributionGeometryType[],
  limits: GeometryLimits = DEFAULT_GEOMETRY_LIMITS,
): GeometryError[] {
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (!g || typeof g !== 'object' || Array.isArray(g)) {
    return [{ field: 'geometry', code: 'invalid_geojson', message: 'geometry must be a GeoJSON object' }];
  }
  const extra = Object.keys(g).filter((k) => !['type', 'coordinates', 'bbox'].includes(k));
  if (extra.length) return [{ field: 'geometry', code: 'unknown_field', message: `unknown geometry fields: ${extra.join(', ')}` }];
  const bbox = (g as { bbox?: unknown }).bbox;
  if (
    bbox !== undefined &&
    !(Array.isArray(bbox) && (bbox.length === 4 || bbox.length === 6) && bbox.every((n) => typeof n === 'number' && Number.isFinite(n)))
  ) {
    return [{ field: 'geometry.bbox', code: 'invalid_bbox', message: 'geometry.bbox must be [west, south, east, north] (four or six numbers)' }];
  }
  if (typeof g.type !== 'string' || !['Point', 'LineString', 'Polygon'].includes(g.type)) {
    return [{ field: 'geometry.type', code: 'geometry_type_not_allowed', allowed: [...allowed], message: 'geometry.type must be Point, LineString or Polygon' }];
  }
  if (!allowed.includes(g.type as ContributionGeometryType)) {
    return [{ field: 'geometry.type', code: 'geometry_type_not_allowed', allowed: [...allowed], message: `this procedure accepts ${allowed.join(', ')} geometries, not ${g.type}` }];
  }
  const c = g.coordinates;
  const field = 'geometry.coordinates';
  if (!Array.isArray(c)) return [{ field, code: 'invalid_geojson', message: 'geometry.coordinates must be an array' }];
  if (g.type === 'Point') {
    const e = positionError(c, field);
    return e ? [e] : [];
  }
  if (g.type === 'LineString') {
    if (c.length > limits.maxPositions) return [tooManyPositions(field, 'a line', c.length, limits)];
    for (const [i, p] of c.entries()) {
      const e = positionError(p, `${field}[${i}]`);
      if (e) return [e];
    }
    if (c.length < 2 || c.every((p) => samePosition(p as Position, c[0] as Position))) {
      return [{ field, code: 'too_few_positions', min: 2, message: 'a line needs at least two different positions' }];
    }
    return [];
  }
  if (c.length > limits.maxParts) return [tooManyParts(field, 'a polygon', c.length, limits)];
  const total = countPositions(c, 2);
  if (total > limits.maxPositions) return [tooManyPositions(field, 'a polygon', total, limits)];
  return ringErrors(c, field);
}

/** An edge between antipodal points has no course on the globe: PostGIS's geography cast refuses it. */
export function antipodalEdgeError(field = 'geometry'): FieldError {
  return {
    field, code: 'antipodal_edge',
    message: 'the geometry has an edge between two opposite points of the globe, whose course is undefined: add a position between them',
  };
}

/** PostGIS's ST_IsValidReason as a field error: crossing edges get their own code, anything else its reason. */
export function invalidGeometryError(reason: string, field = 'geometry'): FieldError {
  const code = /self-intersection/i.test(reason) ? 'self_intersection' : 'invalid_geometry';
  return { field, code, reason, message: `the geometry is not valid: ${reason}` };
}

/** A contribution must lie within the planning area grown by its margin. */
export function outsidePlanningAreaError(message: string, field = 'geometry'): FieldError {
  return { field, code: 'outside_planning_area', max: PLANNING_AREA_MARGIN_METRES, message };
}
