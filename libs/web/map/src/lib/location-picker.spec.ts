import { TestBed } from '@angular/core/testing';
import { MapConfiguration } from '@stadtdialog/shared/contract';
import { KEYBOARD_LARGE_STEP, KEYBOARD_STEP_PIXELS, LocationPicker, LocationSketch } from './location-picker';
import { ProcedureMapElement } from './procedure-map';
import { loadProjections } from './projections';

class NoopResizeObserver {
  observe = jest.fn();
  unobserve = jest.fn();
  disconnect = jest.fn();
}

const configuration: MapConfiguration = { projection: 'EPSG:25832', center: [9.93, 53.556], zoom: 15, layers: [] };
const labels = { map: 'Karte', zoomIn: '+', zoomOut: '-', attributions: 'Quellen' };

describe('LocationPicker', () => {
  beforeAll(async () => {
    (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoopResizeObserver;
    // The configuration's EPSG:25832 loads proj4 first.
    await loadProjections();
  });

  async function render(type: 'Point' | 'LineString' | 'Polygon') {
    const fixture = TestBed.createComponent(LocationPicker);
    fixture.componentRef.setInput('configuration', configuration);
    fixture.componentRef.setInput('labels', labels);
    fixture.componentRef.setInput('type', type);
    const sketches: LocationSketch[] = [];
    fixture.componentInstance.sketchChange.subscribe((s) => sketches.push(s));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const map = (element.querySelector('sd-procedure-map') as ProcedureMapElement).olMap;
    if (!map) throw new Error('no map');
    const viewport = element.querySelector('.sd-procedure-map__viewport') as HTMLElement;
    const press = (key: string, shiftKey = false) => viewport.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true }));
    const duplicates: number[] = [];
    fixture.componentInstance.duplicate.subscribe(() => duplicates.push(1));
    return { fixture, picker: fixture.componentInstance, map, sketches, press, duplicates };
  }

  it('moves the crosshair by a step that fits the zoom, five times as far with Shift, and smaller closer in', async () => {
    const { map, press } = await render('Point');
    const view = map.getView();
    const centre = () => view.getCenter() ?? [0, 0];
    const resolution = view.getResolution() ?? 0;
    const [x0, y0] = centre();
    press('ArrowRight');
    expect(centre()[0] - x0).toBeCloseTo(resolution * KEYBOARD_STEP_PIXELS, 6);
    press('ArrowUp', true);
    expect(centre()[1] - y0).toBeCloseTo(resolution * KEYBOARD_STEP_PIXELS * KEYBOARD_LARGE_STEP, 6);

    view.setZoom(18);
    const [x1] = centre();
    press('ArrowLeft');
    expect(x1 - centre()[0]).toBeCloseTo((view.getResolution() ?? 0) * KEYBOARD_STEP_PIXELS, 6);
    expect(x1 - centre()[0]).toBeLessThan((resolution * KEYBOARD_STEP_PIXELS) / 4);
  });

  it('keeps a step within a fiftieth of a small planning area', async () => {
    const fixture = TestBed.createComponent(LocationPicker);
    fixture.componentRef.setInput('configuration', { ...configuration, zoom: 12 });
    fixture.componentRef.setInput('labels', labels);
    // about 200 × 220 m
    fixture.componentRef.setInput('planningArea', {
      type: 'MultiPolygon',
      coordinates: [[[[9.93, 53.556], [9.933, 53.556], [9.933, 53.558], [9.93, 53.558], [9.93, 53.556]]]],
    });
    await fixture.whenStable();
    const step = fixture.componentInstance.keyboardStep();
    expect(step).toBeGreaterThan(3);
    expect(step).toBeLessThanOrEqual(200 / 50 + 0.5);
  });

  it('finishes a line with Enter on its last corner and never sets a corner twice on one spot', async () => {
    const { map, sketches, press, duplicates } = await render('LineString');
    press('Enter');
    press('Enter');
    expect(duplicates).toHaveLength(1);
    expect(sketches[sketches.length - 1]).toEqual({ geometry: null, vertexCount: 1, complete: false });
    press('ArrowRight');
    press('ArrowRight');
    press('Enter');
    press('ArrowUp');
    press('Enter');
    expect(sketches[sketches.length - 1]).toEqual({ geometry: null, vertexCount: 3, complete: false });
    press('Enter');
    const line = sketches[sketches.length - 1];
    expect(line.complete).toBe(true);
    const positions = line.geometry?.coordinates as number[][];
    expect(positions).toHaveLength(3);
    expect(new Set(positions.map((p) => p.join(','))).size).toBe(3);
    expect(map.getView().getCenter()).toBeDefined();
  });

  it('places a point under the crosshair with Enter, in lon/lat', async () => {
    const { sketches, press } = await render('Point');
    press('Enter');
    const last = sketches[sketches.length - 1];
    expect(last.complete).toBe(true);
    expect(last.geometry?.type).toBe('Point');
    const [lon, lat] = last.geometry?.coordinates as number[];
    expect(lon).toBeCloseTo(9.93, 5);
    expect(lat).toBeCloseTo(53.556, 5);
  });

  it('draws a line vertex by vertex, finishes it, and undoes step by step', async () => {
    const { picker, map, sketches, press } = await render('LineString');
    press('Enter');
    const view = map.getView();
    const [x, y] = view.getCenter() ?? [0, 0];
    view.setCenter([x + 100, y + 50]);
    press('Enter');
    expect(sketches[sketches.length - 1]).toEqual({ geometry: null, vertexCount: 2, complete: false });
    expect(picker.canFinish()).toBe(true);

    picker.finish();
    const line = sketches[sketches.length - 1].geometry;
    expect(line?.type).toBe('LineString');
    expect(line?.coordinates).toHaveLength(2);

    picker.undo();
    expect(sketches[sketches.length - 1]).toEqual({ geometry: null, vertexCount: 2, complete: false });
    press('Backspace');
    expect(sketches[sketches.length - 1].vertexCount).toBe(1);
  });

  it('closes a polygon ring and needs three corners', async () => {
    const { picker, map, sketches } = await render('Polygon');
    const view = map.getView();
    const [x, y] = view.getCenter() ?? [0, 0];
    picker.addVertexAtCentre();
    view.setCenter([x + 100, y]);
    picker.addVertexAtCentre();
    expect(picker.canFinish()).toBe(false);
    view.setCenter([x + 100, y + 100]);
    picker.addVertexAtCentre();
    picker.finish();
    const polygon = sketches[sketches.length - 1].geometry;
    expect(polygon?.type).toBe('Polygon');
    const ring = (polygon?.coordinates as number[][][])[0];
    expect(ring).toHaveLength(4);
    expect(ring[3]).toEqual(ring[0]);
  });

  it('shows a stored location finished and clears it when the kind of shape changes', async () => {
    const fixture = TestBed.createComponent(LocationPicker);
    fixture.componentRef.setInput('configuration', configuration);
    fixture.componentRef.setInput('labels', labels);
    fixture.componentRef.setInput('type', 'Point');
    fixture.componentRef.setInput('geometry', { type: 'Point', coordinates: [9.931, 53.557] });
    const sketches: LocationSketch[] = [];
    fixture.componentInstance.sketchChange.subscribe((s) => sketches.push(s));
    await fixture.whenStable();
    expect(fixture.componentInstance.complete()).toBe(true);

    fixture.componentRef.setInput('type', 'Polygon');
    await fixture.whenStable();
    expect(sketches[sketches.length - 1]).toEqual({ geometry: null, vertexCount: 0, complete: false });
  });
});
