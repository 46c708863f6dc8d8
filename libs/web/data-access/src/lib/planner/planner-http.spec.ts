import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse, HttpHeaders, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { attempt, plannerFailure, PlannerHttp } from './planner-http';

describe('PlannerHttp', () => {
  let http: HttpTestingController;
  let planner: PlannerHttp;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    planner = TestBed.inject(PlannerHttp);
    TestBed.inject(DOCUMENT).cookie = 'sd_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  afterEach(() => http.verify());

  it('echoes the CSRF cookie on unsafe methods only, and gives every POST its own Idempotency-Key', () => {
    TestBed.inject(DOCUMENT).cookie = 'sd_csrf=token-from-cookie; path=/';
    planner.get('/workspace/procedures', { state: 'open', empty: '', none: undefined }).subscribe();
    planner.post('/procedures/p1/setup/categories', { name: 'Grün' }).subscribe();
    planner.post('/procedures/p1/setup/categories', { name: 'Blau' }).subscribe();
    planner.patch('/procedures/p1/setup', { title: 'Neu' }).subscribe();
    planner.put('/procedures/p1/setup/phases', { phases: [] }).subscribe();
    planner.delete('/procedures/p1/setup/rubrics/r1').subscribe();

    const get = http.expectOne((r) => r.method === 'GET');
    expect(get.request.urlWithParams).toBe('/api/v1/workspace/procedures?state=open');
    expect(get.request.headers.has('X-CSRF-Token')).toBe(false);

    const posts = http.match((r) => r.method === 'POST');
    expect(posts.map((p) => p.request.headers.get('X-CSRF-Token'))).toEqual(['token-from-cookie', 'token-from-cookie']);
    const keys = posts.map((p) => p.request.headers.get('Idempotency-Key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[0]).not.toBe(keys[1]);

    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const request = http.expectOne((r) => r.method === method);
      expect(request.request.headers.get('X-CSRF-Token')).toBe('token-from-cookie');
      expect(request.request.headers.has('Idempotency-Key')).toBe(false);
    }
    [get, ...posts].forEach((r) => r.flush({}));
  });

  it('falls back to the token of the last sign-in when there is no cookie, and sends none without either', () => {
    planner.post('/auth/sign-out', {}, { idempotent: false }).subscribe();
    let request = http.expectOne('/api/v1/auth/sign-out');
    expect(request.request.headers.has('X-CSRF-Token')).toBe(false);
    expect(request.request.headers.has('Idempotency-Key')).toBe(false);
    request.flush(null);

    planner.rememberCsrfToken('token-from-me');
    planner.post('/auth/sign-out', {}, { idempotent: false }).subscribe();
    request = http.expectOne('/api/v1/auth/sign-out');
    expect(request.request.headers.get('X-CSRF-Token')).toBe('token-from-me');
    request.flush(null);
  });

  it('attempt() reports the answer, or the failure with its fields and Retry-After', async () => {
    const ok = attempt(planner.get<{ id: string }>('/auth/me'));
    http.expectOne('/api/v1/auth/me').flush({ id: 'p1' });
    expect(await ok).toEqual({ ok: true, value: { id: 'p1' } });

    const refused = attempt(planner.post('/planners', {}));
    http.expectOne('/api/v1/planners').flush(
      { type: 'about:blank', title: 'Invalid', status: 422, code: 'validation_failed', errors: [{ field: 'email', code: 'required', message: 'email is required' }] },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    expect(await refused).toEqual({
      ok: false,
      failure: {
        status: 422, code: 'validation_failed', errors: [{ field: 'email', code: 'required', message: 'email is required' }],
        retryAfter: null, count: null, detail: null,
      },
    });
  });

  it('reads the wait of a 429 from Retry-After, else from the problem\'s retryAfter, never from its English detail', () => {
    const withHeader = new HttpErrorResponse({
      status: 429,
      headers: new HttpHeaders({ 'Retry-After': '8' }),
      error: { type: 'about:blank', title: 'Too many', status: 429, code: 'rate_limited', retryAfter: 8, detail: 'try again in 8 s.' },
    });
    expect(plannerFailure(withHeader)).toMatchObject({ code: 'rate_limited', retryAfter: 8 });
    const withoutHeader = new HttpErrorResponse({
      status: 429,
      error: { type: 'about:blank', title: 'Too many', status: 429, code: 'sign_in_throttled', retryAfter: 16, detail: 'try again in 99 s.' },
    });
    expect(plannerFailure(withoutHeader).retryAfter).toBe(16);
    expect(plannerFailure(new HttpErrorResponse({ status: 0 })).status).toBe(0);
    expect(plannerFailure(new Error('boom')).status).toBe(0);
  });
});
