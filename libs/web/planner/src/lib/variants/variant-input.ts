import { ContributionGeometry, VariantFeature, VariantInput, VariantOverlay, WorkspaceVariant } from '@stadtdialog/shared/contract';

const GEOMETRY_TYPES = ['Point', 'LineString', 'Polygon'];
const COLOUR = /^#[0-9a-f]{6}$/;

/** What PUT takes to store a variant as it is (the API replaces the whole variant), with `change` over it. */
export function variantInput(variant: WorkspaceVariant, change: Partial<VariantInput> = {}): VariantInput {
  return { ...storedVariant(variant), ...change };
}

function storedVariant(variant: WorkspaceVariant): VariantInput {
  let overlay: VariantOverlay | null = variant.overlay;
  if (overlay?.uploadId) {
    // An uploaded plan image is named by its upload; the URL is the server's to fill in.
    const { url, ...named } = overlay;
    void url;
    overlay = named;
  }
  return {
    title: variant.title,
    summary: variant.summary,
    description: variant.description,
    position: variant.position,
    published: variant.published,
    colour: variant.colour,
    keyFigures: variant.keyFigures,
    overlay,
    images: variant.images.map((i) => ({ uploadId: i.uploadId, alt: i.alt, caption: i.caption })),
    features: variant.features,
  };
}

/** A variant's geometries as the GeoJSON text planners edit. */
export function featuresToGeoJson(features: VariantFeature[]): string {
  if (!features.length) return '';
  return JSON.stringify(
    {
      type: 'FeatureCollection',
      features: features.map((f) => ({ type: 'Feature', properties: { label: f.label, colour: f.colour }, geometry: f.geometry })),
    },
    null,
    2,
  );
}

/**
 * Planners' GeoJSON (a FeatureCollection, one Feature, or a bare geometry) as a variant's features;
 * a feature without its own colour gets the variant's. The server judges the geometries themselves.
 */
export function geoJsonToFeatures(text: string, colour: string): { features: VariantFeature[] } | { error: string } {
  if (!text.trim()) return { features: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const object = value as { type?: string; features?: unknown[]; geometry?: unknown };
  const items: unknown[] =
    object?.type === 'FeatureCollection' && Array.isArray(object.features) ? object.features : object?.type === 'Feature' ? [object] : [{ type: 'Feature', geometry: value, properties: {} }];
  const features: VariantFeature[] = [];
  for (const [i, item] of items.entries()) {
    const feature = item as { geometry?: { type?: string }; properties?: Record<string, unknown> | null };
    if (!feature?.geometry || !GEOMETRY_TYPES.includes(feature.geometry.type ?? '')) {
      return { error: `#${i + 1}: ${feature?.geometry?.type ?? 'no geometry'}` };
    }
    const own = feature.properties?.['colour'];
    const label = feature.properties?.['label'];
    features.push({
      geometry: feature.geometry as ContributionGeometry,
      colour: typeof own === 'string' && COLOUR.test(own.toLowerCase()) ? own.toLowerCase() : colour,
      label: typeof label === 'string' ? label : '',
    });
  }
  return { features };
}
