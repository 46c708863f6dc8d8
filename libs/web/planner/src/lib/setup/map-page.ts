import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ProcedureSetupStore, TranslatePipe } from '@stadtdialog/web/data-access';
import { plannerPageTitle } from '../shared/page-title';
import { AreaEditor } from './area-editor';
import { MapConfigEditor } from './map-config-editor';

/** The planning area and the map of a procedure. */
@Component({
  selector: 'sd-map-page',
  imports: [TranslatePipe, AreaEditor, MapConfigEditor],
  template: `<h1>{{ 'planner.mapPage.title' | t }}</h1>
    @if (store.canManage()) {
      <section class="card" aria-labelledby="area-heading">
        <h2 id="area-heading">{{ 'procedure.planningArea' | t }}</h2>
        <sd-area-editor />
      </section>
      <section class="card" aria-labelledby="map-config-heading">
        <h2 id="map-config-heading">{{ 'planner.layers.heading' | t }}</h2>
        <sd-map-config-editor />
      </section>
    } @else {
      <p>{{ 'planner.error.forbidden' | t }}</p>
    }`,
  styleUrls: ['../shared/planner.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MapPage {
  protected readonly store = inject(ProcedureSetupStore);

  constructor() {
    plannerPageTitle('planner.mapPage.title', () => this.store.procedure()?.title);
  }
}
