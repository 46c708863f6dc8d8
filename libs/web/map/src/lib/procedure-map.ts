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
  signal,
  viewChild,
  ViewEncapsulation,
} from '@angular/core';
import {
  Category,
  ContributionFeatureCollection,
  MapConfiguration,
  MultiPolygon,
} from '@stadtdialog/shared/contract';
import { defaults as defaultControls } from 'ol/control/defaults';
import { isEmpty } from 'ol/extent';
import Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import { Geometry } from 'ol/geom';
import LayerGroup from 'ol/layer/Group';
import VectorLayer from 'ol/layer/Vector';
import OlMap from 'ol/Map';
import { fromLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import View from 'ol/View';
import { createConfiguredLayers, LAYER_ID, LAYER_ROLE } from './layer-factory';
import { resolveProjection } from './projections';
import { createContributionStyle, planningAreaStyle } from './styles';

/** Ids of the layers the map draws itself, next to the configured ones. */
export const PLANNING_AREA_LAYER_ID = 'planning-area';
export const CONTRIBUTIONS_LAYER_ID = 'contributions';

export interface ProcedureMapLabels {
  /** accessible name of the map region */
  map: string;
  zoomIn: string;
  zoomOut: string;
  attributions: string;
}

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
 * contributions in their category colours, in the configured view projection.
 */
@Component({
  selector: 'sd-procedure-map',
  template: `<div
    #viewport
    class="sd-procedure-map__viewport"
    role="region"
    tabindex="0"
    [attr.aria-label]="labels().map"
  ></div>`,
  styleUrl: './procedure-map.css',
  // OpenLayers creates its controls outside Angular's templates; emulated styles would miss them.
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProcedureMap {
  readonly configuration = input.required<MapConfiguration>();
  readonly planningArea = input<MultiPolygon | null>(null);
  readonly contributions = input<ContributionFeatureCollection | null>(null);
  readonly categories = input<Category[]>([]);
  readonly labels = input<ProcedureMapLabels>(defaultLabels);

  private readonly host = inject<ElementRef<ProcedureMapElement>>(ElementRef);
  private readonly viewport = viewChild.required<ElementRef<HTMLElement>>('viewport');
  private readonly map = signal<OlMap | null>(null);
  private readonly geoJson = new GeoJSON();

  private readonly configuredLayers = new LayerGroup();
  private readonly planningAreaSource = new VectorSource<Feature<Geometry>>();
  private readonly contributionSource = new VectorSource<Feature<Geometry>>();
  private readonly contributionLayer = new VectorLayer({
    source: this.contributionSource,
    properties: { [LAYER_ID]: CONTRIBUTIONS_LAYER_ID, [LAYER_ROLE]: 'contributions' },
  });

  private readonly projection = computed(() => resolveProjection(this.configuration().projection));
  private readonly view = computed(() => {
    const { center, zoom } = this.configuration();
    const projection = this.projection();
    return new View({ projection, center: fromLonLat(center, projection), zoom });
  });
  private readonly categoryColours = computed(
    () => new Map(this.categories().map((category) => [category.id, category.colour])),
  );

  constructor() {
    afterNextRender(() => this.createMap());
    inject(DestroyRef).onDestroy(() => this.map()?.setTarget(undefined));

    effect(() => {
      const map = this.map();
      if (!map) return;
      map.setView(this.view());
      const layers = this.configuredLayers.getLayers();
      layers.clear();
      layers.extend(createConfiguredLayers(this.configuration().layers, this.projection()));
    });

    effect(() => {
      const map = this.map();
      const area = this.planningArea();
      const view = this.view();
      this.planningAreaSource.clear();
      if (!map || !area) return;
      this.planningAreaSource.addFeature(this.readFeature(area));
      const extent = this.planningAreaSource.getExtent();
      if (extent && !isEmpty(extent)) view.fit(extent, { size: map.getSize(), padding: FIT_PADDING });
    });

    effect(() => {
      const collection = this.contributions();
      const projection = this.projection();
      this.contributionSource.clear();
      if (collection) {
        this.contributionSource.addFeatures(
          this.geoJson.readFeatures(collection, { dataProjection: 'EPSG:4326', featureProjection: projection }),
        );
      }
    });

    effect(() => this.contributionLayer.setStyle(createContributionStyle(this.categoryColours())));

    effect(() => {
      const map = this.map();
      if (map) this.resetControls(map, this.labels());
    });
  }

  private createMap(): void {
    const map = new OlMap({
      target: this.viewport().nativeElement,
      controls: [],
      layers: [
        this.configuredLayers,
        new VectorLayer({
          source: this.planningAreaSource,
          style: planningAreaStyle,
          properties: { [LAYER_ID]: PLANNING_AREA_LAYER_ID, [LAYER_ROLE]: 'planning-area' },
        }),
        this.contributionLayer,
      ],
    });
    this.host.nativeElement.olMap = map;
    this.map.set(map);
  }

  private resetControls(map: OlMap, labels: ProcedureMapLabels): void {
    map.getControls().clear();
    map.getControls().extend(
      defaultControls({
        rotate: false,
        zoomOptions: { zoomInTipLabel: labels.zoomIn, zoomOutTipLabel: labels.zoomOut },
        attributionOptions: { tipLabel: labels.attributions },
      }).getArray(),
    );
  }

  private readFeature(area: MultiPolygon): Feature<Geometry> {
    return this.geoJson.readFeature(
      { type: 'Feature', geometry: area, properties: {} },
      { dataProjection: 'EPSG:4326', featureProjection: this.projection() },
    ) as Feature<Geometry>;
  }
}
