import { ChangeDetectionStrategy, Component, computed, inject, signal, WritableSignal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { WorkspaceProcedure } from '@stadtdialog/shared/contract';
import {
  MessageKey,
  PlannerResult,
  PlannerSession,
  TranslatePipe,
  WorkspaceProceduresStore,
} from '@stadtdialog/web/data-access';
import { failureText, fieldTexts, LocalizedText } from '../shared/failure-text';
import { FormOutcome, FormStatus } from '../shared/form-status';
import { plannerPageTitle } from '../shared/page-title';
import { dateInputToIso, slugify, todayInput } from '../shared/slug';

const STATE_LABELS: Record<string, MessageKey> = {
  upcoming: 'state.upcoming',
  open: 'state.open',
  closed: 'state.closed',
};

const ROLE_LABELS: Record<string, MessageKey> = {
  admin: 'planner.role.admin',
  manager: 'planner.role.manager',
  moderator: 'planner.role.moderator',
};

/** The procedures of the signed-in planner; admins create new ones or copy one as a template. */
@Component({
  selector: 'sd-procedures-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FormStatus],
  templateUrl: './procedures-page.html',
  styleUrls: ['../shared/planner.css', './procedures-page.css'],
  providers: [WorkspaceProceduresStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProceduresPage {
  protected readonly store = inject(WorkspaceProceduresStore);
  protected readonly session = inject(PlannerSession);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly stateLabels = STATE_LABELS;
  protected readonly roleLabels = ROLE_LABELS;

  protected readonly cloneForm = this.fb.group({
    templateId: ['', Validators.required],
    title: ['', Validators.required],
    slug: ['', Validators.required],
    startsAt: [todayInput(), Validators.required],
  });
  protected readonly createForm = this.fb.group({
    title: ['', Validators.required],
    slug: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  protected readonly cloneOutcome = signal<FormOutcome>(null);
  protected readonly createOutcome = signal<FormOutcome>(null);
  private readonly cloneFields = signal<Record<string, LocalizedText>>({});
  private readonly createFields = signal<Record<string, LocalizedText>>({});
  private readonly cloneSubmitted = signal(false);
  private readonly createSubmitted = signal(false);
  protected readonly templates = computed(() => this.store.procedures());

  constructor() {
    plannerPageTitle('planner.procedures.title');
    void this.store.load();
    // The slug follows the title until someone edits it.
    for (const form of [this.cloneForm, this.createForm]) {
      form.controls.title.valueChanges.subscribe((title) => {
        if (!form.controls.slug.dirty) form.controls.slug.setValue(slugify(title));
      });
    }
  }

  protected cloneProblem(name: 'templateId' | 'title' | 'slug' | 'startsAt'): LocalizedText | null {
    if (this.cloneSubmitted() && this.cloneForm.controls[name].invalid) return { key: 'planner.error.required' };
    return this.cloneFields()[name] ?? null;
  }

  protected createProblem(name: 'title' | 'slug'): LocalizedText | null {
    if (this.createSubmitted() && this.createForm.controls[name].invalid) return { key: 'planner.error.required' };
    return this.createFields()[name] ?? null;
  }

  protected async clone(): Promise<void> {
    this.cloneSubmitted.set(true);
    if (this.cloneForm.invalid) {
      this.cloneOutcome.set({ ok: false, text: { key: 'planner.error.invalid' } });
      return;
    }
    const { templateId, title, slug, startsAt } = this.cloneForm.getRawValue();
    await this.finish(
      this.store.clone(templateId, { title: title.trim(), slug: slug.trim(), startsAt: dateInputToIso(startsAt) }),
      this.cloneOutcome,
      this.cloneFields,
    );
  }

  protected async create(): Promise<void> {
    this.createSubmitted.set(true);
    if (this.createForm.invalid) {
      this.createOutcome.set({ ok: false, text: { key: 'planner.error.invalid' } });
      return;
    }
    const { title, slug } = this.createForm.getRawValue();
    await this.finish(this.store.create({ title: title.trim(), slug: slug.trim() }), this.createOutcome, this.createFields);
  }

  private async finish(
    request: Promise<PlannerResult<WorkspaceProcedure>>,
    outcome: WritableSignal<FormOutcome>,
    fields: WritableSignal<Record<string, LocalizedText>>,
  ): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    outcome.set(null);
    fields.set({});
    const result = await request;
    this.busy.set(false);
    if (result.ok) {
      await this.router.navigate(['/planner/procedures', result.value.id, 'setup']);
    } else {
      fields.set(fieldTexts(result.failure));
      outcome.set({ ok: false, text: failureText(result.failure) });
    }
  }
}
