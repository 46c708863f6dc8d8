import { categoryGlyphSvg } from '@stadtdialog/web/ui';
import { asArray } from 'ol/color';
import { FeatureLike } from 'ol/Feature';
import { Circle, Fill, Icon, Stroke, Style, Text } from 'ol/style';
import { StyleFunction } from 'ol/style/Style';

/** Colour of a contribution whose category colour is unknown. */
export const FALLBACK_COLOUR = '#595959';
const HEX_COLOUR = /^#[0-9a-f]{6}$/i;
/** Outline of a hovered or selected contribution: dark, so it stands out on any category colour. */
export const HIGHLIGHT_COLOUR = '#1a1a1a';
export const POINT_RADIUS = 11;
const HIGHLIGHT_RADIUS = 14;
const GLYPH_SIZE = 12;
const CLUSTER_COLOUR = '#0b3d6b';

/** How a category looks on the map. */
export interface CategoryLook {
  colour: string;
  icon?: string | null;
}

export type CategoryLooks = ReadonlyMap<string, CategoryLook | string>;

/**
 * The style of contributions: each in its category colour (the feature's `colour` property, else
 * the colour of its `categoryId`), points with the category's icon. Points sit above lines above
 * polygons, so a large area never hides a pin. Features whose id `isHighlighted` get a dark outline.
 */
export function createContributionStyle(
  categories: CategoryLooks = new Map(),
  isHighlighted: (id: string | number | undefined) => boolean = () => false,
): StyleFunction {
  const cache = new Map<string, Style[]>();
  return (feature: FeatureLike) => {
    const colour = contributionColour(feature, categories);
    const type = feature.getGeometry()?.getType() ?? 'Point';
    const look = categories.get(feature.get('categoryId'));
    const icon = typeof look === 'object' ? (look.icon ?? null) : null;
    const highlighted = isHighlighted(feature.getId());
    const key = `${type}:${colour}:${icon}:${highlighted}`;
    let styles = cache.get(key);
    if (!styles) {
      styles = stylesFor(type, colour, icon, highlighted);
      cache.set(key, styles);
    }
    return styles;
  };
}

export function contributionColour(feature: FeatureLike, categories: CategoryLooks): string {
  const own = feature.get('colour');
  if (typeof own === 'string' && HEX_COLOUR.test(own)) return own;
  const look = categories.get(feature.get('categoryId'));
  const ofCategory = typeof look === 'string' ? look : look?.colour;
  return ofCategory && HEX_COLOUR.test(ofCategory) ? ofCategory : FALLBACK_COLOUR;
}

const glyphs = new Map<string, Icon>();

