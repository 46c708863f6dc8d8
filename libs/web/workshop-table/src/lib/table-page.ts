import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  Signal,
  signal,
  untracked,
  viewChild,
  ViewEncapsulation,
} from '@angular/core';
import { ContributionGeometry } from '@stadtdialog/shared/contract';
import { LiveEvents, LiveState, LocalizedPipe, MessageKey, Outbox, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import {
  CONTRIBUTION_POINTS_LAYER_ID,
  CONTRIBUTIONS_LAYER_ID,
  LAYER_ID,
  ProcedureMap,
  ProcedureMapLabels,
} from '@stadtdialog/web/map';
import Feature, { FeatureLike } from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import { Geometry, LineString, Point } from 'ol/geom';
import KeyboardPan from 'ol/interaction/KeyboardPan';
import KeyboardZoom from 'ol/interaction/KeyboardZoom';
import MouseWheelZoom from 'ol/interaction/MouseWheelZoom';
import VectorLayer from 'ol/layer/Vector';
import { fromLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import { TableNavigation, TableTap } from './map/table-navigation';
import { SeatPanel } from './seat/seat-panel';
import { nearestSeat, Seat } from './seat/seat';
import { keepOfflineCopy } from './offline-copy';
import { TableApi } from './table-api';
import { TableContext } from './table-context';
import { pixelsPerMillimetre } from './table-screen';


type PageState = 'loading' | 'open' | 'invalid' | 'unreachable' | 'left';
const HOLD_TO_LEAVE_MS = 3000;

/**
 * The workshop touch table: the procedure's map over the whole screen, seat panels along its
 * edges turned to face their sides, each seat its own participant. Opened through a planner's
 * table link; a revoked, expired or unknown link shows a page saying so in both languages.
 */
@Component({
  selector: 'sd-table-page',
  imports: [ProcedureMap, SeatPanel, TranslatePipe, LocalizedPipe],
  templateUrl: './table-page.html',
  styleUrl: './table-page.css',
  providers: [TableApi, TableContext],
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'sd-table',
    '(contextmenu)': '$event.preventDefault()',
    '(selectstart)': 'onSelectStart($event)',
  },
})
export class TablePage {
  /** the table link's secret, from the route */
  readonly secret = input.required<string>();

  private readonly api = inject(TableApi);
  protected readonly context = inject(TableContext);
  protected readonly outbox = inject(Outbox);
  protected readonly translator = inject(Translator);
  private readonly document = inject(DOCUMENT);
  private readonly live = inject(LiveEvents);
  private unsubscribeLive: (() => void) | null = null;
  private liveReload: ReturnType<typeof setTimeout> | null = null;
  protected readonly liveState = signal<Signal<LiveState> | null>(null);
  protected readonly liveText = computed(() => {
    const state = this.liveState()?.() ?? 'off';
    return this.translator.translate(`table.live.${state}` as MessageKey);
  });

  protected readonly state = signal<PageState>('loading');
  protected readonly invalidReason = signal<'revoked' | 'expired' | 'unknown'>('unknown');
  protected readonly session = this.context.session;
  protected readonly procedure = this.context.procedure;
  protected readonly seats = this.context.seats;
  private readonly mapComponent = viewChild(ProcedureMap);
  protected readonly leaving = signal(false);
  private holdTimer: ReturnType<typeof setTimeout> | null = null;

  protected readonly mapLabels = computed<ProcedureMapLabels>(() => {
    this.translator.language();
    return {
      map: this.translator.translate('table.map'),
      zoomIn: this.translator.translate('map.zoomIn'),
      zoomOut: this.translator.translate('map.zoomOut'),
      attributions: this.translator.translate('map.attributions'),
    };
  });
  protected readonly badge = computed(() => {
    const waiting = this.outbox.waiting().length;
    const failed = this.outbox.failed().length;
    const parts = [
      waiting === 0
        ? this.translator.translate('table.outbox.allSent')
        : waiting === 1
          ? this.translator.translate('table.outbox.waitingOne')
          : this.translator.translate('table.outbox.waitingMany', { n: this.translator.formatNumber(waiting) }),
    ];
    if (failed === 1) parts.push(this.translator.translate('table.outbox.failedOne'));
    if (failed > 1) parts.push(this.translator.translate('table.outbox.failedMany', { n: this.translator.formatNumber(failed) }));
    return { text: parts.join(' · '), waiting: waiting > 0, failed: failed > 0 };
  });

  private readonly draftSource = new VectorSource<Feature<Geometry>>();
  private readonly geoJson = new GeoJSON();

  constructor() {
    const root = this.document.documentElement;
    root.classList.add('sd-table-mode');
    const clock = setInterval(() => this.context.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => {
      root.classList.remove('sd-table-mode');
      clearInterval(clock);
      this.unsubscribeLive?.();
      if (this.liveReload) clearTimeout(this.liveReload);
      if (this.holdTimer) clearTimeout(this.holdTimer);
    });

    this.activateOnTouchTap(inject<ElementRef<HTMLElement>>(ElementRef).nativeElement);

    effect(() => {
      const secret = this.secret();
      untracked(() => void this.open(secret));
    });

    // The shared map: OpenLayers' own drag and pinch give way to the table's navigation.
    effect(() => {
      const map = this.mapComponent()?.olMap();
      if (!map) return;
      untracked(() => {
        const millimetre = this.millimetre();
        map.getInteractions().clear();
        map.addInteraction(new KeyboardPan());
        map.addInteraction(new KeyboardZoom());
        map.addInteraction(new MouseWheelZoom());
        map.addInteraction(
          new TableNavigation({ tapSlop: 3 * millimetre, tapMs: 800, onTap: (tap) => this.onTap(tap) }),
        );
        map.addLayer(new VectorLayer({ source: this.draftSource, style: (feature) => this.draftStyle(feature), zIndex: 10 }));
        this.context.map.set(map);
      });
    });

    // Each seat's placed location (and the vertices of a shape being drawn) in the seat's colour.
    effect(() => {
      const projection = this.context.projection();
      const features: Feature<Geometry>[] = [];
      for (const seat of this.seats()) {
        const geometry = seat.geometry();
        const vertices = seat.vertices();
        const shape: ContributionGeometry | null =
          geometry ?? (vertices.length === 1 ? { type: 'Point', coordinates: vertices[0] } : vertices.length > 1 ? { type: 'LineString', coordinates: vertices } : null);
        if (!shape || !projection) continue;
        const feature = this.geoJson.readFeature(
          { type: 'Feature', geometry: shape, properties: {} },
          { dataProjection: 'EPSG:4326', featureProjection: projection },
        ) as Feature<Geometry>;
        feature.setProperties({ colour: seat.colour, label: String(seat.index + 1) });
        features.push(feature);
        if (vertices.length > 1) {
          for (const vertex of vertices) {
            const point = new Feature<Geometry>(new Point(fromLonLat(vertex, projection)));
            point.setProperties({ colour: seat.colour, label: '' });
            features.push(point);
          }
        }
      }
      this.draftSource.clear();
      this.draftSource.addFeatures(features);
    });
  }

  /**
   * Chromium makes a click from a tap only while no other finger touches the screen: at a shared
   * table someone is nearly always touching. So a short, still touch on a button or field
   * activates it on pointerup, and the browser's own click that may follow is swallowed.
   */
  private activateOnTouchTap(host: HTMLElement): void {
    const pending = new Map<number, { target: HTMLElement; x: number; y: number; at: number }>();
    const interactive = 'button, input, textarea, select, a[href]';
    host.addEventListener(
      'pointerdown',
      (event) => {
        if (event.pointerType !== 'touch') return;
        const target = (event.target as Element | null)?.closest?.<HTMLElement>(interactive);
        if (!target || target.closest('.seat__pin')) return;
        pending.set(event.pointerId, { target, x: event.clientX, y: event.clientY, at: event.timeStamp });
      },
      true,
    );
    const end = (event: PointerEvent) => {
      const tap = pending.get(event.pointerId);
      pending.delete(event.pointerId);
      if (!tap || event.type !== 'pointerup') return;
      const still = Math.hypot(event.clientX - tap.x, event.clientY - tap.y) <= 4 * this.millimetre();
      if (!still || event.timeStamp - tap.at > 1000) return;
      if (tap.target.matches('input, textarea, select')) tap.target.focus();
      tap.target.click();
    };
    host.addEventListener('pointerup', end, true);
    host.addEventListener('pointercancel', end, true);
    // The browser's own click from a touch comes after the view changed, on whatever is under the
    // finger then: touch taps were handled above, so it is dropped.
    host.addEventListener(
      'click',
      (event) => {
        if (!event.isTrusted || (event as PointerEvent).pointerType !== 'touch') return;
        if (!(event.target as Element | null)?.closest?.(interactive)) return;
        event.preventDefault();
        event.stopImmediatePropagation();
      },
      true,
    );
  }

  /** CSS pixels per millimetre, the screen taken as a 55" table. */
  private millimetre(): number {
    const view = this.document.defaultView;
    const width = view?.innerWidth ?? 1920;
    const height = view?.innerHeight ?? 1080;
    return pixelsPerMillimetre(width, height);
  }

  private async open(secret: string): Promise<void> {
    this.api.useKey(secret);
    this.outbox.useHeaders(() => this.api.headers());
    const opening = await this.api.open();
    if (opening.kind === 'invalid') {
      this.invalidReason.set(opening.reason);
      this.state.set('invalid');
      return;
    }
    if (opening.kind === 'unreachable') {
      this.state.set('unreachable');
      setTimeout(() => void this.open(secret), 5000);
      return;
    }
    const { session } = opening;
    this.context.session.set(session);
    try {
      this.context.procedure.set(await this.api.procedure(session.procedure.slug));
    } catch {
      this.state.set('unreachable');
      setTimeout(() => void this.open(secret), 5000);
      return;
    }
    this.context.seats.set(session.workshop.seats.map((seat, index) => new Seat(index, seat.side)));
    // New, changed and removed contributions from anywhere: the map's layer is reloaded, which
    // leaves the view and every seat's draft as they are. A burst of events makes one reload.
    this.unsubscribeLive?.();
    this.unsubscribeLive = this.live.subscribe(session.procedure.slug, () => {
      if (this.liveReload) return;
      this.liveReload = setTimeout(() => {
        this.liveReload = null;
        this.context.changed();
      }, 150);
    });
    this.liveState.set(this.live.state(session.procedure.slug));
    await this.context.reloadContributions();
    this.state.set('open');
    // A reload without network opens the table again from the worker's copy (offline-copy.ts).
    const window = this.document.defaultView;
    if (window) void keepOfflineCopy(window, this.api.headers());
  }

  protected onSelectStart(event: Event): void {
    const target = event.target as Element | null;
    if (!target?.closest?.('input, textarea')) event.preventDefault();
  }

  /** Full screen needs a user gesture: the first touch on the table asks for it. */
  protected requestFullscreen(): void {
    const root = this.document.documentElement;
    if (!this.document.fullscreenElement && root.requestFullscreen) void root.requestFullscreen().catch(() => undefined);
  }

  private onTap(tap: TableTap): void {
    const seats = this.seats();
    const size: [number, number] = [this.document.defaultView?.innerWidth ?? 0, this.document.defaultView?.innerHeight ?? 0];
    const at = this.context.toLonLat(tap.coordinate);
    const placing = seats.filter((seat) => seat.placing());
    if (placing.length) {
      const seat = nearestSeat(placing, tap.client, size);
      if (seat && this.context.insideArea([at])) {
        seat.addTap(at);
        seat.touch();
      }
      return;
    }
    const map = this.context.map();
    if (!map) return;
    const hit = map.forEachFeatureAtPixel(tap.pixel, (feature) => feature, {
      layerFilter: (layer) => [CONTRIBUTIONS_LAYER_ID, CONTRIBUTION_POINTS_LAYER_ID].includes(layer.get(LAYER_ID)),
      hitTolerance: 2 * this.millimetre(),
    });
    const members = (hit?.get('features') as FeatureLike[] | undefined) ?? (hit ? [hit] : []);
    if (members.length > 1) {
      const view = map.getView();
      view.animate({ center: tap.coordinate, zoom: (view.getZoom() ?? 14) + 2, duration: 250 });
      return;
    }
    const seat = nearestSeat(seats, tap.client, size);
    if (!seat) return;
    seat.touch();
    if (members.length === 1) seat.overlay.set({ kind: 'detail', id: String(members[0].getId()) });
    else seat.overlay.set({ kind: 'spot', at });
  }

  private draftStyle(feature: FeatureLike): Style[] {
    const colour = feature.get('colour') as string;
    const label = feature.get('label') as string;
    const mm = this.millimetre();
    const isPoint = feature.getGeometry() instanceof Point;
    const stroke = new Stroke({ color: colour, width: 1.5 * mm, lineDash: feature.getGeometry() instanceof LineString ? [3 * mm, 2 * mm] : undefined });
    return [
      new Style({
        stroke,
        fill: new Fill({ color: 'rgba(255, 255, 255, 0.3)' }),
        image: isPoint
          ? new Circle({ radius: (label ? 5 : 2.5) * mm, fill: new Fill({ color: colour }), stroke: new Stroke({ color: '#fff', width: 0.6 * mm }) })
          : undefined,
        text: label && isPoint ? new Text({ text: label, fill: new Fill({ color: '#fff' }), font: `bold ${5 * mm}px system-ui, sans-serif` }) : undefined,
      }),
    ];
  }

  /** The staff gesture: holding the status bar for three seconds asks whether to leave table mode. */
  protected holdStart(): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = setTimeout(() => this.leaving.set(true), HOLD_TO_LEAVE_MS);
  }

  protected holdEnd(): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
  }

  protected leave(): void {
    this.leaving.set(false);
    this.state.set('left');
    this.document.documentElement.classList.remove('sd-table-mode');
    if (this.document.fullscreenElement) void this.document.exitFullscreen().catch(() => undefined);
  }

  protected resume(): void {
    this.document.documentElement.classList.add('sd-table-mode');
    this.state.set('open');
  }

  protected switchLanguage(): void {
    this.translator.use(this.translator.language() === 'de' ? 'en' : 'de');
  }
}
