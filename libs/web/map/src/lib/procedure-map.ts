import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  output,
  PendingTasks,
  signal,
  untracked,
  viewChild,
  ViewEncapsulation,
} from '@angular/core';
import {
  Category,
  ContributionClusterCollection,
  ContributionFeatureCollection,
  ContributionGeometry,
  FeatureCollection,
  MAP_LOADING,
  MapConfiguration,
  MultiPolygon,
} from '@stadtdialog/shared/contract';
import { defaults as defaultInteractions } from 'ol/interaction/defaults';
import { boundingExtent, Extent, isEmpty } from 'ol/extent';
import Feature, { FeatureLike } from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import { Geometry, Point } from 'ol/geom';
import BaseLayer from 'ol/layer/Base';
import LayerGroup from 'ol/layer/Group';
import VectorLayer from 'ol/layer/Vector';
import OlMap from 'ol/Map';
import MapBrowserEvent from 'ol/MapBrowserEvent';
import { fromLonLat, transformExtent } from 'ol/proj';
import Cluster from 'ol/source/Cluster';
import VectorSource from 'ol/source/Vector';
import View from 'ol/View';
import { createConfiguredLayers, LAYER_ID, LAYER_ROLE } from './layer-factory';
import { resetMapControls } from './map-controls';
import { loadProjections, projectionPending, resolveProjection } from './projections';
import { CategoryLook, clusterStyle, createContributionStyle, planningAreaStyle } from './styles';

/** Ids of the layers the map draws itself, next to the configured ones. */
export const PLANNING_AREA_LAYER_ID = 'planning-area';
/** All contributions are in this layer's source; it draws lines and polygons. */
export const CONTRIBUTIONS_LAYER_ID = 'contributions';
/** Point contributions, clustered where they crowd. */
export const CONTRIBUTION_POINTS_LAYER_ID = 'contribution-points';
/** Planned buildings, paths and areas (a variant's geometries), each in its `colour`. */
export const PLANNED_FEATURES_LAYER_ID = 'planned-features';
/** Set on a shared view once it was fitted to the planning area, so a second map does not move it back. */
const FITTED = 'sd-fitted';

/** Pixels within which points merge into a cluster. */
export const CLUSTER_DISTANCE = 32;
const MAX_FIT_ZOOM = 18;
/** The closest a contribution shown from the list brings the view. */
const MAX_REVEAL_ZOOM = 19;
/** Web Mercator metres per pixel at zoom 0 (256-pixel tiles). */
const ZOOM_0_RESOLUTION = 156543.03392804097;

/** Longest a task that puts an answer on the map runs before it lets the browser draw (ms). */
const APPLY_SLICE_MS = 8;
/** Features read, added or removed between two looks at the clock. */
const APPLY_BATCH = 100;

/** Yielded by a step of putting an answer on the map that should start a task of its own. */
const OWN_TASK = Symbol('own task');

/**
 * A cluster source that can be told to wait: while held, changes of its source (and of the
 * resolution) do not regroup it; released, it regroups once if anything changed. An answer goes
 * onto the map in several tasks, and regrouping after each of them would cost more than the
 * answer itself.
 */
class HeldCluster<F extends Feature<Geometry>> extends Cluster<F> {
  private held = false;
  private stale = false;

  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    if (this.stale) this.refresh();
  }

  override refresh(): void {
    this.stale = this.held;
    if (!this.held) super.refresh();
  }
}

/** What the map shows: its extent in WGS 84 and its zoom as a Web Mercator tile zoom, whatever the view's projection. */
export interface MapViewport {
  bbox: [minLon: number, minLat: number, maxLon: number, maxLat: number];
  zoom: number;
}

/** Contributions a marker stands for: a server cluster's count, else one. */
function countOf(feature: FeatureLike): number {
  return Number(feature.get('count') ?? 1);
}

export interface ProcedureMapLabels {
  /** accessible name of the map region */
  map: string;
  zoomIn: string;
  zoomOut: string;
  attributions: string;
}

