import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { ContributionEdit, ContributionGeometry, ContributionGeometryType, GEOMETRY_TYPES, ModerationAction, ModerationKind } from '@stadtdialog/shared/contract';
import {
  AuditLogStore,
  LocalizedDatePipe,
  MessageKey,
  ModeratedContribution,
  ModeratedContributionStore,
  ProcedureSetupStore,
  TranslatePipe,
  Translator,
} from '@stadtdialog/web/data-access';
import { LocationPicker, LocationSketch } from '@stadtdialog/web/map';
import { AuditList } from '../audit/audit-list';
import { FormRun } from '../shared/form-run';
import { FormStatus } from '../shared/form-status';
import { plannerMapLabels } from '../shared/map-labels';
import { plannerPageTitle } from '../shared/page-title';
import { GEOMETRY_LABELS } from '../setup/setup-page';
import { KIND_LABELS, STATUS_LABELS } from './moderation-labels';

const DONE: Record<ModerationAction, MessageKey> = {
  approve: 'planner.queue.approved',
  reject: 'planner.queue.rejected',
  hide: 'planner.queue.hidden',
  unhide: 'planner.queue.unhidden',
};

/**
 * One contribution on the moderator's desk: decide on it and its comments, edit its text, category
 * or location (the participant's original stays), answer officially, and see its audit log.
 */
@Component({
  selector: 'sd-moderation-item-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LocalizedDatePipe, FormStatus, LocationPicker, AuditList],
  templateUrl: './moderation-item-page.html',
  styleUrls: ['../shared/planner.css', './moderation-item-page.css'],
  providers: [ModeratedContributionStore, AuditLogStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModerationItemPage {
  /** from the route parameter `:contributionId` */
  readonly contributionId = input.required<string>();

  protected readonly store = inject(ModeratedContributionStore);
  protected readonly setup = inject(ProcedureSetupStore);
  protected readonly log = inject(AuditLogStore);
  private readonly translator = inject(Translator);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly statusLabels = STATUS_LABELS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly geometryLabels = GEOMETRY_LABELS;
  protected readonly geometryTypes = GEOMETRY_TYPES;
  protected readonly mapLabels = plannerMapLabels('planner.item.mapLabel');
  protected readonly procedure = computed(() => this.setup.procedure());
  protected readonly contribution = computed(() => this.store.contribution());
  protected readonly categoryNames = computed(() => new Map((this.procedure()?.categories ?? []).map((c) => [c.id, c.name])));
  protected readonly rubricNames = computed(() => new Map((this.procedure()?.rubrics ?? []).map((r) => [r.id, r.name])));
  protected readonly auditCaption = computed(() => this.translator.translate('planner.item.auditTitle'));

  protected readonly editForm = this.fb.group({
    title: ['', Validators.required],
    text: ['', Validators.required],
    categoryId: [''],
    rubricId: [''],
    reason: [''],
  });
  /** the location as the moderator placed it; undefined while unchanged */
  protected readonly location = signal<ContributionGeometry | null | undefined>(undefined);
  protected readonly locationType = signal<ContributionGeometryType>('Point');
  protected readonly responseText = signal('');
  protected readonly rejectReason = signal('');
  protected readonly rejectingTarget = signal<string | null>(null);
  protected readonly decision = new FormRun();
  protected readonly editing = new FormRun();
  protected readonly responding = new FormRun();

  constructor() {
    plannerPageTitle('planner.item.title', () => this.contribution()?.title);
    effect(() => {
      const procedureId = this.setup.id();
      const id = this.contributionId();
      if (!procedureId) return;
      untracked(() => {
        void this.store.load(procedureId, id);
        void this.log.load({ procedureId, contributionId: id });
      });
    });
    effect(() => {
      const contribution = this.contribution();
      if (contribution) untracked(() => this.fill(contribution));
    });
  }

  private fill(contribution: ModeratedContribution): void {
    if (!this.editForm.dirty) {
      this.editForm.reset({
        title: contribution.title,
        text: contribution.text,
        categoryId: contribution.categoryId ?? '',
        rubricId: contribution.rubricId ?? '',
        reason: '',
      });
      this.location.set(undefined);
      this.locationType.set(contribution.geometry?.type ?? 'Point');
    }
  }

  protected onSketch(sketch: LocationSketch): void {
    this.location.set(sketch.geometry);
    this.editForm.markAsDirty();
  }

  protected setLocationType(type: string): void {
    this.locationType.set(type as ContributionGeometryType);
  }

  protected removeLocation(): void {
    this.location.set(null);
    this.editForm.markAsDirty();
  }

  protected async decide(action: ModerationAction, target?: { kind: ModerationKind; id: string }): Promise<void> {
    const reason = action === 'reject' ? this.rejectReason().trim() : undefined;
    if (action === 'reject' && !reason) {
      this.decision.fail({ key: 'planner.queue.reasonNeeded' });
      return;
    }
    const title = this.contribution()?.title ?? '';
    const result = await this.decision.run(() => this.store.decide(action, reason, target), { key: DONE[action], params: { title } });
    if (result?.ok) {
      this.rejectingTarget.set(null);
      this.rejectReason.set('');
      this.reloadLog();
    }
  }

  protected async saveEdit(): Promise<void> {
    const contribution = this.contribution();
    if (!contribution || !this.editing.check(this.editForm.valid)) return;
    const v = this.editForm.getRawValue();
    const edit: ContributionEdit = {};
    if (v.title.trim() !== contribution.title) edit.title = v.title.trim();
    if (v.text.trim() !== contribution.text) edit.text = v.text.trim();
    if (v.categoryId && v.categoryId !== contribution.categoryId) edit.categoryId = v.categoryId;
    if (v.rubricId && v.rubricId !== contribution.rubricId) edit.rubricId = v.rubricId;
    const location = this.location();
    if (location !== undefined && JSON.stringify(location) !== JSON.stringify(contribution.geometry)) edit.geometry = location;
    if (!Object.keys(edit).length) {
      this.editing.fail({ key: 'planner.item.nothingChanged' });
      return;
    }
    if (v.reason.trim()) edit.reason = v.reason.trim();
    this.editForm.markAsPristine();
    const result = await this.editing.run(() => this.store.edit(edit), { key: 'planner.item.edited' });
    if (result?.ok) this.reloadLog();
    else this.editForm.markAsDirty();
  }

  protected async respond(): Promise<void> {
    const text = this.responseText().trim();
    if (!text) {
      this.responding.fail({ key: 'planner.item.responseEmpty' });
      return;
    }
    const result = await this.responding.run(() => this.store.respond(text), { key: 'planner.item.responded' });
    if (result?.ok) {
      this.responseText.set('');
      this.reloadLog();
    }
  }

  private reloadLog(): void {
    const procedureId = this.setup.id();
    if (procedureId) void this.log.load({ procedureId, contributionId: this.contributionId() });
  }
}
