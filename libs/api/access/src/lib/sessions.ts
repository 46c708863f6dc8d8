import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG } from '@stadtdialog/api/db';
import type { Response } from 'express';
import { CSRF_COOKIE, CookieRequest, SESSION_COOKIE, secureCookies, serializeCookie } from './cookies';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SignedInPlanner {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  /** the CSRF token of this session: the web app sends it back in X-CSRF-Token */
  csrfToken: string;
  /** hash of the session id, to end this session */
  sessionHash: Buffer;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Derived from the secret session id, so it needs no storage and is worthless without the session. */
export function csrfTokenFor(sessionToken: string): string {
  return sha256(`stadtdialog-csrf\0${sessionToken}`).toString('base64url');
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Planner sessions: the cookie carries 256 random bits; the table keeps only their SHA-256, so a
 * copy of the database cannot sign anybody in. Sessions end after SESSION_IDLE_TIMEOUT without a
 * request, SESSION_MAX_AGE after sign-in, on sign-out, and when the planner is disabled or gets a
 * new password.
 */
@Injectable()
export class PlannerSessions {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Always a new id (no session fixation): the caller ends any session the request came with. */
  async create(manager: EntityManager, plannerId: string): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionMaxAgeMs);
    await manager.query(
      `DELETE FROM planner_sessions WHERE expires_at < now() OR last_seen_at < now() - make_interval(secs => $1)`,
      [this.config.sessionIdleTimeoutMs / 1000],
    );
    await manager.query(`INSERT INTO planner_sessions (id_hash, planner_id, expires_at) VALUES ($1, $2, $3)`, [
      sha256(token), plannerId, expiresAt,
    ]);
    return { token, csrfToken: csrfTokenFor(token), expiresAt };
  }

  /** The planner a session cookie belongs to, or null when it is unknown, expired or disabled. */
  async resolve(token: string | undefined): Promise<SignedInPlanner | null> {
    if (!token || !TOKEN_PATTERN.test(token)) return null;
    const hash = sha256(token);
    const [row] = await this.dataSource.query(
      `SELECT p.id, p.email, p.display_name, p.is_admin,
              (s.last_seen_at < now() - make_interval(secs => $3)) AS stale
       FROM planner_sessions s JOIN planners p ON p.id = s.planner_id
       WHERE s.id_hash = $1 AND p.disabled_at IS NULL AND s.expires_at > now()
         AND s.last_seen_at > now() - make_interval(secs => $2)`,
      [hash, this.config.sessionIdleTimeoutMs / 1000, TOUCH_INTERVAL_MS / 1000],
    );
    if (!row) return null;
    if (row.stale) await this.dataSource.query(`UPDATE planner_sessions SET last_seen_at = now() WHERE id_hash = $1`, [hash]);
    return {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      isAdmin: row.is_admin,
      csrfToken: csrfTokenFor(token),
      sessionHash: hash,
    };
  }

  async end(manager: EntityManager, token: string | undefined): Promise<void> {
    if (token && TOKEN_PATTERN.test(token)) {
      await manager.query(`DELETE FROM planner_sessions WHERE id_hash = $1`, [sha256(token)]);
    }
  }

  /** Ends every session of a planner, but `keep` (the caller's own, after changing the password). */
  async endAll(manager: EntityManager, plannerId: string, keep?: Buffer): Promise<void> {
    await manager.query(`DELETE FROM planner_sessions WHERE planner_id = $1 AND ($2::bytea IS NULL OR id_hash <> $2)`, [
      plannerId, keep ?? null,
    ]);
  }

  setCookies(request: CookieRequest, response: Response, session: NewSession): void {
    const secure = secureCookies(this.config, request);
    response.append('Set-Cookie', serializeCookie(SESSION_COOKIE, session.token, { httpOnly: true, secure, path: '/api' }));
    response.append('Set-Cookie', serializeCookie(CSRF_COOKIE, session.csrfToken, { httpOnly: false, secure, path: '/' }));
  }

  clearCookies(request: CookieRequest, response: Response): void {
    const secure = secureCookies(this.config, request);
    response.append('Set-Cookie', serializeCookie(SESSION_COOKIE, '', { httpOnly: true, secure, path: '/api', maxAge: 0 }));
    response.append('Set-Cookie', serializeCookie(CSRF_COOKIE, '', { httpOnly: false, secure, path: '/', maxAge: 0 }));
  }
}
