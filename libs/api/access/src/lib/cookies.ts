import type { AppConfig } from '@stadtdialog/api/config';

/** The planner's session: httpOnly, only sent to the API. */
export const SESSION_COOKIE = 'sd_session';
/** The CSRF token, readable by the web app's JavaScript, which echoes it in CSRF_HEADER. */
export const CSRF_COOKIE = 'sd_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export interface CookieRequest {
  headers: Record<string, string | string[] | undefined>;
  protocol?: string;
  secure?: boolean;
  hostname?: string;
}

/** The cookies of a request; a malformed pair is skipped, never an error. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!(name in cookies)) {
      try {
        cookies[name] = decodeURIComponent(value);
      } catch {
        cookies[name] = value;
      }
    }
  }
  return cookies;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/**
 * COOKIE_SECURE=auto marks cookies Secure except on plain http to a loopback address (a laptop
 * trying it out). Anything else over plain http fails closed: the browser drops the cookie, so
 * a deployment without TLS must say COOKIE_SECURE=false on purpose.
 */
export function secureCookies(config: Pick<AppConfig, 'cookieSecure'>, request: CookieRequest): boolean {
  if (config.cookieSecure !== 'auto') return config.cookieSecure === 'true';
  if (request.secure || request.protocol === 'https') return true;
  return !LOOPBACK.test(request.hostname ?? '');
}

export interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  path: string;
  /** seconds; 0 deletes the cookie, undefined makes it end with the browser session */
  maxAge?: number;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path}`, 'SameSite=Lax'];
  if (options.maxAge !== undefined) {
    parts.push(`Max-Age=${options.maxAge}`);
    if (options.maxAge === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  }
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
