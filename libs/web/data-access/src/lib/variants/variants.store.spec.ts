import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { PublicVariantDetail } from '@stadtdialog/shared/contract';
import { LiveEvents } from '../live/live-events';
import { FakeLiveEvents } from '../live/testing-live-events';
import { VariantsStore } from './variants.store';

const base = '/api/v1/procedures/gruene-mitte';

function variant(id: string, title: string, extra: Partial<PublicVariantDetail> = {}): PublicVariantDetail {
  return {
    id, title, summary: '', description: '', position: 0, colour: '#2e7d32', keyFigures: [], overlay: null, images: [], features: [],
    rating: { up: 1, down: 0, own: null }, commentCount: 0, comments: [], ...extra,
  };
}

describe('VariantsStore', () => {
  let http: HttpTestingController;
  let store: VariantsStore;
  let live: FakeLiveEvents;

  function flushRead(variants: PublicVariantDetail[]): void {
    http.expectOne(`${base}/variants`).flush(variants.map(({ comments, ...v }) => (void comments, v)));
    for (const v of variants) http.expectOne(`${base}/variants/${v.id}`).flush(v);
  }

  beforeEach(() => {
    live = new FakeLiveEvents();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), VariantsStore, { provide: LiveEvents, useValue: live }],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(VariantsStore);
    store.load('gruene-mitte');
    flushRead([variant('a', 'Bogen'), variant('b', 'Achse')]);
  });

  afterEach(() => http.verify());

  it('loads every variant with its comments, in order, and follows the live stream', () => {
    expect(store.status()).toBe('loaded');
    expect(store.variants().map((v) => v.title)).toEqual(['Bogen', 'Achse']);
    expect(live.listening('gruene-mitte')).toBe(1);
  });

  it('rates, and withdraws by choosing the own rating again', async () => {
    let done = store.rate('a', 1);
    const put = http.expectOne(`${base}/variants/a/rating`);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ value: 1 });
    put.flush({ up: 2, down: 0, own: 1 });
    expect(await done).toEqual({ kind: 'done', value: undefined });
    expect(store.variants()[0].rating).toEqual({ up: 2, down: 0, own: 1 });
    done = store.rate('a', 1);
    const withdraw = http.expectOne(`${base}/variants/a/rating`);
    expect(withdraw.request.method).toBe('DELETE');
    withdraw.flush({ up: 1, down: 0, own: null });
    await done;
    expect(store.variants()[0].rating.own).toBeNull();
  });

  it('sends a comment with its Idempotency-Key and shows it unless it waits for moderation', async () => {
    let done = store.comment('b', 'Schön', 'key-1');
    const post = http.expectOne(`${base}/variants/b/comments`);
    expect(post.request.headers.get('Idempotency-Key')).toBe('key-1');
    post.flush({ id: 'c1', variantId: 'b', text: 'Schön', createdAt: '2026-12-01T10:00:00.000Z', status: 'published' });
    await done;
    expect(store.variants()[1]).toMatchObject({ commentCount: 1, comments: [{ id: 'c1' }] });
    done = store.comment('b', 'Später', 'key-2');
    http.expectOne(`${base}/variants/b/comments`).flush({ id: 'c2', variantId: 'b', text: 'Später', createdAt: '2026-12-01T10:01:00.000Z', status: 'pending' });
    await done;
    expect(store.variants()[1].comments.map((c) => c.id)).toEqual(['c1']);
  });

  it('says why a write failed: closed (409) and offline', async () => {
    let done = store.rate('a', -1);
    http.expectOne(`${base}/variants/a/rating`).flush({ status: 409, title: 'Ratings are closed', code: 'ratings_off' }, { status: 409, statusText: 'Conflict' });
    expect(await done).toEqual({ kind: 'conflict', code: 'ratings_off' });
    done = store.rate('a', -1);
    http.expectOne(`${base}/variants/a/rating`).error(new ProgressEvent('error'), { status: 0 });
    expect(await done).toEqual({ kind: 'offline' });
  });

  it('reports a comment on a variant through the reports endpoint', async () => {
    const done = store.report('c9', 'beleidigend', 'key-3');
    const post = http.expectOne(`${base}/reports`);
    expect(post.request.body).toEqual({ variantCommentId: 'c9', reason: 'beleidigend' });
    expect(post.request.headers.get('Idempotency-Key')).toBe('key-3');
    post.flush({ id: 'r1' }, { status: 201, statusText: 'Created' });
    expect(await done).toEqual({ kind: 'done', value: undefined });
  });

  it('does not announce the own comment when its live event comes before the answer, but does announce others meanwhile', async () => {
    const done = store.comment('b', 'Schön', 'key-1');
    const post = http.expectOne(`${base}/variants/b/comments`);
    live.emit('gruene-mitte', { type: 'variant-comment', data: { id: 'c1', variantId: 'b', text: 'Schön', createdAt: '2026-12-01T10:00:00.000Z' } });
    live.emit('gruene-mitte', { type: 'variant-comment', data: { id: 'c2', variantId: 'a', text: 'Andere', createdAt: '2026-12-01T10:00:01.000Z' } });
    expect(store.variants()[1].comments.map((c) => c.id)).toEqual(['c1']);
    expect(store.commentsArrived()).toBe(0);
    post.flush({ id: 'c1', variantId: 'b', text: 'Schön', createdAt: '2026-12-01T10:00:00.000Z', status: 'published' });
    await done;
    expect(store.variants()[1].comments.map((c) => c.id)).toEqual(['c1']);
    expect(store.commentsArrived()).toBe(1);
  });

  it('applies live counts and comments in place, and reads again for a variant it does not know', () => {
    live.emit('gruene-mitte', { type: 'variant', data: { id: 'a', title: 'Bogen', position: 0, ratingsUp: 5, ratingsDown: 2, commentCount: 1, updatedAt: '' } });
    live.emit('gruene-mitte', { type: 'variant-comment', data: { id: 'c5', variantId: 'a', text: 'Live', createdAt: '2026-12-01T10:00:00.000Z' } });
    expect(store.variants()[0]).toMatchObject({ rating: { up: 5, down: 2, own: null }, commentCount: 1, comments: [{ id: 'c5', text: 'Live' }] });
    expect(store.commentsArrived()).toBe(1);
    live.emit('gruene-mitte', { type: 'variant-comment-removed', data: { id: 'c5', variantId: 'a' } });
    expect(store.variants()[0].comments).toEqual([]);
    live.emit('gruene-mitte', { type: 'variant-removed', data: { id: 'b', variantId: 'b' } });
    expect(store.variants().map((v) => v.id)).toEqual(['a']);
    live.emit('gruene-mitte', { type: 'variant', data: { id: 'n', title: 'Neu', position: 2, ratingsUp: 0, ratingsDown: 0, commentCount: 0, updatedAt: '' } });
    flushRead([variant('a', 'Bogen'), variant('n', 'Neu')]);
    expect(store.variants().map((v) => v.id)).toEqual(['a', 'n']);
  });
});
