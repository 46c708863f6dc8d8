import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { LAYER_KINDS, MapConfiguration, MapLayer, MapLayerKind } from '@stadtdialog/shared/contract';
import { MessageKey, ProcedureSetupStore, TranslatePipe } from '@stadtdialog/web/data-access';
import { firstValueFrom } from 'rxjs';
import { FormRun } from '../shared/form-run';
import { FormStatus } from '../shared/form-status';
import { slugify } from '../shared/slug';
import { capabilitiesUrl, parseWmsLayers, WmsLayerOption } from './wms-capabilities';

type LayerForm = FormGroup<{
  id: FormControl<string>;
  kind: FormControl<MapLayerKind>;
  role: FormControl<'base' | 'overlay'>;
  title: FormControl<string>;
  url: FormControl<string>;
  visible: FormControl<boolean>;
  opacity: FormControl<number>;
  attribution: FormControl<string>;
  layers: FormControl<string>;
  matrixSet: FormControl<string>;
  extent: FormControl<string>;
}>;

/** What the planner sees of a capabilities request for one layer row. */
interface CapabilitiesState {
  status: 'loading' | 'loaded' | 'failed';
  options: WmsLayerOption[];
}

export const LAYER_KIND_LABELS: Record<MapLayerKind, MessageKey> = {
  xyz: 'planner.layers.kind.xyz',
  wmts: 'planner.layers.kind.wmts',
  wms: 'planner.layers.kind.wms',
  geojson: 'planner.layers.kind.geojson',
  image: 'planner.layers.kind.image',
};

const URL_HINTS: Record<MapLayerKind, MessageKey> = {
  xyz: 'planner.layers.urlHint.xyz',
  wmts: 'planner.layers.urlHint.wmts',
  wms: 'planner.layers.urlHint.wms',
  geojson: 'planner.layers.urlHint.geojson',
  image: 'planner.layers.urlHint.image',
};

const URL_PATTERN = /^(https?:\/\/\S+|\/\S*)$/i;
const PROJECTIONS = ['EPSG:3857', 'EPSG:25832'];

/** An extent typed as four numbers separated by commas or spaces, or null. */
export function parseExtent(text: string): [number, number, number, number] | null {
  const numbers = text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);
  return numbers.length === 4 && numbers.every(Number.isFinite) ? (numbers as [number, number, number, number]) : null;
}

/**
 * The map of a procedure: its view (projection, centre, zoom) and its layers – base maps and plan
 * overlays by URL (XYZ, WMTS, WMS, GeoJSON, an image with its extent). WMS layer names are picked
 * from the service's capabilities.
 */
