import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NewPhase, Phase, PHASE_KINDS, PhaseKind } from '@stadtdialog/shared/contract';
import { MessageKey, ProcedureSetupStore, TranslatePipe } from '@stadtdialog/web/data-access';
import { FormRun } from '../shared/form-run';
import { FormStatus } from '../shared/form-status';
import { isoToLocalDateTime, localDateTimeToIso } from '../shared/slug';

export const PHASE_LABELS: Record<PhaseKind, MessageKey> = {
  information: 'phase.information',
  participation: 'phase.participation',
  conception: 'phase.conception',
  evaluation: 'phase.evaluation',
};

const DAY = 24 * 3600 * 1000;

type PhaseRow = FormGroup<{
  kind: FormControl<string>;
  title: FormControl<string>;
  titleEn: FormControl<string>;
  startsAt: FormControl<string>;
  endsAt: FormControl<string>;
}>;

/** The phases of a procedure, edited as one list and saved at once (the API replaces them whole). */
@Component({
  selector: 'sd-phases-editor',
  imports: [ReactiveFormsModule, TranslatePipe, FormStatus],
  template: `<form [formGroup]="form" (ngSubmit)="save()" novalidate>
    <p class="hint">{{ 'planner.phases.hint' | t }}</p>
    @if (shownRows().length === 0) {
      <p>{{ 'planner.phases.none' | t }}</p>
    }
    <div formArrayName="phases">
      @for (row of shownRows(); track row; let i = $index) {
        <fieldset [formGroupName]="i" class="phase">
          <legend>{{ 'planner.phases.phase' | t: { n: i + 1 } }}</legend>
          <div class="field">
            <label [for]="'phase-kind-' + i">{{ 'planner.phases.kind' | t }}</label>
            <select [id]="'phase-kind-' + i" formControlName="kind">
              @for (kind of kinds; track kind) {
                <option [value]="kind">{{ labels[kind] | t }}</option>
              }
            </select>
          </div>
          <div class="field">
            <label [for]="'phase-title-' + i">{{ 'planner.phases.title' | t }}</label>
            <input [id]="'phase-title-' + i" type="text" formControlName="title" />
          </div>
          @let titleEnProblem = run.problem('phases.' + i + '.translations.en.title');
          <div class="field">
            <label [for]="'phase-en-title-' + i">{{ 'planner.englishVersion' | t: { field: ('planner.phases.title' | t) } }}</label>
            <input
              [id]="'phase-en-title-' + i"
              type="text"
              lang="en"
              formControlName="titleEn"
              [attr.aria-invalid]="titleEnProblem ? 'true' : null"
              [attr.aria-describedby]="titleEnProblem ? 'phase-en-title-error-' + i : null"
            />
            @if (titleEnProblem) {
              <p class="field-error" [id]="'phase-en-title-error-' + i">{{ titleEnProblem.key | t: titleEnProblem.params }}</p>
            }
          </div>
          @let startProblem = run.problem('phases.' + i + '.startsAt', row.controls.startsAt);
          <div class="field">
            <label [for]="'phase-start-' + i">{{ 'planner.phases.start' | t }}</label>
            <input
              [id]="'phase-start-' + i"
              type="datetime-local"
              formControlName="startsAt"
              [attr.aria-invalid]="startProblem ? 'true' : null"
              [attr.aria-describedby]="startProblem ? 'phase-start-error-' + i : null"
            />
            @if (startProblem) {
              <p class="field-error" [id]="'phase-start-error-' + i">{{ startProblem.key | t: startProblem.params }}</p>
            }
          </div>
          @let endProblem = run.problem('phases.' + i + '.endsAt', row.controls.endsAt);
          <div class="field">
            <label [for]="'phase-end-' + i">{{ 'planner.phases.end' | t }}</label>
            <input
              [id]="'phase-end-' + i"
              type="datetime-local"
              formControlName="endsAt"
              [attr.aria-invalid]="endProblem ? 'true' : null"
              [attr.aria-describedby]="endProblem ? 'phase-end-error-' + i : null"
            />
            @if (endProblem) {
              <p class="field-error" [id]="'phase-end-error-' + i">{{ endProblem.key | t: endProblem.params }}</p>
            }
          </div>
          <button type="button" class="danger" (click)="remove(i)">
            {{ 'planner.phases.remove' | t }}<span class="visually-hidden"> {{ 'planner.phases.phase' | t: { n: i + 1 } }}</span>
          </button>
        </fieldset>
      }
    </div>
    <sd-form-status [outcome]="run.outcome()" />
    <div class="actions">
      <button type="button" (click)="add()">{{ 'planner.phases.add' | t }}</button>
      <button type="submit" class="primary" [disabled]="run.busy()">{{ 'planner.phases.save' | t }}</button>
    </div>
  </form>`,
  styleUrls: ['../shared/planner.css'],
  styles: `
    .phase {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
      align-items: flex-end;
    }
    .phase button {
      margin-bottom: 0.75rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PhasesEditor {
  private readonly store = inject(ProcedureSetupStore);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly kinds = PHASE_KINDS;
  protected readonly labels = PHASE_LABELS;
  protected readonly rows: FormArray<PhaseRow> = this.fb.array<PhaseRow>([]);
  /** the rows as the template shows them: replaced rows are new controls the template has to bind to */
  protected readonly shownRows = signal<PhaseRow[]>([]);
  protected readonly form = this.fb.group({ phases: this.rows });
  protected readonly run = new FormRun();
  private readonly phases = computed(() => this.store.procedure()?.phases ?? []);

  constructor() {
    effect(() => {
      const phases = this.phases();
      untracked(() => {
        if (!this.form.dirty) this.fill(phases);
      });
    });
  }

  private row(phase?: Partial<Phase>): PhaseRow {
    return this.fb.group({
      kind: this.fb.control<string>(phase?.kind ?? 'participation'),
      title: this.fb.control<string>(phase?.title ?? ''),
      titleEn: this.fb.control<string>(phase?.translations?.en?.title ?? ''),
      startsAt: this.fb.control<string>(isoToLocalDateTime(phase?.startsAt), Validators.required),
      endsAt: this.fb.control<string>(isoToLocalDateTime(phase?.endsAt), Validators.required),
    });
  }

  private fill(phases: Phase[]): void {
    this.rows.clear();
    for (const phase of phases) this.rows.push(this.row(phase));
    this.form.markAsPristine();
    this.shownRows.set([...this.rows.controls]);
  }

  protected add(): void {
    const phases = this.phases();
    const last = phases[phases.length - 1];
    const start = last ? new Date(last.endsAt) : new Date();
    this.rows.push(this.row({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 28 * DAY).toISOString() }));
    this.shownRows.set([...this.rows.controls]);
    this.form.markAsDirty();
  }

  protected remove(index: number): void {
    this.rows.removeAt(index);
    this.shownRows.set([...this.rows.controls]);
    this.form.markAsDirty();
  }

  protected async save(): Promise<void> {
    if (!this.run.check(this.form.valid)) return;
    const phases: NewPhase[] = this.rows.getRawValue().map((p) => ({
      kind: p.kind as PhaseKind,
      title: p.title.trim(),
      startsAt: localDateTimeToIso(p.startsAt),
      endsAt: localDateTimeToIso(p.endsAt),
      // the phases are replaced whole: a phase without an English title simply has none
      ...(p.titleEn.trim() ? { translations: { en: { title: p.titleEn } } } : {}),
    }));
    const result = await this.run.run(() => this.store.replacePhases(phases), { key: 'planner.saved' });
    if (result?.ok) {
      this.form.markAsPristine();
      this.fill(result.value.phases);
    }
  }
}
