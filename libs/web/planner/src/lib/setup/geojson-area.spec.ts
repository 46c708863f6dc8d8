import { readAreaFile, singlePolygon } from './geojson-area';

const square = (x: number): number[][][] => [
  [
    [x, 53.5],
    [x + 0.01, 53.5],
    [x + 0.01, 53.51],
    [x, 53.51],
    [x, 53.5],
  ],
];

describe('planning area files', () => {
  it('collects every polygon of a feature collection into one MultiPolygon, without altitudes', () => {
    const file = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(9.9).map((r) => r.map(([a, b]) => [a, b, 12])) } },
        { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [square(9.95), square(9.97)] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [9.9, 53.5] } },
      ],
    };
    const result = readAreaFile(JSON.stringify(file));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.polygons).toBe(3);
    expect(result.area.type).toBe('MultiPolygon');
    expect(result.area.coordinates[0]).toEqual(square(9.9));
  });

  it('says why a file cannot be an area', () => {
    expect(readAreaFile('{ nope')).toEqual({ ok: false, problem: 'unreadable' });
    expect(readAreaFile(JSON.stringify({ type: 'Point', coordinates: [9.9, 53.5] }))).toEqual({ ok: false, problem: 'no-polygon' });
    expect(readAreaFile(JSON.stringify({ type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] }))).toEqual({ ok: false, problem: 'unreadable' });
    const utm = [[[565000, 5933000], [566000, 5933000], [566000, 5934000], [565000, 5933000]]];
    expect(readAreaFile(JSON.stringify({ type: 'Polygon', coordinates: utm }))).toEqual({ ok: false, problem: 'not-lon-lat' });
  });

  it('hands only a single polygon without holes to the drawing tool', () => {
    expect(singlePolygon({ type: 'MultiPolygon', coordinates: [square(9.9)] })).toEqual({ type: 'Polygon', coordinates: square(9.9) });
    expect(singlePolygon({ type: 'MultiPolygon', coordinates: [square(9.9), square(9.95)] })).toBeNull();
    expect(singlePolygon({ type: 'MultiPolygon', coordinates: [[...square(9.9), square(9.905)[0]]] })).toBeNull();
    expect(singlePolygon(null)).toBeNull();
  });
});
