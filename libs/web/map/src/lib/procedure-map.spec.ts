import { TestBed } from '@angular/core/testing';
import { ContributionFeatureCollection, MapConfiguration, MultiPolygon } from '@stadtdialog/shared/contract';
import { getCenter } from 'ol/extent';
import Feature from 'ol/Feature';
import BaseLayer from 'ol/layer/Base';
import LayerGroup from 'ol/layer/Group';
import VectorLayer from 'ol/layer/Vector';
import { Point } from 'ol/geom';
import DragPan from 'ol/interaction/DragPan';
import OlMap from 'ol/Map';
import MapBrowserEvent from 'ol/MapBrowserEvent';
import { toLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import XYZ from 'ol/source/XYZ';
import TileLayer from 'ol/layer/Tile';
import Cluster from 'ol/source/Cluster';
import {
  CONTRIBUTION_POINTS_LAYER_ID,
  CONTRIBUTIONS_LAYER_ID,
  PLANNING_AREA_LAYER_ID,
  ProcedureMap,
  ProcedureMapElement,
} from './procedure-map';
import { loadProjections } from './projections';

// jsdom has no layout; OpenLayers only needs the observer to exist.
class NoopResizeObserver {
  observe = jest.fn();
  unobserve = jest.fn();
  disconnect = jest.fn();
}

const configuration: MapConfiguration = {
  projection: 'EPSG:25832',
  center: [10, 53.5],
  zoom: 12,
  layers: [{ id: 'osm', kind: 'xyz', title: 'OSM', url: 'https://tiles.example/{z}/{x}/{y}.png', role: 'base' }],
};

const planningArea: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [[[[9.92, 53.55], [9.94, 53.55], [9.94, 53.56], [9.92, 53.56], [9.92, 53.55]]]],
};

const properties = { title: 'Bank', rubricId: 'r', createdAt: '2026-03-01T00:00:00Z', ratingsUp: 0, ratingsDown: 0, commentCount: 0 };
const contributions: ContributionFeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 'p', geometry: { type: 'Point', coordinates: [9.93, 53.555] }, properties: { ...properties, categoryId: 'c', colour: '#2e7d32' } },
    { type: 'Feature', id: 'l', geometry: { type: 'LineString', coordinates: [[9.925, 53.552], [9.935, 53.558]] }, properties: { ...properties, categoryId: 'c', colour: '#2e7d32' } },
    { type: 'Feature', id: 'a', geometry: { type: 'Polygon', coordinates: [[[9.93, 53.55], [9.931, 53.55], [9.931, 53.551], [9.93, 53.55]]] }, properties: { ...properties, categoryId: 'c', colour: '#2e7d32' } },
  ],
};

function layerById<T extends BaseLayer>(map: OlMap, id: string): T {
  const all = map.getAllLayers();
  const found = all.find((layer) => layer.get('id') === id);
  if (!found) throw new Error(`no layer ${id}`);
  return found as unknown as T;
}

