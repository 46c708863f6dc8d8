import { asArray } from 'ol/color';
import { FeatureLike } from 'ol/Feature';
import { Circle, Fill, Stroke, Style } from 'ol/style';
import { StyleFunction } from 'ol/style/Style';

/** Colour of a contribution whose category colour is unknown. */
export const FALLBACK_COLOUR = '#595959';
const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/**
 * The style of contributions: each in its category colour (the feature's `colour` property, else
 * the colour of its `categoryId` in `categoryColours`). Points sit above lines above polygons, so a
 * large area never hides a pin.
 */
export function createContributionStyle(categoryColours: ReadonlyMap<string, string> = new Map()): StyleFunction {
  const cache = new Map<string, Style[]>();
  return (feature: FeatureLike) => {
    const colour = contributionColour(feature, categoryColours);
    const type = feature.getGeometry()?.getType() ?? 'Point';
    const key = `${type}:${colour}`;
    let styles = cache.get(key);
    if (!styles) {
      styles = stylesFor(type, colour);
      cache.set(key, styles);
    }
    return styles;
  };
}

export function contributionColour(feature: FeatureLike, categoryColours: ReadonlyMap<string, string>): string {
  const own = feature.get('colour');
  if (typeof own === 'string' && HEX_COLOUR.test(own)) return own;
  const ofCategory = categoryColours.get(feature.get('categoryId'));
  return ofCategory && HEX_COLOUR.test(ofCategory) ? ofCategory : FALLBACK_COLOUR;
}

function stylesFor(type: string, colour: string): Style[] {
  switch (type) {
    case 'LineString':
    case 'MultiLineString':
      return [
        new Style({ stroke: new Stroke({ color: '#ffffff', width: 7 }), zIndex: 2 }),
        new Style({ stroke: new Stroke({ color: colour, width: 4 }), zIndex: 2 }),
      ];
    case 'Polygon':
    case 'MultiPolygon': {
      const [r, g, b] = asArray(colour);
      return [
        new Style({
          fill: new Fill({ color: [r, g, b, 0.3] }),
          stroke: new Stroke({ color: colour, width: 2 }),
          zIndex: 1,
        }),
      ];
    }
    default:
      return [
        new Style({
          image: new Circle({
            radius: 8,
            fill: new Fill({ color: colour }),
            stroke: new Stroke({ color: '#ffffff', width: 2 }),
          }),
          zIndex: 3,
        }),
      ];
  }
}

/** The planning area: a dashed dark outline on a light casing, readable on any base map. */
export const planningAreaStyle: Style[] = [
  new Style({ stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.9)', width: 6 }) }),
  new Style({ stroke: new Stroke({ color: '#1a1a1a', width: 3, lineDash: [10, 6] }) }),
];
