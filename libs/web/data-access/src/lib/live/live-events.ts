import { inject, Injectable, InjectionToken, OnDestroy, Signal, signal, WritableSignal } from '@angular/core';
import {
  ModerationQueueEvent,
  PublicCommentEvent,
  PublicContributionEvent,
  PublicRemovedEvent,
  PublicVariantCommentEvent,
  PublicVariantEvent,
  PublicVariantRemovedEvent,
} from '@stadtdialog/shared/contract';
import { API_BASE } from '../procedures/procedure-api';

/** An event of a procedure's public stream, as the resident pages apply it. */
export type PublicLiveEvent =
  | { type: 'contribution'; data: PublicContributionEvent }
  | { type: 'contribution-removed'; data: PublicRemovedEvent }
  | { type: 'comment'; data: PublicCommentEvent }
  | { type: 'comment-removed'; data: PublicRemovedEvent }
  | { type: 'variant'; data: PublicVariantEvent }
  | { type: 'variant-removed'; data: PublicVariantRemovedEvent }
  | { type: 'variant-comment'; data: PublicVariantCommentEvent }
  | { type: 'variant-comment-removed'; data: PublicVariantRemovedEvent }
  /** the stream could not say what changed: reload everything */
  | { type: 'reset' };

/** An event of a procedure's moderation stream (planners): an item changed, or reload everything. */
export type ModerationLiveEvent = { type: 'queue'; data: ModerationQueueEvent } | { type: 'reset' };

export type LiveState = 'off' | 'connecting' | 'live' | 'reconnecting';

/** The part of `EventSource` the live clients use, so tests can stand in for it. */
export interface LiveEventSource {
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
  readonly readyState: number;
}

/** The part of `navigator.locks` the leader election uses. */
export interface LiveLocks {
  request(name: string, options: { signal: AbortSignal }, callback: () => Promise<void>): Promise<unknown>;
}

/** The part of `BroadcastChannel` the tabs talk over. */
export interface LiveChannel {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

/** What the browser offers; without locks or channels every tab keeps its own connection. */
export interface LivePlatform {
  openEventSource(url: string): LiveEventSource | null;
  locks: LiveLocks | null;
  openChannel(name: string): LiveChannel | null;
}

export const LIVE_PLATFORM = new InjectionToken<LivePlatform>('LIVE_PLATFORM', {
  providedIn: 'root',
  factory: () => ({
    openEventSource: (url) => (typeof EventSource === 'function' ? new EventSource(url, { withCredentials: true }) : null),
    locks: typeof navigator !== 'undefined' && navigator.locks ? (navigator.locks as unknown as LiveLocks) : null,
    openChannel: (name) => (typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null),
  }),
});

const PUBLIC_EVENTS = [
  'contribution',
  'contribution-removed',
  'comment',
  'comment-removed',
  'variant',
  'variant-removed',
  'variant-comment',
  'variant-comment-removed',
  'reset',
] as const;
const MODERATION_EVENTS = ['queue', 'reset'] as const;
/** The browser's own reconnection covers dropped streams; these delays cover refused ones (503, 502). */
const REOPEN_DELAYS_MS = [1000, 3000, 10_000, 30_000];
const CLOSED = 2;

/** Every stream's events: what the named SSE event means, and a reset. */
type LiveEvent = { type: string };
type EventParser<E extends LiveEvent> = (name: string, message: MessageEvent) => E | null;

/** What the leader tab tells the others. */
type PeerMessage<E extends LiveEvent> =
  | { kind: 'event'; id: string | null; event: E }
  | { kind: 'state'; state: LiveState }
  | { kind: 'hello' };

/**
 * The live stream of one URL shared by the tabs of this browser: the tab holding the Web Lock
 * opens the one EventSource and passes every event on over a BroadcastChannel; when that tab
 * closes, the lock goes to a waiting tab, which resumes from the last event id it heard.
 */
class SharedStream<E extends LiveEvent> {
  readonly listeners = new Set<(event: E) => void>();
  readonly stateListeners = new Set<(state: LiveState) => void>();
  readonly state: WritableSignal<LiveState> = signal('off');
  private running = false;
  private leading = false;
  /** another tab led this stream while this one listened */
  private followed = false;
  private lastId: string | null = null;
  private source: LiveEventSource | null = null;
  private channel: LiveChannel | null = null;
  private abort: AbortController | null = null;
  private release: (() => void) | null = null;
  private reopenTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;

