import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { participantTokenInterceptor } from '../participation/participant-token';
import { LiveEvents } from '../live/live-events';
import { FakeLiveEvents } from '../live/testing-live-events';
import { ContributionDetailStore } from './contribution-detail.store';
import { contributionFixture, detailFixture } from './testing-fixtures';

const base = '/api/v1/procedures/gruene-mitte/contributions/k1';

describe('ContributionDetailStore', () => {
  let http: HttpTestingController;
  let store: ContributionDetailStore;
  let live: FakeLiveEvents;

  beforeEach(() => {
    live = new FakeLiveEvents();
    localStorage.clear();
    localStorage.setItem('stadtdialog.participantToken', 'tok-1');
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([participantTokenInterceptor])),
        provideHttpClientTesting(),
        ContributionDetailStore,
        { provide: LiveEvents, useValue: live },
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
      { type: 'about:blank', title: 'Invalid', status: 422, code: 'validation_failed', errors: [{ field: 'reason', code: 'blank_text', message: 'reason must not be empty' }] },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    expect(await sending).toEqual({ kind: 'invalid', code: 'validation_failed', errors: [{ field: 'reason', code: 'blank_text', message: 'reason must not be empty' }] });

    sending = store.report({ commentId: 'm1', reason: 'noch einmal' }, 'key-r3');
    await Promise.resolve();
    http.expectOne('/api/v1/procedures/gruene-mitte/reports').flush(
      { type: 'about:blank', title: 'Already reported', status: 409, code: 'already_reported' },
      { status: 409, statusText: 'Conflict' },
    );
    expect(await sending).toEqual({ kind: 'conflict', code: 'already_reported' });
  });

  describe('live', () => {
    const comment = (id: string, patch = {}) => ({
      id, contributionId: 'k1', parentId: null, text: `Kommentar ${id}`, official: false, createdAt: '2026-03-18T10:00:00Z', ...patch,
    });

    it('adds comments and replies that arrive, counts them for the announcement, and drops removed ones', () => {
      live.emit('gruene-mitte', { type: 'comment', data: comment('m2') });
      live.emit('gruene-mitte', { type: 'comment', data: comment('m3', { parentId: 'm1' }) });
      live.emit('gruene-mitte', { type: 'comment', data: comment('m4', { contributionId: 'k9' }) });
      const comments = store.contribution()?.comments ?? [];
      expect(comments.map((c) => c.id)).toEqual(['m1', 'm2']);
      expect(comments[0].replies?.map((r) => r.id)).toEqual(['m3']);
      expect(store.newComments().count).toBe(2);

      live.emit('gruene-mitte', { type: 'comment', data: comment('m2') });
      expect(store.contribution()?.comments).toHaveLength(2);
      expect(store.newComments().count).toBe(2);

      live.emit('gruene-mitte', { type: 'comment-removed', data: { id: 'm3', contributionId: 'k1' } });
      expect(store.contribution()?.comments[0].replies).toEqual([]);
    });

    it('does not announce the own comment when its live event comes before the answer, but does announce others meanwhile', async () => {
      const done = store.comment('Meiner', null, 'key-1');
      const post = http.expectOne(`${base}/comments`);
      live.emit('gruene-mitte', { type: 'comment', data: comment('m7', { text: 'Meiner' }) });
      live.emit('gruene-mitte', { type: 'comment', data: comment('m8') });
      expect(store.newComments().count).toBe(0);
      post.flush({ ...comment('m7', { text: 'Meiner' }), status: 'published' });
      await done;
      expect(store.contribution()?.comments.map((c) => c.id)).toEqual(['m1', 'm7', 'm8']);
      expect(store.newComments().count).toBe(1);
    });

    it('takes new counts and text from a changed contribution, keeping the own rating', () => {
      live.emit('gruene-mitte', {
        type: 'contribution',
        data: { contribution: contributionFixture({ text: 'Geändert', ratingsUp: 9, commentCount: 4 }), feature: null },
      });
      expect(store.contribution()).toMatchObject({ text: 'Geändert', ratingsUp: 9, commentCount: 4, rating: { up: 9, down: 1, own: null } });
      live.emit('gruene-mitte', {
        type: 'contribution',
        data: { contribution: contributionFixture({ id: 'k2', text: 'Anderer' }), feature: null },
      });
      expect(store.contribution()?.text).toBe('Geändert');
    });

    it('says when the contribution was withdrawn, and reads it again quietly on reset', () => {
      live.emit('gruene-mitte', { type: 'contribution-removed', data: { id: 'k1', contributionId: 'k1' } });
      expect(store.removed()).toBe(true);
      expect(store.status()).toBe('loaded');

      live.emit('gruene-mitte', { type: 'reset' });
      expect(store.status()).toBe('loaded');
      http.expectOne(base).flush(detailFixture({ title: 'Neu gelesen' }));
      expect(store.contribution()?.title).toBe('Neu gelesen');
    });
  });
});
