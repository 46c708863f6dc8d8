import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { ContributionDetail, ContributionGeometryType } from '@stadtdialog/shared/contract';
import { localized, LocalizedLangPipe, LocalizedPipe, MessageKey, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { TableContext } from '../table-context';
import { pixelsPerMillimetre } from '../table-screen';
import { applyKey, KeyboardLabels, OnscreenKeyboard } from './onscreen-keyboard';
import { QrCode } from './qr-code';
import { LonLat, Seat, SeatField } from './seat';

/** Seconds of countdown shown after the idle time before the seat goes to the next person. */
export const IDLE_COUNTDOWN_SECONDS = 20;

/**
 * One seat's panel at the table's edge, turned to face its side: a person writes a contribution
 * step by step (category, rubric, location on the shared map, text on the on-screen keyboard,
 * review), opens contributions tapped on the map, rates and comments them as this seat's
 * participant, and can take the form to their phone by QR code. Pointer events end here, so no
 * finger on a panel ever becomes part of a map gesture.
 */
@Component({
  selector: 'sd-table-seat',
  imports: [TranslatePipe, LocalizedPipe, LocalizedLangPipe, OnscreenKeyboard, QrCode],
  templateUrl: './seat-panel.html',
  styleUrl: './seat-panel.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'table-seat',
    role: 'region',
    '[attr.aria-label]': 'name()',
    '[attr.data-side]': 'seat().side',
    '[style.--seat-colour]': 'seat().colour',
    '(pointerdown)': 'onPointer($event)',
    '(pointermove)': '$event.stopPropagation()',
    '(pointerup)': '$event.stopPropagation()',
    '(pointercancel)': '$event.stopPropagation()',
    '(keydown)': 'seat().touch()',
  },
})
export class SeatPanel {
  readonly seat = input.required<Seat>();
  readonly idleSeconds = input(180);

  protected readonly context = inject(TableContext);
  private readonly translator = inject(Translator);

  protected readonly procedure = this.context.procedure;
  protected readonly name = computed(() => this.translator.translate('table.seat', { n: this.seat().index + 1 }));
  protected readonly geometryTypes = computed(() => this.procedure()?.settings.geometryTypes ?? ['Point']);
  protected readonly locationRequired = computed(() => this.procedure()?.settings.locationRequired ?? false);
  protected readonly titleMax = computed(() => this.procedure()?.settings.titleMaxLength ?? 120);
  protected readonly textMax = computed(() => this.procedure()?.settings.textMaxLength ?? 3000);
  protected readonly commentMax = computed(() => this.procedure()?.settings.commentMaxLength ?? 1500);
  protected readonly category = computed(() => this.procedure()?.categories.find((c) => c.id === this.seat().categoryId()) ?? null);
  protected readonly rubric = computed(() => this.procedure()?.rubrics.find((r) => r.id === this.seat().rubricId()) ?? null);
  protected readonly problem = signal<MessageKey | null>(null);
  protected readonly keyboardLabels = computed<KeyboardLabels>(() => {
    this.translator.language();
    const t = (key: MessageKey) => this.translator.translate(key);
    return {
      space: t('table.keyboard.space'),
      enter: t('table.keyboard.enter'),
      shift: t('table.keyboard.shift'),
      lock: t('table.keyboard.lock'),
      backspace: t('table.keyboard.backspace'),
      language: this.seat().keyboard() === 'de' ? 'DE → EN' : 'EN → DE',
    };
  });

  /** seconds left before the reset, once the seat has been idle for its idle time */
  protected readonly countdown = computed(() => {
    const seat = this.seat();
    if (!seat.inUse()) return null;
    const idle = (this.context.now() - seat.lastActivity()) / 1000;
    if (idle < this.idleSeconds()) return null;
    return Math.max(0, Math.ceil(this.idleSeconds() + IDLE_COUNTDOWN_SECONDS - idle));
  });

