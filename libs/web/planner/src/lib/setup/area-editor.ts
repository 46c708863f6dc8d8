import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { ProcedureSetupStore, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { LocationPicker, LocationSketch } from '@stadtdialog/web/map';
import { FormRun } from '../shared/form-run';
import { FormStatus } from '../shared/form-status';
import { plannerMapLabels } from '../shared/map-labels';
import { AreaFileProblem, readAreaFile, singlePolygon } from './geojson-area';

const FILE_PROBLEMS: Record<AreaFileProblem, 'planner.area.fileUnreadable' | 'planner.area.fileNoPolygon' | 'planner.area.fileNotLonLat'> = {
  unreadable: 'planner.area.fileUnreadable',
  'no-polygon': 'planner.area.fileNoPolygon',
  'not-lon-lat': 'planner.area.fileNotLonLat',
};

/**
 * The planning area: drawn on the map (click the corners, click the first one again to close; or
 * from the keyboard, Enter at the map's centre) with the map library's location picker, or read from
 * a GeoJSON file.
 */
@Component({
  selector: 'sd-area-editor',
  imports: [LocationPicker, TranslatePipe, FormStatus],
  templateUrl: './area-editor.html',
  styleUrls: ['../shared/planner.css'],
  styles: `
    .picker {
      height: 28rem;
      border: 1px solid #c4c4c4;
    }
    .sketch-state {
      min-height: 1.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AreaEditor {
  protected readonly store = inject(ProcedureSetupStore);
  private readonly translator = inject(Translator);
  private readonly window = inject(DOCUMENT).defaultView;
  protected readonly picker = viewChild(LocationPicker);
  protected readonly labels = plannerMapLabels('planner.area.mapLabel');
  protected readonly area = computed(() => this.store.procedure()?.planningArea ?? null);
  /** a single polygon is edited in place; other areas are shown until a new one is drawn */
  protected readonly editable = computed(() => singlePolygon(this.area()));
  protected readonly shownArea = computed(() => (this.editable() ? null : this.area()));
  protected readonly sketch = signal<LocationSketch | null>(null);
  protected readonly drawn = computed(() => {
    const geometry = this.sketch()?.geometry;
    return geometry?.type === 'Polygon' ? geometry : null;
  });
  protected readonly run = new FormRun();
  protected readonly upload = new FormRun();

  protected async save(): Promise<void> {
    const polygon = this.drawn();
    if (!polygon) {
      this.run.fail({ key: 'planner.area.notFinished' });
      return;
    }
    await this.run.run(() => this.store.update({ planningArea: polygon }), { key: 'planner.area.saved' });
  }

  protected async remove(): Promise<void> {
    if (!this.window?.confirm(this.translator.translate('planner.area.confirmRemove'))) return;
    await this.run.run(() => this.store.update({ planningArea: null }), { key: 'planner.area.removed' });
  }

  protected async readFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const parsed = readAreaFile(await file.text());
    input.value = '';
    if (!parsed.ok) {
      this.upload.fail({ key: FILE_PROBLEMS[parsed.problem] });
      return;
    }
    await this.upload.run(() => this.store.update({ planningArea: parsed.area }), {
      key: 'planner.area.uploaded',
      params: { count: parsed.polygons },
    });
  }
}
