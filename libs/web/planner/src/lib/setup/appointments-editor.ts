import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Appointment } from '@stadtdialog/shared/contract';
import { AppointmentInput, ProcedureSetupStore, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { FormRun } from '../shared/form-run';
import { FormStatus } from '../shared/form-status';
import { isoToLocalDateTime, localDateTimeToIso } from '../shared/slug';

type AppointmentForm = FormGroup<{
  id: FormControl<string>;
  title: FormControl<string>;
  titleEn: FormControl<string>;
  startsAt: FormControl<string>;
  endsAt: FormControl<string>;
  place: FormControl<string>;
  description: FormControl<string>;
  descriptionEn: FormControl<string>;
}>;

/** Workshops and events of a procedure: what, when and where. */
@Component({
  selector: 'sd-appointments-editor',
  imports: [ReactiveFormsModule, NgTemplateOutlet, TranslatePipe, FormStatus],
  templateUrl: './appointments-editor.html',
  styleUrls: ['../shared/planner.css'],
  styles: `
    .rows {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .appointment {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      gap: 0 1rem;
    }
    .wide {
      grid-column: 1 / -1;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppointmentsEditor {
  private readonly store = inject(ProcedureSetupStore);
  private readonly translator = inject(Translator);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly rows = this.fb.array<AppointmentForm>([]);
  /** the rows as the template shows them: replaced rows are new controls the template has to bind to */
  protected readonly shownRows = signal<AppointmentForm[]>([]);
  protected readonly addForm = this.form();
  protected readonly list = new FormRun();
  protected readonly adding = new FormRun();
  private readonly appointments = computed(() => this.store.procedure()?.appointments ?? []);

  constructor() {
    effect(() => {
      const appointments = this.appointments();
      untracked(() => this.fill(appointments));
    });
  }

  private form(appointment?: Appointment): AppointmentForm {
    return this.fb.group({
      id: [appointment?.id ?? ''],
      title: [appointment?.title ?? '', Validators.required],
      startsAt: [isoToLocalDateTime(appointment?.startsAt), Validators.required],
      endsAt: [isoToLocalDateTime(appointment?.endsAt)],
      place: [appointment?.place ?? ''],
      description: [appointment?.description ?? ''],
      descriptionEn: [appointment?.translations?.en?.description ?? ''],
      titleEn: [appointment?.translations?.en?.title ?? ''],
    });
  }

  private fill(appointments: Appointment[]): void {
    const editing = new Map(this.rows.controls.filter((row) => row.dirty).map((row) => [row.controls.id.value, row]));
    const rows = appointments.map((a) => editing.get(a.id) ?? this.form(a));
    this.rows.clear();
    for (const row of rows) this.rows.push(row);
    this.shownRows.set([...this.rows.controls]);
  }

  private input(form: AppointmentForm): AppointmentInput {
    const { title, titleEn, startsAt, endsAt, place, description, descriptionEn } = form.getRawValue();
    return {
      title: title.trim(),
      startsAt: localDateTimeToIso(startsAt),
      endsAt: endsAt ? localDateTimeToIso(endsAt) : null,
      place: place.trim(),
      description,
      translations: { en: { title: titleEn, description: descriptionEn } },
    };
  }

  protected async save(row: AppointmentForm): Promise<void> {
    if (!this.list.check(row.valid)) return;
    const id = row.controls.id.value;
    const input = this.input(row);
    row.markAsPristine();
    const result = await this.list.run(() => this.store.updateAppointment(id, input), {
      key: 'planner.appointments.saved',
      params: { title: input.title },
    });
    if (result && !result.ok) row.markAsDirty();
  }

  protected async remove(row: AppointmentForm): Promise<void> {
    const { id, title } = row.getRawValue();
    if (!this.window?.confirm(this.translator.translate('planner.appointments.confirmDelete', { title }))) return;
    await this.list.run(() => this.store.deletePart('appointment', id), { key: 'planner.appointments.deleted', params: { title } });
  }

  protected async add(): Promise<void> {
    if (!this.adding.check(this.addForm.valid)) return;
    const input = this.input(this.addForm);
    const result = await this.adding.run(() => this.store.addAppointment(input), {
      key: 'planner.appointments.added',
      params: { title: input.title },
    });
    if (result?.ok) this.addForm.reset();
  }
}
