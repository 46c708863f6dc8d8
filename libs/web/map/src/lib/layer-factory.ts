import { MapLayer } from '@stadtdialog/shared/contract';
import { getTopLeft, getWidth } from 'ol/extent';
import GeoJSON from 'ol/format/GeoJSON';
import BaseLayer from 'ol/layer/Base';
import ImageLayer from 'ol/layer/Image';
import TileLayer from 'ol/layer/Tile';
import VectorLayer from 'ol/layer/Vector';
import { Projection } from 'ol/proj';
import ImageStatic from 'ol/source/ImageStatic';
import TileWMS from 'ol/source/TileWMS';
import VectorSource from 'ol/source/Vector';
import WMTS from 'ol/source/WMTS';
import XYZ from 'ol/source/XYZ';
import WMTSTileGrid from 'ol/tilegrid/WMTS';
import { attributionHtml } from './attribution';

/** Layer property names the map and browser tests use to find layers. */
export const LAYER_ID = 'id';
export const LAYER_ROLE = 'role';

const WMTS_LEVELS = 20;
const TILE_SIZE = 256;

/**
 * The OpenLayers layer for one configured map layer, in a view of `projection`.
 * Returns null for a configuration it cannot draw (an image without extent).
 */
export function createLayer(layer: MapLayer, projection: Projection): BaseLayer | null {
  const created = createLayerOfKind(layer, projection);
  if (!created) return null;
  created.setProperties({ [LAYER_ID]: layer.id, [LAYER_ROLE]: layer.role, title: layer.title });
  created.setVisible(layer.visible !== false);
  created.setOpacity(layer.opacity ?? 1);
  return created;
}

/**
 * All configured layers, base layers below overlays in configuration order.
 * Base layers are mutually exclusive: only the first visible one is shown.
 */
export function createConfiguredLayers(layers: MapLayer[], projection: Projection): BaseLayer[] {
  const firstBase = layers.find((layer) => layer.role === 'base' && layer.visible !== false);
  const ordered = [...layers.filter((l) => l.role === 'base'), ...layers.filter((l) => l.role === 'overlay')];
  return ordered.flatMap((layer) => {
    const created = createLayer(layer, projection);
    if (!created) return [];
    if (layer.role === 'base') created.setVisible(layer === firstBase);
    return [created];
  });
}

function createLayerOfKind(layer: MapLayer, projection: Projection): BaseLayer | null {
  const attributions = layer.attribution ? [attributionHtml(layer.attribution)] : undefined;
  switch (layer.kind) {
    case 'xyz':
      return new TileLayer({ source: new XYZ({ url: layer.url, attributions }) });
    case 'wms':
      return new TileLayer({
        source: new TileWMS({
          url: layer.url,
          params: { LAYERS: layer.layers ?? '', TILED: true },
          projection,
          attributions,
        }),
      });
    case 'wmts':
      return new TileLayer({ source: createWmtsSource(layer, projection, attributions) });
    case 'geojson':
      return new VectorLayer({ source: new VectorSource({ url: layer.url, format: new GeoJSON() }) });
    case 'image':
      if (!layer.extent) return null;
      return new ImageLayer({
        source: new ImageStatic({
          url: layer.url,
          imageExtent: layer.extent,
          projection: 'EPSG:4326',
          attributions,
        }),
      });
  }
}

/**
 * A WMTS source without fetching the capabilities: a tile grid that halves the resolution per
 * level from the full projection extent, with matrix ids "0", "1", …. Services with a different
 * grid need their capabilities, which is a later step.
 */
function createWmtsSource(layer: MapLayer, projection: Projection, attributions?: string[]): WMTS {
  const extent = projection.getExtent();
  const maxResolution = getWidth(extent) / TILE_SIZE;
  const resolutions = Array.from({ length: WMTS_LEVELS }, (_, z) => maxResolution / 2 ** z);
  return new WMTS({
    url: layer.url,
    layer: layer.layers ?? '',
    matrixSet: layer.matrixSet ?? projection.getCode(),
    style: 'default',
    format: 'image/png',
    projection,
    requestEncoding: layer.url.includes('{TileMatrix}') ? 'REST' : 'KVP',
    tileGrid: new WMTSTileGrid({
      origin: getTopLeft(extent),
      resolutions,
      matrixIds: resolutions.map((_, z) => String(z)),
    }),
    attributions,
  });
}
