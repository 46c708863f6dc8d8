import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ModerationItem } from '@stadtdialog/shared/contract';
import { LIVE_PLATFORM, LiveEventSource } from '../live/live-events';
import { matchesQueueFilter, ModerationQueueStore } from './moderation-queue.store';

function item(id: string, patch: Partial<ModerationItem> = {}): ModerationItem {
  return {
    kind: 'contribution',
    id,
    contributionId: id,
    title: `Beitrag ${id}`,
    text: 'Text',
    status: 'pending',
    flaggedAt: null,
    openReports: [],
    categoryId: 'c1',
    rubricId: 'r1',
    geometry: null,
    official: false,
    edited: false,
    moderationReason: null,
    source: 'online',
    workshopId: null,
    createdAt: '2026-05-01T10:00:00.000Z',
    ...patch,
  };
}

class FakeEventSource implements LiveEventSource {
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readyState = 0;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  emit(type: string, data: unknown, lastEventId = ''): void {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data: JSON.stringify(data), lastEventId }));
  }
}

const QUEUE = '/api/v1/procedures/proc-1/moderation/queue';

describe('ModerationQueueStore', () => {
  let http: HttpTestingController;
  let store: ModerationQueueStore;
  let sources: FakeEventSource[];

  beforeEach(() => {
    jest.useFakeTimers();
    sources = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        ModerationQueueStore,
        {
          // the one live-events client, in a browser without Web Locks: this tab opens the stream itself
          provide: LIVE_PLATFORM,
          useValue: {
            openEventSource: (url: string) => {
              const source = new FakeEventSource(url);
              sources.push(source);
              return source;
            },
            locks: null,
            openChannel: () => null,
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(ModerationQueueStore);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  async function flushQueue(items: ModerationItem[], nextCursor: string | null = null, match = (url: string) => url.startsWith(QUEUE)) {
    const request = http.expectOne((r) => match(r.urlWithParams));
    request.flush({ items, nextCursor });
    await Promise.resolve();
    await Promise.resolve();
    return request;
  }

  it('reads pending and reported items and follows the moderation event stream', async () => {
    store.open('proc-1');
    const first = await flushQueue([item('a')]);
    expect(first.request.urlWithParams).toBe(`${QUEUE}?state=open&limit=50`);
    expect(store.items().map((i) => i.id)).toEqual(['a']);
    expect(sources[0].url).toBe('/api/v1/procedures/proc-1/moderation/events');
    expect(store.live()).toBe('connecting');

    sources[0].emit('queue', { kind: 'contribution', id: 'b', contributionId: 'b', status: 'pending', flagged: false });
    sources[0].emit('queue', { kind: 'contribution', id: 'c', contributionId: 'c', status: 'pending', flagged: false });
    jest.advanceTimersByTime(250);
    await flushQueue([item('c'), item('b'), item('a')]);
    expect(store.items().map((i) => i.id)).toEqual(['c', 'b', 'a']);
    expect(store.arrivals()).toEqual({ count: 2, serial: 1 });
  });

  it('keeps the selection of items still there and decides for all selected at once', async () => {
    store.open('proc-1');
    await flushQueue([item('a'), item('b'), item('c', { kind: 'comment', contributionId: 'a' })]);
    store.toggleAll(true);
    store.toggle(store.items()[0], false);
    expect(store.selectedItems().map((i) => i.id)).toEqual(['b', 'c']);

    const bulk = store.bulk('hide');
    const request = http.expectOne('/api/v1/procedures/proc-1/moderation/bulk');
    expect(request.request.body).toEqual({
      action: 'hide',
      items: [
        { kind: 'contribution', id: 'b' },
        { kind: 'comment', id: 'c' },
      ],
    });
    request.flush({ items: [item('b', { status: 'hidden' }), item('c', { kind: 'comment', status: 'hidden' })] });
    expect((await bulk).ok).toBe(true);
    // Hidden items no longer wait for a decision: they leave the "open" queue.
    expect(store.items().map((i) => i.id)).toEqual(['a']);
    expect(store.selectedItems()).toEqual([]);
  });

  it('sends a rejection with its reason and keeps an item that still matches the filter', async () => {
    store.open('proc-1', { state: 'all', kind: '', category: '' });
    await flushQueue([item('a')]);
    const decision = store.decide(store.items()[0], 'reject', 'Beleidigend');
    const request = http.expectOne('/api/v1/procedures/proc-1/moderation/contributions/a/reject');
    expect(request.request.body).toEqual({ reason: 'Beleidigend' });
    expect(request.request.headers.has('Idempotency-Key')).toBe(true);
    request.flush(item('a', { status: 'rejected', moderationReason: 'Beleidigend' }));
    await decision;
    expect(store.items()[0].status).toBe('rejected');
  });

  it('shows when the stream is live or reconnecting, opens it again after a refusal, and closes it when destroyed', async () => {
    store.open('proc-1');
    await flushQueue([]);
    const source = sources[0];
    source.readyState = 1;
    source.onopen?.(new Event('open'));
    expect(store.live()).toBe('live');
    jest.advanceTimersByTime(250);
    await flushQueue([]);
    source.emit('queue', { kind: 'contribution', id: 'b', contributionId: 'b', status: 'pending', flagged: false }, '41');
    jest.advanceTimersByTime(250);
    await flushQueue([item('b')]);
    source.readyState = 0;
    source.onerror?.(new Event('error'));
    expect(store.live()).toBe('reconnecting');
    // The server refused the stream (e.g. 503 during a restart): the browser gives up, the client does not.
    source.readyState = 2;
    source.onerror?.(new Event('error'));
    expect(store.live()).toBe('reconnecting');
    expect(sources).toHaveLength(1);
    jest.advanceTimersByTime(1000);
    expect(sources).toHaveLength(2);
    expect(sources[1].url).toBe('/api/v1/procedures/proc-1/moderation/events?lastEventId=41');
    sources[1].readyState = 1;
    sources[1].onopen?.(new Event('open'));
    expect(store.live()).toBe('live');
    // what happened while it was down is read again
    jest.advanceTimersByTime(250);
    await flushQueue([item('b')]);
    TestBed.resetTestingModule();
    expect(sources[1].closed).toBe(true);
  });

  it('is off where the browser has no EventSource, and says so', async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        ModerationQueueStore,
        { provide: LIVE_PLATFORM, useValue: { openEventSource: () => null, locks: null, openChannel: () => null } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(ModerationQueueStore);
    store.open('proc-1');
    await flushQueue([]);
    expect(store.live()).toBe('off');
  });

  it('matches items to a filter the way the API does', () => {
    const open = { state: 'open', kind: '', category: '' } as const;
    expect(matchesQueueFilter(item('a'), open)).toBe(true);
    expect(matchesQueueFilter(item('a', { status: 'published' }), open)).toBe(false);
    expect(matchesQueueFilter(item('a', { status: 'published', flaggedAt: '2026-05-01T10:00:00Z' }), open)).toBe(true);
    expect(matchesQueueFilter(item('a'), { ...open, kind: 'comment' })).toBe(false);
    expect(matchesQueueFilter(item('a'), { ...open, category: 'c2' })).toBe(false);
    expect(matchesQueueFilter(item('a', { status: 'hidden' }), { ...open, state: 'hidden' })).toBe(true);
  });
});
