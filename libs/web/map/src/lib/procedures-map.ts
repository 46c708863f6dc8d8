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
  signal,
  untracked,
  viewChild,
  ViewEncapsulation,
} from '@angular/core';
import { MapConfiguration, MultiPolygon, PhaseState } from '@stadtdialog/shared/contract';
import { isEmpty } from 'ol/extent';
import Feature, { FeatureLike } from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import { Geometry } from 'ol/geom';
import LayerGroup from 'ol/layer/Group';
import VectorLayer from 'ol/layer/Vector';
import OlMap from 'ol/Map';
import MapBrowserEvent from 'ol/MapBrowserEvent';
import { fromLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import { Fill, Stroke, Style, Text } from 'ol/style';
import View from 'ol/View';
import { createConfiguredLayers, LAYER_ID, LAYER_ROLE } from './layer-factory';
import { MapControlLabels, resetMapControls } from './map-controls';
import { resolveProjection } from './projections';

/** Id of the layer with the procedures' planning areas. */
export const PROCEDURE_AREAS_LAYER_ID = 'procedure-areas';

/** One procedure on the map: its area and the label written on it (title, state, counts). */
export interface ProcedureArea {
  slug: string;
  state: PhaseState;
  area: MultiPolygon;
  label: string;
}

export interface ProceduresMapLabels extends MapControlLabels {
  /** accessible name of the map region */
  map: string;
}

const defaultLabels: ProceduresMapLabels = { map: 'Karte', zoomIn: 'Vergrößern', zoomOut: 'Verkleinern', attributions: 'Quellenangaben' };

/**
 * The state is told by the outline's pattern and by the label on the area, never by colour alone:
 * open solid and filled, upcoming dashed, closed dotted and grey.
 */
const STATE_LOOK: Record<PhaseState, { stroke: string; width: number; dash?: number[]; fill: string }> = {
  open: { stroke: '#0b3d6b', width: 3, fill: 'rgba(11, 61, 107, 0.22)' },
  upcoming: { stroke: '#0b3d6b', width: 2.5, dash: [10, 6], fill: 'rgba(11, 61, 107, 0.08)' },
  closed: { stroke: '#4d4d4d', width: 2, dash: [2, 5], fill: 'rgba(77, 77, 77, 0.08)' },
};

function areaStyle(feature: FeatureLike, highlighted: boolean): Style[] {
  const look = STATE_LOOK[feature.get('state') as PhaseState] ?? STATE_LOOK.closed;
  return [
    new Style({ stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.9)', width: look.width + 3 }) }),
    new Style({
      stroke: new Stroke({ color: look.stroke, width: highlighted ? look.width + 2 : look.width, lineDash: look.dash }),
      fill: new Fill({ color: look.fill }),
      text: new Text({
        text: String(feature.get('label') ?? ''),
        font: '600 13px system-ui, sans-serif',
        fill: new Fill({ color: '#1a1a1a' }),
        stroke: new Stroke({ color: '#ffffff', width: 4 }),
        overflow: true,
        maxAngle: 0,
      }),
    }),
  ];
}

/** The host element carries the OpenLayers map, so browser tests can read what is drawn. */
export type ProceduresMapElement = HTMLElement & { olMap?: OlMap };

/**
 * Every procedure's planning area on one map (the start page), over a base map, each area with
 * its title, state and counts written on it; clicking an area chooses its procedure. The map pans
 * with the arrow keys and zooms with + and − once focused; the list beside it is the accessible way
 * to the same procedures.
 */
@Component({
  selector: 'sd-procedures-map',
  template: `<div
    #viewport
    class="sd-procedure-map__viewport"
    role="region"
    tabindex="0"
    [attr.aria-label]="labels().map"
    [attr.aria-describedby]="describedBy()"
  ></div>`,
  styleUrl: './procedure-map.css',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProceduresMap {
  /** base layers and projection; null: the areas alone */
  readonly configuration = input<MapConfiguration | null>(null);
  readonly procedures = input.required<ProcedureArea[]>();
  readonly labels = input<ProceduresMapLabels>(defaultLabels);
  readonly describedBy = input<string | null>(null);
  /** drawn stronger, e.g. the procedure hovered in the list */
  readonly highlightedSlug = input<string | null>(null);
  /** an area was clicked: its procedure's slug */
  readonly procedureSelect = output<string>();

  private readonly host = inject<ElementRef<ProceduresMapElement>>(ElementRef);
  private readonly viewport = viewChild.required<ElementRef<HTMLElement>>('viewport');
  private readonly map = signal<OlMap | null>(null);
  private readonly hovered = signal<string | null>(null);
  private readonly geoJson = new GeoJSON();
  private readonly baseLayers = new LayerGroup();
  private readonly areaSource = new VectorSource<Feature<Geometry>>();
  private readonly areaLayer = new VectorLayer({
    source: this.areaSource,
    properties: { [LAYER_ID]: PROCEDURE_AREAS_LAYER_ID, [LAYER_ROLE]: 'planning-area' },
  });
  private readonly projection = computed(() => resolveProjection(this.configuration()?.projection ?? 'EPSG:3857'));

  constructor() {
    afterNextRender(() => this.createMap());
    inject(DestroyRef).onDestroy(() => this.map()?.setTarget(undefined));

    effect(() => {
      const map = this.map();
      if (!map) return;
      const configuration = this.configuration();
      const projection = this.projection();
      map.setView(new View({ projection, center: fromLonLat(configuration?.center ?? [10, 51], projection), zoom: configuration?.zoom ?? 6, maxZoom: 19 }));
      this.baseLayers.getLayers().clear();
      this.baseLayers.getLayers().extend(createConfiguredLayers((configuration?.layers ?? []).filter((l) => l.role === 'base'), projection));
      untracked(() => this.readAreas());
    });

    effect(() => {
      this.procedures();
      untracked(() => this.readAreas());
    });

    effect(() => {
      const strong = new Set([this.hovered(), this.highlightedSlug()].filter((s): s is string => !!s));
      this.areaLayer.setStyle((feature) => areaStyle(feature, strong.has(String(feature.get('slug')))));
    });

    effect(() => {
      const map = this.map();
      if (map) resetMapControls(map, this.labels());
    });
  }

  private createMap(): void {
    const map = new OlMap({ target: this.viewport().nativeElement, controls: [], layers: [this.baseLayers, this.areaLayer] });
    let fitted = false;
    map.on('change:size', () => {
      const [width, height] = map.getSize() ?? [0, 0];
      if (!fitted && width > 0 && height > 0) {
        fitted = true;
        this.fit();
      }
    });
    map.on('pointermove', (event) => {
      if (event.dragging) return;
      const slug = this.slugAt(event);
      if (slug !== this.hovered()) this.hovered.set(slug);
      this.viewport().nativeElement.style.cursor = slug ? 'pointer' : '';
    });
    map.on('click', (event) => {
      const slug = this.slugAt(event);
      if (slug) this.procedureSelect.emit(slug);
    });
    this.host.nativeElement.olMap = map;
    this.map.set(map);
  }

  private readAreas(): void {
    const projection = this.projection();
    this.areaSource.clear();
    this.areaSource.addFeatures(
      this.procedures().map((p) => {
        const feature = this.geoJson.readFeature(
          { type: 'Feature', geometry: p.area, properties: { slug: p.slug, state: p.state, label: p.label } },
          { dataProjection: 'EPSG:4326', featureProjection: projection },
        ) as Feature<Geometry>;
        feature.setId(p.slug);
        return feature;
      }),
    );
    this.fit();
  }

  private fit(): void {
    const map = this.map();
    const extent = this.areaSource.getExtent();
    if (!map || !extent || !this.areaSource.getFeatures().length || isEmpty(extent)) return;
    const size = map.getSize();
    map.getView().fit(extent, { size: size && size[0] > 0 && size[1] > 0 ? size : undefined, padding: [40, 40, 40, 40], maxZoom: 16 });
  }

  private slugAt(event: MapBrowserEvent): string | null {
    const feature = event.map.forEachFeatureAtPixel(event.pixel, (f) => f, { layerFilter: (layer) => layer === this.areaLayer, hitTolerance: 3 });
    return feature ? String(feature.get('slug')) : null;
  }
}