  /** 100 mm: a phone camera reads it from where a person stands at the table */
  protected readonly qrSize = computed(() => {
    const view = document.defaultView;
    return Math.round(100 * pixelsPerMillimetre(view?.innerWidth ?? 1920, view?.innerHeight ?? 1080));
  });
  protected readonly detail = signal<ContributionDetail | null>(null);
  protected readonly detailFailed = signal(false);
  protected readonly pendingRating = signal<1 | -1 | null | undefined>(undefined);
  protected readonly notice = signal<MessageKey | null>(null);
  protected readonly reporting = signal(false);
  protected readonly overlay = computed(() => this.seat().overlay());
  protected readonly placedPoint = computed<LonLat | null>(() => {
    const geometry = this.seat().geometry();
    return geometry?.type === 'Point' ? (geometry.coordinates as LonLat) : null;
  });

  constructor() {
    // The reset comes after the countdown, and never while a contribution is still on its way into
    // the outbox: once it is stored there, it is sent for the previous person regardless.
    effect(() => {
      const left = this.countdown();
      const seat = this.seat();
      if (left === 0 && !seat.storing()) untracked(() => this.resetSeat());
    });
    effect(() => {
      const overlay = this.overlay();
      this.context.revision();
      untracked(() => {
        if (overlay?.kind === 'detail') void this.loadDetail(overlay.id);
        else this.detail.set(null);
      });
    });
  }

  protected onPointer(event: PointerEvent): void {
    event.stopPropagation();
    this.seat().touch();
  }

