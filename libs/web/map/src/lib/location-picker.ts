import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import {
  Category,
  ContributionClusterCollection,
  ContributionFeatureCollection,
  ContributionGeometry,
  ContributionGeometryType,
  MapConfiguration,
  MultiPolygon,
  Position,
} from '@stadtdialog/shared/contract';
import { Coordinate } from 'ol/coordinate';
import Feature, { FeatureLike } from 'ol/Feature';
import { Geometry, LineString, MultiPoint, Point, Polygon } from 'ol/geom';
import { getHeight, getWidth, isEmpty } from 'ol/extent';
import DoubleClickZoom from 'ol/interaction/DoubleClickZoom';
import KeyboardPan from 'ol/interaction/KeyboardPan';
import Modify from 'ol/interaction/Modify';
import VectorLayer from 'ol/layer/Vector';
import OlMap from 'ol/Map';
import { EventsKey } from 'ol/events';
import { unByKey } from 'ol/Observable';
import { fromLonLat, Projection, toLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import { Circle, Fill, Stroke, Style } from 'ol/style';
import { LAYER_ID } from './layer-factory';
import { MapViewport, PLANNING_AREA_LAYER_ID, ProcedureMap, ProcedureMapLabels } from './procedure-map';

export const SKETCH_LAYER_ID = 'location-sketch';
export const SKETCH_COLOUR = '#c43e00';
/** Pixels within which a click on the last (or, for a polygon, the first) vertex finishes the shape. */
const FINISH_TOLERANCE = 10;
/** Pixels within which a place counts as the same as a corner already set (the keyboard: the same spot). */
const SAME_SPOT = 1;
/**
 * An arrow key moves the crosshair by this many pixels of the current zoom (a few metres close up,
 * tens of metres at the planning area's scale), never more than a fiftieth of the planning area's
 * smaller side; with Shift five times as far.
 */
export const KEYBOARD_STEP_PIXELS = 10;
export const KEYBOARD_STEP_AREA_FRACTION = 1 / 50;
export const KEYBOARD_LARGE_STEP = 5;

/** Vertices needed before a shape can be finished. */
export const MIN_VERTICES: Record<ContributionGeometryType, number> = { Point: 1, LineString: 2, Polygon: 3 };

/** The location as it is being placed. */
export interface LocationSketch {
  /** the finished geometry in lon/lat, or null while unfinished or empty */
  geometry: ContributionGeometry | null;
  vertexCount: number;
  complete: boolean;
}

interface SketchState {
  vertices: Coordinate[];
  complete: boolean;
}

const EMPTY: SketchState = { vertices: [], complete: false };

const sketchStyle = (feature: FeatureLike): Style[] => {
  const geometry = feature.getGeometry();
  const styles = [
    new Style({ stroke: new Stroke({ color: '#ffffff', width: 7 }), fill: new Fill({ color: 'rgba(196, 62, 0, 0.25)' }) }),
    new Style({ stroke: new Stroke({ color: SKETCH_COLOUR, width: 4, lineDash: feature.get('preview') ? [6, 6] : undefined }) }),
  ];
  if (!geometry || feature.get('preview')) return styles;
  const vertices =
    geometry instanceof Point
      ? [geometry.getCoordinates()]
      : geometry instanceof LineString
        ? geometry.getCoordinates()
        : geometry instanceof Polygon
          ? geometry.getCoordinates()[0].slice(0, -1)
          : [];
  styles.push(
    new Style({
      geometry: new MultiPoint(vertices),
      image: new Circle({
        radius: geometry instanceof Point ? 10 : 7,
        fill: new Fill({ color: SKETCH_COLOUR }),
        stroke: new Stroke({ color: '#ffffff', width: 3 }),
      }),
    }),
  );
  return styles;
};

/**
 * Placing a contribution's location on the procedure map: a click or tap sets a point or adds a
 * vertex; lines and polygons are finished by clicking their last (polygon: first) vertex again or by
 * `finish()`. Finished shapes can be edited by dragging vertices; every step can be undone. From the
 * keyboard, arrow keys move the map under a crosshair at its centre and Enter places a vertex there.
 */
@Component({
  selector: 'sd-location-picker',
  imports: [ProcedureMap],
  template: `<sd-procedure-map
    class="sd-location-picker__map"
    [configuration]="configuration()"
    [planningArea]="planningArea()"
    [contributions]="contributions()"
    [categories]="categories()"
    [labels]="labels()"
    [selectable]="false"
    [describedBy]="describedBy()"
    (viewportChange)="viewportChange.emit($event)"
  >
    <div class="sd-location-picker__crosshair" aria-hidden="true"></div>
  </sd-procedure-map>`,
  styles: `
    :host {
      display: block;
      position: relative;
    }
    .sd-location-picker__map {
      height: 100%;
      /* the page sets the picker's height (and its minimum) */
      min-height: 0;
    }
    .sd-location-picker__crosshair {
      display: none;
      position: absolute;
      left: 50%;
      top: 50%;
      width: 44px;
      height: 44px;
      margin: -22px 0 0 -22px;
      pointer-events: none;
      background:
        linear-gradient(#1a1a1a, #1a1a1a) center / 3px 100% no-repeat,
        linear-gradient(#1a1a1a, #1a1a1a) center / 100% 3px no-repeat;
      border-radius: 50%;
      outline: 2px solid #ffffff;
      box-shadow: 0 0 0 4px rgba(26, 26, 26, 0.6);
    }
    :host ::ng-deep .sd-procedure-map__viewport:focus ~ .sd-location-picker__crosshair {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LocationPicker {
  readonly configuration = input.required<MapConfiguration>();
  readonly planningArea = input<MultiPolygon | null>(null);
  /** the procedure's contributions of the view, shown so that a resident sees what is there already */
  readonly contributions = input<ContributionFeatureCollection | ContributionClusterCollection | null>(null);
  readonly categories = input<Category[]>([]);
  readonly labels = input.required<ProcedureMapLabels>();
  readonly describedBy = input<string | null>(null);
  /** the kind of shape to place */
  readonly type = input<ContributionGeometryType>('Point');
  /** the location placed before (a stored draft); shown finished and editable */
  readonly geometry = input<ContributionGeometry | null>(null);

  readonly sketchChange = output<LocationSketch>();
  /** a corner was refused: one is already at that spot */
  readonly duplicate = output<void>();
  /** the view settled: what to load for it */
  readonly viewportChange = output<MapViewport>();

  private readonly procedureMap = viewChild.required(ProcedureMap);
  private readonly state = signal<SketchState>(EMPTY);
  private readonly history = signal<SketchState[]>([]);
  private readonly source = new VectorSource<Feature<Geometry>>();
  private readonly previewSource = new VectorSource<Feature<Geometry>>();
  private readonly modify = new Modify({ source: this.source, pixelTolerance: 12 });
  private lastEmitted: string | null = null;
  private projection: Projection | null = null;

  readonly vertexCount = computed(() => this.state().vertices.length);
  readonly complete = computed(() => this.state().complete);
  readonly canUndo = computed(() => this.history().length > 0);
  readonly canFinish = computed(
    () => !this.state().complete && this.state().vertices.length >= MIN_VERTICES[this.type()],
  );

  constructor() {
    let listeners: EventsKey[] = [];
    let keydownTarget: HTMLElement | null = null;
    const onKeydown = (event: KeyboardEvent) => this.onKeydown(event);
    inject(DestroyRef).onDestroy(() => {
      unByKey(listeners);
      keydownTarget?.removeEventListener('keydown', onKeydown);
    });

    effect(() => {
      const map = this.procedureMap().olMap();
      if (!map) return;
      untracked(() => {
        this.projection = map.getView().getProjection();
        map.addLayer(
          new VectorLayer({ source: this.previewSource, style: sketchStyle, properties: { [LAYER_ID]: `${SKETCH_LAYER_ID}-preview` } }),
        );
        map.addLayer(new VectorLayer({ source: this.source, style: sketchStyle, properties: { [LAYER_ID]: SKETCH_LAYER_ID } }));
        map.addInteraction(this.modify);
        // Clicks place vertices here; a quick second click must not zoom. The arrow keys move the
        // crosshair by steps of their own (onKeydown), not OpenLayers' 128 pixels.
        map.getInteractions().forEach((interaction) => {
          if (interaction instanceof DoubleClickZoom || interaction instanceof KeyboardPan) interaction.setActive(false);
        });
        listeners = [
          map.on('click', (event) => this.place(event.coordinate, map)),
          map.on('pointermove', (event) => this.preview(event.dragging ? null : event.coordinate)),
          map.on('change:view', () => (this.projection = map.getView().getProjection())),
        ];
        this.modify.on('modifyend', () => this.readModified());
        keydownTarget = map.getTargetElement() ?? null;
        keydownTarget?.addEventListener('keydown', onKeydown);
        this.loadGeometry(this.geometry());
      });
    });

    // The type changed: what was drawn does not fit it any more.
    let previousType: ContributionGeometryType | null = null;
    effect(() => {
      const type = this.type();
      untracked(() => {
        if (previousType !== null && previousType !== type && this.state().vertices.length) {
          this.history.set([]);
          this.commit(EMPTY, false);
          this.emit();
        }
        previousType = type;
      });
    });

    effect(() => {
      const geometry = this.geometry();
      untracked(() => {
        if (JSON.stringify(geometry) !== this.lastEmitted) this.loadGeometry(geometry);
      });
    });

    effect(() => {
      const { vertices, complete } = this.state();
      this.render(vertices, complete);
      this.modify.setActive(complete);
    });
  }

  /** Moves the map to a place an address search found; for a point, the point is set there too. */
  showPlace(place: { lon: number; lat: number; bbox: [number, number, number, number] | null }): void {
    this.procedureMap().showPlace(place, false);
    if (this.type() === 'Point') this.addVertexAtCentre();
  }

  /** Places a vertex at the centre of the map: the keyboard path, also offered as a button. */
  addVertexAtCentre(): void {
    const map = this.procedureMap().olMap();
    const centre = map?.getView().getCenter();
    if (map && centre) this.place(centre, map, true);
  }

  undo(): void {
    const history = this.history();
    if (!history.length) return;
    this.history.set(history.slice(0, -1));
    this.state.set(history[history.length - 1]);
    this.emit();
  }

  finish(): void {
    if (this.canFinish()) this.commit({ vertices: this.state().vertices, complete: true });
  }

  clear(): void {
    if (this.state().vertices.length) this.commit(EMPTY);
  }

  /** The distance in map units an arrow key moves the crosshair now. */
  keyboardStep(large = false): number {
    const map = this.procedureMap().olMap();
    const resolution = map?.getView().getResolution() ?? 1;
    let step = resolution * KEYBOARD_STEP_PIXELS;
    const area = map
      ?.getAllLayers()
      .find((layer) => layer.get(LAYER_ID) === PLANNING_AREA_LAYER_ID)
      ?.getSource() as VectorSource | null | undefined;
    const extent = area?.getFeatures().length ? area.getExtent() : null;
    if (extent && !isEmpty(extent)) step = Math.min(step, Math.min(getWidth(extent), getHeight(extent)) * KEYBOARD_STEP_AREA_FRACTION);
    return large ? step * KEYBOARD_LARGE_STEP : step;
  }

  private moveCrosshair(key: string, large: boolean): void {
    const view = this.procedureMap().olMap()?.getView();
    const centre = view?.getCenter();
    if (!view || !centre) return;
    const step = this.keyboardStep(large);
    const [dx, dy] = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[key] ?? [0, 0];
    view.setCenter([centre[0] + dx, centre[1] + dy]);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.target !== event.currentTarget) return;
    if (event.key.startsWith('Arrow') && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      this.moveCrosshair(event.key, event.shiftKey);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.addVertexAtCentre();
    } else if (event.key === 'Backspace' && this.canUndo()) {
      event.preventDefault();
      this.undo();
    }
  }

  /**
   * A click, tap or Enter at `coordinate`: a point goes there; a line or polygon gets a corner, or is
   * finished when it is placed on its last corner (a polygon also: its first) once it has enough of
   * them. A corner where one already is, is refused (`duplicate`).
   */
  private place(coordinate: Coordinate, map: OlMap, fromKeyboard = false): void {
    const { vertices, complete } = this.state();
    const type = this.type();
    if (type === 'Point') {
      this.commit({ vertices: [coordinate], complete: true });
      return;
    }
    if (complete) return;
    // In view units, so that it also holds for a map without a size (pixels need one).
    const resolution = map.getView().getResolution() ?? 1;
    const within = (vertex: Coordinate, pixels: number) =>
      Math.hypot(vertex[0] - coordinate[0], vertex[1] - coordinate[1]) <= pixels * resolution;
    const finishing = type === 'Polygon' ? [vertices[0], vertices[vertices.length - 1]] : [vertices[vertices.length - 1]];
    const tolerance = fromKeyboard ? SAME_SPOT : FINISH_TOLERANCE;
    if (vertices.length >= MIN_VERTICES[type] && finishing.some((vertex) => within(vertex, tolerance))) {
      this.commit({ vertices, complete: true });
      return;
    }
    if (vertices.some((vertex) => within(vertex, SAME_SPOT))) {
      this.duplicate.emit();
      return;
    }
    this.commit({ vertices: [...vertices, coordinate], complete: false });
  }

  private preview(coordinate: Coordinate | null): void {
    this.previewSource.clear();
    const { vertices, complete } = this.state();
    if (!coordinate || complete || !vertices.length || this.type() === 'Point') return;
    const last = vertices[vertices.length - 1];
    const feature = new Feature<Geometry>(new LineString([last, coordinate]));
    feature.set('preview', true);
    this.previewSource.addFeature(feature);
  }

  private commit(next: SketchState, remember = true): void {
    const current = this.state();
    if (current === next || (current.vertices.length === 0 && next.vertices.length === 0)) {
      this.state.set(next);
      if (remember) this.emit();
      return;
    }
    if (remember) this.history.update((history) => [...history, current].slice(-50));
    this.state.set(next);
    this.emit();
  }

  private readModified(): void {
    const geometry = this.source.getFeatures()[0]?.getGeometry();
    if (!geometry) return;
    const vertices =
      geometry instanceof Point
        ? [geometry.getCoordinates()]
        : geometry instanceof LineString
          ? geometry.getCoordinates()
          : geometry instanceof Polygon
            ? geometry.getCoordinates()[0].slice(0, -1)
            : [];
    this.commit({ vertices, complete: true });
  }

  private render(vertices: Coordinate[], complete: boolean): void {
    this.source.clear();
    this.previewSource.clear();
    if (!vertices.length) return;
    const type = this.type();
    let geometry: Geometry;
    if (type === 'Point' || vertices.length === 1) geometry = new Point(vertices[0]);
    else if (type === 'Polygon' && (complete || vertices.length >= 3)) geometry = new Polygon([[...vertices, vertices[0]]]);
    else geometry = new LineString(vertices);
    this.source.addFeature(new Feature(geometry));
  }

  private emit(): void {
    const { vertices, complete } = this.state();
    const geometry = complete ? this.toGeoJson(vertices) : null;
    this.lastEmitted = JSON.stringify(geometry);
    this.sketchChange.emit({ geometry, vertexCount: vertices.length, complete });
  }

  private toGeoJson(vertices: Coordinate[]): ContributionGeometry | null {
    const projection = this.projection;
    if (!projection || !vertices.length) return null;
    const lonLat = vertices.map((v): Position => {
      const [lon, lat] = toLonLat(v, projection);
      return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
    });
    switch (this.type()) {
      case 'Point':
        return { type: 'Point', coordinates: lonLat[0] };
      case 'LineString':
        return { type: 'LineString', coordinates: lonLat };
      case 'Polygon':
        return { type: 'Polygon', coordinates: [[...lonLat, lonLat[0]]] };
    }
  }

  private loadGeometry(geometry: ContributionGeometry | null): void {
    const projection = this.projection;
    if (!projection) return;
    this.lastEmitted = JSON.stringify(geometry);
    this.history.set([]);
    if (!geometry || geometry.type !== this.type()) {
      this.state.set(EMPTY);
      return;
    }
    const toView = (p: Position) => fromLonLat([p[0], p[1]], projection);
    const vertices =
      geometry.type === 'Point'
        ? [toView(geometry.coordinates)]
        : geometry.type === 'LineString'
          ? geometry.coordinates.map(toView)
          : geometry.coordinates[0].slice(0, -1).map(toView);
    this.state.set({ vertices, complete: true });
  }
}