describe('ProcedureMap', () => {
  beforeAll(async () => {
    (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoopResizeObserver;
    // The configuration's EPSG:25832 loads proj4 first (the browser tests see the map wait for it).
    await loadProjections();
  });

  async function render(inputs: Record<string, unknown>) {
    const fixture = TestBed.createComponent(ProcedureMap);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
    const map = (fixture.nativeElement as ProcedureMapElement).olMap;
    if (!map) throw new Error('olMap missing on the host element');
    return { fixture, map };
  }

  it('puts the OpenLayers map on the host element, in the configured projection, with the configured layers', async () => {
    const { map } = await render({ configuration });
    expect(map.getView().getProjection().getCode()).toBe('EPSG:25832');
    const group = map.getLayers().item(0) as LayerGroup;
    const [base] = group.getLayers().getArray() as TileLayer<XYZ>[];
    expect(base.get('id')).toBe('osm');
    expect(base.getSource()).toBeInstanceOf(XYZ);
    const [lon, lat] = toLonLat(map.getView().getCenter() ?? [0, 0], 'EPSG:25832');
    expect(lon).toBeCloseTo(10, 6);
    expect(lat).toBeCloseTo(53.5, 6);
  });

  it('draws the planning area and centres the view on it', async () => {
    const { map } = await render({ configuration, planningArea });
    const source = layerById<VectorLayer<VectorSource>>(map, PLANNING_AREA_LAYER_ID).getSource();
    expect(source?.getFeatures()).toHaveLength(1);
    const [lon, lat] = toLonLat(map.getView().getCenter() ?? [0, 0], 'EPSG:25832');
    const [centreLon, centreLat] = toLonLat(getCenter(source?.getExtent() ?? [0, 0, 0, 0]), 'EPSG:25832');
    expect(lon).toBeCloseTo(centreLon, 6);
    expect(lat).toBeCloseTo(centreLat, 6);
    expect(lon).toBeCloseTo(9.93, 2);
  });

  it('draws contributions of every geometry type with their ids, and replaces them on new input', async () => {
    const { fixture, map } = await render({ configuration, contributions });
    const source = layerById<VectorLayer<VectorSource>>(map, CONTRIBUTIONS_LAYER_ID).getSource();
    expect(source?.getFeatures().map((f) => f.getGeometry()?.getType()).sort()).toEqual([
      'LineString',
      'Point',
      'Polygon',
    ]);
    const point = source?.getFeatureById('p');
    expect(point?.get('colour')).toBe('#2e7d32');
    const [lon, lat] = toLonLat((point?.getGeometry() as Point).getCoordinates(), 'EPSG:25832');
    expect(lon).toBeCloseTo(9.93, 6);
    expect(lat).toBeCloseTo(53.555, 6);

    fixture.componentRef.setInput('contributions', { ...contributions, features: contributions.features.slice(0, 1) });
    await fixture.whenStable();
    expect(source?.getFeatures()).toHaveLength(1);
  });

  it('keeps the features a new answer still has as they are, and takes changed and gone ones', async () => {
    const { fixture, map } = await render({ configuration, contributions });
    const source = layerById<VectorLayer<VectorSource>>(map, CONTRIBUTIONS_LAYER_ID).getSource() as VectorSource;
    const [point, line] = [source.getFeatureById('p'), source.getFeatureById('l')];
    const moved = { ...contributions.features[1], properties: { ...contributions.features[1].properties, commentCount: 4 } };
    const added = { ...contributions.features[0], id: 'q', geometry: { type: 'Point' as const, coordinates: [9.931, 53.556] } };
    fixture.componentRef.setInput('contributions', { ...contributions, features: [contributions.features[0], moved, added] });
    await fixture.whenStable();
    expect(source.getFeatures().map((f) => f.getId()).sort()).toEqual(['l', 'p', 'q']);
    // the unchanged one is the same feature; the changed one is read again with its new content
    expect(source.getFeatureById('p')).toBe(point);
    expect(source.getFeatureById('l')).not.toBe(line);
    expect(source.getFeatureById('l')?.get('commentCount')).toBe(4);
    expect(source.getFeatureById('a')).toBeNull();
  });

  it('puts a large answer on in several steps, and a newer answer that comes meanwhile wins', async () => {
    const { fixture, map } = await render({ configuration, contributions });
    const source = layerById<VectorLayer<VectorSource>>(map, CONTRIBUTIONS_LAYER_ID).getSource() as VectorSource;
    const points = layerById<VectorLayer<Cluster>>(map, CONTRIBUTION_POINTS_LAYER_ID).getSource() as Cluster;
    const at = (id: string, i: number) => ({
      ...contributions.features[0],
      id,
      geometry: { type: 'Point' as const, coordinates: [9.9 + (i % 100) * 0.001, 53.5 + Math.floor(i / 100) * 0.001] },
    });
    const large = Array.from({ length: 1500 }, (_, i) => at(`large-${i}`, i));
    fixture.componentRef.setInput('contributions', { ...contributions, features: large });
    fixture.detectChanges();
    await new Promise((done) => setTimeout(done));
    const newer = [contributions.features[0], ...Array.from({ length: 300 }, (_, i) => at(`newer-${i}`, i + 7))];
    fixture.componentRef.setInput('contributions', { ...contributions, features: newer });
    await fixture.whenStable();
    const expected = newer.map((f) => f.id).sort();
    expect(source.getFeatures().map((f) => f.getId()).sort()).toEqual(expected);
    // the clusters are regrouped from what the source holds now, every point in one of them
    points.loadFeatures([-1e7, -1e7, 1e7, 1e7], 0.01, map.getView().getProjection());
    const clustered = points.getFeatures().flatMap((cluster) => cluster.get('features') as Feature[]);
    expect(clustered.map((f) => f.getId()).sort()).toEqual(expected);
  });

  it('clusters the points in their own layer; lines and polygons are drawn as they are', async () => {
    const { map } = await render({ configuration, contributions });
    const points = layerById<VectorLayer<Cluster>>(map, CONTRIBUTION_POINTS_LAYER_ID).getSource() as Cluster;
    expect(points).toBeInstanceOf(Cluster);
    expect(points.getSource()).toBe(layerById<VectorLayer<VectorSource>>(map, CONTRIBUTIONS_LAYER_ID).getSource());
    points.refresh();
    map.getView().setResolution(1);
    points.loadFeatures([-1e7, -1e7, 1e7, 1e7], 1, map.getView().getProjection());
    const clustered = points.getFeatures().flatMap((cluster) => cluster.get('features') as Feature[]);
    expect(clustered.map((f) => f.getId())).toEqual(['p']);
  });

  it('applies the layer settings of the layer switcher to the configured layers', async () => {
    const withOverlay: MapConfiguration = {
      ...configuration,
      layers: [...configuration.layers, { id: 'plan', kind: 'geojson', title: 'Plan', url: '/plan.geojson', role: 'overlay' }],
    };
    const { fixture, map } = await render({ configuration: withOverlay });
    fixture.componentRef.setInput('layerSettings', { osm: { visible: false, opacity: 1 }, plan: { visible: true, opacity: 0.4 } });
    await fixture.whenStable();
    expect(layerById(map, 'osm').getVisible()).toBe(false);
    expect(layerById(map, 'plan').getOpacity()).toBe(0.4);
  });

  it('opens on a given geometry instead of the planning area', async () => {
    const { map } = await render({ configuration, planningArea, fitTo: { type: 'Point', coordinates: [9.95, 53.57] } });
    const [lon, lat] = toLonLat(map.getView().getCenter() ?? [0, 0], 'EPSG:25832');
    expect(lon).toBeCloseTo(9.95, 5);
    expect(lat).toBeCloseTo(53.57, 5);
  });

  it('labels the map region and its controls', async () => {
    const { fixture } = await render({
      configuration,
      labels: { map: 'Map of the area', zoomIn: 'Zoom in', zoomOut: 'Zoom out', attributions: 'Sources' },
    });
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[role="region"]')?.getAttribute('aria-label')).toBe('Map of the area');
    expect(element.querySelector('.ol-zoom-in')?.getAttribute('title')).toBe('Zoom in');
    expect(element.querySelector('.ol-zoom-in')?.getAttribute('aria-label')).toBe('Zoom in');
    expect(element.querySelector('.ol-zoom-out')?.getAttribute('aria-label')).toBe('Zoom out');
    expect(element.querySelector('.ol-attribution button')?.getAttribute('aria-label')).toBe('Sources');
  });

  it('pans and zooms without first having the focus (a first drag of a finger moves the map)', async () => {
    const { map } = await render({ configuration });
    const dragPan = map.getInteractions().getArray().find((interaction) => interaction instanceof DragPan) as DragPan;
    expect(dragPan).toBeDefined();
    const down = { type: 'pointerdown', map, originalEvent: { pointerId: 1, isPrimary: true, button: 0 } } as unknown as MapBrowserEvent;
    (dragPan as unknown as { targetPointers: unknown[] }).targetPointers = [down.originalEvent];
    expect(document.activeElement).not.toBe(map.getTargetElement());
    expect((dragPan as unknown as { handleDownEvent(e: MapBrowserEvent): boolean }).handleDownEvent(down)).toBe(true);
  });

  it('releases the map when destroyed', async () => {
    const { fixture, map } = await render({ configuration });
    fixture.destroy();
    expect(map.getTarget()).toBeUndefined();
  });
});
