import type { Page } from '@playwright/test';
import type Feature from 'ol/Feature';
import type { Geometry, Point } from 'ol/geom';
import type VectorLayer from 'ol/layer/Vector';
import type OlMap from 'ol/Map';
import type VectorSource from 'ol/source/Vector';

export interface DrawnPoint {
  id: string;
  colour: string;
  categoryId: string;
  /** CSS pixel within the map viewport */
  pixel: [number, number];
}

export interface DrawnMap {
  contributionCount: number;
  contributionIds: string[];
  geometryTypes: string[];
  planningAreaCount: number;
  size: [number, number];
  /** single (unclustered) point contributions inside the view, farther than `clearance` px from any other marker */
  isolatedPoints: DrawnPoint[];
  /** markers standing for several points */
  clusterCount: number;
}

/** Selects the `<sd-procedure-map>` to read: the page's main map unless told otherwise. */
export const MAIN_MAP = 'sd-procedure-map';
export const PICKER_MAP = 'sd-location-picker sd-procedure-map';

/**
 * Waits until the map has at least `minContributions` contributions and has finished rendering them,
 * then reports what is drawn, read from the OpenLayers map on `<sd-procedure-map>`.
 */
export async function readDrawnMap(page: Page, minContributions: number, clearance = 24, selector = MAIN_MAP): Promise<DrawnMap> {
  await page.waitForFunction(
    ({ min, selector }) => {
      const map = (document.querySelector(selector) as (Element & { olMap?: OlMap }) | null)?.olMap;
      const layer = map?.getAllLayers().find((l) => l.get('id') === 'contributions') as VectorLayer | undefined;
      const [width, height] = map?.getSize() ?? [0, 0];
      return width > 0 && height > 0 && (layer?.getSource()?.getFeatures().length ?? 0) >= min;
    },
    { min: minContributions, selector },
  );

  return page.evaluate(
    async ({ clearance, selector }) => {
      const map = (document.querySelector(selector) as Element & { olMap: OlMap }).olMap;
      await new Promise((resolve) => {
        map.once('rendercomplete', resolve);
        map.render();
      });
      const layerById = (id: string) =>
        map.getAllLayers().find((l) => l.get('id') === id) as VectorLayer<VectorSource<Feature>>;
      const features = layerById('contributions').getSource()?.getFeatures() ?? [];
      const [width, height] = map.getSize() ?? [0, 0];
      const markers = (layerById('contribution-points').getSource()?.getFeatures() ?? []).map((cluster) => {
        const members = cluster.get('features') as Feature<Geometry>[];
        return {
          members,
          pixel: map.getPixelFromCoordinate((cluster.getGeometry() as Point).getCoordinates()) as [number, number],
        };
      });
      // Keep clear of the zoom buttons (top left) and the attribution (bottom right).
      const inside = ([x, y]: [number, number]) => x > 64 && y > 96 && x < width - 64 && y < height - 48;
      const isolatedPoints = markers
        .filter(
          (m) =>
            m.members.length === 1 &&
            // a server's cluster (zoomed out) is one feature standing for several
            Number(m.members[0].get('count') ?? 1) === 1 &&
            inside(m.pixel) &&
            markers.every(
              (other) => other === m || Math.hypot(other.pixel[0] - m.pixel[0], other.pixel[1] - m.pixel[1]) > clearance,
            ),
        )
        .map((m) => ({
          id: String(m.members[0].getId()),
          colour: String(m.members[0].get('colour')),
          categoryId: String(m.members[0].get('categoryId')),
          pixel: m.pixel,
        }));
      return {
        contributionCount: features.length,
        contributionIds: features.map((f) => String(f.getId())),
        geometryTypes: [...new Set(features.map((f) => f.getGeometry()?.getType() ?? 'none'))].sort(),
        planningAreaCount: layerById('planning-area').getSource()?.getFeatures().length ?? 0,
        size: [width, height] as [number, number],
        isolatedPoints,
        clusterCount: markers.filter((m) => m.members.length > 1).length,
      };
    },
    { clearance, selector },
  );
}

/** The CSS pixel (within the map viewport) where a lon/lat position is drawn. */
export async function pixelOf(page: Page, lonLat: [number, number], selector = MAIN_MAP): Promise<[number, number]> {
  return page.evaluate(
    ({ lonLat, selector }) => {
      const map = (document.querySelector(selector) as Element & { olMap: OlMap }).olMap;
      const projection = map.getView().getProjection();
      // OpenLayers' modules are not reachable from the page; the demo's view is spherical Mercator.
      if (projection.getCode() !== 'EPSG:3857') throw new Error(`pixelOf knows EPSG:3857 only, not ${projection.getCode()}`);
      const [lon, lat] = lonLat;
      const radius = 6378137;
      const coordinate = [(radius * lon * Math.PI) / 180, radius * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];
      return map.getPixelFromCoordinate(coordinate) as [number, number];
    },
    { lonLat, selector },
  );
}

