/** GeoJSON (RFC 7946) types, longitude/latitude in WGS 84. */
export type Position = [number, number] | [number, number, number];

export interface Point { type: 'Point'; coordinates: Position }
export interface LineString { type: 'LineString'; coordinates: Position[] }
export interface Polygon { type: 'Polygon'; coordinates: Position[][] }
export interface MultiPolygon { type: 'MultiPolygon'; coordinates: Position[][][] }

/** The geometries a contribution may carry. */
export type ContributionGeometry = Point | LineString | Polygon;
export type Geometry = ContributionGeometry | MultiPolygon;

export interface Feature<G extends Geometry | null = Geometry, P = Record<string, unknown>> {
  type: 'Feature';
  id?: string | number;
  geometry: G;
  properties: P;
}

export interface FeatureCollection<G extends Geometry | null = Geometry, P = Record<string, unknown>> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
}
