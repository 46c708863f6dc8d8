import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Contact, FaqEntry, PlanningDocument, PlanningInformation } from '@stadtdialog/shared/contract';
import {
  attempt,
  InformationInputs,
  InformationKind,
  LocalizedNumberPipe,
  MessageKey,
  ProcedureSetupStore,
  TranslatePipe,
  Translator,
  VariantWorkspaceApi,
} from '@stadtdialog/web/data-access';
import { FormRun } from '../shared/form-run';
import { FormStatus } from '../shared/form-status';
import { plannerPageTitle } from '../shared/page-title';

/** One field of the forms below: its control, label and input type. */
interface InformationField {
  id: string;
  control: string;
  label: MessageKey;
  type: 'text' | 'textarea' | 'email' | 'tel' | 'number';
}

const field = (form: string, control: string, type: InformationField['type'] = 'text'): InformationField => ({
  id: `${form}-${control}`,
  control,
  label: `planner.information.${form}.${control}` as MessageKey,
  type,
});

/** Documents (uploaded PDFs and images), FAQ and contacts of a procedure, shown on its public page. */
@Component({
  selector: 'sd-information-page',
  imports: [ReactiveFormsModule, NgTemplateOutlet, TranslatePipe, LocalizedNumberPipe, FormStatus],
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
  protected readonly documentFields = [field('document', 'title'), field('document', 'description', 'textarea'), { ...field('document', 'position', 'number'), label: 'planner.information.position' as MessageKey }];
  protected readonly faqFields = [field('faq', 'question'), field('faq', 'answer', 'textarea'), { ...field('faq', 'position', 'number'), label: 'planner.information.position' as MessageKey }];
  protected readonly contactFields = [
    field('contact', 'name'), field('contact', 'organisation'), field('contact', 'email', 'email'), field('contact', 'phone', 'tel'),
    field('contact', 'address', 'textarea'), { ...field('contact', 'position', 'number'), label: 'planner.information.position' as MessageKey },
  ];

  protected readonly documentForm = this.fb.group({ title: ['', Validators.required], description: [''], position: [0] });
  protected readonly faqForm = this.fb.group({ question: ['', Validators.required], answer: ['', Validators.required], position: [0] });
  protected readonly contactForm = this.fb.group({
    name: ['', Validators.required], organisation: [''], email: ['', Validators.email], phone: [''], address: [''], position: [0],
  });

  /** the entry whose values the form of its kind holds; a save replaces it instead of adding one */
  protected readonly editing = signal<{ kind: InformationKind; id: string; uploadId?: string } | null>(null);

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

  protected editsOf(kind: InformationKind): string | null {
    const editing = this.editing();
    return editing?.kind === kind ? editing.id : null;
  }

  /** Puts the entry into its form; saving replaces it. */
  protected edit(kind: 'document', entry: PlanningDocument): void;
  protected edit(kind: 'faq', entry: FaqEntry): void;
  protected edit(kind: 'contact', entry: Contact): void;
  protected edit(kind: InformationKind, entry: PlanningDocument | FaqEntry | Contact): void {
    if (kind === 'document') {
      const d = entry as PlanningDocument;
      this.documentForm.reset({ title: d.title, description: d.description, position: d.position });
      this.editing.set({ kind, id: d.id, uploadId: d.file.id });
    } else if (kind === 'faq') {
      const f = entry as FaqEntry;
      this.faqForm.reset({ question: f.question, answer: f.answer, position: f.position });
      this.editing.set({ kind, id: f.id });
    } else {
      const c = entry as Contact;
      this.contactForm.reset({ name: c.name, organisation: c.organisation, email: c.email, phone: c.phone, address: c.address, position: c.position });
      this.editing.set({ kind, id: c.id });
    }
    const first = { document: 'document-title', faq: 'faq-question', contact: 'contact-name' }[kind];
    setTimeout(() => this.window?.document.getElementById(first)?.focus());
  }

  protected cancelEdit(kind: InformationKind): void {
    this.editing.set(null);
    ({ document: this.documentForm, faq: this.faqForm, contact: this.contactForm })[kind].reset();
  }

  /** Adds the entry, or replaces the one being edited; then the form is empty again. */
  private async store<K extends InformationKind>(kind: K, input: InformationInputs[K]) {
    const editing = this.editsOf(kind);
    const result = await this.runs[kind].run(
      () => attempt(editing ? this.api.replaceInformation(this.procedureId(), kind, editing, input) : this.api.addInformation(this.procedureId(), kind, input)),
      { key: editing ? 'planner.information.saved' : 'planner.information.added' },
    );
    if (result?.ok) {
      this.cancelEdit(kind);
      await this.reload();
    }
    return result;
  }

  protected pickFile(event: Event): void {
    this.file.set((event.target as HTMLInputElement).files?.[0] ?? null);
  }

  protected async addDocument(field: HTMLInputElement): Promise<void> {
    const run = this.runs.document;
    const file = this.file();
    const kept = this.editing()?.kind === 'document' ? this.editing()?.uploadId : undefined;
    if (!run.check(this.documentForm.valid && !!(file || kept))) return;
    const { title, description, position } = this.documentForm.getRawValue();
    let uploadId = kept;
    if (file) {
      const uploaded = await run.run(() => attempt(this.api.upload(this.procedureId(), file, file.name)));
      if (!uploaded?.ok) return;
      uploadId = uploaded.value.id;
    }
    const result = await this.store('document', { uploadId: uploadId as string, title: title.trim(), description: description.trim(), position });
    if (result?.ok) {
      this.file.set(null);
      field.value = '';
    }
  }

  protected async addFaq(): Promise<void> {
    if (!this.runs.faq.check(this.faqForm.valid)) return;
    const { question, answer, position } = this.faqForm.getRawValue();
    await this.store('faq', { question: question.trim(), answer: answer.trim(), position });
  }

  protected async addContact(): Promise<void> {
    if (!this.runs.contact.check(this.contactForm.valid)) return;
    const value = this.contactForm.getRawValue();
    await this.store('contact', {
      name: value.name.trim(), organisation: value.organisation.trim(), email: value.email.trim(), phone: value.phone.trim(),
      address: value.address.trim(), position: value.position,
    });
  }

  protected async remove(kind: InformationKind, id: string, name: string): Promise<void> {
    if (!this.window?.confirm(this.translator.translate('planner.information.confirmRemove', { name }))) return;
    const result = await this.runs.list.run(() => attempt(this.api.removeInformation(this.procedureId(), kind, id)), { key: 'planner.information.removed' });
    if (result?.ok) await this.reload();
  }
}
