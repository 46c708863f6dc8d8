import { Coordinate } from 'ol/coordinate';
import Interaction from 'ol/interaction/Interaction';
import OlMap from 'ol/Map';
import { FingerGestures, ScreenPoint } from './finger-gestures';

export interface TableTap {
  /** pixel on the map */
  pixel: ScreenPoint;
  /** the map coordinate under it, in the view projection */
  coordinate: Coordinate;
  /** where on the screen (client coordinates), to find the nearest seat */
  client: ScreenPoint;
}

export interface TableNavigationOptions {
  tapSlop: number;
  tapMs: number;
  onTap: (tap: TableTap) => void;
}

/**
 * Pan and pinch for a shared touch-table map, replacing OpenLayers' DragPan and PinchZoom (which
 * take every finger on the page into one gesture, and only the primary pointer for panning). It
 * counts only the pointers that went down on this map's viewport and captures them there, so a
 * finger that slides over a seat panel stays this map's; fingers that went down on panels never
 * reach it. Taps are reported even while another finger drags.
 */
export class TableNavigation extends Interaction {
  private readonly gestures: FingerGestures;
  private detach: (() => void) | null = null;

  constructor(private readonly options: TableNavigationOptions) {
    super();
    this.gestures = new FingerGestures({ tapSlop: options.tapSlop, tapMs: options.tapMs });
  }

  override setMap(map: OlMap | null): void {
    this.detach?.();
    this.detach = null;
    super.setMap(map);
    if (map) this.attach(map);
  }

  private attach(map: OlMap): void {
    const viewport: HTMLElement | undefined = map.getViewport();
    if (!viewport) return;
    const local = (event: PointerEvent): ScreenPoint => {
      const rect = viewport.getBoundingClientRect();
      return [event.clientX - rect.left, event.clientY - rect.top];
    };
    const down = (event: PointerEvent) => {
      if (event.pointerType === 'mouse' && event.button !== 0) return;
      // The zoom buttons and attribution are controls, not map.
      if ((event.target as Element | null)?.closest?.('.ol-control')) return;
      try {
        viewport.setPointerCapture(event.pointerId);
      } catch {
        // A pointer that is already gone cannot be captured; its pointerup follows anyway.
      }
      if (this.gestures.count === 0) map.getView().beginInteraction();
      this.gestures.down(event.pointerId, local(event), event.timeStamp);
    };
    const move = (event: PointerEvent) => {
      if (!this.gestures.has(event.pointerId)) return;
      const step = this.gestures.move(event.pointerId, local(event), event.timeStamp);
      if (!step) return;
      const view = map.getView();
      const resolution = view.getResolution();
      if (resolution === undefined) return;
      view.adjustCenter([-step.pan[0] * resolution, step.pan[1] * resolution]);
      if (step.scale !== 1) {
        const anchor = map.getCoordinateFromPixel(step.anchor);
        if (anchor) view.adjustResolution(1 / step.scale, anchor);
      }
    };
    const up = (event: PointerEvent) => {
      if (!this.gestures.has(event.pointerId)) return;
      const pixel = local(event);
      const tap = event.type === 'pointerup' && this.gestures.up(event.pointerId, pixel, event.timeStamp);
      if (event.type !== 'pointerup') this.gestures.cancel(event.pointerId);
      if (this.gestures.count === 0) map.getView().endInteraction(200);
      if (tap) {
        const coordinate = map.getCoordinateFromPixel(pixel);
        if (coordinate) this.options.onTap({ pixel, coordinate, client: [event.clientX, event.clientY] });
      }
    };
    // The end of a finger is taken wherever it is dispatched (a lost capture sends it elsewhere,
    // where a panel may stop it), so no finger stays counted after it lifted.
    const document = viewport.ownerDocument;
    viewport.addEventListener('pointerdown', down);
    viewport.addEventListener('pointermove', move);
    document.addEventListener('pointerup', up, true);
    document.addEventListener('pointercancel', up, true);
    viewport.addEventListener('lostpointercapture', up);
    this.detach = () => {
      viewport.removeEventListener('pointerdown', down);
      viewport.removeEventListener('pointermove', move);
      document.removeEventListener('pointerup', up, true);
      document.removeEventListener('pointercancel', up, true);
      viewport.removeEventListener('lostpointercapture', up);
    };
  }
}
