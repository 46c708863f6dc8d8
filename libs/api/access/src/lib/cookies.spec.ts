import { parseCookies, secureCookies, serializeCookie } from './cookies';

describe('cookies', () => {
  it('parses a Cookie header, first value wins, malformed pairs skipped', () => {
    expect(parseCookies('a=1; sd_session=abc%3D; junk; a=2; q="x y"')).toEqual({ a: '1', sd_session: 'abc=', q: 'x y' });
    expect(parseCookies(undefined)).toEqual({});
  });

  it('writes SameSite=Lax cookies, HttpOnly and Secure when asked', () => {
    expect(serializeCookie('sd_session', 'v', { httpOnly: true, secure: true, path: '/api' })).toBe(
      'sd_session=v; Path=/api; SameSite=Lax; HttpOnly; Secure',
    );
    expect(serializeCookie('sd_csrf', '', { httpOnly: false, secure: false, path: '/', maxAge: 0 })).toBe(
      'sd_csrf=; Path=/; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    );
  });

  it('is Secure under auto except on plain http to a loopback host', () => {
    const auto = { cookieSecure: 'auto' as const };
    expect(secureCookies(auto, { headers: {}, protocol: 'http', hostname: 'localhost' })).toBe(false);
    expect(secureCookies(auto, { headers: {}, protocol: 'http', hostname: '127.0.0.1' })).toBe(false);
    expect(secureCookies(auto, { headers: {}, protocol: 'http', hostname: 'stadtdialog.example.org' })).toBe(true);
    expect(secureCookies(auto, { headers: {}, protocol: 'https', secure: true, hostname: 'localhost' })).toBe(true);
    expect(secureCookies({ cookieSecure: 'false' }, { headers: {}, protocol: 'https', hostname: 'x.org' })).toBe(false);
    expect(secureCookies({ cookieSecure: 'true' }, { headers: {}, protocol: 'http', hostname: 'localhost' })).toBe(true);
  });
});
