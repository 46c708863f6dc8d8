import { checkAreaShape, checkGeometryShape } from './geometry';
import { isBlank } from './text';

const all = ['Point', 'LineString', 'Polygon'] as const;

describe('checkGeometryShape', () => {
  it('accepts a point, a line and a closed polygon', () => {
    expect(checkGeometryShape({ type: 'Point', coordinates: [9.93, 53.55] }, all)).toEqual([]);
    expect(checkGeometryShape({ type: 'LineString', coordinates: [[9.93, 53.55], [9.94, 53.56]] }, all)).toEqual([]);
    expect(
      checkGeometryShape({ type: 'Polygon', coordinates: [[[9.93, 53.55], [9.94, 53.55], [9.94, 53.56], [9.93, 53.55]]] }, all),
    ).toEqual([]);
  });

  it.each([
    [{ type: 'Point', coordinates: [200, 53] }, 'geometry.coordinates', /longitude 200/],
    [{ type: 'Point', coordinates: [9, -91] }, 'geometry.coordinates', /latitude -91/],
    [{ type: 'Point', coordinates: [null, 53] }, 'geometry.coordinates', /finite numbers/],
    [{ type: 'Point', coordinates: [9] }, 'geometry.coordinates', /\[longitude, latitude\]/],
    [{ type: 'MultiPoint', coordinates: [] }, 'geometry.type', /Point, LineString or Polygon/],
    [{ type: 'LineString', coordinates: [[9, 53], [9, 53]] }, 'geometry.coordinates', /two different positions/],
    [{ type: 'Polygon', coordinates: [[[9, 53], [9.1, 53], [9.1, 53.1], [9, 53.1]]] }, 'geometry.coordinates[0]', /closed/],
    [{ type: 'Polygon', coordinates: [[[9, 53], [9.1, 53], [9, 53]]] }, 'geometry.coordinates[0]', /four positions/],
    [{ type: 'Point', coordinates: [9, 53], crs: 'x' }, 'geometry', /unknown geometry fields: crs/],
    [{ type: 'Point', coordinates: [9, 53], bbox: 'x' }, 'geometry.bbox', /four or six numbers/],
    [{ type: 'Point', coordinates: [9, 53], bbox: [9, 53, 9] }, 'geometry.bbox', /four or six numbers/],
  ])('refuses %j naming %s', (geometry, field, message) => {
    const [error] = checkGeometryShape(geometry, all);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('refuses a geometry type the procedure does not allow', () => {
    const [error] = checkGeometryShape({ type: 'Polygon', coordinates: [] }, ['Point']);
    expect(error.message).toBe('this procedure accepts Point geometries, not Polygon');
  });

  it('refuses more vertices than the limit', () => {
    const ring = Array.from({ length: 10_000 }, (_, i) => [9 + Math.cos(i) / 100, 53 + Math.sin(i) / 100]);
    ring.push(ring[0]);
    expect(checkGeometryShape({ type: 'Polygon', coordinates: [ring] }, all)[0].message).toMatch(/at most 1000 positions/);
  });
});

describe('geometry caps and planning areas', () => {
  const square = (x: number, y: number, d: number) => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
  const limits = { maxPositions: 20, maxParts: 2 };

  it('refuses a geometry over the position cap, naming the limit', () => {
    const line = { type: 'LineString', coordinates: Array.from({ length: 21 }, (_, i) => [9.9 + i * 1e-4, 53.5]) };
    expect(checkGeometryShape(line, ['LineString'], limits)).toEqual([
      { field: 'geometry.coordinates', code: 'too_many_positions', max: 20, message: 'a line may have at most 20 positions, this one has 21' },
    ]);
    const holes = { type: 'Polygon', coordinates: [square(9.9, 53.5, 0.01), square(9.901, 53.501, 0.001), square(9.905, 53.505, 0.001)] };
    expect(checkGeometryShape(holes, ['Polygon'], limits)).toMatchObject([{ code: 'too_many_parts', max: 2 }]);
  });

  it('takes a closed Polygon or MultiPolygon as a planning area and names what is wrong otherwise', () => {
    expect(checkAreaShape({ type: 'Polygon', coordinates: [square(9.9, 53.5, 0.01)] }, 'planningArea')).toEqual([]);
    expect(checkAreaShape({ type: 'MultiPolygon', coordinates: [[square(9.9, 53.5, 0.01)], [square(10, 53.5, 0.01)]] }, 'planningArea')).toEqual([]);
    const unclosed = { type: 'Polygon', coordinates: [[[9.9, 53.5], [9.91, 53.5], [9.91, 53.51], [9.9, 53.51]]] };
    expect(checkAreaShape(unclosed, 'planningArea')).toMatchObject([{ field: 'planningArea.coordinates[0]', code: 'ring_not_closed', message: expect.stringMatching(/closed/) }]);
    const two = { type: 'Polygon', coordinates: [[[9.9, 53.5], [9.9, 53.5]]] };
    expect(checkAreaShape(two, 'planningArea')).toMatchObject([{ code: 'too_few_positions', min: 4, message: expect.stringMatching(/four positions/) }]);
    const strings = { type: 'Polygon', coordinates: [[['9.9', '53.5'], [9.91, 53.5], [9.91, 53.51], ['9.9', '53.5']]] };
    expect(checkAreaShape(strings, 'planningArea')).toMatchObject([{ code: 'invalid_position', message: 'coordinates must be finite numbers' }]);
    expect(checkAreaShape({ type: 'Point', coordinates: [9.9, 53.5] }, 'planningArea')).toMatchObject([{ field: 'planningArea.type' }]);
    const big = { type: 'Polygon', coordinates: [Array.from({ length: 30 }, (_, i) => [9.9 + i * 1e-4, 53.5 + (i % 2) * 1e-4])] };
    expect(checkAreaShape(big, 'planningArea', limits)).toMatchObject([{ code: 'too_many_positions', max: 20 }]);
  });
});

describe('isBlank', () => {
  it('sees through zero-width, format and space characters but keeps real text', () => {
    expect(isBlank('\u200b\u200c\u200d\ufeff\u2060')).toBe(true);
    expect(isBlank(' \u00a0\u3000\u2800\u3164\u034f\u200e')).toBe(true);
    expect(isBlank('\u200bBank\u200b')).toBe(false);
    expect(isBlank('👍')).toBe(false);
  });
});