  constructor(
    private readonly platform: LivePlatform,
    private readonly name: string,
    private readonly url: string,
    private readonly eventNames: readonly string[],
    private readonly parse: EventParser<E>,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.showState('connecting');
    const locks = this.platform.locks;
    const channel = locks ? this.platform.openChannel(this.name) : null;
    if (!locks || !channel) {
      this.lead();
      return;
    }
    this.channel = channel;
    channel.onmessage = (message) => this.fromPeer(message.data as PeerMessage<E>);
    const abort = new AbortController();
    this.abort = abort;
    locks
      .request(this.name, { signal: abort.signal }, () =>
        new Promise<void>((release) => {
          if (!this.running || abort.signal.aborted) {
            release();
            return;
          }
          this.release = release;
          this.lead();
        }),
      )
      .catch(() => undefined);
    channel.postMessage({ kind: 'hello' } satisfies PeerMessage<E>);
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.leading = false;
    this.followed = false;
    this.closeSource();
    this.abort?.abort();
    this.abort = null;
    this.release?.();
    this.release = null;
    this.channel?.close();
    this.channel = null;
    this.showState('off');
  }

  private lead(): void {
    const takeover = this.followed && this.lastId === null;
    this.leading = true;
    this.open();
    // A follower that heard no event id cannot resume exactly: its pages read everything again.
    if (takeover) this.deliver({ type: 'reset' } as E, null);
  }

  private open(): void {
    this.closeSource();
    const url = this.lastId ? `${this.url}?lastEventId=${encodeURIComponent(this.lastId)}` : this.url;
    const source = this.platform.openEventSource(url);
    if (!source) {
      this.setState('off');
      return;
    }
    this.source = source;
    this.setState(this.failures ? 'reconnecting' : 'connecting');
    source.onopen = () => {
      this.failures = 0;
      this.setState('live');
    };
    source.onerror = () => {
      if (source.readyState !== CLOSED) {
        this.setState('reconnecting');
        return;
      }
      // The server refused the stream (e.g. 503): the browser gives up, so this client tries again later.
      this.closeSource();
      this.setState('reconnecting');
      const delay = REOPEN_DELAYS_MS[Math.min(this.failures, REOPEN_DELAYS_MS.length - 1)];
      this.failures++;
      this.reopenTimer = setTimeout(() => {
        this.reopenTimer = null;
        if (this.running && this.leading) this.open();
      }, delay);
    };
    for (const name of this.eventNames) {
      source.addEventListener(name, (message) => {
        const event = this.parse(name, message);
        if (message.lastEventId) this.lastId = message.lastEventId;
        if (event) this.deliver(event, this.lastId);
      });
    }
  }

  private closeSource(): void {
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    if (this.source) {
      this.source.onopen = null;
      this.source.onerror = null;
      this.source.close();
    }
    this.source = null;
  }

  private deliver(event: E, id: string | null): void {
    if (this.leading) this.channel?.postMessage({ kind: 'event', id, event } satisfies PeerMessage<E>);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One page's failing handler must not keep the event from the others.
        console.error(error);
      }
    }
  }

  private setState(state: LiveState): void {
    this.showState(state);
    if (this.leading) this.channel?.postMessage({ kind: 'state', state } satisfies PeerMessage<E>);
  }

  /** This tab's view of the stream: the signal, and the listeners that act on a (re)connection. */
  private showState(state: LiveState): void {
    if (this.state() === state) return;
    this.state.set(state);
    for (const listener of [...this.stateListeners]) listener(state);
  }

  private fromPeer(message: PeerMessage<E>): void {
    if (!this.running || !message) return;
    if (this.leading) {
      if (message.kind === 'hello') this.channel?.postMessage({ kind: 'state', state: this.state() } satisfies PeerMessage<E>);
      return;
    }
    if (message.kind !== 'hello') this.followed = true;
    if (message.kind === 'state') this.showState(message.state);
    else if (message.kind === 'event') {
      if (message.id) this.lastId = message.id;
      this.deliver(message.event, message.id);
    }
  }
}