/** The colour at a CSS pixel of a PNG screenshot, decoded by the browser. */
export async function colourAt(page: Page, png: Buffer, [x, y]: [number, number]): Promise<[number, number, number]> {
  return page.evaluate(
    async ({ base64, x, y }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(bitmap, 0, 0);
      const [r, g, b] = context.getImageData(Math.round(x), Math.round(y), 1, 1).data;
      return [r, g, b] as [number, number, number];
    },
    { base64: png.toString('base64'), x, y },
  );
}

export function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

export interface MapView {
  center: [number, number];
  zoom: number;
  /** map units per CSS pixel */
  resolution: number;
}

/** Where the map looks now, in its view projection. */
export async function mapView(page: Page, selector = MAIN_MAP): Promise<MapView> {
  return page.evaluate((selector) => {
    const view = (document.querySelector(selector) as Element & { olMap: OlMap }).olMap.getView();
    return {
      center: (view.getCenter() ?? [0, 0]) as [number, number],
      zoom: view.getZoom() ?? 0,
      resolution: view.getResolution() ?? 0,
    };
  }, selector);
}

/** Ids of the point contributions drawn inside a marker for several, at the map's present zoom. */
export async function clusteredIds(page: Page, selector = MAIN_MAP): Promise<string[]> {
  return page.evaluate(async (selector) => {
    const map = (document.querySelector(selector) as Element & { olMap: OlMap }).olMap;
    await new Promise((resolve) => {
      map.once('rendercomplete', resolve);
      map.render();
    });
    const layer = map.getAllLayers().find((l) => l.get('id') === 'contribution-points') as VectorLayer<VectorSource<Feature>>;
    return (layer.getSource()?.getFeatures() ?? [])
      .map((cluster) => cluster.get('features') as Feature[])
      .filter((members) => members.length > 1)
      .flatMap((members) => members.map((m) => String(m.getId())));
  }, selector);
}

/** Whether the contribution has a marker of its own inside the map's view now. */
export async function standsAlone(page: Page, id: string, selector = MAIN_MAP): Promise<boolean> {
  return page.evaluate(
    ({ id, selector }) => {
      const map = (document.querySelector(selector) as Element & { olMap: OlMap }).olMap;
      const layer = map.getAllLayers().find((l) => l.get('id') === 'contribution-points') as VectorLayer<VectorSource<Feature>>;
      const [width, height] = map.getSize() ?? [0, 0];
      return (layer.getSource()?.getFeatures() ?? []).some((cluster) => {
        const members = cluster.get('features') as Feature[];
        if (members.length !== 1 || String(members[0].getId()) !== id) return false;
        const [x, y] = map.getPixelFromCoordinate((cluster.getGeometry() as Point).getCoordinates());
        return x > 0 && y > 0 && x < width && y < height;
      });
    },
    { id, selector },
  );
}

/**
 * Whether some zoom parts the contribution's marker from every other: no other point lies within
 * the cluster distance at the closest zoom "Auf der Karte zeigen" goes to (19). Contributions on
 * the very same spot (other specs post at one point) never part; the map lists those instead.
 */
export async function canStandAlone(page: Page, id: string, selector = MAIN_MAP): Promise<boolean> {
  return page.evaluate(
    ({ id, selector }) => {
      const map = (document.querySelector(selector) as Element & { olMap: OlMap }).olMap;
      const layer = map.getAllLayers().find((l) => l.get('id') === 'contribution-points') as VectorLayer<VectorSource<Feature>>;
      const members = (layer.getSource()?.getFeatures() ?? []).flatMap((cluster) => cluster.get('features') as Feature[]);
      const own = members.find((m) => String(m.getId()) === id);
      if (!own) return false;
      const [x, y] = (own.getGeometry() as Point).getCoordinates();
      const parting = map.getView().getResolutionForZoom(19) * 32 * 1.25;
      return members.every((m) => {
        if (m === own) return true;
        const [mx, my] = (m.getGeometry() as Point).getCoordinates();
        return Math.max(Math.abs(mx - x), Math.abs(my - y)) > parting;
      });
    },
    { id, selector },
  );
}
