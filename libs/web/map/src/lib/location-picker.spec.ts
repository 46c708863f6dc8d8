import { TestBed } from '@angular/core/testing';
import { MapConfiguration } from '@stadtdialog/shared/contract';
import { LocationPicker, LocationSketch } from './location-picker';
import { ProcedureMapElement } from './procedure-map';

class NoopResizeObserver {
  observe = jest.fn();
  unobserve = jest.fn();
  disconnect = jest.fn();
}

const configuration: MapConfiguration = { projection: 'EPSG:25832', center: [9.93, 53.556], zoom: 15, layers: [] };
const labels = { map: 'Karte', zoomIn: '+', zoomOut: '-', attributions: 'Quellen' };

describe('LocationPicker', () => {
  beforeAll(() => {
    (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoopResizeObserver;
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
    const press = (key: string) => viewport.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    return { fixture, picker: fixture.componentInstance, map, sketches, press };
  }

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
