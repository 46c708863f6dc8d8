import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ProcedureSetupStore, TranslatePipe } from '@stadtdialog/web/data-access';
import { plannerPageTitle } from '../shared/page-title';
import { AppointmentsEditor } from './appointments-editor';
import { CategoriesEditor } from './categories-editor';
import { PhasesEditor } from './phases-editor';
import { RubricsEditor } from './rubrics-editor';

/** How a procedure runs and what contributions are sorted by: phases, categories, rubrics, appointments. */
@Component({
  selector: 'sd-structure-page',
  imports: [TranslatePipe, PhasesEditor, CategoriesEditor, RubricsEditor, AppointmentsEditor],
  template: `<h1>{{ 'planner.structure.title' | t }}</h1>
    @if (store.canManage()) {
      <section class="card" aria-labelledby="phases-heading">
        <h2 id="phases-heading">{{ 'procedure.phases' | t }}</h2>
        <sd-phases-editor />
      </section>
      <section class="card" aria-labelledby="categories-heading">
        <h2 id="categories-heading">{{ 'planner.categories.title' | t }}</h2>
        <sd-categories-editor />
      </section>
      <section class="card" aria-labelledby="rubrics-heading">
        <h2 id="rubrics-heading">{{ 'planner.rubrics.title' | t }}</h2>
        <sd-rubrics-editor />
      </section>
      <section class="card" aria-labelledby="appointments-heading">
        <h2 id="appointments-heading">{{ 'procedure.appointments' | t }}</h2>
        <sd-appointments-editor />
      </section>
    } @else {
      <p>{{ 'planner.error.forbidden' | t }}</p>
    }`,
  styleUrls: ['../shared/planner.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StructurePage {
  protected readonly store = inject(ProcedureSetupStore);

  constructor() {
    plannerPageTitle('planner.structure.title', () => this.store.procedure()?.title);
  }
}
