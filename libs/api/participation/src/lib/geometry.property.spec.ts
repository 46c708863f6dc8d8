import fc from 'fast-check';
import { GEOMETRY_TYPES, LIMITS, Position } from '@stadtdialog/shared/contract';
import { checkGeometryShape } from './geometry';

/*
 * Properties of the structural GeoJSON check. PostGIS judges validity afterwards (see the API test
 * geometry-validity.e2e.ts); here: well-formed input passes, and each kind of damage is reported
 * once, at the path where it is.
 */

const all = GEOMETRY_TYPES;
const RUNS = { numRuns: 200 };

const lon = fc.double({ min: -180, max: 180, noNaN: true });
const lat = fc.double({ min: -90, max: 90, noNaN: true });
const position: fc.Arbitrary<Position> = fc.tuple(lon, lat);
const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

const point = position.map((coordinates) => ({ type: 'Point' as const, coordinates }));
const line = fc
  .array(position, { minLength: 2, maxLength: 40 })
  .filter((c) => c.some((p) => !same(p, c[0])))
  .map((coordinates) => ({ type: 'LineString' as const, coordinates }));
const ring = fc.array(position, { minLength: 3, maxLength: 30 }).map((c) => [...c, c[0]]);
const polygon = fc.array(ring, { minLength: 1, maxLength: 3 }).map((coordinates) => ({ type: 'Polygon' as const, coordinates }));
const wellFormed = fc.oneof(point, line, polygon);
type WellFormed = { type: 'Point'; coordinates: Position } | { type: 'LineString' | 'Polygon'; coordinates: unknown[] };

/** Every position of a geometry with the field path the check names it by. */
function positions(g: WellFormed): { path: string; at: number[] }[] {
  if (g.type === 'Point') return [{ path: 'geometry.coordinates', at: [] }];
  if (g.type === 'LineString') return g.coordinates.map((_, i) => ({ path: `geometry.coordinates[${i}]`, at: [i] }));
  return (g.coordinates as Position[][]).flatMap((r, ri) =>
    r.map((_, i) => ({ path: `geometry.coordinates[${ri}][${i}]`, at: [ri, i] })),
  );
}

/** A deep copy with the position at `at` replaced (a ring's closing position apart from its first). */
function replaceAt(g: WellFormed, at: number[], value: unknown): WellFormed {
  const copy = structuredClone(g) as { type: WellFormed['type']; coordinates: unknown };
  if (at.length === 0) return { ...copy, coordinates: value } as WellFormed;
  let parent = copy.coordinates as unknown[];
  for (const i of at.slice(0, -1)) parent = parent[i] as unknown[];
  parent[at[at.length - 1]] = value;
  return copy as WellFormed;
}