function glyphIcon(icon: string | null): Icon {
  const key = icon ?? '';
  let glyph = glyphs.get(key);
  if (!glyph) {
    glyph = new Icon({
      src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(categoryGlyphSvg(icon, 24))}`,
      width: GLYPH_SIZE,
      height: GLYPH_SIZE,
    });
    glyphs.set(key, glyph);
  }
  return glyph;
}

function stylesFor(type: string, colour: string, icon: string | null, highlighted: boolean): Style[] {
  switch (type) {
    case 'LineString':
    case 'MultiLineString':
      return [
        new Style({
          stroke: new Stroke({ color: highlighted ? HIGHLIGHT_COLOUR : '#ffffff', width: highlighted ? 10 : 7 }),
          zIndex: highlighted ? 5 : 2,
        }),
        new Style({ stroke: new Stroke({ color: colour, width: highlighted ? 5 : 4 }), zIndex: highlighted ? 5 : 2 }),
      ];
    case 'Polygon':
    case 'MultiPolygon': {
      const [r, g, b] = asArray(colour);
      const styles = [
        new Style({
          fill: new Fill({ color: [r, g, b, highlighted ? 0.45 : 0.3] }),
          stroke: new Stroke({ color: colour, width: 2 }),
          zIndex: highlighted ? 4 : 1,
        }),
      ];
      if (highlighted) styles.unshift(new Style({ stroke: new Stroke({ color: HIGHLIGHT_COLOUR, width: 5 }), zIndex: 4 }));
      return styles;
    }
    default:
      return [
        new Style({
          image: new Circle({
            radius: highlighted ? HIGHLIGHT_RADIUS : POINT_RADIUS,
            fill: new Fill({ color: colour }),
            stroke: new Stroke({ color: highlighted ? HIGHLIGHT_COLOUR : '#ffffff', width: highlighted ? 3 : 2 }),
          }),
          zIndex: highlighted ? 6 : 3,
        }),
        new Style({ image: glyphIcon(icon), zIndex: highlighted ? 6 : 3 }),
      ];
  }
}

const clusterStyles = new Map<string, Style>();
const CLUSTER_FONT = 'bold 13px system-ui, sans-serif';

/** A cluster's disc: larger for more, in whole pixels (14 to 24), so counts share a few sizes. */
function clusterRadius(count: number): number {
  return Math.round(Math.min(14 + Math.log2(Math.max(count, 1)) * 2, 24));
}

/** One cluster marker's square in the atlas, in CSS pixels: the largest disc (24) and outline (4) fit. */
const SLOT = 56;
const SLOTS_PER_ROW = 16;
/** canvases of SLOTS_PER_ROW² markers each, per pixel density; the last one is being filled */
const atlases = new Map<number, { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D; used: number }>();

/**
 * A cluster's disc and number, drawn once into a shared canvas (an atlas of markers) at the
 * screen's pixel density: on the map it is one image per cluster and frame, where a circle and a
 * text were two (the text shaped and drawn again on every frame, which made panning and zooming over
 * a thousand clusters slow). One canvas holds 256 markers: a new count costs a few drawing calls,
 * not a canvas of its own and OpenLayers' check of each new image. Null where the browser draws no
 * canvas (a test without one): the caller then draws circle and text.
 */
function clusterIcon(count: number, radius: number, outline: string, width: number, ratio: number): Icon | null {
  if (typeof document === 'undefined') return null;
  let atlas = atlases.get(ratio);
  if (!atlas || atlas.used >= SLOTS_PER_ROW * SLOTS_PER_ROW) {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = Math.ceil(SLOT * SLOTS_PER_ROW * ratio);
    let context: CanvasRenderingContext2D | null = null;
    try {
      context = canvas.getContext('2d');
    } catch {
      context = null;
    }
    if (!context) return null;
    atlas = { canvas, context, used: 0 };
    atlases.set(ratio, atlas);
  }
  const slot = atlas.used++;
  const [left, top] = [(slot % SLOTS_PER_ROW) * SLOT, Math.floor(slot / SLOTS_PER_ROW) * SLOT];
  const context = atlas.context;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.beginPath();
  context.arc(left + SLOT / 2, top + SLOT / 2, radius, 0, 2 * Math.PI);
  context.fillStyle = CLUSTER_COLOUR;
  context.fill();
  context.lineWidth = width;
  context.strokeStyle = outline;
  context.stroke();
  context.font = CLUSTER_FONT;
  context.fillStyle = '#ffffff';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(String(count), left + SLOT / 2, top + SLOT / 2);
  const size = Math.floor(SLOT * ratio);
  return new Icon({ img: atlas.canvas, offset: [Math.round(left * ratio), Math.round(top * ratio)], size: [size, size], scale: 1 / ratio });
}

/** Several contributions close together: a dark disc with their number. */
export function clusterStyle(count: number, highlighted: boolean): Style {
  const ratio = typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
  const key = `${count}:${highlighted}:${ratio}`;
  let style = clusterStyles.get(key);
  if (!style) {
    // bounded: a long session over many counts starts the markers afresh (at most 8 canvases)
    if (clusterStyles.size >= 8 * SLOTS_PER_ROW * SLOTS_PER_ROW) {
      clusterStyles.clear();
      atlases.clear();
    }
    const radius = clusterRadius(count);
    const outline = highlighted ? HIGHLIGHT_COLOUR : '#ffffff';
    const width = highlighted ? 4 : 3;
    const icon = clusterIcon(count, radius, outline, width, ratio);
    style = icon
      ? new Style({ image: icon, zIndex: 3 })
      : new Style({
          image: new Circle({ radius, fill: new Fill({ color: CLUSTER_COLOUR }), stroke: new Stroke({ color: outline, width }) }),
          text: new Text({ text: String(count), font: CLUSTER_FONT, fill: new Fill({ color: '#ffffff' }) }),
          zIndex: 3,
        });
    clusterStyles.set(key, style);
  }
  return style;
}

/** The planning area: a dashed dark outline on a light casing, readable on any base map. */
export const planningAreaStyle: Style[] = [
  new Style({ stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.9)', width: 6 }) }),
  new Style({ stroke: new Stroke({ color: '#1a1a1a', width: 3, lineDash: [10, 6] }) }),
];
