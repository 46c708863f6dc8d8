import { LIMIT, parseItemQuery } from './ogc-params';

describe('parseItemQuery', () => {
  it('defaults and caps the limit instead of refusing it', () => {
    expect(parseItemQuery({}).limit).toBe(LIMIT.default);
    expect(parseItemQuery({ limit: '5000' }).limit).toBe(LIMIT.maximum);
    expect(() => parseItemQuery({ limit: '0' })).toThrow('limit');
  });

  it('splits a bbox across the antimeridian and takes 6 numbers as 3D', () => {
    expect(parseItemQuery({ bbox: '177,65,-177,70' }).boxes).toEqual([[177, 65, 180, 70], [-180, 65, -177, 70]]);
    expect(parseItemQuery({ bbox: '9,53,0,10,54,100' }).boxes).toEqual([[9, 53, 10, 54]]);
    for (const bbox of ['1,2,3', '53,9,54,10,1', '0,91,1,92', '0,50,1,40']) expect(() => parseItemQuery({ bbox })).toThrow('bbox');
  });

  it('reads instants, days and open intervals, and refuses reversed ones', () => {
    expect(parseItemQuery({ datetime: '2026-05-01T10:00:00Z' }).datetime).toEqual({ start: '2026-05-01T10:00:00.000Z', end: '2026-05-01T10:00:00.000Z' });
    expect(parseItemQuery({ datetime: '2026-05-01' }).datetime).toEqual({ start: '2026-05-01T00:00:00.000Z', end: '2026-05-01T23:59:59.999Z' });
    expect(parseItemQuery({ datetime: '../2026-05-01T00:00:00+02:00' }).datetime).toEqual({ start: null, end: '2026-04-30T22:00:00.000Z' });
    for (const datetime of ['../..', 'morgen', '2026-06-01T00:00:00Z/2026-05-01T00:00:00Z', 'a/b/c']) {
      expect(() => parseItemQuery({ datetime })).toThrow();
    }
    expect(() => parseItemQuery({ f: 'json' })).toThrow('unknown query parameter');
  });
});