/** What the resident set in the layer switcher for one configured layer. */
export interface LayerSetting {
  visible: boolean;
  opacity: number;
}
export type LayerSettings = Readonly<Record<string, LayerSetting>>;

const defaultLabels: ProcedureMapLabels = {
  map: 'Karte',
  zoomIn: 'Vergrößern',
  zoomOut: 'Verkleinern',
  attributions: 'Quellenangaben',
};

const FIT_PADDING = [32, 32, 32, 32];

/** The host element carries the OpenLayers map, so browser tests can read what is drawn. */
export type ProcedureMapElement = HTMLElement & { olMap?: OlMap };

/**
 * The procedure map: configured base layers and plan overlays, the planning area outline and the
 * contributions in their category colours and icons, in the configured view projection. Points
 * cluster where they crowd; hovering and selecting outline a contribution.
 */
@Component({
  selector: 'sd-procedure-map',
  template: `<div
      #viewport
      class="sd-procedure-map__viewport"
      role="region"
      tabindex="0"
      [attr.aria-label]="labels().map"
      [attr.aria-describedby]="describedBy()"
    ></div>
    <ng-content />`,
  styleUrl: './procedure-map.css',
  // OpenLayers creates its controls outside Angular's templates; emulated styles would miss them.
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProcedureMap {
  readonly configuration = input.required<MapConfiguration>();
  readonly planningArea = input<MultiPolygon | null>(null);
  /** the contributions of the view: features, or the server's clusters (features with a `count`) where zoomed out */
  readonly contributions = input<ContributionFeatureCollection | ContributionClusterCollection | null>(null);
  readonly categories = input<Category[]>([]);
  readonly labels = input<ProcedureMapLabels>(defaultLabels);
  /** visibility and opacity per configured layer id, over the configuration's own */
  readonly layerSettings = input<LayerSettings>({});
  /** outlined, e.g. the contribution hovered or focused in the list */
  readonly highlightedId = input<string | null>(null);
  /** outlined, the contribution chosen on the map or in the list */
  readonly selectedId = input<string | null>(null);
  /** whether clicking a contribution selects it (off while a location is placed) */
  readonly selectable = input(true);
  /** the view opens on this geometry instead of the planning area */
  readonly fitTo = input<ContributionGeometry | null>(null);
  /** id of an element describing the map, e.g. keyboard help */
  readonly describedBy = input<string | null>(null);
  /** planned features (e.g. a variant's buildings and paths), drawn under the contributions in their `colour` property */
  readonly plannedFeatures = input<FeatureCollection<ContributionGeometry, { colour: string; label: string }> | null>(null);
  /**
   * One OpenLayers view for several maps (see `createSharedView`): they pan and zoom together. It is
   * fitted to the planning area once; switching what a map shows keeps where it looks.
   */
  readonly sharedView = input<View | null>(null);

  /** a contribution was clicked (its id), or empty map (null) */
  readonly contributionSelect = output<string | null>();
  /** a clicked cluster whose contributions lie on one spot, too close for any zoom to part: their ids */
  readonly spotSelect = output<string[]>();
  /** the view settled (after a pan, zoom, fit or resize): what to load for it */
  readonly viewportChange = output<MapViewport>();

  private readonly host = inject<ElementRef<ProcedureMapElement>>(ElementRef);
  private readonly viewport = viewChild.required<ElementRef<HTMLElement>>('viewport');
  private readonly map = signal<OlMap | null>(null);
  /** the OpenLayers map once it exists, for components that add interactions to it */
  readonly olMap = this.map.asReadonly();
  private readonly geoJson = new GeoJSON();
  private readonly hoveredId = signal<string | null>(null);
  /** a point being shown on request: looked at again once the features of the new view arrive */
  private revealing: { id: string; coordinate: number[] } | null = null;
  /** asked for while the map had no size (a hidden tab): done once it has one */
  private revealWhenSized: { geometry: ContributionGeometry; id: string } | null = null;

  private readonly configuredLayers = new LayerGroup();
  private readonly planningAreaSource = new VectorSource<Feature<Geometry>>();
  private readonly plannedSource = new VectorSource<Feature<Geometry>>();
  private readonly contributionSource = new VectorSource<Feature<Geometry>>();
  /** what each shown contribution feature was made from (its geometry and properties), by id */
  private shownContent = new Map<string, string>();
  private shownProjection: unknown = null;
  private readonly clusterSource = new HeldCluster<Feature<Geometry>>({
    source: this.contributionSource,
    distance: CLUSTER_DISTANCE,
    geometryFunction: (feature) => {
      const geometry = feature.getGeometry();
      return geometry instanceof Point ? geometry : null;
    },
  });
  private readonly contributionLayer = new VectorLayer({
    source: this.contributionSource,
    properties: { [LAYER_ID]: CONTRIBUTIONS_LAYER_ID, [LAYER_ROLE]: 'contributions' },
  });
  private readonly pointLayer = new VectorLayer({
    source: this.clusterSource,
    properties: { [LAYER_ID]: CONTRIBUTION_POINTS_LAYER_ID, [LAYER_ROLE]: 'contributions' },
  });

  private readonly projection = computed(() => resolveProjection(this.configuration().projection));
  private readonly view = computed(() => {
    const { center, zoom } = this.configuration();
    const projection = this.projection();
    return new View({ projection, center: fromLonLat(center, projection), zoom, maxZoom: 21 });
  });
  private readonly categoryLooks = computed(
    () => new Map<string, CategoryLook>(this.categories().map((c) => [c.id, { colour: c.colour, icon: c.icon }])),
  );
  private readonly highlighted = computed(
    () => new Set([this.hoveredId(), this.highlightedId(), this.selectedId()].filter((id): id is string => !!id)),
  );

  constructor() {
    let destroyed = false;
    afterNextRender(() => {
      // A view in a projection that needs proj4 waits for it: the map is never drawn in the wrong one.
      if (!projectionPending(this.configuration().projection)) this.createMap();
      else void loadProjections().then(() => destroyed || this.createMap());
    });
    inject(DestroyRef).onDestroy(() => {
      destroyed = true;
      this.map()?.setTarget(undefined);
    });

    effect(() => {
      const map = this.map();
      if (!map) return;
      const shared = this.sharedView();
      map.setView(shared ?? this.view());
      const layers = this.configuredLayers.getLayers();
      layers.clear();
      layers.extend(createConfiguredLayers(this.configuration().layers, this.projection()));
      untracked(() => {
        this.applyLayerSettings(this.layerSettings());
        if (!shared?.get(FITTED)) this.fit();
      });
    });

    effect(() => {
      const collection = this.plannedFeatures();
      const projection = this.projection();
      this.plannedSource.clear();
      if (collection) {
        this.plannedSource.addFeatures(this.geoJson.readFeatures(collection, { dataProjection: 'EPSG:4326', featureProjection: projection }));
      }
    });

    effect(() => this.applyLayerSettings(this.layerSettings()));

    effect(() => {
      const area = this.planningArea();
      this.projection();
      this.planningAreaSource.clear();
      if (area) this.planningAreaSource.addFeature(this.readFeature(area));
      untracked(() => this.fit());
    });

    effect(() => {
      this.fitTo();
      untracked(() => this.fit());
    });

    // A new answer goes onto the map in tasks of their own, after the change detection that brought
    // it: at most APPLY_SLICE_MS of reading, adding and removing features per task, so the browser
    // draws and takes input in between (2,000 features of a zoomed-in view were one task of 45 ms).
    // The cluster source regroups once, when the answer is in. The latest answer wins: a newer one
    // goes on from what the map holds by then. Tests and the app's stability wait for it (a pending
    // task). The first answer goes onto the empty map at once.
    const pendingTasks = inject(PendingTasks);
    let queued: { collection: ContributionFeatureCollection | ContributionClusterCollection | null; projection: ReturnType<typeof resolveProjection> } | null = null;
    let job: Iterator<unknown> | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let settled: (() => void) | null = null;
    const work = (budget: number) => {
      timer = null;
      try {
        if (destroyed) queued = job = null;
        if (queued) {
          this.clusterSource.hold();
          job = this.changeContributions(queued.collection, queued.projection);
          queued = null;
        }
        const started = performance.now();
        while (job && performance.now() - started < budget) {
          const step = job.next();
          if (step.done) job = null;
          else if (step.value === OWN_TASK && budget !== Infinity) break;
        }
        if (!job && !queued) {
          this.clusterSource.release();
          this.continueReveal();
        }
      } catch (error) {
        job = queued = null;
        this.clusterSource.release();
        throw error;
      } finally {
        if (job || queued) timer ??= setTimeout(() => work(APPLY_SLICE_MS));
        else {
          settled?.();
          settled = null;
        }
      }
    };
    inject(DestroyRef).onDestroy(() => {
      if (timer) clearTimeout(timer);
      settled?.();
    });
    effect(() => {
      queued = { collection: this.contributions(), projection: this.projection() };
      settled ??= pendingTasks.add();
      // the first contributions are drawn at once: nothing is on the map yet to share a task with
      if (this.contributionSource.isEmpty() && !timer && !job) untracked(() => work(Infinity));
      else timer ??= setTimeout(() => work(APPLY_SLICE_MS));
    });

    effect(() => {
      const highlighted = this.highlighted();
      const style = createContributionStyle(this.categoryLooks(), (id) => id !== undefined && highlighted.has(String(id)));
      this.contributionLayer.setStyle((feature, resolution) =>
        feature.getGeometry()?.getType() === 'Point' ? undefined : style(feature, resolution),
      );
      this.pointLayer.setStyle((feature, resolution) => {
        const members = (feature.get('features') ?? []) as FeatureLike[];
        const count = members.reduce((sum, m) => sum + countOf(m), 0);
        if (count === 1) return style(members[0], resolution);
        return clusterStyle(
          count,
          members.some((m) => highlighted.has(String(m.getId()))),
        );
      });
    });

    effect(() => {
      const map = this.map();
      if (map) resetMapControls(map, this.labels());
    });
  }

  /**
   * Puts a new answer on the map as a change, not anew: features whose id and content are as shown
   * stay (a pan at the same zoom keeps most clusters), only the others are read, added and removed,
   * APPLY_BATCH at a time; it yields between batches, and `shownContent` always says what the source
   * holds, so a newer answer can go on from wherever this one stopped. Reading and indexing every
   * feature again, and the cluster source regrouping after each step, was the longest task while
   * panning.
   */
  private *changeContributions(
    collection: ContributionFeatureCollection | ContributionClusterCollection | null,
    projection: ReturnType<typeof resolveProjection>,
  ): Generator<typeof OWN_TASK | undefined, void, void> {
    const source = this.contributionSource;
    if (!collection || projection !== this.shownProjection) {
      source.clear();
      this.shownContent.clear();
      this.shownProjection = projection;
    }
    if (!collection) return;
    const shown = new Map<string, string>();
    const fresh: (typeof collection.features)[number][] = [];
    for (const feature of collection.features) {
      if (feature.id === undefined || feature.id === null) {
        fresh.push(feature);
        continue;
      }
      const id = String(feature.id);
      const content = JSON.stringify([feature.geometry, feature.properties]);
      shown.set(id, content);
      if (this.shownContent.get(id) !== content || !source.getFeatureById(id)) fresh.push(feature);
    }
    const gone = source.getFeatures().filter((feature) => {
      if (feature.getId() === undefined) return true;
      const id = String(feature.getId());
      return !shown.has(id) || this.shownContent.get(id) !== shown.get(id);
    });
    yield;
    for (let i = 0; i < gone.length; i += APPLY_BATCH) {
      const batch = gone.slice(i, i + APPLY_BATCH);
      source.removeFeatures(batch);
      for (const feature of batch) if (feature.getId() !== undefined) this.shownContent.delete(String(feature.getId()));
      yield;
    }
    for (let i = 0; i < fresh.length; i += APPLY_BATCH) {
      const batch = fresh.slice(i, i + APPLY_BATCH);
      source.addFeatures(
        this.geoJson.readFeatures({ type: 'FeatureCollection', features: batch }, { dataProjection: 'EPSG:4326', featureProjection: projection }),
      );
      for (const feature of batch) {
        if (feature.id !== undefined && feature.id !== null) this.shownContent.set(String(feature.id), shown.get(String(feature.id)) ?? '');
      }
      yield;
    }
    // regrouping 2,000 points takes about 13 ms: in a task of its own, not after a full slice
    yield OWN_TASK;
    this.clusterSource.release();
  }

  private createMap(): void {
    const map = new OlMap({
      target: this.viewport().nativeElement,
      controls: [],
      // OpenLayers' own default pans and zooms only once the focusable map has the focus, so the
      // first drag of a finger (which only focuses it) did nothing: the map reacts at once.
      interactions: defaultInteractions({ onFocusOnly: false }),
      layers: [
        this.configuredLayers,
        new VectorLayer({
          source: this.planningAreaSource,
          style: planningAreaStyle,
          properties: { [LAYER_ID]: PLANNING_AREA_LAYER_ID, [LAYER_ROLE]: 'planning-area' },
        }),
        new VectorLayer({
          source: this.plannedSource,
          style: createContributionStyle(),
          properties: { [LAYER_ID]: PLANNED_FEATURES_LAYER_ID, [LAYER_ROLE]: 'planned' },
        }),
        this.contributionLayer,
        this.pointLayer,
      ],
    });
    // A map created while hidden (the list tab on a phone) has no size yet: fit once it has one.
    let fitted = false;
    map.on('change:size', () => {
      const [width, height] = map.getSize() ?? [0, 0];
      if (width === 0 || height === 0) return;
      const pending = this.revealWhenSized;
      this.revealWhenSized = null;
      if (!fitted) {
        fitted = true;
        if (!pending && !this.sharedView()?.get(FITTED)) this.fit();
      }
      if (pending) this.reveal(pending.geometry, pending.id);
    });
    map.on('moveend', () => this.emitViewport(map));
    map.on('pointermove', (event) => this.onPointerMove(event));
    map.on('click', (event) => this.onClick(event));
    this.host.nativeElement.olMap = map;
    this.map.set(map);
  }

  /**
   * Brings a contribution into view, close enough that its marker stands alone: a point is centred
   * at the zoom where no other marker merges with it; a line or polygon is fitted into the view.
   */
  reveal(geometry: ContributionGeometry, id: string): void {
    const map = this.map();
    if (!map) return;
    const [width, height] = map.getSize() ?? [0, 0];
    if (width === 0 || height === 0) {
      this.revealWhenSized = { geometry, id };
      return;
    }
    const feature = this.geoJson.readFeature(
      { type: 'Feature', geometry, properties: {} },
      { dataProjection: 'EPSG:4326', featureProjection: this.projection() },
    ) as Feature<Geometry>;
    const shape = feature.getGeometry();
    if (!shape) return;
    const view = map.getView();
    const duration = this.animationDuration();
    if (shape instanceof Point) {
      const coordinate = shape.getCoordinates();
      this.revealing = { id, coordinate };
      view.animate({ center: coordinate, zoom: this.separatingZoom(coordinate, id), duration });
      return;
    }
    this.revealing = null;
    view.fit(shape.getExtent(), {
      size: [width, height],
      padding: [64, 64, 64, 64],
      maxZoom: Math.max(view.getZoom() ?? 0, 17),
      duration,
    });
  }

  /**
   * The zoom at which no other point lies within the cluster distance of `coordinate` (OpenLayers
   * clusters by a square of that many pixels), at least the zoom where the map loads single features.
   */
  private separatingZoom(coordinate: number[], id: string): number {
    const view = this.map()?.getView();
    const current = view?.getZoom() ?? MAP_LOADING.aggregateBelowZoom;
    let nearest = Infinity;
    for (const feature of this.contributionSource.getFeatures()) {
      const geometry = feature.getGeometry();
      if (!(geometry instanceof Point) || String(feature.getId()) === id) continue;
      const [x, y] = geometry.getCoordinates();
      nearest = Math.min(nearest, Math.max(Math.abs(x - coordinate[0]), Math.abs(y - coordinate[1])));
    }
    let zoom = Math.max(current, MAP_LOADING.aggregateBelowZoom);
    if (view && Number.isFinite(nearest)) {
      // A little more than the cluster distance, so rounding never merges them again.
      const separating = view.getZoomForResolution(nearest / (CLUSTER_DISTANCE * 1.25));
      if (separating !== undefined && Number.isFinite(separating)) zoom = Math.max(zoom, separating);
    }
    return Math.min(zoom, MAX_REVEAL_ZOOM);
  }

  /** The features of the revealed view arrived: closer still if a newly loaded neighbour merges with it. */
  private continueReveal(): void {
    const target = this.revealing;
    const view = this.map()?.getView();
    if (!target || !view) return;
    const centre = view.getCenter();
    const resolution = view.getResolution() ?? 0;
    // The resident moved the map meanwhile: leave it where they put it.
    if (!centre || Math.hypot(centre[0] - target.coordinate[0], centre[1] - target.coordinate[1]) > resolution * 2 || view.getAnimating()) {
      if (!view.getAnimating()) this.revealing = null;
      return;
    }
    this.revealing = null;
    const zoom = this.separatingZoom(target.coordinate, target.id);
    if (zoom > (view.getZoom() ?? 0) + 0.01) view.animate({ zoom, duration: this.animationDuration() });
  }

  /**
   * Shows a place an address search found: its box fills the map (up to zoom 18), the place itself in
   * the centre, so the crosshair of the location step is on it. `animate: false` moves at once.
   */
  showPlace(place: { lon: number; lat: number; bbox: [number, number, number, number] | null }, animate = true): void {
    const map = this.map();
    if (!map) return;
    const view = map.getView();
    const projection = view.getProjection();
    const center = fromLonLat([place.lon, place.lat], projection);
    let zoom = 17;
    const size = map.getSize();
    if (place.bbox && size && size[0] > 0 && size[1] > 0) {
      const extent = transformExtent(place.bbox, 'EPSG:4326', projection);
      const resolution = view.getResolutionForExtent(extent, [Math.max(1, size[0] - 64), Math.max(1, size[1] - 64)]);
      zoom = Math.min(18, Math.max(14, view.getZoomForResolution(resolution) ?? 17));
    }
    const duration = animate ? this.animationDuration() : 0;
    if (duration) view.animate({ center, zoom, duration });
    else {
      view.setCenter(center);
      view.setZoom(zoom);
    }
  }

  private animationDuration(): number {
    const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    return reduced ? 0 : 250;
  }

  /** Points the view at the configured focus or the planning area. */
  private fit(): void {
    const map = this.map();
    if (!map) return;
    const focus = this.fitTo();
    let extent: Extent | null = null;
    if (focus) {
      const feature = this.geoJson.readFeature(
        { type: 'Feature', geometry: focus, properties: {} },
        { dataProjection: 'EPSG:4326', featureProjection: this.projection() },
      ) as Feature<Geometry>;
      extent = feature.getGeometry()?.getExtent() ?? null;
    } else if (this.planningAreaSource.getFeatures().length) {
      extent = this.planningAreaSource.getExtent();
    }
    if (!extent || isEmpty(extent)) return;
    // Without a size yet (hidden, or not laid out) the view still centres; the zoom follows on resize.
    const size = map.getSize();
    const sized = size && size[0] > 0 && size[1] > 0 ? size : undefined;
    map.getView().fit(extent, { size: sized, padding: FIT_PADDING, maxZoom: focus ? 17 : MAX_FIT_ZOOM });
    if (!sized) return;
    this.sharedView()?.set(FITTED, true);
    // The view is known now: its contributions are asked for at once, not after the first frame is drawn.
    this.emitViewport(map);
  }

  private emitViewport(map: OlMap): void {
    const size = map.getSize();
    if (!size || size[0] === 0 || size[1] === 0) return;
    const view = map.getView();
    const [minLon, minLat, maxLon, maxLat] = transformExtent(view.calculateExtent(size), view.getProjection(), 'EPSG:4326');
    const clamp = (value: number, limit: number) => Math.max(-limit, Math.min(limit, value));
    const bbox: MapViewport['bbox'] = [clamp(minLon, 180), clamp(minLat, 85), clamp(maxLon, 180), clamp(maxLat, 85)];
    // The zoom of a Web Mercator map showing the same longitudes over the same pixels.
    const mercatorMetres = ((bbox[2] - bbox[0]) * Math.PI * 6378137) / 180;
    const zoom = Math.log2(ZOOM_0_RESOLUTION / (mercatorMetres / size[0]));
    if (bbox[0] < bbox[2] && bbox[1] < bbox[3] && Number.isFinite(zoom)) this.viewportChange.emit({ bbox, zoom });
  }

  private applyLayerSettings(settings: LayerSettings): void {
    this.configuredLayers.getLayers().forEach((layer: BaseLayer) => {
      const setting = settings[layer.get(LAYER_ID)];
      if (!setting) return;
      layer.setVisible(setting.visible);
      layer.setOpacity(setting.opacity);
    });
  }

  private contributionAt(event: MapBrowserEvent): FeatureLike | null {
    return (
      event.map.forEachFeatureAtPixel(event.pixel, (feature) => feature, {
        layerFilter: (layer) => layer === this.pointLayer || layer === this.contributionLayer,
        hitTolerance: 4,
      }) ?? null
    );
  }

  private onPointerMove(event: MapBrowserEvent): void {
    if (event.dragging || !this.selectable()) return;
    const feature = this.contributionAt(event);
    const members = (feature?.get('features') as FeatureLike[] | undefined) ?? (feature ? [feature] : []);
    const id = members.length === 1 && countOf(members[0]) === 1 ? String(members[0].getId()) : null;
    if (id !== this.hoveredId()) this.hoveredId.set(id);
    this.viewport().nativeElement.style.cursor = feature ? 'pointer' : '';
  }

  private onClick(event: MapBrowserEvent): void {
    if (!this.selectable()) return;
    const feature = this.contributionAt(event);
    if (!feature) {
      this.contributionSelect.emit(null);
      return;
    }
    const members = feature.get('features') as FeatureLike[] | undefined;
    if (!members) {
      this.contributionSelect.emit(String(feature.getId()));
    } else if (members.length === 1 && countOf(members[0]) === 1) {
      this.contributionSelect.emit(String(members[0].getId()));
    } else {
      // A cluster opens up: zoom to its members (a server cluster alone: two levels closer around it).
      const extent = boundingExtent(members.map((m) => (m.getGeometry() as Point).getCoordinates()));
      const view = event.map.getView();
      const zoom = view.getZoom() ?? 15;
      const single = members.every((m) => countOf(m) === 1);
      // Members no zoom can part (the same spot, e.g. from a table's QR hand-off): they are listed instead.
      const partingResolution = Math.max(extent[2] - extent[0], extent[3] - extent[1]) / (CLUSTER_DISTANCE * 1.25);
      const closest = view.getResolutionForZoom(Math.min(MAX_REVEAL_ZOOM, view.getMaxZoom()));
      if (single && (partingResolution < closest || zoom >= MAX_REVEAL_ZOOM)) {
        this.spotSelect.emit(members.map((m) => String(m.getId())));
        return;
      }
      view.fit(extent, { size: event.map.getSize(), padding: [64, 64, 64, 64], maxZoom: zoom + (members.length === 1 ? 2 : 3), duration: 250 });
    }
  }

  private readFeature(area: MultiPolygon): Feature<Geometry> {
    return this.geoJson.readFeature(
      { type: 'Feature', geometry: area, properties: {} },
      { dataProjection: 'EPSG:4326', featureProjection: this.projection() },
    ) as Feature<Geometry>;
  }
}

/** A view that several `<sd-procedure-map>`s share (input `sharedView`), for the configuration's projection, centre and zoom. */
export function createSharedView(configuration: MapConfiguration): View {
  const projection = resolveProjection(configuration.projection);
  return new View({ projection, center: fromLonLat(configuration.center, projection), zoom: configuration.zoom, maxZoom: 21 });
}
