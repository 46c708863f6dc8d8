import { DOCUMENT } from '@angular/common';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import {
  ContributionDetail,
  ContributionFeatureCollection,
  NewComment,
  NewReport,
  ProcedureDetail,
  TableSession,
} from '@stadtdialog/shared/contract';
import { API_BASE, Outbox } from '@stadtdialog/web/data-access';
import { resolveProjection } from '@stadtdialog/web/map';
import { MultiPolygon as OlMultiPolygon } from 'ol/geom';
import OlMap from 'ol/Map';
import { toLonLat } from 'ol/proj';
import { LonLat, Seat } from './seat/seat';
import { TableApi } from './table-api';

/** A pin being dragged out of a seat panel, drawn above everything at the finger. */
export interface PinDrag {
  seat: Seat;
  client: [number, number];
}

/**
 * What the table page and its seats share: the session, the procedure, the map, the live
 * contributions, and the seat writes (always through the Outbox, with the seat's participant).
 */
@Injectable()
export class TableContext {
  private readonly api = inject(TableApi);
  private readonly outbox = inject(Outbox);
  private readonly document = inject(DOCUMENT);

  readonly session = signal<TableSession | null>(null);
  readonly procedure = signal<ProcedureDetail | null>(null);
  readonly contributions = signal<ContributionFeatureCollection | null>(null);
  readonly map = signal<OlMap | null>(null);
  readonly seats = signal<Seat[]>([]);
  readonly pinDrag = signal<PinDrag | null>(null);
  /** counts changes that may alter an open contribution (acknowledged ratings, comments, live events) */
  readonly revision = signal(0);
  readonly now = signal(Date.now());

  readonly projection = computed(() => {
    const procedure = this.procedure();
    return procedure ? resolveProjection(procedure.map.projection) : null;
  });
  private readonly area = computed(() => {
    const area = this.procedure()?.planningArea;
    return area ? new OlMultiPolygon(area.coordinates) : null;
  });

  constructor() {
    const acknowledged = this.outbox.acknowledged.subscribe(({ entry, body }) => {
      const id = (body as { id?: unknown } | null)?.id;
      const seat = this.seats().find((s) => s.participant() === entry.seat);
      if (seat && entry.request.method === 'POST' && entry.request.url.endsWith('/contributions') && typeof id === 'string') {
        seat.mine.update((mine) => new Set([...mine, id]));
      }
      this.changed();
    });
    inject(DestroyRef).onDestroy(() => acknowledged.unsubscribe());
  }

  private get slug(): string {
    return this.session()?.procedure.slug ?? '';
  }

  private contributionsUrl(): string {
    return `${API_BASE}/procedures/${encodeURIComponent(this.slug)}/contributions`;
  }

  /** Something changed: reload the map's contributions and any open contribution. */
  changed(): void {
    this.revision.update((n) => n + 1);
    void this.reloadContributions();
  }

  async reloadContributions(): Promise<void> {
    try {
      this.contributions.set(await this.api.features(this.slug));
    } catch {
      // Offline: the map keeps what it has; the next event or reconnect reloads.
    }
  }

  toLonLat(coordinate: number[]): LonLat {
    const projection = this.projection();
    const [lon, lat] = projection ? toLonLat(coordinate, projection) : coordinate;
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
  }

  /** Whether every point lies in the planning area (no area: anywhere). */
  insideArea(points: LonLat[]): boolean {
    const area = this.area();
    return !area || points.every((point) => area.intersectsCoordinate(point));
  }

  /** The resident form on a phone, prefilled with the spot and this workshop. */
  phoneUrl(at: LonLat | null): string {
    const session = this.session();
    const origin = this.document.defaultView?.location.origin ?? '';
    const params = new URLSearchParams();
    if (at) {
      params.set('lon', String(at[0]));
      params.set('lat', String(at[1]));
    }
    if (session) params.set('workshop', session.workshop.id);
    return `${origin}/procedures/${encodeURIComponent(this.slug)}/contribute?${params}`;
  }

  /** Puts the seat's contribution into the outbox; true once it is safely stored there. */
  async send(seat: Seat): Promise<boolean> {
    const contribution = seat.contribution();
    if (!contribution) return false;
    seat.storing.set(true);
    try {
      await this.outbox.add({ method: 'POST', url: this.contributionsUrl(), body: contribution }, { seat: seat.participant() });
      seat.clearDraft();
      seat.step.set('sent');
      return true;
    } finally {
      seat.storing.set(false);
    }
  }

  async detail(seat: Seat, id: string): Promise<ContributionDetail> {
    const token = await this.outbox.participantToken(seat.participant());
    return this.api.detail(this.slug, id, token);
  }

  rate(seat: Seat, id: string, value: 1 | -1 | null): Promise<unknown> {
    const url = `${this.contributionsUrl()}/${encodeURIComponent(id)}/rating`;
    return this.outbox.add(
      value === null ? { method: 'DELETE', url } : { method: 'PUT', url, body: { value } },
      { seat: seat.participant() },
    );
  }

  comment(seat: Seat, id: string, comment: NewComment): Promise<unknown> {
    return this.outbox.add(
      { method: 'POST', url: `${this.contributionsUrl()}/${encodeURIComponent(id)}/comments`, body: comment },
      { seat: seat.participant() },
    );
  }

  report(seat: Seat, report: NewReport): Promise<unknown> {
    return this.outbox.add(
      { method: 'POST', url: `${API_BASE}/procedures/${encodeURIComponent(this.slug)}/reports`, body: report },
      { seat: seat.participant() },
    );
  }
}