function parseData(message: MessageEvent): Record<string, unknown> | null {
  try {
    const data: unknown = JSON.parse(String(message.data));
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function parsePublicEvent(name: string, message: MessageEvent): PublicLiveEvent | null {
  if (name === 'reset') return { type: 'reset' };
  const value = parseData(message);
  if (!value) return null;
  const data: unknown = value;
  switch (name) {
    case 'contribution':
      return value['contribution'] && typeof (value['contribution'] as { id?: unknown }).id === 'string'
        ? { type: 'contribution', data: data as PublicContributionEvent }
        : null;
    case 'comment':
      return typeof value['id'] === 'string' && typeof value['contributionId'] === 'string'
        ? { type: 'comment', data: data as PublicCommentEvent }
        : null;
    case 'contribution-removed':
    case 'comment-removed':
      return typeof value['id'] === 'string' ? { type: name, data: data as PublicRemovedEvent } : null;
    case 'variant':
      return typeof value['id'] === 'string' ? { type: 'variant', data: data as PublicVariantEvent } : null;
    case 'variant-comment':
      return typeof value['id'] === 'string' && typeof value['variantId'] === 'string'
        ? { type: 'variant-comment', data: data as PublicVariantCommentEvent }
        : null;
    case 'variant-removed':
    case 'variant-comment-removed':
      return typeof value['id'] === 'string' && typeof value['variantId'] === 'string'
        ? { type: name, data: data as PublicVariantRemovedEvent }
        : null;
    default:
      return null;
  }
}

function parseModerationEvent(name: string, message: MessageEvent): ModerationLiveEvent | null {
  if (name === 'reset') return { type: 'reset' };
  const value = parseData(message);
  return name === 'queue' && value && typeof value['id'] === 'string' && typeof value['kind'] === 'string'
    ? { type: 'queue', data: value as unknown as ModerationQueueEvent }
    : null;
}

/**
 * The one live-events client of the web app: the public event stream of a procedure
 * (`GET /api/v1/procedures/:slug/events`) and, for planners, its moderation stream
 * (`GET /api/v1/procedures/:procedureId/moderation/events`, with the session cookie); one
 * connection per stream and browser however many tabs and pages listen, resumed with
 * Last-Event-ID after a drop, reopened after a refusal.
 */
@Injectable({ providedIn: 'root' })
export class LiveEvents implements OnDestroy {
  private readonly platform = inject(LIVE_PLATFORM);
  private readonly streams = new Map<string, SharedStream<PublicLiveEvent>>();
  private readonly moderationStreams = new Map<string, SharedStream<ModerationLiveEvent>>();

  /** Calls `listener` with every public event of the procedure until the returned function is called. */
  subscribe(slug: string, listener: (event: PublicLiveEvent) => void): () => void {
    return join(this.stream(slug), listener);
  }

  /** Whether the procedure's stream is connected: 'off' while nobody in this tab listens. */
  state(slug: string): Signal<LiveState> {
    return this.stream(slug).state.asReadonly();
  }

  /**
   * Calls `listener` with every event of the procedure's moderation stream, and `onState` whenever
   * its connection changes (a queue reads again once it is `live`: what happened while it was down).
   */
  subscribeModeration(
    procedureId: string,
    listener: (event: ModerationLiveEvent) => void,
    onState?: (state: LiveState) => void,
  ): () => void {
    return join(this.moderationStream(procedureId), listener, onState);
  }

  moderationState(procedureId: string): Signal<LiveState> {
    return this.moderationStream(procedureId).state.asReadonly();
  }

  ngOnDestroy(): void {
    for (const stream of [...this.streams.values(), ...this.moderationStreams.values()]) stream.stop();
  }

  private stream(slug: string): SharedStream<PublicLiveEvent> {
    let stream = this.streams.get(slug);
    if (!stream) {
      const url = `${API_BASE}/procedures/${encodeURIComponent(slug)}/events`;
      stream = new SharedStream(this.platform, `stadtdialog-live:${slug}`, url, PUBLIC_EVENTS, parsePublicEvent);
      this.streams.set(slug, stream);
    }
    return stream;
  }

  private moderationStream(procedureId: string): SharedStream<ModerationLiveEvent> {
    let stream = this.moderationStreams.get(procedureId);
    if (!stream) {
      const url = `${API_BASE}/procedures/${encodeURIComponent(procedureId)}/moderation/events`;
      stream = new SharedStream(this.platform, `stadtdialog-moderation:${procedureId}`, url, MODERATION_EVENTS, parseModerationEvent);
      this.moderationStreams.set(procedureId, stream);
    }
    return stream;
  }
}

/** Adds a listener to a stream, starting it; the returned function removes it, stopping the stream after the last. */
function join<E extends LiveEvent>(stream: SharedStream<E>, listener: (event: E) => void, onState?: (state: LiveState) => void): () => void {
  stream.listeners.add(listener);
  if (onState) stream.stateListeners.add(onState);
  stream.start();
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    stream.listeners.delete(listener);
    if (onState) stream.stateListeners.delete(onState);
    if (stream.listeners.size === 0) stream.stop();
  };
}
