import type { EntityManager } from 'typeorm';
import { ContributionGeometryType, LIMITS, PLANNING_AREA_MARGIN_METRES, Position } from '@stadtdialog/shared/contract';
import type { FieldError } from '@stadtdialog/api/http';

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

/**
 * PostGIS's verdict: a valid shape (else where it is not) within the planning area plus its margin.
 * An altitude (RFC 7946 allows a third number) is dropped: the map and the column are 2D.
 * The distance is measured on the globe (geography) only when there is an area and the shape is
 * valid: MATERIALIZED keeps the planner from casting the input to geography while it plans, which
 * would run the cast even where CASE does not need it. The cast refuses an edge between antipodal
 * points (its course on the globe is undefined); that is the client's geometry, so a 422.
 */
export async function checkGeometryInPostgis(
  manager: EntityManager,
  procedureId: string,
  geojson: string,
  field = 'geometry',
): Promise<FieldError | null> {
  let row: { valid: boolean; reason: string; inside: boolean | null };
  try {
    [row] = await manager.query(
      `WITH g AS MATERIALIZED (SELECT ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)) AS geom)
       SELECT ST_IsValid(g.geom) AS valid, ST_IsValidReason(g.geom) AS reason,
              CASE WHEN p.planning_area IS NULL THEN true
                   WHEN NOT ST_IsValid(g.geom) THEN NULL
                   ELSE ST_DWithin(g.geom::geography, p.planning_area::geography, $3) END AS inside
       FROM g, procedures p WHERE p.id = $1`,
      [procedureId, geojson, PLANNING_AREA_MARGIN_METRES],
    );
  } catch (error) {
    if (/antipodal/i.test((error as Error).message)) {
      return {
        field,
        message: 'the geometry has an edge between two opposite points of the globe, whose course is undefined: add a position between them',
      };
    }
    throw error;
  }
  if (!row.valid) {
    return { field, message: `the geometry is not valid: ${row.reason}` };
  }
  if (!row.inside) {
    return {
      field,
      message: `the location lies outside the planning area (more than ${PLANNING_AREA_MARGIN_METRES} m away)`,
    };
  }
  return null;
}
