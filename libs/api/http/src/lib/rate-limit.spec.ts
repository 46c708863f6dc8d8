import { ProblemException } from './problem';
import { CHECK_PATHS, SlidingWindow, clientAddressKey, writeRateLimit } from './rate-limit';

function limiter(perParticipant: number, perAddress: number, perTable = 0) {
  let clock = 1_000_000;
  const limited: string[] = [];
  const middleware = writeRateLimit({
    perParticipant,
    perAddress,
    tokenHeader: 'X-Participant-Token',
    perTable,
    tableHeader: 'X-Table-Key',
    now: () => clock,
    onLimited: (limit) => limited.push(limit),
    notWrites: CHECK_PATHS,
  });
  const send = (request: { method?: string; path?: string; ip?: string; token?: string; table?: string }) => {
    let outcome: unknown = 'not called';
    middleware(
      {
        method: request.method ?? 'POST',
        path: request.path ?? '/api/v1/procedures/p/contributions',
        ip: request.ip ?? '192.0.2.1',
        headers: {
          ...(request.token ? { 'x-participant-token': request.token } : {}),
          ...(request.table ? { 'x-table-key': request.table } : {}),
        },
      },
      {},
      (error?: unknown) => (outcome = error ?? 'next'),
    );
    return outcome;
  };
  return { send, limited, advance: (ms: number) => (clock += ms) };
}

describe('writeRateLimit', () => {
  it('does not count the location check, a POST that stores nothing, nor let it use up the writes', () => {
    const { send } = limiter(1, 1);
    const check = '/api/v1/procedures/p/contributions/validate-location';
    for (let i = 0; i < 5; i++) expect(send({ token: 'a', path: check })).toBe('next');
    expect(send({ token: 'a' })).toBe('next');
    expect(send({ token: 'a' })).toBeInstanceOf(ProblemException);
    expect(send({ token: 'a', path: check })).toBe('next');
    expect(CHECK_PATHS.test('/api/v1/procedures/p/contributions/validate-location/x')).toBe(false);
  });

  it('lets the allowed number of writes per participant through, then answers 429 with Retry-After', () => {
    const { send, advance, limited } = limiter(3, 0);
    for (let i = 0; i < 3; i++) {
      expect(send({ token: 'a' })).toBe('next');
      advance(10_000);
    }
    const refused = send({ token: 'a' });
    expect(refused).toBeInstanceOf(ProblemException);
    expect((refused as ProblemException).getStatus()).toBe(429);
    // the first write leaves the window 60 s after it was made, 30 s from now
    expect((refused as ProblemException).headers).toEqual({ 'Retry-After': '30' });
    expect(limited).toEqual(['participant']);
    expect(send({ token: 'b' })).toBe('next');
    advance(30_000);
    expect(send({ token: 'a' })).toBe('next');
  });

  it('counts per address whatever the token, and an IPv6 /64 as one address', () => {
    const { send, limited } = limiter(0, 2);
    expect(send({ ip: '2001:db8:1:2::1', token: 'a' })).toBe('next');
    expect(send({ ip: '2001:db8:1:2:ffff::9', token: 'b' })).toBe('next');
    expect(send({ ip: '2001:db8:1:2::77' })).toBeInstanceOf(ProblemException);
    expect(limited).toEqual(['address']);
    expect(send({ ip: '2001:db8:1:3::1' })).toBe('next');
  });

  it('counts a workshop table per table key, not per seat or address', () => {
    const { send, limited } = limiter(1, 2, 3);
    // four seats at one table, one address: the table's own limit applies, not theirs
    expect(send({ table: 'T', token: 'seat1' })).toBe('next');
    expect(send({ table: 'T', token: 'seat1' })).toBe('next');
    expect(send({ table: 'T', token: 'seat2' })).toBe('next');
    expect(send({ table: 'T', token: 'seat3' })).toBeInstanceOf(ProblemException);
    expect(limited).toEqual(['table']);
    // another table at the same address counts on its own, and the address's own limit is untouched
    expect(send({ table: 'U', token: 'seat1' })).toBe('next');
    expect(send({ token: 'phone' })).toBe('next');
  });

  it('leaves reads and paths outside /api/v1 alone, and is off at 0', () => {
    const { send } = limiter(1, 1);
    expect(send({ token: 'a' })).toBe('next');
    expect(send({ token: 'a', method: 'GET' })).toBe('next');
    expect(send({ token: 'a', path: '/api/health' })).toBe('next');
    expect(send({ token: 'a', method: 'DELETE' })).toBeInstanceOf(ProblemException);
    const off = limiter(0, 0);
    for (let i = 0; i < 500; i++) expect(off.send({ token: 'a' })).toBe('next');
  });
});

describe('SlidingWindow', () => {
  it('forgets keys that were quiet for a whole window', () => {
    const window = new SlidingWindow(5, 1000);
    window.record('a', 0);
    window.record('b', 500);
    window.record('c', 1600);
    expect(window.size).toBe(1);
    expect(window.wait('c', 1700)).toBe(0);
  });
});

describe('clientAddressKey', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8::1', '2001:0db8:0000:0000::/64'],
    ['2001:DB8:0:0:1::1', '2001:0db8:0000:0000::/64'],
    ['fe80::1%eth0', 'fe80:0000:0000:0000::/64'],
    ['::1', '0000:0000:0000:0000::/64'],
  ])('%s counts as %s', (address, key) => {
    expect(clientAddressKey(address)).toBe(key);
  });
});
