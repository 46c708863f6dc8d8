import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import {
  ContributionSource,
  LIMITS,
  ModerationAction,
  ModerationItem,
  ModerationKind,
  ModerationState,
} from '@stadtdialog/shared/contract';
import { LoadStatus } from '../procedures/load-status';
import { LiveEvents, LiveState } from '../live/live-events';
import { PlannerApi } from './planner-api';
import { attempt, PlannerResult } from './planner-http';
import { PlannerSession } from './planner-session';

export interface QueueFilter {
  state: ModerationState;
  /** '' for contributions and comments */
  kind: ModerationKind | '';
  /** '' for every category */
  category: string;
  /** where the contribution was made; '' or left out for every source */
  source?: ContributionSource | '';
  /** one workshop's contributions (and the comments on them); '' or left out for all */
  workshop?: string;
  /** words searched in contributions' title and text (comments never match); '' or left out for none */
  q?: string;
}

export const DEFAULT_QUEUE_FILTER: QueueFilter = { state: 'open', kind: '', category: '' };

const PAGE_SIZE = 50;
/** Live events come in bursts (a bulk decision); one reload answers a burst. */
const REFRESH_DELAY_MS = 200;

export function queueKey(item: Pick<ModerationItem, 'kind' | 'id'>): string {
  return `${item.kind}:${item.id}`;
}

/** Whether an item belongs in a queue with this filter, the way the API decides it. */
export function matchesQueueFilter(item: ModerationItem, filter: QueueFilter): boolean {
  if (filter.kind && item.kind !== filter.kind) return false;
  if (filter.category && item.categoryId !== filter.category) return false;
  if (filter.source && item.source !== filter.source) return false;
  if (filter.workshop && item.workshopId !== filter.workshop) return false;
  // German stemming is the server's: a searched queue keeps what the API answered and drops comments.
  if (filter.q && item.kind !== 'contribution') return false;
  switch (filter.state) {
    case 'open':
      return item.status === 'pending' || item.flaggedAt !== null;
    case 'pending':
      return item.status === 'pending';
    case 'flagged':
      return item.flaggedAt !== null;
    case 'all':
      return true;
    default:
      return item.status === filter.state;
  }
}

interface QueueState {
  procedureId: string | null;
  filter: QueueFilter;
  status: LoadStatus;
  items: ModerationItem[];
  nextCursor: string | null;
  loadingMore: boolean;
}

/**
 * The moderation queue of one procedure: newest first, filtered, with selection for bulk decisions.
 * The procedure's moderation stream (through the one live-events client, shared by the tabs)
 * announces every change to an item; the queue then reads its first pages again, so new
 * contributions appear without a reload.
 */
@Injectable()
export class ModerationQueueStore {
  private readonly api = inject(PlannerApi);
  private readonly session = inject(PlannerSession);
  private readonly liveEvents = inject(LiveEvents);
  private readonly state = signal<QueueState>({
    procedureId: null,
    filter: DEFAULT_QUEUE_FILTER,
    status: 'idle',
    items: [],
    nextCursor: null,
    loadingMore: false,
  });
  private readonly selection = signal<ReadonlySet<string>>(new Set());
  /** the procedure whose stream the queue follows, null while it follows none */
  private readonly following = signal<string | null>(null);
  private readonly arrivalCount = signal<{ count: number; serial: number }>({ count: 0, serial: 0 });
  private unsubscribe: (() => void) | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;

  readonly procedureId = computed(() => this.state().procedureId);
  readonly filter = computed(() => this.state().filter);
  readonly status = computed(() => this.state().status);
  readonly items = computed(() => this.state().items);
  readonly hasMore = computed(() => this.state().nextCursor !== null);
  readonly loadingMore = computed(() => this.state().loadingMore);
  readonly selected = this.selection.asReadonly();
  readonly selectedItems = computed(() => this.items().filter((item) => this.selection().has(queueKey(item))));
  readonly allSelected = computed(() => this.items().length > 0 && this.selectedItems().length === this.items().length);
  readonly live = computed<LiveState>(() => {
    const procedureId = this.following();
    return procedureId ? this.liveEvents.moderationState(procedureId)() : 'off';
  });
  /** how many items the last live update brought; `serial` changes with every update that brought some */
  readonly arrivals = this.arrivalCount.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  /** Reads the queue of a procedure and follows its live events. */
  open(procedureId: string, filter: QueueFilter = DEFAULT_QUEUE_FILTER): void {
    this.state.set({ procedureId, filter, status: 'loading', items: [], nextCursor: null, loadingMore: false });
    this.selection.set(new Set());
    void this.load();
    this.connect();
  }

  setFilter(filter: QueueFilter): void {
    this.state.update((s) => ({ ...s, filter, status: 'loading', items: [], nextCursor: null }));
    this.selection.set(new Set());
    void this.load();
  }

