import type { Page } from '@playwright/test';
import type Feature from 'ol/Feature';
import type { Point } from 'ol/geom';
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
  geometryTypes: string[];
  planningAreaCount: number;
  size: [number, number];
  /** point contributions inside the view, farther than `clearance` px from any other point */
  isolatedPoints: DrawnPoint[];
}

/**
 * Waits until the map on the page has at least `minContributions` contributions and has finished
 * rendering them, then reports what is drawn, read from the OpenLayers map on `<sd-procedure-map>`.
 */
export async function readDrawnMap(page: Page, minContributions: number, clearance = 24): Promise<DrawnMap> {
  await page.waitForFunction((min) => {
    const map = (document.querySelector('sd-procedure-map') as (Element & { olMap?: OlMap }) | null)?.olMap;
    const layer = map?.getAllLayers().find((l) => l.get('id') === 'contributions') as VectorLayer | undefined;
    return (layer?.getSource()?.getFeatures().length ?? 0) >= min;
  }, minContributions);

  return page.evaluate(async (clearance) => {
    const map = (document.querySelector('sd-procedure-map') as Element & { olMap: OlMap }).olMap;
    await new Promise((resolve) => {
      map.once('rendercomplete', resolve);
      map.render();
    });
    const layerById = (id: string) =>
      map.getAllLayers().find((l) => l.get('id') === id) as VectorLayer<VectorSource<Feature>>;
    const features = layerById('contributions').getSource()?.getFeatures() ?? [];
    const [width, height] = map.getSize() ?? [0, 0];
    const points = features
      .filter((f) => f.getGeometry()?.getType() === 'Point')
      .map((f) => ({
        id: String(f.getId()),
        colour: String(f.get('colour')),
        categoryId: String(f.get('categoryId')),
        pixel: map.getPixelFromCoordinate((f.getGeometry() as Point).getCoordinates()) as [number, number],
      }));
    // Keep clear of the zoom buttons (top left) and the attribution (bottom right).
    const inside = ([x, y]: [number, number]) => x > 64 && y > 96 && x < width - 64 && y < height - 48;
    const isolatedPoints = points.filter(
      (p) =>
        inside(p.pixel) &&
        points.every(
          (other) => other === p || Math.hypot(other.pixel[0] - p.pixel[0], other.pixel[1] - p.pixel[1]) > clearance,
        ),
    );
    return {
      contributionCount: features.length,
      geometryTypes: [...new Set(features.map((f) => f.getGeometry()?.getType() ?? 'none'))].sort(),
      planningAreaCount: layerById('planning-area').getSource()?.getFeatures().length ?? 0,
      size: [width, height] as [number, number],
      isolatedPoints,
    };
  }, clearance);
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
