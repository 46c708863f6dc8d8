import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { PlanningInformation } from '@stadtdialog/shared/contract';
import {
  attempt,
  InformationKind,
  LocalizedNumberPipe,
  ProcedureSetupStore,
  TranslatePipe,
  Translator,
  VariantWorkspaceApi,
} from '@stadtdialog/web/data-access';
import { FormRun } from '../shared/form-run';
import { FormStatus } from '../shared/form-status';
import { plannerPageTitle } from '../shared/page-title';

/** Documents (uploaded PDFs and images), FAQ and contacts of a procedure, shown on its public page. */
@Component({
  selector: 'sd-information-page',
  imports: [ReactiveFormsModule, TranslatePipe, LocalizedNumberPipe, FormStatus],
  templateUrl: './information-page.html',
  styleUrls: ['../shared/planner.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InformationPage {
  protected readonly setup = inject(ProcedureSetupStore);
  private readonly api = inject(VariantWorkspaceApi);
  private readonly translator = inject(Translator);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly fb = inject(NonNullableFormBuilder);

  private readonly procedureId = computed(() => this.setup.id() ?? '');
  protected readonly information = signal<PlanningInformation>({ documents: [], faq: [], contacts: [] });
  protected readonly runs = { document: new FormRun(), faq: new FormRun(), contact: new FormRun(), list: new FormRun() };
  protected readonly file = signal<File | null>(null);

  protected readonly documentForm = this.fb.group({ title: ['', Validators.required], description: [''], position: [0] });
  protected readonly faqForm = this.fb.group({ question: ['', Validators.required], answer: ['', Validators.required], position: [0] });
  protected readonly contactForm = this.fb.group({
    name: ['', Validators.required], organisation: [''], email: ['', Validators.email], phone: [''], address: [''], position: [0],
  });

  constructor() {
    plannerPageTitle('planner.information.title', () => this.setup.procedure()?.title);
    effect(() => {
      const id = this.setup.id();
      if (id) untracked(() => void this.reload());
    });
  }

  private async reload(): Promise<void> {
    const result = await attempt(this.api.information(this.procedureId()));
    if (result.ok) this.information.set(result.value);
  }

  protected pickFile(event: Event): void {
    this.file.set((event.target as HTMLInputElement).files?.[0] ?? null);
  }

  protected async addDocument(field: HTMLInputElement): Promise<void> {
    const run = this.runs.document;
    const file = this.file();
    if (!run.check(this.documentForm.valid && !!file) || !file) return;
    const { title, description, position } = this.documentForm.getRawValue();
    const result = await run.run(async () => {
      const uploaded = await attempt(this.api.upload(this.procedureId(), file, file.name));
      if (!uploaded.ok) return uploaded;
      return attempt(this.api.addInformation(this.procedureId(), 'document', { uploadId: uploaded.value.id, title: title.trim(), description: description.trim(), position }));
    }, { key: 'planner.information.added' });
    if (result?.ok) {
      this.documentForm.reset();
      this.file.set(null);
      field.value = '';
      await this.reload();
    }
  }

  protected async addFaq(): Promise<void> {
    const run = this.runs.faq;
    if (!run.check(this.faqForm.valid)) return;
    const { question, answer, position } = this.faqForm.getRawValue();
    const result = await run.run(() => attempt(this.api.addInformation(this.procedureId(), 'faq', { question: question.trim(), answer: answer.trim(), position })), {
      key: 'planner.information.added',
    });
    if (result?.ok) {
      this.faqForm.reset();
      await this.reload();
    }
  }

  protected async addContact(): Promise<void> {
    const run = this.runs.contact;
    if (!run.check(this.contactForm.valid)) return;
    const value = this.contactForm.getRawValue();
    const result = await run.run(() => attempt(this.api.addInformation(this.procedureId(), 'contact', {
      name: value.name.trim(), organisation: value.organisation.trim(), email: value.email.trim(), phone: value.phone.trim(),
      address: value.address.trim(), position: value.position,
    })), { key: 'planner.information.added' });
    if (result?.ok) {
      this.contactForm.reset();
      await this.reload();
    }
  }

  protected async remove(kind: InformationKind, id: string, name: string): Promise<void> {
    if (!this.window?.confirm(this.translator.translate('planner.information.confirmRemove', { name }))) return;
    const result = await this.runs.list.run(() => attempt(this.api.removeInformation(this.procedureId(), kind, id)), { key: 'planner.information.removed' });
    if (result?.ok) await this.reload();
  }
}
