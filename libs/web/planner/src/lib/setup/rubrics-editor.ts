import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Rubric } from '@stadtdialog/shared/contract';
import { ProcedureSetupStore, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { FormRun } from '../shared/form-run';
import { FormStatus } from '../shared/form-status';

type RubricRow = FormGroup<{ id: FormControl<string>; kind: FormControl<string>; name: FormControl<string>; nameEn: FormControl<string> }>;

const KIND = /^[a-z][a-z_]{0,39}$/;

/** Rubrics (the kind of a contribution: idea, criticism, question, …) with their shown names. */
@Component({
  selector: 'sd-rubrics-editor',
  imports: [ReactiveFormsModule, TranslatePipe, FormStatus],
  template: `@if (shownRows().length === 0) {
      <p>{{ 'planner.rubrics.none' | t }}</p>
    }
    <ul class="rows">
      @for (row of shownRows(); track row.controls.id.value) {
        @let id = row.controls.id.value;
        <li>
          <form [formGroup]="row" (ngSubmit)="save(row)" novalidate class="row">
            <div class="field">
              <label [for]="'rubric-name-' + id">{{ 'planner.rubrics.name' | t }}</label>
              <input [id]="'rubric-name-' + id" type="text" formControlName="name" />
            </div>
            <div class="field">
              <label [for]="'rubric-en-name-' + id">{{ 'planner.englishVersion' | t: { field: ('planner.rubrics.name' | t) } }}</label>
              <input [id]="'rubric-en-name-' + id" type="text" lang="en" formControlName="nameEn" />
            </div>
            <div class="field">
              <label [for]="'rubric-kind-' + id">{{ 'planner.rubrics.kind' | t }}</label>
              <input [id]="'rubric-kind-' + id" type="text" formControlName="kind" />
            </div>
            <button type="submit" [disabled]="list.busy() || row.pristine">
              {{ 'planner.save' | t }}<span class="visually-hidden">: {{ row.controls.name.value }}</span>
            </button>
            <button type="button" class="danger" (click)="remove(row)" [disabled]="list.busy()">
              {{ 'planner.delete' | t }}<span class="visually-hidden">: {{ row.controls.name.value }}</span>
            </button>
          </form>
        </li>
      }
    </ul>
    <sd-form-status [outcome]="list.outcome()" />

    <h3 id="rubric-add-heading">{{ 'planner.rubrics.addTitle' | t }}</h3>
    <form [formGroup]="addForm" (ngSubmit)="add()" novalidate class="row" aria-labelledby="rubric-add-heading">
      @let nameProblem = adding.problem('name', addForm.controls.name);
      <div class="field">
        <label for="rubric-new-name">{{ 'planner.rubrics.name' | t }}</label>
        <input
          id="rubric-new-name"
          type="text"
          formControlName="name"
          [attr.aria-invalid]="nameProblem ? 'true' : null"
          [attr.aria-describedby]="nameProblem ? 'rubric-new-name-error' : null"
        />
        @if (nameProblem) {
          <p class="field-error" id="rubric-new-name-error">{{ nameProblem.key | t: nameProblem.params }}</p>
        }
      </div>
      @let nameEnProblem = adding.problem('translations.en.name');
      <div class="field">
        <label for="rubric-new-en-name">{{ 'planner.englishVersion' | t: { field: ('planner.rubrics.name' | t) } }}</label>
        <input
          id="rubric-new-en-name"
          type="text"
          lang="en"
          formControlName="nameEn"
          [attr.aria-invalid]="nameEnProblem ? 'true' : null"
          [attr.aria-describedby]="nameEnProblem ? 'rubric-new-en-name-error' : null"
        />
        @if (nameEnProblem) {
          <p class="field-error" id="rubric-new-en-name-error">{{ nameEnProblem.key | t: nameEnProblem.params }}</p>
        }
      </div>
      @let kindProblem = adding.problem('kind', addForm.controls.kind);
      <div class="field">
        <label for="rubric-new-kind">{{ 'planner.rubrics.kind' | t }}</label>
        <input
          id="rubric-new-kind"
          type="text"
          formControlName="kind"
          [attr.aria-invalid]="kindProblem ? 'true' : null"
          [attr.aria-describedby]="'rubric-new-kind-hint' + (kindProblem ? ' rubric-new-kind-error' : '')"
        />
        <p class="hint" id="rubric-new-kind-hint">{{ 'planner.rubrics.kindHint' | t }}</p>
        @if (kindProblem) {
          <p class="field-error" id="rubric-new-kind-error">{{ kindProblem.key | t: kindProblem.params }}</p>
        }
      </div>
      <button type="submit" class="primary" [disabled]="adding.busy()">{{ 'planner.rubrics.add' | t }}</button>
    </form>
    <sd-form-status [outcome]="adding.outcome()" />`,
  styleUrls: ['../shared/planner.css'],
  styles: `
    .rows {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0 1rem;
    }
    .row button {
      margin-top: 1.75rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RubricsEditor {
  private readonly store = inject(ProcedureSetupStore);
  private readonly translator = inject(Translator);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly rows = this.fb.array<RubricRow>([]);
  /** the rows as the template shows them: replaced rows are new controls the template has to bind to */
  protected readonly shownRows = signal<RubricRow[]>([]);
  protected readonly addForm = this.fb.group({
    name: ['', Validators.required],
    nameEn: [''],
    kind: ['', [Validators.required, Validators.pattern(KIND)]],
  });
  protected readonly list = new FormRun();
  protected readonly adding = new FormRun();
  private readonly rubrics = computed(() => this.store.procedure()?.rubrics ?? []);

  constructor() {
    effect(() => {
      const rubrics = this.rubrics();
      untracked(() => this.fill(rubrics));
    });
  }

  private fill(rubrics: Rubric[]): void {
    const editing = new Map(this.rows.controls.filter((row) => row.dirty).map((row) => [row.controls.id.value, row]));
    const rows = rubrics.map(
      (rubric) =>
        editing.get(rubric.id) ??
        this.fb.group({
          id: [rubric.id],
          kind: [rubric.kind, [Validators.required, Validators.pattern(KIND)]],
          name: [rubric.name, Validators.required],
          nameEn: [rubric.translations?.en?.name ?? ''],
        }),
    );
    this.rows.clear();
    for (const row of rows) this.rows.push(row);
    this.shownRows.set([...this.rows.controls]);
  }

  protected async save(row: RubricRow): Promise<void> {
    if (!this.list.check(row.valid)) return;
    const { id, kind, name, nameEn } = row.getRawValue();
    row.markAsPristine();
    const translations = { en: { name: nameEn } };
    const result = await this.list.run(() => this.store.updateRubric(id, { kind, name: name.trim(), translations }), {
      key: 'planner.rubrics.saved',
      params: { name },
    });
    if (result && !result.ok) row.markAsDirty();
  }

  protected async remove(row: RubricRow): Promise<void> {
    const { id, name } = row.getRawValue();
    if (!this.window?.confirm(this.translator.translate('planner.rubrics.confirmDelete', { name }))) return;
    await this.list.run(() => this.store.deletePart('rubric', id), { key: 'planner.rubrics.deleted', params: { name } });
  }

  protected async add(): Promise<void> {
    if (!this.adding.check(this.addForm.valid)) return;
    const { name, nameEn, kind } = this.addForm.getRawValue();
    const translations = { en: { name: nameEn } };
    const result = await this.adding.run(() => this.store.addRubric({ name: name.trim(), kind, translations }), {
      key: 'planner.rubrics.added',
      params: { name: name.trim() },
    });
    if (result?.ok) this.addForm.reset();
  }
}
