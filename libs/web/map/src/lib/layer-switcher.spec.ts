import { TestBed } from '@angular/core/testing';
import { MapLayer } from '@stadtdialog/shared/contract';
import { initialLayerSettings, LayerSwitcher } from './layer-switcher';
import { LayerSettings } from './procedure-map';

const layers: MapLayer[] = [
  { id: 'osm', kind: 'xyz', title: 'Stadtplan', url: '/t/{z}/{x}/{y}.png', role: 'base' },
  { id: 'luftbild', kind: 'xyz', title: 'Luftbild', url: '/l/{z}/{x}/{y}.png', role: 'base' },
  { id: 'bplan', kind: 'image', title: 'Bebauungsplan', url: '/plan.png', role: 'overlay', opacity: 0.6 },
];
const labels = { heading: 'Ebenen', baseLayers: 'Hintergrund', noBaseLayer: 'Ohne', overlays: 'Pläne', opacity: 'Deckkraft' };

describe('LayerSwitcher', () => {
  async function render() {
    const fixture = TestBed.createComponent(LayerSwitcher);
    fixture.componentRef.setInput('layers', layers);
    fixture.componentRef.setInput('labels', labels);
    const changes: LayerSettings[] = [];
    fixture.componentInstance.settingsChange.subscribe((s) => changes.push(s));
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement, changes };
  }

  it('starts from the configuration: the first base layer, overlays at their opacity', () => {
    expect(initialLayerSettings(layers)).toEqual({
      osm: { visible: true, opacity: 1 },
      luftbild: { visible: false, opacity: 1 },
      bplan: { visible: true, opacity: 0.6 },
    });
  });

  it('chooses one base layer at a time, or none', async () => {
    const { element, changes } = await render();
    const radios = Array.from(element.querySelectorAll<HTMLInputElement>('input[type="radio"]'));
    expect(radios.map((r) => r.parentElement?.textContent?.trim())).toEqual(['Stadtplan', 'Luftbild', 'Ohne']);
    expect(radios[0].checked).toBe(true);
    radios[1].click();
    expect(changes[0]['osm'].visible).toBe(false);
    expect(changes[0]['luftbild'].visible).toBe(true);
    radios[2].click();
    expect(changes[1]['luftbild'].visible).toBe(false);
  });

  it('shows or hides an overlay and sets its opacity with a labelled slider', async () => {
    const { fixture, element, changes } = await render();
    const slider = element.querySelector<HTMLInputElement>('input[type="range"]');
    expect(slider?.value).toBe('60');
    expect(element.querySelector(`label[for="${slider?.id}"]`)?.textContent).toContain('Deckkraft – Bebauungsplan');
    if (!slider) throw new Error('no slider');
    slider.value = '25';
    slider.dispatchEvent(new Event('input'));
    expect(changes[0]['bplan'].opacity).toBe(0.25);

    element.querySelector<HTMLInputElement>('input[type="checkbox"]')?.click();
    expect(changes[1]['bplan'].visible).toBe(false);
    fixture.componentRef.setInput('settings', changes[1]);
    await fixture.whenStable();
    expect(slider.disabled).toBe(true);
  });
});