@Component({
  selector: 'sd-map-config-editor',
  imports: [ReactiveFormsModule, TranslatePipe, FormStatus],
  templateUrl: './map-config-editor.html',
  styleUrls: ['../shared/planner.css', './map-config-editor.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MapConfigEditor {
  private readonly store = inject(ProcedureSetupStore);
  private readonly http = inject(HttpClient);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly kinds = LAYER_KINDS;
  protected readonly kindLabels = LAYER_KIND_LABELS;
  protected readonly urlHints = URL_HINTS;
  protected readonly projections = PROJECTIONS;
  protected readonly layers: FormArray<LayerForm> = this.fb.array<LayerForm>([]);
  /** the layers as the template shows them: replaced rows are new controls the template has to bind to */
  protected readonly shownLayers = signal<LayerForm[]>([]);
  protected readonly form = this.fb.group({
    projection: ['EPSG:3857', Validators.required],
    centerLon: [10, [Validators.required, Validators.min(-180), Validators.max(180)]],
    centerLat: [53.55, [Validators.required, Validators.min(-90), Validators.max(90)]],
    zoom: [12, [Validators.required, Validators.min(0), Validators.max(24)]],
    layers: this.layers,
  });
  protected readonly run = new FormRun();
  protected readonly capabilities = signal<Record<string, CapabilitiesState>>({});
  private readonly map = computed(() => this.store.procedure()?.map ?? null);
  private readonly rowIds = new WeakMap<LayerForm, number>();
  private lastRowId = 0;

  constructor() {
    effect(() => {
      const map = this.map();
      untracked(() => {
        if (map && !this.form.dirty) this.fill(map);
      });
    });
  }

  private layerForm(layer?: Partial<MapLayer>): LayerForm {
    return this.fb.group({
      id: [layer?.id ?? ''],
      kind: this.fb.control<MapLayerKind>(layer?.kind ?? 'wms'),
      role: this.fb.control<'base' | 'overlay'>(layer?.role ?? 'overlay'),
      title: [layer?.title ?? '', Validators.required],
      url: [layer?.url ?? '', [Validators.required, Validators.pattern(URL_PATTERN)]],
      visible: [layer?.visible !== false],
      opacity: [Math.round((layer?.opacity ?? 1) * 100), [Validators.min(0), Validators.max(100)]],
      attribution: [layer?.attribution ?? ''],
      layers: [layer?.layers ?? ''],
      matrixSet: [layer?.matrixSet ?? ''],
      extent: [layer?.extent?.join(', ') ?? ''],
    });
  }

  private fill(map: MapConfiguration): void {
    this.form.controls.projection.setValue(map.projection);
    this.form.controls.centerLon.setValue(map.center[0]);
    this.form.controls.centerLat.setValue(map.center[1]);
    this.form.controls.zoom.setValue(map.zoom);
    this.layers.clear();
    for (const layer of map.layers) this.layers.push(this.layerForm(layer));
    this.form.markAsPristine();
    this.shownLayers.set([...this.layers.controls]);
  }

  protected add(): void {
    this.layers.push(this.layerForm());
    this.shownLayers.set([...this.layers.controls]);
    this.form.markAsDirty();
  }

  protected remove(index: number): void {
    this.layers.removeAt(index);
    this.shownLayers.set([...this.layers.controls]);
    this.form.markAsDirty();
  }

  protected move(index: number, by: -1 | 1): void {
    const target = index + by;
    if (target < 0 || target >= this.layers.length) return;
    const layer = this.layers.at(index);
    this.layers.removeAt(index);
    this.layers.insert(target, layer);
    this.shownLayers.set([...this.layers.controls]);
    this.form.markAsDirty();
  }

  protected capabilitiesOf(row: LayerForm): CapabilitiesState | null {
    return this.capabilities()[this.rowKey(row)] ?? null;
  }

  /** Capabilities belong to a row, wherever it moves. */
  private rowKey(row: LayerForm): string {
    let id = this.rowIds.get(row);
    if (id === undefined) {
      id = ++this.lastRowId;
      this.rowIds.set(row, id);
    }
    return String(id);
  }

  /**
   * Reads the WMS's capabilities from the URL entered. The browser may only contact map hosts the
   * server allows (its Content-Security-Policy lists the hosts of saved layers): a new host works
   * once the layer is saved.
   */
  protected async loadCapabilities(row: LayerForm): Promise<void> {
    const key = this.rowKey(row);
    const url = row.controls.url.value.trim();
    if (!URL_PATTERN.test(url)) {
      row.controls.url.markAsTouched();
      this.capabilities.update((c) => ({ ...c, [key]: { status: 'failed', options: [] } }));
      return;
    }
    this.capabilities.update((c) => ({ ...c, [key]: { status: 'loading', options: [] } }));
    try {
      const xml = await firstValueFrom(this.http.get(capabilitiesUrl(url), { responseType: 'text' }));
      const options = parseWmsLayers(xml);
      this.capabilities.update((c) => ({ ...c, [key]: { status: 'loaded', options } }));
    } catch {
      this.capabilities.update((c) => ({ ...c, [key]: { status: 'failed', options: [] } }));
    }
  }

  protected chosen(row: LayerForm, name: string): boolean {
    return row.controls.layers.value.split(',').map((n) => n.trim()).includes(name);
  }

  protected choose(row: LayerForm, option: WmsLayerOption, chosen: boolean): void {
    const names = row.controls.layers.value.split(',').map((n) => n.trim()).filter(Boolean);
    const next = chosen ? [...new Set([...names, option.name])] : names.filter((n) => n !== option.name);
    row.controls.layers.setValue(next.join(','));
    if (chosen && !row.controls.title.value) row.controls.title.setValue(option.title);
    if (chosen && option.extent && row.controls.kind.value === 'image' && !row.controls.extent.value) {
      row.controls.extent.setValue(option.extent.join(', '));
    }
    row.markAsDirty();
    this.form.markAsDirty();
  }

  protected async save(): Promise<void> {
    const rows = this.layers.controls;
    const extentMissing = rows.some((row) => row.controls.kind.value === 'image' && !parseExtent(row.controls.extent.value));
    if (!this.run.check(this.form.valid)) return;
    if (extentMissing) {
      this.run.fail({ key: 'planner.layers.extentNeeded' });
      return;
    }
    const { projection, centerLon, centerLat, zoom } = this.form.getRawValue();
    const taken = new Set<string>();
    const layers: MapLayer[] = rows.map((row) => {
      const v = row.getRawValue();
      let id = v.id || slugify(v.title).slice(0, 48) || 'layer';
      while (taken.has(id)) id = `${id}-${taken.size}`;
      taken.add(id);
      const extent = parseExtent(v.extent);
      return {
        id,
        kind: v.kind,
        role: v.role,
        title: v.title.trim(),
        url: v.url.trim(),
        visible: v.visible,
        opacity: Math.min(Math.max(v.opacity, 0), 100) / 100,
        ...(v.attribution.trim() ? { attribution: v.attribution.trim() } : {}),
        ...((v.kind === 'wms' || v.kind === 'wmts') && v.layers.trim() ? { layers: v.layers.trim() } : {}),
        ...(v.kind === 'wmts' && v.matrixSet.trim() ? { matrixSet: v.matrixSet.trim() } : {}),
        ...(v.kind === 'image' && extent ? { extent } : {}),
      };
    });
    const map: MapConfiguration = { projection, center: [centerLon, centerLat], zoom, layers };
    const result = await this.run.run(() => this.store.update({ map }), { key: 'planner.saved' });
    if (result?.ok) this.fill(result.value.map);
  }
}
