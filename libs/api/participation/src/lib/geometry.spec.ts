import { checkGeometryShape } from './geometry';

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
