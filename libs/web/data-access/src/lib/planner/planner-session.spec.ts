import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Me } from '@stadtdialog/shared/contract';
import { PlannerHttp } from './planner-http';
import { PlannerSession } from './planner-session';

const me: Me = {
  id: 'p1',
  email: 'anna@example.org',
  displayName: 'Anna',
  isAdmin: false,
  csrfToken: 'csrf-1',
  memberships: [{ procedureId: 'proc-1', slug: 'mitte', title: 'Mitte', role: 'moderator' }],
};

describe('PlannerSession', () => {
  let http: HttpTestingController;
  let session: PlannerSession;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    session = TestBed.inject(PlannerSession);
  });

  afterEach(() => http.verify());

  it('asks the API once who is signed in and answers later checks from memory', async () => {
    const first = session.ensure();
    const second = session.ensure();
    http.expectOne('/api/v1/auth/me').flush(me);
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(await session.ensure()).toBe(true);
    expect(session.me()?.displayName).toBe('Anna');
    expect(session.roleIn('proc-1')).toBe('moderator');
    expect(session.roleIn('proc-2')).toBeNull();
    expect(TestBed.inject(PlannerHttp).csrfToken()).toBe('csrf-1');
  });

  it('is signed out after a 401 and stays so without asking again', async () => {
    const check = session.ensure();
    http.expectOne('/api/v1/auth/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    expect(await check).toBe(false);
    expect(session.status()).toBe('signed-out');
    expect(await session.ensure()).toBe(false);
  });

  it('does not take a server failure for a sign-out', async () => {
    const check = session.ensure();
    http.expectOne('/api/v1/auth/me').flush(null, { status: 503, statusText: 'Unavailable' });
    expect(await check).toBe(false);
    expect(session.status()).toBe('unknown');
  });

  it('signs in and out; a session that ended underneath signs out too', async () => {
    const signIn = session.signIn('anna@example.org', 'secret password');
    const request = http.expectOne('/api/v1/auth/sign-in');
    expect(request.request.body).toEqual({ email: 'anna@example.org', password: 'secret password' });
    request.flush({ ...me, isAdmin: true });
    expect((await signIn).ok).toBe(true);
    expect(session.isAdmin()).toBe(true);
    expect(session.roleIn('anything')).toBe('admin');

    const signOut = session.signOut();
    const out = http.expectOne('/api/v1/auth/sign-out');
    expect(out.request.headers.get('X-CSRF-Token')).toBe('csrf-1');
    out.flush(null, { status: 401, statusText: 'Unauthorized' });
    await signOut;
    expect(session.status()).toBe('signed-out');
    expect(session.me()).toBeNull();
  });

  it('ended() signs out on 401 only', () => {
    expect(session.ended({ status: 403, errors: [], retryAfter: null, detail: null })).toBe(false);
    expect(session.ended({ status: 401, errors: [], retryAfter: null, detail: null })).toBe(true);
    expect(session.status()).toBe('signed-out');
  });
});
