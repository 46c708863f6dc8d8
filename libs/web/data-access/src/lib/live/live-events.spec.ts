import { Injector, runInInjectionContext } from '@angular/core';
import { LIVE_PLATFORM, LiveChannel, LiveEvents, LiveEventSource, LiveLocks, LivePlatform, PublicLiveEvent } from './live-events';

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

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  fail(readyState: number): void {
    this.readyState = readyState;
    this.onerror?.(new Event('error'));
  }

  emit(type: string, data: unknown, lastEventId = ''): void {
    const event = new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

/** One browser: its tabs share Web Locks and BroadcastChannels, as a real browser's tabs do. */
class FakeBrowser {
  readonly sources: FakeEventSource[] = [];
  private readonly channels = new Set<{ tab: number; name: string; channel: LiveChannel }>();
  private readonly holders = new Map<string, { tab: number; done: () => void }>();
  private readonly waiting = new Map<string, { tab: number; signal: AbortSignal; grant: () => void }[]>();

  tab(id: number, options: { locks?: boolean } = {}): LivePlatform {
    const locks: LiveLocks = {
      request: (name, { signal }, callback) =>
        new Promise((resolve, reject) => {
          const grant = () => {
            let done!: () => void;
            const held = new Promise<void>((release) => (done = release));
            this.holders.set(name, { tab: id, done });
            void callback().then(() => done());
            void held.then(() => {
              if (this.holders.get(name)?.done === done) this.holders.delete(name);
              resolve(undefined);
              this.grantNext(name);
            });
          };
          signal.addEventListener('abort', () => {
            const queue = this.waiting.get(name) ?? [];
            if (queue.some((w) => w.signal === signal)) {
              this.waiting.set(name, queue.filter((w) => w.signal !== signal));
              reject(new DOMException('aborted', 'AbortError'));
            }
          });
          this.waiting.set(name, [...(this.waiting.get(name) ?? []), { tab: id, signal, grant }]);
          queueMicrotask(() => this.grantNext(name));
        }),
    };
    return {
      openEventSource: (url) => {
        const source = new FakeEventSource(url);
        (source as FakeEventSource & { tab: number }).tab = id;
        this.sources.push(source);
        return source;
      },
      locks: options.locks === false ? null : locks,
      openChannel: (name) => {
        const entry = { tab: id, name, channel: null as unknown as LiveChannel };
        const channel: LiveChannel = {
          onmessage: null,
          postMessage: (message) => {
            for (const other of this.channels) {
              if (other.name === name && other.channel !== channel) {
                const data = JSON.parse(JSON.stringify(message));
                queueMicrotask(() => other.channel.onmessage?.(new MessageEvent('message', { data })));
              }
            }
          },
          close: () => this.channels.delete(entry),
        };
        entry.channel = channel;
        this.channels.add(entry);
        return channel;
      },
    };
  }

  /** The tab goes away without running any code: its locks, channels and connections end. */
  closeTab(id: number): void {
    for (const entry of [...this.channels]) if (entry.tab === id) this.channels.delete(entry);
    for (const source of this.sources) if ((source as FakeEventSource & { tab: number }).tab === id) source.close();
    for (const holder of [...this.holders.values()]) if (holder.tab === id) holder.done();
    for (const [name, queue] of this.waiting) this.waiting.set(name, queue.filter((w) => w.tab !== id));
  }

  open(): FakeEventSource[] {
    return this.sources.filter((s) => !s.closed);
  }

  private grantNext(name: string): void {
    if (this.holders.has(name)) return;
    const queue = this.waiting.get(name) ?? [];
    const next = queue.shift();
    this.waiting.set(name, queue);
    next?.grant();
  }
}

function liveEvents(platform: LivePlatform): LiveEvents {
  const injector = Injector.create({ providers: [{ provide: LIVE_PLATFORM, useValue: platform }] });
  return runInInjectionContext(injector, () => new LiveEvents());
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const contribution = (id: string) => ({
  contribution: { id, title: `Beitrag ${id}` },
  feature: { type: 'Feature', id, geometry: { type: 'Point', coordinates: [9.93, 53.55] }, properties: {} },
});

describe('LiveEvents', () => {
  let browser: FakeBrowser;

  beforeEach(() => {
    browser = new FakeBrowser();
  });

  it('opens the public stream of the procedure and hands its events to the listener', async () => {
    const live = liveEvents(browser.tab(1));
    const received: PublicLiveEvent[] = [];
    expect(live.state('altona')()).toBe('off');
    const unsubscribe = live.subscribe('altona', (event) => received.push(event));
    await settle();
    const [source] = browser.open();
    expect(source.url).toBe('/api/v1/procedures/altona/events');
    expect(live.state('altona')()).toBe('connecting');
    source.open();
    expect(live.state('altona')()).toBe('live');

    source.emit('contribution', contribution('c1'), '7');
    source.emit('contribution-removed', { id: 'c2', contributionId: 'c2' }, '8');
    source.emit('comment', { id: 'm1', contributionId: 'c1', text: 'Gute Idee' }, '9');
    source.emit('comment-removed', { id: 'm2', contributionId: 'c1' }, '10');
    source.emit('reset', { reason: 'reload' }, '11');
    expect(received.map((e) => e.type)).toEqual(['contribution', 'contribution-removed', 'comment', 'comment-removed', 'reset']);
    expect(received[0]).toEqual({ type: 'contribution', data: contribution('c1') });

    unsubscribe();
    expect(source.closed).toBe(true);
    expect(live.state('altona')()).toBe('off');
  });

  it('ignores events whose data it cannot read', async () => {
    const live = liveEvents(browser.tab(1));
    const received: PublicLiveEvent[] = [];
    live.subscribe('altona', (event) => received.push(event));
    await settle();
    const [source] = browser.open();
    source.emit('contribution', 'not json', '1');
    source.emit('contribution', { title: 'no id' }, '2');
    source.emit('comment', { id: 'm1' }, '3');
    expect(received).toEqual([]);
  });

  it('keeps one connection for several pages of a tab and closes it when the last one leaves', async () => {
    const live = liveEvents(browser.tab(1));
    const map: string[] = [];
    const list: string[] = [];
    const leaveMap = live.subscribe('altona', (event) => map.push(event.type));
    const leaveList = live.subscribe('altona', (event) => list.push(event.type));
    await settle();
    expect(browser.open()).toHaveLength(1);
    browser.open()[0].emit('contribution', contribution('c1'), '1');
    expect(map).toEqual(['contribution']);
    expect(list).toEqual(['contribution']);
    leaveMap();
    expect(browser.open()).toHaveLength(1);
    leaveList();
    expect(browser.open()).toHaveLength(0);
  });

  it('lets the tabs of one browser share one connection and passes events and state on', async () => {
    const first = liveEvents(browser.tab(1));
    const second = liveEvents(browser.tab(2));
    const inFirst: PublicLiveEvent[] = [];
    const inSecond: PublicLiveEvent[] = [];
    first.subscribe('altona', (event) => inFirst.push(event));
    await settle();
    second.subscribe('altona', (event) => inSecond.push(event));
    await settle();
    expect(browser.sources).toHaveLength(1);

    browser.sources[0].open();
    await settle();
    expect(second.state('altona')()).toBe('live');
    browser.sources[0].emit('contribution', contribution('c1'), '5');
    await settle();
    expect(inFirst).toEqual([{ type: 'contribution', data: contribution('c1') }]);
    expect(inSecond).toEqual([{ type: 'contribution', data: contribution('c1') }]);
  });

  it('hands the connection to a waiting tab when the leading tab closes, resuming after the last event', async () => {
    const first = liveEvents(browser.tab(1));
    const second = liveEvents(browser.tab(2));
    first.subscribe('altona', () => undefined);
    await settle();
    const inSecond: PublicLiveEvent[] = [];
    second.subscribe('altona', (event) => inSecond.push(event));
    await settle();
    browser.sources[0].open();
    browser.sources[0].emit('contribution', contribution('c1'), '41');
    await settle();

    browser.closeTab(1);
    await settle();
    const open = browser.open();
    expect(open).toHaveLength(1);
    expect(open[0].url).toBe('/api/v1/procedures/altona/events?lastEventId=41');
    open[0].open();
    open[0].emit('comment', { id: 'm1', contributionId: 'c1', text: 'Ja' }, '42');
    expect(inSecond.map((e) => e.type)).toEqual(['contribution', 'comment']);
    expect(second.state('altona')()).toBe('live');
  });

  it('tells the pages of a taking-over tab to read everything again when it heard no event id', async () => {
    const first = liveEvents(browser.tab(1));
    const second = liveEvents(browser.tab(2));
    first.subscribe('altona', () => undefined);
    await settle();
    const inSecond: PublicLiveEvent[] = [];
    second.subscribe('altona', (event) => inSecond.push(event));
    await settle();
    browser.sources[0].open();
    await settle();

    browser.closeTab(1);
    await settle();
    expect(browser.open()[0].url).toBe('/api/v1/procedures/altona/events');
    expect(inSecond).toEqual([{ type: 'reset' }]);
  });

  it('passes the connection on when the leading tab stops listening, and stops waiting when a follower leaves', async () => {
    const first = liveEvents(browser.tab(1));
    const second = liveEvents(browser.tab(2));
    const third = liveEvents(browser.tab(3));
    const leaveFirst = first.subscribe('altona', () => undefined);
    await settle();
    const leaveSecond = second.subscribe('altona', () => undefined);
    third.subscribe('altona', () => undefined);
    await settle();
    leaveSecond();
    await settle();
    leaveFirst();
    await settle();
    expect(browser.open().map((s) => (s as FakeEventSource & { tab: number }).tab)).toEqual([3]);
  });

  it('opens the stream again with the last event id after the server refused it', async () => {
    jest.useFakeTimers();
    try {
      const live = liveEvents(browser.tab(1, { locks: false }));
      live.subscribe('altona', () => undefined);
      const [source] = browser.open();
      source.open();
      source.emit('contribution', contribution('c1'), '12');
      source.fail(0);
      expect(live.state('altona')()).toBe('reconnecting');
      expect(browser.open()).toEqual([source]);

      source.fail(2);
      expect(live.state('altona')()).toBe('reconnecting');
      expect(browser.open()).toEqual([]);
      await jest.advanceTimersByTimeAsync(1000);
      const [again] = browser.open();
      expect(again.url).toBe('/api/v1/procedures/altona/events?lastEventId=12');
      again.fail(2);
      await jest.advanceTimersByTimeAsync(1000);
      expect(browser.open()).toEqual([]);
      await jest.advanceTimersByTimeAsync(2000);
      expect(browser.open()).toHaveLength(1);
      browser.open()[0].open();
      expect(live.state('altona')()).toBe('live');
    } finally {
      jest.useRealTimers();
    }
  });

  it('gives every tab its own connection where the browser has no Web Locks', async () => {
    const first = liveEvents(browser.tab(1, { locks: false }));
    const second = liveEvents(browser.tab(2, { locks: false }));
    first.subscribe('altona', () => undefined);
    second.subscribe('altona', () => undefined);
    await settle();
    expect(browser.open()).toHaveLength(2);
  });

  it('keeps the streams of different procedures apart', async () => {
    const live = liveEvents(browser.tab(1));
    const altona: string[] = [];
    const eimsbuettel: string[] = [];
    live.subscribe('altona', (event) => altona.push(event.type));
    live.subscribe('eimsbuettel', (event) => eimsbuettel.push(event.type));
    await settle();
    const [a, e] = browser.open();
    expect(e.url).toBe('/api/v1/procedures/eimsbuettel/events');
    a.emit('contribution', contribution('c1'), '1');
    expect(altona).toEqual(['contribution']);
    expect(eimsbuettel).toEqual([]);
  });
});
