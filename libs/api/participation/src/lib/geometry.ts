import { ContributionGeometryType, LIMITS, Position } from '@stadtdialog/shared/contract';

export interface GeometryError {
  field: string;
  message: string;
}

function positionError(value: unknown, field: string): GeometryError | null {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    return { field, message: 'a position must be [longitude, latitude]' };
  }
  if (!value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return { field, message: 'coordinates must be finite numbers' };
  }
  const [lon, lat] = value as number[];
  if (lon < -180 || lon > 180) return { field, message: `longitude ${lon} is outside -180..180` };
  if (lat < -90 || lat > 90) return { field, message: `latitude ${lat} is outside -90..90` };
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
export function checkGeometryShape(geometry: unknown, allowed: readonly ContributionGeometryType[]): GeometryError[] {
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (!g || typeof g !== 'object' || Array.isArray(g)) {
    return [{ field: 'geometry', message: 'geometry must be a GeoJSON object' }];
  }
  const extra = Object.keys(g).filter((k) => !['type', 'coordinates', 'bbox'].includes(k));
  if (extra.length) return [{ field: 'geometry', message: `unknown geometry fields: ${extra.join(', ')}` }];
  const bbox = (g as { bbox?: unknown }).bbox;
  if (
    bbox !== undefined &&
    !(Array.isArray(bbox) && (bbox.length === 4 || bbox.length === 6) && bbox.every((n) => typeof n === 'number' && Number.isFinite(n)))
  ) {
    return [{ field: 'geometry.bbox', message: 'geometry.bbox must be [west, south, east, north] (four or six numbers)' }];
  }
  if (typeof g.type !== 'string' || !['Point', 'LineString', 'Polygon'].includes(g.type)) {
    return [{ field: 'geometry.type', message: 'geometry.type must be Point, LineString or Polygon' }];
  }
  if (!allowed.includes(g.type as ContributionGeometryType)) {
    return [{ field: 'geometry.type', message: `this procedure accepts ${allowed.join(', ')} geometries, not ${g.type}` }];
  }
  const c = g.coordinates;
  const field = 'geometry.coordinates';
  if (!Array.isArray(c)) return [{ field, message: 'geometry.coordinates must be an array' }];
  if (g.type === 'Point') {
    const e = positionError(c, field);
    return e ? [e] : [];
  }
  if (g.type === 'LineString') {
    if (c.length > LIMITS.maxGeometryVertices) {
      return [{ field, message: `a line may have at most ${LIMITS.maxGeometryVertices} positions, this one has ${c.length}` }];
    }
    for (const [i, p] of c.entries()) {
      const e = positionError(p, `${field}[${i}]`);
      if (e) return [e];
    }
    if (c.length < 2 || c.every((p) => samePosition(p as Position, c[0] as Position))) {
      return [{ field, message: 'a line needs at least two different positions' }];
    }
    return [];
  }
  const total = c.reduce((n: number, ring) => n + (Array.isArray(ring) ? ring.length : 0), 0);
  if (total > LIMITS.maxGeometryVertices) {
    return [{ field, message: `a polygon may have at most ${LIMITS.maxGeometryVertices} positions, this one has ${total}` }];
  }
  if (c.length === 0) return [{ field, message: 'a polygon needs an outer ring' }];
  for (const [r, ring] of c.entries()) {
    if (!Array.isArray(ring)) return [{ field: `${field}[${r}]`, message: 'a ring must be an array of positions' }];
    for (const [i, p] of ring.entries()) {
      const e = positionError(p, `${field}[${r}][${i}]`);
      if (e) return [e];
    }
    if (ring.length < 4) return [{ field: `${field}[${r}]`, message: 'a ring needs at least four positions' }];
    if (!samePosition(ring[0] as Position, ring[ring.length - 1] as Position)) {
      return [{ field: `${field}[${r}]`, message: 'a ring must be closed: its last position must equal its first' }];
    }
  }
  return [];
}