describe('checkGeometryShape (properties)', () => {
  it('accepts every well-formed Point, LineString and Polygon in range', () => {
    fc.assert(fc.property(wellFormed, (g) => expect(checkGeometryShape(g, all)).toEqual([])), RUNS);
  });

  it('refuses exactly the types a procedure does not allow, naming geometry.type', () => {
    fc.assert(
      fc.property(wellFormed, fc.subarray([...all]), (g, allowed) => {
        const errors = checkGeometryShape(g, allowed);
        if (allowed.includes(g.type)) expect(errors).toEqual([]);
        else expect(errors).toEqual([{ field: 'geometry.type', code: 'geometry_type_not_allowed', allowed, message: expect.stringContaining(`not ${g.type}`) }]);
      }),
      RUNS,
    );
  });

  it('never throws on any JSON value, and reports at most one error under geometry', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(), wellFormed.chain((g) => fc.record({ type: fc.constant(g.type), coordinates: fc.jsonValue() }))), (value) => {
        const errors = checkGeometryShape(value, all);
        expect(errors.length).toBeLessThanOrEqual(1);
        for (const e of errors) expect(e.field).toMatch(/^geometry(\.|$)/);
      }),
      RUNS,
    );
  });

  it('names the position holding a number JSON cannot carry or that is no number', () => {
    const bad = fc.constantFrom<unknown>(NaN, Infinity, -Infinity, '9.93', null, true, [], {});
    fc.assert(
      fc.property(
        wellFormed.chain((g) => fc.tuple(fc.constant(g), fc.constantFrom(...positions(g)), fc.nat(1), bad)),
        ([g, where, axis, value]) => {
          const spoiled = [...(lookup(g, where.at) as number[])];
          spoiled[axis] = value as number;
          const [error, ...more] = checkGeometryShape(replaceAt(g, where.at, spoiled), all);
          expect(more).toEqual([]);
          expect(error).toEqual({ field: where.path, code: 'invalid_position', message: 'coordinates must be finite numbers' });
        },
      ),
      RUNS,
    );
  });

  it('names the position whose longitude or latitude is out of range, with the value', () => {
    const outside = fc.oneof(
      fc.tuple(fc.constant(0), fc.oneof(fc.double({ min: 180, max: 1e308, noNaN: true, minExcluded: true }), fc.double({ min: -1e308, max: -180, noNaN: true, maxExcluded: true }))),
      fc.tuple(fc.constant(1), fc.oneof(fc.double({ min: 90, max: 1e308, noNaN: true, minExcluded: true }), fc.double({ min: -1e308, max: -90, noNaN: true, maxExcluded: true }))),
    );
    fc.assert(
      fc.property(wellFormed.chain((g) => fc.tuple(fc.constant(g), fc.constantFrom(...positions(g)), outside)), ([g, where, [axis, value]]) => {
        const spoiled = [...(lookup(g, where.at) as number[])];
        spoiled[axis] = value;
        const [error, ...more] = checkGeometryShape(replaceAt(g, where.at, spoiled), all);
        expect(more).toEqual([]);
        expect(error.field).toBe(where.path);
        expect(error.message).toBe(`${axis === 0 ? 'longitude' : 'latitude'} ${value} is outside ${axis === 0 ? '-180..180' : '-90..90'}`);
      }),
      RUNS,
    );
  });

  it('names the ring that is not closed', () => {
    fc.assert(
      fc.property(
        polygon.chain((g) => fc.tuple(fc.constant(g), fc.nat(g.coordinates.length - 1), position)),
        ([g, r, last]) => {
          const rings = g.coordinates;
          fc.pre(!same(last, rings[r][0]));
          const open = { ...g, coordinates: rings.map((ring, i) => (i === r ? [...ring.slice(0, -1), last] : ring)) };
          expect(checkGeometryShape(open, all)).toEqual([
            { field: `geometry.coordinates[${r}]`, code: 'ring_not_closed', message: 'a ring must be closed: its last position must equal its first' },
          ]);
        },
      ),
      RUNS,
    );
  });

  it('refuses lines and polygons over the vertex limit, saying how many there are', () => {
    fc.assert(
      fc.property(fc.integer({ min: LIMITS.maxGeometryVertices + 1, max: 3 * LIMITS.maxGeometryVertices }), fc.boolean(), (n, asLine) => {
        const coordinates = Array.from({ length: n }, (_, i): Position => [9.9 + i * 1e-6, 53.55]);
        const g = asLine ? { type: 'LineString', coordinates } : { type: 'Polygon', coordinates: [[...coordinates.slice(0, -1), coordinates[0]]] };
        const [error] = checkGeometryShape(g, all);
        expect(error.field).toBe('geometry.coordinates');
        expect(error.message).toContain(`at most ${LIMITS.maxGeometryVertices} positions, this one has ${n}`);
      }),
      { numRuns: 20 },
    );
  });

  it('refuses unknown members by name, whatever they are called', () => {
    const key = fc.string({ minLength: 1 }).filter((k) => !['type', 'coordinates', 'bbox'].includes(k));
    fc.assert(
      fc.property(wellFormed, key, fc.jsonValue(), (g, k, v) => {
        // an own property as JSON.parse makes it, "__proto__" included (a spread would set the prototype)
        const withMember = Object.defineProperty({ ...g }, k, { value: v, enumerable: true, configurable: true, writable: true });
        expect(checkGeometryShape(withMember, all)).toEqual([{ field: 'geometry', code: 'unknown_field', message: `unknown geometry fields: ${k}` }]);
      }),
      RUNS,
    );
  });
});

function lookup(g: WellFormed, at: number[]): unknown {
  let value: unknown = g.coordinates;
  for (const i of at) value = (value as unknown[])[i];
  return value;
}
