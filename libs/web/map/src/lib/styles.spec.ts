import Feature from 'ol/Feature';
import { LineString, Point, Polygon } from 'ol/geom';
import CircleStyle from 'ol/style/Circle';
import Style from 'ol/style/Style';
import Icon from 'ol/style/Icon';
import { createContributionStyle, FALLBACK_COLOUR, HIGHLIGHT_COLOUR, POINT_RADIUS } from './styles';

const categories = new Map([
  ['green', '#2e7d32'],
  ['traffic', '#1565c0'],
]);

function stylesOf(feature: Feature): Style[] {
  return createContributionStyle(categories)(feature, 1) as Style[];
}

function pointFill(feature: Feature): unknown {
  return (stylesOf(feature)[0].getImage() as CircleStyle).getFill()?.getColor();
}

describe('createContributionStyle', () => {
  it("draws a point in the feature's own colour", () => {
    const feature = new Feature({ geometry: new Point([0, 0]), colour: '#c62828', categoryId: 'green' });
    expect(pointFill(feature)).toBe('#c62828');
  });

  it('falls back to the category colour, then to a neutral grey', () => {
    expect(pointFill(new Feature({ geometry: new Point([0, 0]), categoryId: 'traffic' }))).toBe('#1565c0');
    expect(pointFill(new Feature({ geometry: new Point([0, 0]), colour: 'red; drop', categoryId: 'x' }))).toBe(
      FALLBACK_COLOUR,
    );
  });

  it('strokes a line in the colour over a white casing', () => {
    const styles = stylesOf(new Feature({ geometry: new LineString([[0, 0], [1, 1]]), colour: '#6a1b9a' }));
    expect(styles.map((s) => s.getStroke()?.getColor())).toEqual(['#ffffff', '#6a1b9a']);
  });

  it('fills a polygon translucently in the colour and outlines it opaquely', () => {
    const [style] = stylesOf(
      new Feature({ geometry: new Polygon([[[0, 0], [1, 0], [1, 1], [0, 0]]]), colour: '#ef6c00' }),
    );
    expect(style.getFill()?.getColor()).toEqual([239, 108, 0, 0.3]);
    expect(style.getStroke()?.getColor()).toBe('#ef6c00');
  });

  it('outlines highlighted contributions in a dark colour and draws them larger', () => {
    const feature = new Feature({ geometry: new Point([0, 0]), categoryId: 'green' });
    feature.setId('k1');
    const [style] = createContributionStyle(categories, (id) => id === 'k1')(feature, 1) as Style[];
    const circle = style.getImage() as CircleStyle;
    expect(circle.getStroke()?.getColor()).toBe(HIGHLIGHT_COLOUR);
    expect(circle.getRadius()).toBeGreaterThan(POINT_RADIUS);
    expect(circle.getFill()?.getColor()).toBe('#2e7d32');
  });

  it('puts the category icon on a point, from the category look', () => {
    const looks = new Map([['green', { colour: '#2e7d32', icon: 'tree' }]]);
    const styles = createContributionStyle(looks)(new Feature({ geometry: new Point([0, 0]), categoryId: 'green' }), 1) as Style[];
    expect(styles).toHaveLength(2);
    expect((styles[1].getImage() as Icon).getSrc()).toContain('svg');
  });

  it('draws points above lines above polygons', () => {
    const z = (feature: Feature) => stylesOf(feature)[0].getZIndex() ?? 0;
    const point = z(new Feature({ geometry: new Point([0, 0]) }));
    const line = z(new Feature({ geometry: new LineString([[0, 0], [1, 1]]) }));
    const polygon = z(new Feature({ geometry: new Polygon([[[0, 0], [1, 0], [1, 1], [0, 0]]]) }));
    expect(point).toBeGreaterThan(line);
    expect(line).toBeGreaterThan(polygon);
  });
});
