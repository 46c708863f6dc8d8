import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MapLayer } from '@stadtdialog/shared/contract';
import { LayerSetting, LayerSettings } from './procedure-map';

export interface LayerSwitcherLabels {
  heading: string;
  baseLayers: string;
  noBaseLayer: string;
  overlays: string;
  opacity: string;
}

/** The settings a map starts with: the configuration's visibility (one base layer) and opacity. */
export function initialLayerSettings(layers: MapLayer[]): Record<string, LayerSetting> {
  const firstBase = layers.find((l) => l.role === 'base' && l.visible !== false);
  return Object.fromEntries(
    layers.map((layer) => [
      layer.id,
      {
        visible: layer.role === 'base' ? layer === firstBase : layer.visible !== false,
        opacity: layer.opacity ?? 1,
      },
    ]),
  );
}

let nextId = 0;

/** Choose the base map, show or hide plan overlays and set each overlay's opacity. */
@Component({
  selector: 'sd-layer-switcher',
  template: `@let current = effective();
    @if (baseLayers().length) {
      <fieldset>
        <legend>{{ labels().baseLayers }}</legend>
        @for (layer of baseLayers(); track layer.id) {
          <label class="option">
            <input
              type="radio"
              [name]="groupName"
              [checked]="current[layer.id]?.visible"
              (change)="chooseBase(layer.id)"
            />
            {{ layer.title }}
          </label>
        }
        <label class="option">
          <input type="radio" [name]="groupName" [checked]="noBase()" (change)="chooseBase(null)" />
          {{ labels().noBaseLayer }}
        </label>
      </fieldset>
    }
    @if (overlays().length) {
      <fieldset>
        <legend>{{ labels().overlays }}</legend>
        @for (layer of overlays(); track layer.id) {
          <div class="overlay">
            <label class="option">
              <input
                type="checkbox"
                [checked]="current[layer.id]?.visible"
                (change)="toggle(layer.id, $any($event.target).checked)"
              />
              {{ layer.title }}
            </label>
            <label class="opacity" [for]="groupName + '-' + layer.id">
              {{ labels().opacity }}<span class="visually-hidden"> – {{ layer.title }}</span>
            </label>
            <input
              type="range"
              min="0"
              max="100"
              step="5"
              [id]="groupName + '-' + layer.id"
              [value]="percent(current[layer.id]?.opacity)"
              [attr.aria-valuetext]="percent(current[layer.id]?.opacity) + ' %'"
              [disabled]="!current[layer.id]?.visible"
              (input)="setOpacity(layer.id, $any($event.target).valueAsNumber)"
            />
          </div>
        }
      </fieldset>
    }`,
  styles: `
    :host {
      display: block;
    }
    fieldset {
      border: 1px solid #c4c4c4;
      border-radius: 0.25rem;
      margin: 0 0 0.75rem;
      padding: 0.5rem 0.75rem;
    }
    legend {
      font-weight: 600;
      padding: 0 0.25rem;
    }
    .option {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-height: 2rem;
    }
    .option input {
      width: 1.25rem;
      height: 1.25rem;
      margin: 0;
    }
    .overlay + .overlay {
      border-top: 1px solid #e0e0e0;
      margin-top: 0.5rem;
      padding-top: 0.5rem;
    }
    .opacity {
      display: block;
      font-size: 0.875rem;
    }
    input[type='range'] {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LayerSwitcher {
  readonly layers = input.required<MapLayer[]>();
  readonly settings = input<LayerSettings>({});
  readonly labels = input.required<LayerSwitcherLabels>();
  readonly settingsChange = output<LayerSettings>();

  protected readonly groupName = `sd-layer-switcher-${++nextId}`;
  protected readonly baseLayers = computed(() => this.layers().filter((l) => l.role === 'base'));
  protected readonly overlays = computed(() => this.layers().filter((l) => l.role === 'overlay'));
  protected readonly effective = computed(() => ({ ...initialLayerSettings(this.layers()), ...this.settings() }));
  protected readonly noBase = computed(() => this.baseLayers().every((l) => !this.effective()[l.id]?.visible));

  protected percent(opacity: number | undefined): number {
    return Math.round((opacity ?? 1) * 100);
  }

  protected chooseBase(id: string | null): void {
    const next: Record<string, LayerSetting> = { ...this.effective() };
    for (const layer of this.baseLayers()) next[layer.id] = { ...next[layer.id], visible: layer.id === id };
    this.settingsChange.emit(next);
  }

  protected toggle(id: string, visible: boolean): void {
    const current = this.effective();
    this.settingsChange.emit({ ...current, [id]: { ...current[id], visible } });
  }

  protected setOpacity(id: string, percent: number): void {
    if (!Number.isFinite(percent)) return;
    const current = this.effective();
    this.settingsChange.emit({ ...current, [id]: { ...current[id], opacity: percent / 100 } });
  }
}
