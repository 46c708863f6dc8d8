import { DOCUMENT } from '@angular/common';
import { HttpClient, HttpErrorResponse, HttpHeaders, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CSRF_TOKEN_HEADER, FieldError, IDEMPOTENCY_KEY_HEADER, ProblemCode } from '@stadtdialog/shared/contract';
import { asProblem } from '../i18n/problem-text';
import { firstValueFrom, Observable } from 'rxjs';
import { newIdempotencyKey } from '../participation/idempotency-key';
import { API_BASE } from '../procedures/procedure-api';

/** The readable cookie in which the API hands the session's CSRF token to the web app. */
export const CSRF_COOKIE = 'sd_csrf';

export type QueryValue = string | number | boolean | null | undefined;

/** Why a planner request failed, as the page that made it needs to know. */
export interface PlannerFailure {
  /** the HTTP status; 0 when no answer came */
  status: number;
  /** the problem's machine code, which `problemText` translates */
  code?: ProblemCode | null;
  /** refused fields of a 400 or 422, each with its code (`fieldErrorText` translates them) */
  errors: FieldError[];
  /** seconds to wait before trying again (429) */
  retryAfter: number | null;
  /** in_use: how many contributions */
  count?: number | null;
  /** the server's explanation, in English: for developers, never shown or matched */
  detail: string | null;
}

export type PlannerResult<T> = { ok: true; value: T } | { ok: false; failure: PlannerFailure };

export function plannerFailure(error: unknown): PlannerFailure {
  if (!(error instanceof HttpErrorResponse)) return { status: 0, errors: [], retryAfter: null, detail: null };
  const problem = asProblem(error.error);
  const header = Number(error.headers?.get('Retry-After'));
  const retryAfter = Number.isFinite(header) && header > 0 ? header : problem?.retryAfter ?? null;
  return {
    status: error.status,
    code: problem?.code ?? null,
    errors: problem?.errors ?? [],
    retryAfter,
    count: problem?.count ?? null,
    detail: problem?.detail ?? null,
  };
}

/** Runs a request and reports its answer or its failure, never throwing. */
export async function attempt<T>(request: Observable<T>): Promise<PlannerResult<T>> {
  try {
    return { ok: true, value: await firstValueFrom(request, { defaultValue: undefined as T }) };
  } catch (error) {
    return { ok: false, failure: plannerFailure(error) };
  }
}

function params(query: Record<string, QueryValue> = {}): HttpParams {
  let result = new HttpParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    result = result.set(name, String(value));
  }
  return result;
}

/**
 * HTTP for the planner workspace. The session cookie travels by itself (same origin); unsafe
 * methods echo the session's CSRF token from the `sd_csrf` cookie in `X-CSRF-Token` (double
 * submit), and POSTs carry an Idempotency-Key so that a retried request is not applied twice.
 */
@Injectable({ providedIn: 'root' })
export class PlannerHttp {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  /** the token of the last sign-in or /me, for when cookies cannot be read */
  private knownToken: string | null = null;

  rememberCsrfToken(token: string | null): void {
    this.knownToken = token;
  }

  csrfToken(): string | null {
    let cookies = '';
    try {
      cookies = this.document.cookie ?? '';
    } catch {
      // A sandboxed document may refuse cookie access; the remembered token stands in.
    }
    for (const part of cookies.split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === CSRF_COOKIE && value.length) return decodeURIComponent(value.join('='));
    }
    return this.knownToken;
  }

  get<T>(path: string, query?: Record<string, QueryValue>): Observable<T> {
    return this.http.get<T>(API_BASE + path, { params: params(query) });
  }

  /** `idempotent: false` for the few writes whose answer must never be replayed (generated passwords). */
  post<T>(path: string, body: unknown = {}, options: { idempotent?: boolean } = {}): Observable<T> {
    return this.http.post<T>(API_BASE + path, body, { headers: this.writeHeaders(options.idempotent ?? true) });
  }

  put<T>(path: string, body: unknown): Observable<T> {
    return this.http.put<T>(API_BASE + path, body, { headers: this.writeHeaders(false) });
  }

  patch<T>(path: string, body: unknown): Observable<T> {
    return this.http.patch<T>(API_BASE + path, body, { headers: this.writeHeaders(false) });
  }

  delete<T = void>(path: string): Observable<T> {
    return this.http.delete<T>(API_BASE + path, { headers: this.writeHeaders(false) });
  }

  private writeHeaders(idempotent: boolean): HttpHeaders {
    let headers = new HttpHeaders();
    const token = this.csrfToken();
    if (token) headers = headers.set(CSRF_TOKEN_HEADER, token);
    if (idempotent) headers = headers.set(IDEMPOTENCY_KEY_HEADER, newIdempotencyKey());
    return headers;
  }
}
