import {
  ContributionGeometry,
  FeatureCollection,
  MapConfiguration,
  MapLayer,
  PublicVariant,
} from '@stadtdialog/shared/contract';

/** Layer id of a variant's own plan drawing on its map. */
export const VARIANT_OVERLAY_LAYER_ID = 'variant-overlay';

/** The procedure's map with the variant's plan drawing (if it has one) as the topmost overlay. */
export function variantMapConfiguration(procedure: MapConfiguration, variant: PublicVariant): MapConfiguration {
  const overlay = variant.overlay;
  if (!overlay) return procedure;
  const layer: MapLayer = {
    id: VARIANT_OVERLAY_LAYER_ID,
    kind: overlay.kind,
    title: variant.title,
    url: overlay.url,
    role: 'overlay',
    visible: true,
    opacity: overlay.opacity ?? 1,
    ...(overlay.attribution ? { attribution: overlay.attribution } : {}),
    ...(overlay.layers ? { layers: overlay.layers } : {}),
    ...(overlay.matrixSet ? { matrixSet: overlay.matrixSet } : {}),
    ...(overlay.extent ? { extent: overlay.extent } : {}),
  };
  return { ...procedure, layers: [...procedure.layers, layer] };
}

/** The variant's buildings, paths and areas as GeoJSON for the map, each in its colour. */
export function variantFeatures(variant: PublicVariant): FeatureCollection<ContributionGeometry, { colour: string; label: string }> {
  return {
    type: 'FeatureCollection',
    features: variant.features.map((f, i) => ({
      type: 'Feature',
      id: `${variant.id}-${i}`,
      geometry: f.geometry,
      properties: { colour: f.colour, label: f.label },
    })),
  };
}

/** The legend of a variant's map: its geometries' labels and colours, each label once. */
export function variantLegend(variant: PublicVariant): { label: string; colour: string }[] {
  const seen = new Set<string>();
  return variant.features.filter((f) => f.label && !seen.has(f.label) && seen.add(f.label)).map((f) => ({ label: f.label, colour: f.colour }));
}

/** "PDF" or "Bild (PNG)" keys and parameters for a file's type. */
export function fileTypeLabel(mediaType: string): { key: 'information.type.pdf' | 'information.type.image'; format: string } {
  if (mediaType === 'application/pdf') return { key: 'information.type.pdf', format: 'PDF' };
  return { key: 'information.type.image', format: mediaType.replace(/^image\//, '').toUpperCase() };
}

/** A byte size as people read it: "820 kB", "2,4 MB" (in the language's number format). */
export function byteSize(bytes: number, language: string): string {
  const format = (value: number, digits: number) => new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
  if (bytes < 1000) return `${format(bytes, 0)} B`;
  if (bytes < 1_000_000) return `${format(bytes / 1000, 0)} kB`;
  return `${format(bytes / 1_000_000, 1)} MB`;
}
