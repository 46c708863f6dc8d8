import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { participantTokenInterceptor } from '../participation/participant-token';
import { ContributionDetailStore } from './contribution-detail.store';
import { detailFixture } from './testing-fixtures';

const base = '/api/v1/procedures/gruene-mitte/contributions/k1';

describe('ContributionDetailStore', () => {
  let http: HttpTestingController;
  let store: ContributionDetailStore;

  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem('stadtdialog.participantToken', 'tok-1');
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([participantTokenInterceptor])),
        provideHttpClientTesting(),
        ContributionDetailStore,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(ContributionDetailStore);
    store.load('gruene-mitte', 'k1');
    const load = http.expectOne(base);
    expect(load.request.headers.get('X-Participant-Token')).toBe('tok-1');
    load.flush(detailFixture());
  });

  afterEach(() => http.verify());

  it('rates up, changes to down, and withdraws by choosing the own rating again', async () => {
    let done = store.rate(1);
    let call = http.expectOne(`${base}/rating`);
    expect(call.request.method).toBe('PUT');
    expect(call.request.body).toEqual({ value: 1 });
    call.flush({ up: 3, down: 1, own: 1 });
    await done;
    expect(store.rating()).toEqual({ up: 3, down: 1, own: 1 });

    done = store.rate(-1);
    call = http.expectOne(`${base}/rating`);
    expect(call.request.body).toEqual({ value: -1 });
    call.flush({ up: 2, down: 2, own: -1 });
    await done;

    done = store.rate(-1);
    call = http.expectOne(`${base}/rating`);
    expect(call.request.method).toBe('DELETE');
    call.flush({ up: 2, down: 1, own: null });
    await done;
    expect(store.rating()?.own).toBeNull();
    expect(store.contribution()?.ratingsDown).toBe(1);
  });

  it('adds a published comment and a reply under its parent, but not a pending one', async () => {
    let sending = store.comment('Finde ich auch', null, 'key-1');
    let call = http.expectOne(`${base}/comments`);
    expect(call.request.body).toEqual({ text: 'Finde ich auch' });
    expect(call.request.headers.get('Idempotency-Key')).toBe('key-1');
    call.flush({ id: 'm2', contributionId: 'k1', parentId: null, text: 'Finde ich auch', official: false, createdAt: '' });
    await sending;

    sending = store.comment('Antwort', 'm1', 'key-2');
    call = http.expectOne(`${base}/comments`);
    expect(call.request.body).toEqual({ text: 'Antwort', parentId: 'm1' });
    call.flush({ id: 'm3', contributionId: 'k1', parentId: 'm1', text: 'Antwort', official: false, createdAt: '' });
    await sending;

    sending = store.comment('Wartet', null, 'key-3');
    http.expectOne(`${base}/comments`).flush({ id: 'm4', contributionId: 'k1', parentId: null, text: 'Wartet', official: false, createdAt: '', status: 'pending' });
    const pending = await sending;
    expect(pending.kind === 'done' && pending.value.status).toBe('pending');

    const comments = store.contribution()?.comments ?? [];
    expect(comments.map((c) => c.text)).toEqual(['Gute Idee', 'Finde ich auch']);
    expect(comments[0].replies?.map((r) => r.text)).toEqual(['Antwort']);
  });

  it('sends a report with its reason and tells a refusal', async () => {
    let sending = store.report({ contributionId: 'k1', reason: 'Beleidigend' }, 'key-r1');
    await Promise.resolve();
    let call = http.expectOne('/api/v1/procedures/gruene-mitte/reports');
    expect(call.request.body).toEqual({ contributionId: 'k1', reason: 'Beleidigend' });
    expect(call.request.headers.get('Idempotency-Key')).toBe('key-r1');
    call.flush({ id: 'x' }, { status: 201, statusText: 'Created' });
    expect((await sending).kind).toBe('done');

    sending = store.report({ commentId: 'm1', reason: '' }, 'key-r2');
    await Promise.resolve();
    call = http.expectOne('/api/v1/procedures/gruene-mitte/reports');
    call.flush(
      { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ field: 'reason', message: 'reason must not be empty' }] },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    expect(await sending).toEqual({ kind: 'invalid', errors: [{ field: 'reason', message: 'reason must not be empty' }] });
  });
});
