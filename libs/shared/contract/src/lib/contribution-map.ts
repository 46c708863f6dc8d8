import { ContributionFeatureProperties } from './contribution';
import { ContributionGeometry, Feature, Point } from './geojson';

/** How the map loads contributions: aggregated while zoomed out, the features of the view when zoomed in. */
export const MAP_LOADING = {
  /** below this zoom the map asks for clusters; from it on, for the features of the view */
  aggregateBelowZoom: 15,
  /** most features one map request answers (newest first); `truncated` tells when there were more */
  featuresPerRequest: 2000,
  /** the zoom levels the cluster endpoint takes */
  minZoom: 0,
  maxZoom: 22,
  /** side of one aggregation cell in screen pixels (of 256-pixel tiles) */
  cellPixels: 64,
} as const;

/** A marker standing for several contributions that lie in one grid cell at the requested zoom. */
export interface ContributionClusterProperties {
  /** published contributions matching the filter in this cell */
  count: number;
}

export type ContributionClusterFeature = Feature<Point, ContributionClusterProperties>;

/**
 * The aggregated map layer: one Point feature per crowded cell (id `cluster/<zoom>/<x>/<y>`) and,
 * where a cell holds one contribution only, that contribution's own feature.
 */
export interface ContributionClusterCollection {
  type: 'FeatureCollection';
  zoom: number;
  features: (ContributionClusterFeature | Feature<ContributionGeometry, ContributionFeatureProperties>)[];
}

export function isClusterFeature(feature: { properties: object }): feature is ContributionClusterFeature {
  return 'count' in feature.properties;
}
