import { EntityManager } from 'typeorm';
import { PLANNING_AREA_MARGIN_METRES } from '@stadtdialog/shared/contract';
import { antipodalEdgeError, GeometryError, GeometryLimits, invalidGeometryError, outsidePlanningAreaError } from './geometry';

/**
 * Where and how large a geometry may be: the same for residents and moderators (a contribution) and
 * for the planners' variant features.
 */
export interface PlaceBounds extends GeometryLimits {
  /** square metres a polygon may cover */
  maxAreaM2: number;
  /** metres a line may be long */
  maxLengthM: number;
  /** what the geometry is, as the messages name it; default "a contribution" */
  subject?: string;
  /**
   * Where the procedure has a planning area, being covered by it (grown by its margin) is the size
   * bound, and `maxAreaM2`/`maxLengthM` apply only to procedures without one. For variant features:
   * a planned street or park may be as large as the area it is planned for.
   */
  areaBoundsSize?: boolean;
}

export function placeBounds(config: {
  geometryMaxPositions: number;
  geometryMaxParts: number;
  contributionMaxAreaM2: number;
  contributionMaxLengthM: number;
}): PlaceBounds {
  return {
    maxPositions: config.geometryMaxPositions,
    maxParts: config.geometryMaxParts,
    maxAreaM2: config.contributionMaxAreaM2,
    maxLengthM: config.contributionMaxLengthM,
  };
}

/** A variant feature's bounds: the caps of every geometry, and the planning area as its size bound. */
export function variantFeatureBounds(bounds: PlaceBounds): PlaceBounds {
  return { ...bounds, subject: 'a variant feature', areaBoundsSize: true };
}

/**
 * PostGIS's verdict on a geometry that passed the shape and cap checks: valid, no larger than a
 * contribution may be, and covered by the procedure's planning area grown by its margin (every part
 * of it, not merely touching it). Sizes and the margin are measured on the globe (geography).
 * An altitude (RFC 7946 allows a third number) is dropped: the map and the column are 2D.
 * MATERIALIZED keeps the planner from casting the input to geography while it plans, which would run
 * the cast even where CASE does not need it. The cast refuses an edge between antipodal points (its
 * course on the globe is undefined); that is the client's geometry, so a 422.
 */
export async function placeError(
  manager: EntityManager,
  procedureId: string,
  geojson: string,
  bounds: PlaceBounds,
): Promise<GeometryError | null> {
  let row: { valid: boolean; reason: string; area: number | null; length: number | null; inside: boolean | null; has_area: boolean };
  try {
    [row] = await manager.query(
      `WITH g AS MATERIALIZED (SELECT ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)) AS geom)
       SELECT ST_IsValid(g.geom) AS valid, ST_IsValidReason(g.geom) AS reason, p.planning_area IS NOT NULL AS has_area,
              CASE WHEN ST_IsValid(g.geom) THEN ST_Area(g.geom::geography) END AS area,
              CASE WHEN ST_IsValid(g.geom) THEN ST_Length(g.geom::geography) END AS length,
              CASE WHEN p.planning_area IS NULL THEN true
                   WHEN NOT ST_IsValid(g.geom) THEN NULL
                   ELSE ST_CoveredBy(g.geom, ST_Buffer(p.planning_area::geography, $3)::geometry) END AS inside
       FROM g, procedures p WHERE p.id = $1`,
      [procedureId, geojson, PLANNING_AREA_MARGIN_METRES],
    );
  } catch (error) {
    if (/antipodal/i.test((error as Error).message)) return antipodalEdgeError();
    throw error;
  }
  if (!row.valid) return invalidGeometryError(row.reason);
  const subject = bounds.subject ?? 'a contribution';
  const sized = !(bounds.areaBoundsSize && row.has_area);
  if (sized && (row.area ?? 0) > bounds.maxAreaM2) {
    return {
      field: 'geometry', code: 'too_large', max: bounds.maxAreaM2,
      message: `${subject} may cover at most ${bounds.maxAreaM2} m², this polygon covers ${Math.round(row.area ?? 0)} m²`,
    };
  }
  if (sized && (row.length ?? 0) > bounds.maxLengthM) {
    return {
      field: 'geometry', code: 'too_large', max: bounds.maxLengthM,
      message: `${subject}'s line may be at most ${bounds.maxLengthM} m long, this one is ${Math.round(row.length ?? 0)} m`,
    };
  }
  if (!row.inside) {
    return outsidePlanningAreaError(
      `the location lies outside the planning area: every part of it must be within ${PLANNING_AREA_MARGIN_METRES} m of the area`,
    );
  }
  return null;
}
