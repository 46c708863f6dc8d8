import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, signal, untracked, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  CONTRIBUTION_SOURCES,
  ContributionSource,
  MODERATION_STATES,
  ModerationAction,
  ModerationItem,
  ModerationKind,
  ModerationState,
} from '@stadtdialog/shared/contract';
import {
  DEFAULT_QUEUE_FILTER,
  LocalizedDatePipe,
  MessageKey,
  ModerationQueueStore,
  ProcedureSetupStore,
  queueKey,
  QueueFilter,
  TranslatePipe,
  WorkshopsStore,
} from '@stadtdialog/web/data-access';
import { FormRun } from '../shared/form-run';
import { FormStatus } from '../shared/form-status';
import { plannerPageTitle } from '../shared/page-title';
import { KIND_LABELS, QUEUE_STATE_LABELS, STATUS_LABELS } from './moderation-labels';

const LIVE_LABELS: Record<string, MessageKey> = {
  off: 'planner.queue.live.off',
  connecting: 'planner.queue.live.connecting',
  live: 'planner.queue.live.live',
  reconnecting: 'planner.queue.live.reconnecting',
};

const SOURCE_LABELS: Record<ContributionSource, MessageKey> = {
  online: 'source.online',
  workshop: 'source.workshop',
  import: 'source.import',
};

const DONE: Record<ModerationAction, MessageKey> = {
  approve: 'planner.queue.approved',
  reject: 'planner.queue.rejected',
  hide: 'planner.queue.hidden',
  unhide: 'planner.queue.unhidden',
};

/**
 * The moderation queue: pending and reported contributions and comments, newest first, filtered;
 * decisions one by one or for a selection. New items arrive over the API's event stream.
 */
