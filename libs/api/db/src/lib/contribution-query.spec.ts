import { ProblemException } from '@stadtdialog/api/http';
import { SqlParameters, afterCursor, contributionSource, decodeCursor, encodeCursor, parseBbox } from './contribution-query';

const ID = '0b7e1f52-8a44-4c1e-9d0e-6f2b1c3d4e5f';

function problemOf(run: () => unknown): ProblemException {
  try {
    run();
  } catch (error) {
    return error as ProblemException;
  }
  throw new Error('expected a problem');
}

describe('parseBbox', () => {
  it('reads minLon,minLat,maxLon,maxLat', () => {
    expect(parseBbox('9.92, 53.55,9.95,53.57')).toEqual([9.92, 53.55, 9.95, 53.57]);
  });

  it.each(['9,53,9.1', '9,53,9.1,53.1,1', '9,53,8,54', '9,54,10,53', '-181,0,0,1', '0,0,1,91', ',53,9,54', '0x10,1,20,2', 'Infinity,0,1,1'])(
    'refuses %s',
    (raw) => expect(parseBbox(raw)).toBeNull(),
  );
});

describe('contribution cursors', () => {
  it('round-trips the sort, key, time and id', () => {
    const cursor = { sort: 'rated' as const, key: -3, createdAt: '2026-11-28T10:11:12.345678Z', id: ID };
    expect(decodeCursor(encodeCursor(cursor), 'rated')).toEqual(cursor);
    const newest = { sort: 'newest' as const, key: null, createdAt: '2026-11-28T10:11:12.000001Z', id: ID };
    expect(decodeCursor(encodeCursor(newest), 'newest')).toEqual(newest);
  });

  const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const TIME = '2026-11-28T10:11:12.345678Z';
  it.each([
    ['not base64url', 'a+b/c=', 'newest'],
    ['not JSON', Buffer.from('{nope').toString('base64url'), 'newest'],
    ['a wrong shape', encoded({ sort: 'newest' }), 'newest'],
    ['an unknown sort', encoded(['best', 1, TIME, ID]), 'newest'],
    ['a key on newest', encoded(['newest', 1, TIME, ID]), 'newest'],
    ['a fractional key', encoded(['rated', 1.5, TIME, ID]), 'rated'],
    ['a missing key', encoded(['rated', null, TIME, ID]), 'rated'],
    ['the 31st of April', encoded(['newest', null, '2026-04-31T10:11:12.345678Z', ID]), 'newest'],
    ['milliseconds only', encoded(['newest', null, '2026-11-28T10:11:12.345Z', ID]), 'newest'],
    ['an id that is no UUID', encoded(['newest', null, TIME, "1' OR 1=1"]), 'newest'],
  ] as const)('refuses %s with a 400 naming cursor', (_, raw, sort) => {
    const problem = problemOf(() => decodeCursor(raw, sort));
    expect(problem).toBeInstanceOf(ProblemException);
    expect(problem.getStatus()).toBe(400);
    expect(problem.code).toBe('invalid_query');
    expect(problem.errors).toEqual([{ field: 'cursor', code: 'invalid_cursor', message: expect.stringMatching(/issued/) }]);
  });

  it('refuses a cursor of another sort and says so', () => {
    const raw = encodeCursor({ sort: 'commented', key: 2, createdAt: '2026-11-28T10:11:12.345678Z', id: ID });
    expect(problemOf(() => decodeCursor(raw, 'newest')).errors?.[0].message).toMatch(/sort=commented, not sort=newest/);
  });

  it('continues after the last row in the descending order of the sort', () => {
    const params = new SqlParameters();
    const sql = afterCursor({ sort: 'commented', key: 4, createdAt: '2026-11-28T10:11:12.345678Z', id: ID }, params);
    expect(sql).toMatch(/^AND \(CASE .* END, c\.created_at, c\.id\) < \(\$3::int, \$1::timestamptz, \$2::uuid\)$/);
    expect(params.values).toEqual(['2026-11-28T10:11:12.345678Z', ID, 4]);
    expect(afterCursor(null, new SqlParameters())).toBe('');
  });
});

describe('contributionSource', () => {
  it('reads the public view only and binds every value as a parameter', () => {
    const params = new SqlParameters();
    const source = contributionSource(
      { slug: "x'; DROP TABLE contributions; --", category: ID, rubric: ID, q: 'Bäume', bbox: [9.9, 53.5, 10, 53.6] },
      params,
    );
    expect(source.from).toContain('FROM public_contributions');
    expect(source.from).not.toMatch(/FROM contributions/);
    expect(source.where).toContain("c.search @@ websearch_to_tsquery('german', $4)");
    expect(source.where).toContain(
      'c.geom && ST_MakeEnvelope($5, $6, $7, $8, 4326) AND ST_Intersects(c.geom, ST_MakeEnvelope($5, $6, $7, $8, 4326))',
    );
    expect(source.where).not.toContain('DROP');
    expect(params.values).toEqual(["x'; DROP TABLE contributions; --", ID, ID, 'Bäume', 9.9, 53.5, 10, 53.6]);
  });

  it('adds the pending contributions of the caller for mine, and only theirs', () => {
    const params = new SqlParameters();
    const source = contributionSource({ slug: 's', mine: { tokenHash: Buffer.from('h') } }, params);
    expect(source.from).toMatch(/public_contributions WHERE participant_id = \(SELECT id FROM participants WHERE token_hash = \$1\)/);
    expect(source.from).toMatch(/own\.status = 'pending' AND own\.participant_id = \(SELECT id FROM participants WHERE token_hash = \$1\)/);
  });
});