  async loadMore(): Promise<void> {
    const { procedureId, nextCursor, loadingMore, filter } = this.state();
    if (!procedureId || !nextCursor || loadingMore) return;
    const generation = this.generation;
    this.state.update((s) => ({ ...s, loadingMore: true }));
    const result = await attempt(this.api.queue(procedureId, { ...this.query(filter), cursor: nextCursor }));
    if (generation !== this.generation) return;
    this.state.update((s) => {
      if (!result.ok) return { ...s, loadingMore: false };
      const known = new Set(s.items.map(queueKey));
      const more = result.value.items.filter((item) => !known.has(queueKey(item)));
      return { ...s, items: [...s.items, ...more], nextCursor: result.value.nextCursor, loadingMore: false };
    });
  }

  toggle(item: ModerationItem, selected: boolean): void {
    const key = queueKey(item);
    this.selection.update((current) => {
      const next = new Set(current);
      if (selected) next.add(key);
      else next.delete(key);
      return next;
    });
  }

  toggleAll(selected: boolean): void {
    this.selection.set(selected ? new Set(this.items().map(queueKey)) : new Set());
  }

  async decide(item: ModerationItem, action: ModerationAction, reason?: string): Promise<PlannerResult<ModerationItem>> {
    const procedureId = this.procedureId();
    if (!procedureId) return notOpen();
    const result = await attempt(this.api.decide(procedureId, item.kind, item.id, action, reason));
    if (result.ok) this.apply([result.value]);
    else this.session.ended(result.failure);
    return result;
  }

  /** One decision for every selected item, all or nothing. */
  async bulk(action: 'approve' | 'reject' | 'hide', reason?: string): Promise<PlannerResult<{ items: ModerationItem[] }>> {
    const procedureId = this.procedureId();
    const items = this.selectedItems().slice(0, LIMITS.maxPageSize);
    if (!procedureId || !items.length) return notOpen();
    const result = await attempt(
      this.api.bulk(procedureId, { action, ...(reason ? { reason } : {}), items: items.map(({ kind, id }) => ({ kind, id })) }),
    );
    if (result.ok) {
      this.apply(result.value.items);
      this.selection.set(new Set());
    } else this.session.ended(result.failure);
    return result;
  }

  /** Opens the event stream again where the browser could not open one. */
  reconnect(): void {
    this.connect();
    this.scheduleRefresh();
  }

  private query(filter: QueueFilter) {
    return {
      state: filter.state,
      kind: filter.kind || undefined,
      category: filter.category || undefined,
      source: filter.source || undefined,
      workshop: filter.workshop || undefined,
      q: filter.q || undefined,
    };
  }

  private async load(): Promise<void> {
    const { procedureId, filter } = this.state();
    if (!procedureId) return;
    const generation = ++this.generation;
    const result = await attempt(this.api.queue(procedureId, { ...this.query(filter), limit: PAGE_SIZE }));
    if (generation !== this.generation) return;
    if (result.ok) {
      this.state.update((s) => ({ ...s, status: 'loaded', items: result.value.items, nextCursor: result.value.nextCursor }));
    } else {
      this.session.ended(result.failure);
      this.state.update((s) => ({ ...s, status: result.failure.status === 404 || result.failure.status === 403 ? 'not-found' : 'error' }));
    }
  }

  /** Reads as many items as are shown again, keeps the selection of those still there, counts the new ones. */
  private async refresh(): Promise<void> {
    const { procedureId, filter, items, status } = this.state();
    if (!procedureId || status === 'loading') return;
    const generation = ++this.generation;
    const limit = Math.min(Math.max(items.length, PAGE_SIZE), LIMITS.maxPageSize);
    const result = await attempt(this.api.queue(procedureId, { ...this.query(filter), limit }));
    if (generation !== this.generation || !result.ok) return;
    const before = new Set(items.map(queueKey));
    const arrived = result.value.items.filter((item) => !before.has(queueKey(item))).length;
    const present = new Set(result.value.items.map(queueKey));
    this.state.update((s) => ({ ...s, status: 'loaded', items: result.value.items, nextCursor: result.value.nextCursor }));
    this.selection.update((selected) => new Set([...selected].filter((key) => present.has(key))));
    if (arrived > 0) this.arrivalCount.update((a) => ({ count: arrived, serial: a.serial + 1 }));
  }

  private apply(updated: ModerationItem[]): void {
    const byKey = new Map(updated.map((item) => [queueKey(item), item]));
    this.state.update((s) => ({
      ...s,
      items: s.items
        .map((item) => byKey.get(queueKey(item)) ?? item)
        .filter((item) => !byKey.has(queueKey(item)) || matchesQueueFilter(item, s.filter)),
    }));
    const present = new Set(this.items().map(queueKey));
    this.selection.update((selected) => new Set([...selected].filter((key) => present.has(key))));
  }

  private connect(): void {
    this.disconnect();
    const procedureId = this.procedureId();
    if (!procedureId) return;
    this.following.set(procedureId);
    this.unsubscribe = this.liveEvents.subscribeModeration(
      procedureId,
      () => this.scheduleRefresh(),
      // Whatever happened while the stream was down is in the next read.
      (state) => state === 'live' && this.scheduleRefresh(),
    );
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  private disconnect(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.following.set(null);
  }
}

function notOpen<T>(): PlannerResult<T> {
  return { ok: false, failure: { status: 0, errors: [], retryAfter: null, detail: null } };
}