@Component({
  selector: 'sd-moderation-page',
  imports: [RouterLink, TranslatePipe, LocalizedDatePipe, FormStatus],
  templateUrl: './moderation-page.html',
  styleUrls: ['../shared/planner.css', './moderation-page.css'],
  providers: [ModerationQueueStore, WorkshopsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModerationPage {
  /** from the query parameter `workshop`: open the queue with that workshop's contributions */
  readonly workshop = input<string>();
  /** query parameters the evaluation's key terms link with: the queue opens filtered by them */
  readonly state = input<string>();
  readonly kind = input<string>();
  readonly category = input<string>();
  readonly source = input<string>();
  readonly q = input<string>();
  protected readonly queue = inject(ModerationQueueStore);
  protected readonly setup = inject(ProcedureSetupStore);
  /** a procedure's workshops, listed for its managers only: the filter by workshop is theirs */
  protected readonly workshops = inject(WorkshopsStore);
  protected readonly sources = CONTRIBUTION_SOURCES;
  protected readonly sourceLabels = SOURCE_LABELS;
  protected readonly workshopNames = computed(() => new Map(this.workshops.workshops().map((w) => [w.id, w.title])));
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly states = MODERATION_STATES;
  protected readonly stateLabels = QUEUE_STATE_LABELS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly liveLabels = LIVE_LABELS;
  protected readonly categories = computed(() => this.setup.procedure()?.categories ?? []);
  protected readonly categoryNames = computed(() => new Map(this.categories().map((c) => [c.id, c.name])));
  /** the item whose rejection reason is being written */
  protected readonly rejecting = signal<string | null>(null);
  protected readonly rejectReason = signal('');
  protected readonly bulkReason = signal('');
  protected readonly bulkRejecting = signal(false);
  protected readonly run = new FormRun();
  protected readonly bulkRun = new FormRun();
  /** the live region's text: the number of new items; alternates a trailing space so repeats are read again */
  protected readonly announcement = signal<{ count: number; pad: string } | null>(null);
  private readonly rejectField = viewChild<ElementRef<HTMLTextAreaElement>>('rejectField');

  constructor() {
    plannerPageTitle('planner.queue.title', () => this.setup.procedure()?.title);
    effect(() => {
      const id = this.setup.id();
      if (!id) return;
      untracked(() => {
        this.queue.open(id, this.linkedFilter());
      });
    });
    effect(() => {
      const id = this.setup.id();
      if (id && this.setup.canManage()) untracked(() => void this.workshops.load(id));
    });
    // New items are announced once, politely, with their number.
    effect(() => {
      const { count, serial } = this.queue.arrivals();
      if (serial > 0) untracked(() => this.announcement.set({ count, pad: serial % 2 ? '' : '\u00a0' }));
    });
    effect(() => {
      if (this.rejecting()) this.rejectField()?.nativeElement.focus();
    });
  }

  protected key = queueKey;

  protected setState(state: string): void {
    this.queue.setFilter({ ...this.queue.filter(), state: state as ModerationState });
  }

  protected setKind(kind: string): void {
    this.queue.setFilter({ ...this.queue.filter(), kind: kind as ModerationKind | '' });
  }

  protected setCategory(category: string): void {
    this.queue.setFilter({ ...this.queue.filter(), category });
  }

  protected setSearch(q: string): void {
    this.queue.setFilter({ ...this.queue.filter(), q: q.trim() });
  }

  /** The filter the page's address asks for; values the queue does not know are left out. */
  private linkedFilter(): QueueFilter {
    const workshop = this.workshop();
    const filter: QueueFilter = workshop ? { ...DEFAULT_QUEUE_FILTER, state: 'all', workshop } : { ...DEFAULT_QUEUE_FILTER };
    const state = this.state();
    if (state && (MODERATION_STATES as readonly string[]).includes(state)) filter.state = state as ModerationState;
    const kind = this.kind();
    if (kind === 'contribution' || kind === 'comment') filter.kind = kind;
    const source = this.source();
    if (source && (CONTRIBUTION_SOURCES as readonly string[]).includes(source)) filter.source = source as ContributionSource;
    if (this.category()) filter.category = this.category() ?? '';
    if (this.q()) filter.q = this.q()?.trim();
    return filter;
  }

  protected setSource(source: string): void {
    this.queue.setFilter({ ...this.queue.filter(), source: source as ContributionSource | '' });
  }

  protected setWorkshop(workshop: string): void {
    this.queue.setFilter({ ...this.queue.filter(), workshop });
  }

  protected isSelected(item: ModerationItem): boolean {
    return this.queue.selected().has(queueKey(item));
  }

  protected startReject(item: ModerationItem): void {
    this.rejectReason.set('');
    this.rejecting.set(queueKey(item));
  }

  protected cancelReject(item: ModerationItem): void {
    this.rejecting.set(null);
    this.focusItemAction(item, 'reject');
  }

  protected async decide(item: ModerationItem, action: ModerationAction): Promise<void> {
    const reason = action === 'reject' ? this.rejectReason().trim() : undefined;
    if (action === 'reject' && !reason) {
      this.run.fail({ key: 'planner.queue.reasonNeeded' });
      return;
    }
    const result = await this.run.run(() => this.queue.decide(item, action, reason), {
      key: DONE[action],
      params: { title: item.title },
    });
    if (result?.ok) this.rejecting.set(null);
  }

  protected async bulk(action: 'approve' | 'reject' | 'hide'): Promise<void> {
    const count = this.queue.selectedItems().length;
    const reason = this.bulkReason().trim();
    if (action === 'reject' && !reason) {
      this.bulkRun.fail({ key: 'planner.queue.reasonNeeded' });
      return;
    }
    const result = await this.bulkRun.run(() => this.queue.bulk(action, action === 'reject' ? reason : undefined), {
      key: 'planner.queue.bulkDone',
      params: { count },
    });
    if (result?.ok) {
      this.bulkReason.set('');
      this.bulkRejecting.set(false);
    }
  }

  private focusItemAction(item: ModerationItem, action: string): void {
    queueMicrotask(() =>
      this.host.nativeElement.querySelector<HTMLElement>(`[data-item="${queueKey(item)}"] [data-action="${action}"]`)?.focus(),
    );
  }
}
