import WMSCapabilities from 'ol/format/WMSCapabilities';

/** A layer a WMS offers, as a planner picks it. */
export interface WmsLayerOption {
  /** the name to request (LAYERS=…) */
  name: string;
  title: string;
  /** where it has data, [minLon, minLat, maxLon, maxLat], when the service says */
  extent: [number, number, number, number] | null;
  /** nesting depth in the service's layer tree, for indenting the list */
  depth: number;
}

interface CapabilitiesLayer {
  Name?: string;
  Title?: string;
  EX_GeographicBoundingBox?: number[];
  Layer?: CapabilitiesLayer[];
}

/** The GetCapabilities URL of a WMS base URL, keeping its own query parameters. */
export function capabilitiesUrl(url: string): string {
  const trimmed = url.trim();
  const base = trimmed.replace(/[?&](service|request|version)=[^&]*/gi, '');
  const separator = base.includes('?') ? (/[?&]$/.test(base) ? '' : '&') : '?';
  return `${base}${separator}SERVICE=WMS&REQUEST=GetCapabilities`;
}

/**
 * The requestable layers of a WMS capabilities document (those with a Name), in the service's
 * order. Throws when the text is not a WMS capabilities document.
 */
export function parseWmsLayers(xml: string): WmsLayerOption[] {
  let capabilities: { Capability?: { Layer?: CapabilitiesLayer } } | null;
  try {
    capabilities = new WMSCapabilities().read(xml) as typeof capabilities;
  } catch {
    throw new Error('not a WMS capabilities document');
  }
  const root = capabilities?.Capability?.Layer;
  if (!root) throw new Error('not a WMS capabilities document');
  const options: WmsLayerOption[] = [];
  const walk = (layer: CapabilitiesLayer, depth: number, inherited: WmsLayerOption['extent']) => {
    const box = layer.EX_GeographicBoundingBox;
    const extent = box && box.length === 4 && box.every(Number.isFinite) ? (box as [number, number, number, number]) : inherited;
    if (layer.Name) options.push({ name: layer.Name, title: layer.Title || layer.Name, extent, depth });
    for (const child of layer.Layer ?? []) walk(child, layer.Name ? depth + 1 : depth, extent);
  };
  walk(root, 0, null);
  return options;
}