  protected t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.translator.translate(key, params);
  }

  protected start(): void {
    const seat = this.seat();
    seat.step.set('category');
    seat.touch();
  }

  protected pickCategory(id: string): void {
    this.seat().categoryId.set(id);
    this.seat().step.set('rubric');
  }

  protected pickRubric(id: string): void {
    this.seat().rubricId.set(id);
    this.seat().step.set('place');
  }

  protected startPlacing(type: ContributionGeometryType): void {
    const seat = this.seat();
    this.problem.set(null);
    seat.vertices.set([]);
    seat.placing.set(seat.placing() === type ? null : type);
  }

  protected finishShape(): void {
    const seat = this.seat();
    const vertices = seat.vertices();
    if (!this.context.insideArea(vertices)) {
      this.problem.set('table.place.outside');
      seat.vertices.set([]);
      return;
    }
    seat.finishShape();
  }

  protected leavePlace(): void {
    const seat = this.seat();
    if (this.locationRequired() && !seat.geometry()) {
      this.problem.set('table.place.required');
      return;
    }
    this.problem.set(null);
    seat.placing.set(null);
    seat.step.set('text');
    seat.field.set('title');
  }

  protected leaveText(): void {
    const { title, text } = this.seat().fields();
    if (!title.trim()) return this.problem.set('table.titleMissing');
    if (!text.trim()) return this.problem.set('table.textMissing');
    this.problem.set(null);
    this.seat().step.set('review');
  }

  protected async send(): Promise<void> {
    await this.context.send(this.seat());
  }

  protected back(): void {
    const seat = this.seat();
    const order = ['welcome', 'category', 'rubric', 'place', 'text', 'review'] as const;
    const index = order.indexOf(seat.step() as (typeof order)[number]);
    this.problem.set(null);
    seat.placing.set(null);
    if (index > 0) seat.step.set(order[index - 1]);
  }

  protected discard(): void {
    const seat = this.seat();
    seat.clearDraft();
    seat.step.set('welcome');
    this.problem.set(null);
  }

  protected resetSeat(): void {
    this.seat().reset();
    this.detail.set(null);
    this.notice.set(null);
    this.problem.set(null);
    this.reporting.set(false);
  }

  protected focusField(field: SeatField): void {
    this.seat().field.set(field);
  }

  protected typed(field: SeatField, event: Event): void {
    this.seat().setField(field, (event.target as HTMLInputElement | HTMLTextAreaElement).value);
  }

  protected key(button: string): void {
    const seat = this.seat();
    seat.touch();
    if (button === '{lang}') {
      seat.keyboard.update((language) => (language === 'de' ? 'en' : 'de'));
      return;
    }
    if (button === '{shift}') {
      seat.shift.update((shift) => (shift === 'off' ? 'once' : 'off'));
      return;
    }
    if (button === '{lock}') {
      seat.shift.update((shift) => (shift === 'lock' ? 'off' : 'lock'));
      return;
    }
    const field = seat.field();
    const max = field === 'title' ? this.titleMax() : field === 'text' ? this.textMax() : this.commentMax();
    const current = seat.fields()[field];
    const next = applyKey(current, button, field !== 'title');
    if (next === null) return;
    if ([...next].length > max) return;
    seat.setField(field, next);
    if (seat.shift() === 'once') seat.shift.set('off');
  }

  protected showQr(at: LonLat | null, heading: 'seat' | 'spot'): void {
    this.seat().overlay.set({ kind: 'qr', url: this.context.phoneUrl(at), heading });
  }

  protected closeOverlay(): void {
    this.seat().overlay.set(null);
    this.reporting.set(false);
    this.notice.set(null);
  }

  protected startHere(at: LonLat): void {
    const seat = this.seat();
    seat.place({ type: 'Point', coordinates: at });
    seat.overlay.set(null);
    if (seat.step() === 'welcome' || seat.step() === 'sent') seat.step.set('category');
  }

  /** The pin handle: dragged out of the panel, it is dropped where the finger lifts on the map. */
  protected pinDown(event: PointerEvent): void {
    event.stopPropagation();
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    this.context.pinDrag.set({ seat: this.seat(), client: [event.clientX, event.clientY] });
  }

  protected pinMove(event: PointerEvent): void {
    event.stopPropagation();
    const drag = this.context.pinDrag();
    if (drag?.seat === this.seat()) this.context.pinDrag.set({ ...drag, client: [event.clientX, event.clientY] });
  }

  protected pinUp(event: PointerEvent): void {
    event.stopPropagation();
    const drag = this.context.pinDrag();
    if (drag?.seat !== this.seat()) return;
    this.context.pinDrag.set(null);
    if (event.type !== 'pointerup') return;
    const at = this.dropPoint(event.clientX, event.clientY);
    if (!at) return;
    if (!this.context.insideArea([at])) {
      this.problem.set('table.place.outside');
      return;
    }
    this.problem.set(null);
    this.seat().place({ type: 'Point', coordinates: at });
  }

  private dropPoint(x: number, y: number): LonLat | null {
    const map = this.context.map();
    if (!map) return null;
    const below = document.elementsFromPoint(x, y);
    if (below.some((element) => element.closest('.table-seat, .table-status'))) return null;
    const viewport: HTMLElement | undefined = map.getViewport();
    if (!viewport) return null;
    const rect = viewport.getBoundingClientRect();
    const coordinate = map.getCoordinateFromPixel([x - rect.left, y - rect.top]);
    return coordinate ? this.context.toLonLat(coordinate) : null;
  }

  private async loadDetail(id: string): Promise<void> {
    try {
      const detail = await this.context.detail(this.seat(), id);
      if (this.overlay()?.kind === 'detail') {
        this.detail.set(detail);
        this.detailFailed.set(false);
        this.pendingRating.set(undefined);
      }
    } catch {
      this.detailFailed.set(true);
    }
  }

  protected ownRating(): 1 | -1 | null {
    const pending = this.pendingRating();
    return pending !== undefined ? pending : (this.detail()?.rating.own ?? null);
  }

  protected async rate(value: 1 | -1): Promise<void> {
    const detail = this.detail();
    if (!detail) return;
    const next = this.ownRating() === value ? null : value;
    this.pendingRating.set(next);
    await this.context.rate(this.seat(), detail.id, next);
  }

  protected async sendComment(): Promise<void> {
    const detail = this.detail();
    const seat = this.seat();
    const text = seat.fields().comment.trim();
    if (!detail || !text) return;
    await this.context.comment(seat, detail.id, { text });
    seat.setField('comment', '');
    this.notice.set('table.detail.commentSent');
  }

  protected async sendReport(): Promise<void> {
    const detail = this.detail();
    const seat = this.seat();
    const reason = seat.fields().reason.trim();
    if (!detail || !reason) return;
    await this.context.report(seat, { contributionId: detail.id, reason });
    seat.setField('reason', '');
    this.reporting.set(false);
    this.notice.set('table.detail.reported');
  }

  protected categoryName(id: string): string {
    return localized(this.procedure()?.categories.find((c) => c.id === id), 'name', this.translator.language());
  }

  protected rubricName(id: string): string {
    return localized(this.procedure()?.rubrics.find((r) => r.id === id), 'name', this.translator.language());
  }

  protected chars(field: SeatField): number {
    return [...this.seat().fields()[field]].length;
  }
}
