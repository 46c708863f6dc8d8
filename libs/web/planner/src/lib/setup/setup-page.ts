import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  ContributionGeometryType,
  GEOMETRY_TYPES,
  MODERATION_MODES,
  ModerationMode,
  ProcedureSettings,
  WorkspaceProcedure,
} from '@stadtdialog/shared/contract';
import { DOCUMENT } from '@angular/common';
import { MessageKey, ProcedureSetupStore, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { FormRun } from '../shared/form-run';
import { FormStatus } from '../shared/form-status';
import { plannerPageTitle } from '../shared/page-title';

type Visibility = 'on' | 'off' | 'hidden';

export const GEOMETRY_LABELS: Record<ContributionGeometryType, MessageKey> = {
  Point: 'planner.setup.geometry.Point',
  LineString: 'planner.setup.geometry.LineString',
  Polygon: 'planner.setup.geometry.Polygon',
};

const MODERATION_LABELS: Record<ModerationMode, MessageKey> = {
  pre: 'planner.setup.moderation.pre',
  post: 'planner.setup.moderation.post',
};

const VISIBILITY_LABELS: Record<Visibility, MessageKey> = {
  on: 'planner.setup.visibility.on',
  off: 'planner.setup.visibility.off',
  hidden: 'planner.setup.visibility.hidden',
};

const LIMIT_FIELDS: { name: 'titleMaxLength' | 'textMaxLength' | 'commentMaxLength' | 'reportThreshold'; label: MessageKey; hint: MessageKey }[] = [
  { name: 'titleMaxLength', label: 'planner.setup.titleMaxLength', hint: 'planner.setup.titleMaxLengthHint' },
  { name: 'textMaxLength', label: 'planner.setup.textMaxLength', hint: 'planner.setup.textMaxLengthHint' },
  { name: 'commentMaxLength', label: 'planner.setup.commentMaxLength', hint: 'planner.setup.commentMaxLengthHint' },
  { name: 'reportThreshold', label: 'planner.setup.reportThreshold', hint: 'planner.setup.reportThresholdHint' },
];

/** The general setup of a procedure: texts, whether it is public, archiving, and its participation rules. */
@Component({
  selector: 'sd-setup-page',
  imports: [ReactiveFormsModule, TranslatePipe, FormStatus],
  templateUrl: './setup-page.html',
  styleUrls: ['../shared/planner.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SetupPage {
  protected readonly store = inject(ProcedureSetupStore);
  private readonly translator = inject(Translator);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly geometryTypes = GEOMETRY_TYPES;
  protected readonly geometryLabels = GEOMETRY_LABELS;
  protected readonly moderationModes = MODERATION_MODES;
  protected readonly moderationLabels = MODERATION_LABELS;
  protected readonly visibilities: Visibility[] = ['on', 'off', 'hidden'];
  protected readonly visibilityLabels = VISIBILITY_LABELS;
  protected readonly limits = LIMIT_FIELDS;

  protected readonly textForm = this.fb.group({
    title: ['', Validators.required],
    slug: ['', Validators.required],
    summary: [''],
    description: [''],
    titleEn: [''],
    summaryEn: [''],
    descriptionEn: [''],
  });
  protected readonly settingsForm = this.fb.group({
    moderation: this.fb.control<ModerationMode>('post'),
    geometryTypes: this.fb.group({ Point: [true], LineString: [true], Polygon: [true] }),
    locationRequired: [false],
    comments: this.fb.control<Visibility>('on'),
    ratings: this.fb.control<Visibility>('on'),
    titleMaxLength: [120, [Validators.required, Validators.min(10), Validators.max(500)]],
    textMaxLength: [3000, [Validators.required, Validators.min(100), Validators.max(20000)]],
    commentMaxLength: [1500, [Validators.required, Validators.min(100), Validators.max(10000)]],
    reportThreshold: [3, [Validators.required, Validators.min(1), Validators.max(100)]],
  });
  protected readonly texts = new FormRun();
  protected readonly visibility = new FormRun();
  protected readonly settings = new FormRun();
  protected readonly procedure = computed(() => this.store.procedure());

  constructor() {
    plannerPageTitle('planner.setup.title', () => this.procedure()?.title);
    effect(() => {
      const procedure = this.procedure();
      if (procedure) untracked(() => this.fill(procedure));
    });
  }

  private fill(procedure: WorkspaceProcedure): void {
    if (!this.textForm.dirty) {
      this.textForm.reset({
        title: procedure.title,
        slug: procedure.slug,
        summary: procedure.summary,
        description: procedure.description,
        titleEn: procedure.translations.en?.title ?? '',
        summaryEn: procedure.translations.en?.summary ?? '',
        descriptionEn: procedure.translations.en?.description ?? '',
      });
    }
    if (!this.settingsForm.dirty) {
      const s = procedure.settings;
      this.settingsForm.reset({
        ...s,
        geometryTypes: Object.fromEntries(GEOMETRY_TYPES.map((type) => [type, s.geometryTypes.includes(type)])) as Record<
          ContributionGeometryType,
          boolean
        >,
      });
    }
  }

  protected async saveTexts(): Promise<void> {
    if (!this.texts.check(this.textForm.valid)) return;
    const { title, slug, summary, description, titleEn, summaryEn, descriptionEn } = this.textForm.getRawValue();
    const translations = { en: { title: titleEn, summary: summaryEn, description: descriptionEn } };
    const result = await this.texts.run(
      () => this.store.update({ title: title.trim(), slug: slug.trim(), summary, description, translations }),
      { key: 'planner.saved' },
    );
    if (result?.ok) this.textForm.markAsPristine();
  }

  protected async setInternal(internal: boolean): Promise<void> {
    await this.visibility.run(() => this.store.update({ internal }), {
      key: internal ? 'planner.setup.madeInternal' : 'planner.setup.published',
    });
  }

  protected async setArchived(archived: boolean): Promise<void> {
    if (archived && !this.window?.confirm(this.translator.translate('planner.setup.confirmArchive'))) return;
    await this.visibility.run(() => this.store.setArchived(archived), {
      key: archived ? 'planner.setup.archivedDone' : 'planner.setup.restoredDone',
    });
  }

  protected async saveSettings(): Promise<void> {
    const value = this.settingsForm.getRawValue();
    const geometryTypes = GEOMETRY_TYPES.filter((type) => value.geometryTypes[type]);
    if (!this.settings.check(this.settingsForm.valid)) return;
    if (!geometryTypes.length) {
      this.settings.fail({ key: 'planner.setup.oneGeometryType' });
      return;
    }
    const settings: ProcedureSettings = { ...value, geometryTypes };
    const result = await this.settings.run(() => this.store.update({ settings }), { key: 'planner.saved' });
    if (result?.ok) this.settingsForm.markAsPristine();
  }
}
