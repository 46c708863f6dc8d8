import { computed, signal } from '@angular/core';
import {
  ContributionGeometry,
  ContributionGeometryType,
  NewContribution,
  SeatSide,
} from '@stadtdialog/shared/contract';
import { newIdempotencyKey } from '@stadtdialog/web/data-access';
import type { KeyboardLanguage } from './onscreen-keyboard';

export type SeatStep = 'welcome' | 'category' | 'rubric' | 'place' | 'text' | 'review' | 'sent';
export type SeatField = 'title' | 'text' | 'comment' | 'reason';
export type LonLat = [number, number];

/** What a seat shows over its draft: a contribution, a tapped spot, or a QR code. */
export type SeatOverlay =
  | { kind: 'detail'; id: string }
  | { kind: 'spot'; at: LonLat }
  | { kind: 'qr'; url: string; heading: 'seat' | 'spot' };

/** Seat colours for pins and panel edges, distinguishable for the common colour deficiencies. */
export const SEAT_COLOURS = ['#0b5cad', '#a34700', '#5b2a86', '#006b4f'];

/**
 * One place at the table and the person using it now: a participant of its own (its outbox seat
 * key, and with it its own participant token), its draft, its open contribution. A reset gives
 * the seat to the next person: a fresh participant and an empty draft.
 */
export class Seat {
  readonly participant = signal(newIdempotencyKey());
  readonly step = signal<SeatStep>('welcome');
  readonly categoryId = signal<string | null>(null);
  readonly rubricId = signal<string | null>(null);
  readonly geometry = signal<ContributionGeometry | null>(null);
  /** the seat waits for taps on the map to place this kind of geometry */
  readonly placing = signal<ContributionGeometryType | null>(null);
  /** vertices tapped so far for a line or polygon */
  readonly vertices = signal<LonLat[]>([]);
  readonly fields = signal<Record<SeatField, string>>({ title: '', text: '', comment: '', reason: '' });
  readonly field = signal<SeatField>('title');
  readonly keyboard = signal<KeyboardLanguage>('de');
  readonly shift = signal<'off' | 'once' | 'lock'>('off');
  readonly overlay = signal<SeatOverlay | null>(null);
  readonly lastActivity = signal(Date.now());
  /** while a contribution is on its way into the outbox; a reset waits for it */
  readonly storing = signal(false);
  /** ids of contributions this seat's current person made (acknowledged) */
  readonly mine = signal<ReadonlySet<string>>(new Set());

  /** whether there is anything a reset would clear */
  readonly inUse = computed(() => this.step() !== 'welcome' || this.overlay() !== null || this.placing() !== null);

  constructor(
    readonly index: number,
    readonly side: SeatSide,
  ) {}

  get colour(): string {
    return SEAT_COLOURS[this.index % SEAT_COLOURS.length];
  }

  touch(now = Date.now()): void {
    this.lastActivity.set(now);
  }

  setField(field: SeatField, value: string): void {
    this.fields.update((fields) => ({ ...fields, [field]: value }));
  }

  place(geometry: ContributionGeometry | null): void {
    this.geometry.set(geometry);
    this.placing.set(null);
    this.vertices.set([]);
  }

  /** A tap while placing: a point is done at once, a line or polygon gains a vertex. */
  addTap(at: LonLat): void {
    const placing = this.placing();
    if (placing === 'Point') this.place({ type: 'Point', coordinates: at });
    else if (placing) this.vertices.update((vertices) => [...vertices, at]);
  }

  /** Ends drawing a line (2+ vertices) or polygon (3+ vertices); false if too few. */
  finishShape(): boolean {
    const placing = this.placing();
    const vertices = this.vertices();
    if (placing === 'LineString' && vertices.length >= 2) {
      this.place({ type: 'LineString', coordinates: vertices });
      return true;
    }
    if (placing === 'Polygon' && vertices.length >= 3) {
      this.place({ type: 'Polygon', coordinates: [[...vertices, vertices[0]]] });
      return true;
    }
    return false;
  }

  /** The contribution as the API takes it, once category, rubric and texts are there. */
  contribution(): NewContribution | null {
    const categoryId = this.categoryId();
    const rubricId = this.rubricId();
    const { title, text } = this.fields();
    if (!categoryId || !rubricId || !title.trim() || !text.trim()) return null;
    return { title: title.trim(), text: text.trim(), categoryId, rubricId, geometry: this.geometry() };
  }

  /** After sending: the draft is cleared, the person stays (another contribution, their "mine"). */
  clearDraft(): void {
    this.categoryId.set(null);
    this.rubricId.set(null);
    this.place(null);
    this.fields.set({ title: '', text: '', comment: '', reason: '' });
    this.field.set('title');
  }

  /** The next person: a new participant, nothing of the previous one left on screen. */
  reset(now = Date.now()): void {
    this.clearDraft();
    this.participant.set(newIdempotencyKey());
    this.mine.set(new Set());
    this.overlay.set(null);
    this.step.set('welcome');
    this.shift.set('off');
    this.touch(now);
  }
}

/** Which seat is nearest to a point on the screen: the one whose edge is closest. */
export function nearestSeat<T extends { side: SeatSide }>(seats: T[], client: [number, number], size: [number, number]): T | null {
  const [x, y] = client;
  const [width, height] = size;
  const distance = (side: SeatSide) =>
    side === 'bottom' ? height - y : side === 'top' ? y : side === 'left' ? x : width - x;
  let best: T | null = null;
  for (const seat of seats) if (!best || distance(seat.side) < distance(best.side)) best = seat;
  return best;
}
