import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { Contribution, ContributionGeometry, ContributionGeometryType, isBlank, Place, ProcedureDetail } from '@stadtdialog/shared/contract';
import {
  ContributionDraftStore,
  ContributionListStore,
  DEFAULT_FILTER,
  SiteInfoStore,
  DRAFT_STEPS,
  DraftStep,
  FieldProblem,
  fieldErrorText,
  FieldTextOverrides,
  LocalizedNumberPipe,
  LocalizedText,
  MessageKey,
  ProcedureStore,
  problemText,
  localized,
  LocalizedLangPipe,
  LocalizedPipe,
  TranslatePipe,
  Translator,
} from '@stadtdialog/web/data-access';
import { LocationPicker, LocationSketch } from '@stadtdialog/web/map';
import { CategorySymbol, mediaQuery, TOUCH_ONLY } from '@stadtdialog/web/ui';
import { FillViewport } from '../shared/fill-viewport';
import { mapLabels } from '../shared/map-labels';
import { RetryingNote } from '../shared/retrying-note';
import { NotifyForm } from './notify-form';
import { AddressSearch } from '../shared/address-search';

type ControlName = 'title' | 'text' | 'categoryId' | 'rubricId';

/** The API's rule for titles and texts (`blank_text`): something visible must be left once invisible characters are gone. */
function notBlank(control: AbstractControl<string>): ValidationErrors | null {
  return control.value && isBlank(control.value) ? { blank: true } : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STEP_OF_FIELD: Record<ControlName | 'geometry', DraftStep> = {
  title: 'text',
  text: 'text',
  categoryId: 'category',
  rubricId: 'rubric',
  geometry: 'location',
};

/** The form's own sentences for some of the API's field codes; the rest come from the one translator. */
const FIELD_TEXTS: Record<ControlName | 'geometry', FieldTextOverrides> = {
  title: { required: 'error.titleRequired', blank_text: 'error.titleBlank' },
  text: { required: 'error.textRequired', blank_text: 'error.textBlank' },
  categoryId: { required: 'error.categoryRequired', invalid_id: 'error.notOffered' },
  rubricId: { required: 'error.rubricRequired', invalid_id: 'error.notOffered' },
  geometry: {},
};

const GEOMETRY_LABELS: Record<ContributionGeometryType, MessageKey> = {
  Point: 'location.point',
  LineString: 'location.line',
  Polygon: 'location.polygon',
};

/**
 * Writing a contribution step by step: text, category, rubric, location, review, send. The draft is
 * kept in localStorage at every change; a failed send keeps it and a retry reuses its Idempotency-Key.
 */
@Component({
  selector: 'sd-contribute-page',
  imports: [ReactiveFormsModule, RouterLink, LocationPicker, CategorySymbol, TranslatePipe, LocalizedNumberPipe, LocalizedPipe, LocalizedLangPipe, RetryingNote, FillViewport, NotifyForm, AddressSearch],
  templateUrl: './contribute-page.html',
  styleUrls: ['./contribute-page.css', './location-step.css'],
  providers: [ProcedureStore, ContributionDraftStore, ContributionListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContributePage {
  /** from the route parameter `:slug` */
  readonly slug = input.required<string>();
  /** a hand-off from a workshop table's QR code: the place tapped there, and the workshop */
  readonly lon = input<string>();
  readonly lat = input<string>();
  readonly workshop = input<string>();

  protected readonly store = inject(ProcedureStore);
  protected readonly drafts = inject(ContributionDraftStore);
  /** the procedure's contributions on the location step's map, so that one sees what is there already */
  protected readonly contributions = inject(ContributionListStore);
  /** e-mail notifications are offered only where the installation sends mail */
  protected readonly site = inject(SiteInfoStore);
  private readonly translator = inject(Translator);
  private readonly title = inject(Title);

  protected readonly steps = DRAFT_STEPS;
  protected readonly mapLabels = mapLabels('location.mapLabel');
  protected readonly form = inject(NonNullableFormBuilder).group({
    title: ['', [Validators.required, notBlank]],
    text: ['', [Validators.required, notBlank]],
    categoryId: ['', Validators.required],
    rubricId: ['', Validators.required],
  });
  protected readonly step = computed(() => this.drafts.step());
  protected readonly stepIndex = computed(() => DRAFT_STEPS.indexOf(this.step()));
  protected readonly geometryType = signal<ContributionGeometryType>('Point');
  protected readonly sketch = signal<LocationSketch>({ geometry: null, vertexCount: 0, complete: false });
  protected readonly locationProblem = signal<LocalizedText | null>(null);
  /** said instead of the status until the next change, e.g. a corner refused on a spot taken */
  protected readonly locationNotice = signal<MessageKey | null>(null);
  protected readonly showExisting = signal(true);
  protected readonly touchOnly = mediaQuery(TOUCH_ONLY);
  protected readonly formProblem = signal<LocalizedText | null>(null);
  protected readonly created = signal<Contribution | null>(null);
  /** the step was left with errors: show them */
  protected readonly showErrors = signal(false);
  /** the API is judging the location just placed */
  protected readonly checkingLocation = signal(false);
  private locationCheck: { seq: number; done: Promise<void> } = { seq: 0, done: Promise.resolve() };

  private readonly stepHeading = viewChild<ElementRef<HTMLElement>>('stepHeading');
  private readonly doneHeading = viewChild<ElementRef<HTMLElement>>('doneHeading');
  private readonly picker = viewChild(LocationPicker);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly allowedTypes = computed(
    (): ContributionGeometryType[] => this.store.procedure()?.settings.geometryTypes ?? ['Point'],
  );
  protected readonly locationRequired = computed(() => this.store.procedure()?.settings.locationRequired ?? false);
  protected readonly categoryName = computed(
    () => localized(this.store.categoriesById().get(this.drafts.draft().categoryId ?? ''), 'name', this.translator.language()),
  );
  protected readonly rubricName = computed(() =>
    localized(this.store.rubricsById().get(this.drafts.draft().rubricId ?? ''), 'name', this.translator.language()),
  );

  constructor() {
    effect(() => {
      const slug = this.slug();
      untracked(() => {
        this.store.load(slug);
        this.drafts.open(slug);
        this.takeHandOff();
        const draft = this.drafts.draft();
        this.form.setValue(
          { title: draft.title, text: draft.text, categoryId: draft.categoryId ?? '', rubricId: draft.rubricId ?? '' },
          { emitEvent: false },
        );
        if (draft.geometry) {
          this.geometryType.set(draft.geometry.type);
          this.sketch.set({ geometry: draft.geometry, vertexCount: 0, complete: true });
          if (!draft.withoutLocation) this.checkLocation(draft.geometry);
        }
      });
    });

    effect(() => {
      const procedure = this.store.procedure();
      if (procedure) untracked(() => this.configure(procedure));
    });

    // The contributions are read once the location step is reached, for the map there.
    let contributionsLoaded = false;
    effect(() => {
      if (this.step() !== 'location' || contributionsLoaded) return;
      contributionsLoaded = true;
      const slug = this.slug();
      untracked(() => this.contributions.load(slug, DEFAULT_FILTER));
    });

    const changes = this.form.valueChanges.subscribe((value) => {
      this.formProblem.set(null);
      this.drafts.update({
        title: value.title ?? '',
        text: value.text ?? '',
        categoryId: value.categoryId || null,
        rubricId: value.rubricId || null,
      });
    });
    inject(DestroyRef).onDestroy(() => changes.unsubscribe());

    effect(() => {
      const procedure = this.store.procedure();
      const heading = this.translator.translate('contribute.title');
      this.title.setTitle(`${heading}${procedure ? ` – ${localized(procedure, 'title', this.translator.language())}` : ''} – ${this.translator.translate('app.name')}`);
    });
  }

  private configure(procedure: ProcedureDetail): void {
    const { titleMaxLength, textMaxLength, geometryTypes } = procedure.settings;
    this.form.controls.title.setValidators([Validators.required, notBlank, Validators.maxLength(titleMaxLength)]);
    this.form.controls.text.setValidators([Validators.required, notBlank, Validators.maxLength(textMaxLength)]);
    this.form.controls.title.updateValueAndValidity({ emitEvent: false });
    this.form.controls.text.updateValueAndValidity({ emitEvent: false });
    if (!geometryTypes.includes(this.geometryType())) this.geometryType.set(geometryTypes[0] ?? 'Point');
  }

  /**
   * The table's QR code names a place and its workshop: the place becomes the draft's location (the
   * API still judges it against the planning area), the workshop goes with the contribution.
   */
  private takeHandOff(): void {
    const lon = Number(this.lon());
    const lat = Number(this.lat());
    const placed = this.lon() && this.lat() && Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
    const workshop = this.workshop();
    if (placed) this.drafts.update({ geometry: { type: 'Point', coordinates: [lon, lat] }, withoutLocation: false });
    if (workshop && UUID.test(workshop)) this.drafts.update({ workshopId: workshop });
  }

  protected stepLabel(step: DraftStep): MessageKey {
    return `contribute.step.${step}`;
  }

  protected geometryLabel(type: ContributionGeometryType): MessageKey {
    return GEOMETRY_LABELS[type];
  }

  protected locationHelp(): MessageKey {
    const touch = this.touchOnly();
    if (this.geometryType() === 'Point') return touch ? 'location.helpPointTouch' : 'location.helpPoint';
    return touch ? 'location.helpShapeTouch' : 'location.helpShape';
  }

  /** The problem to show beside a control, once the person tried to go on or the server refused it. */
  protected problem(name: ControlName): LocalizedText | null {
    const control: AbstractControl = this.form.controls[name];
    if (!control.errors || !(control.touched || this.showErrors())) return null;
    const errors = control.errors;
    if (errors['server']) return errors['server'] as LocalizedText;
    if (errors['blank']) return { key: name === 'title' ? 'error.titleBlank' : 'error.textBlank' };
    if (errors['required']) {
      const keys: Record<ControlName, MessageKey> = {
        title: 'error.titleRequired',
        text: 'error.textRequired',
        categoryId: 'error.categoryRequired',
        rubricId: 'error.rubricRequired',
      };
      return { key: keys[name] };
    }
    if (errors['maxlength']) return { key: 'error.maxLength', params: { max: errors['maxlength'].requiredLength } };
    return { key: 'error.rejected' };
  }

  protected locationStatus(): { key: MessageKey; params?: Record<string, string | number> } {
    const sketch = this.sketch();
    const draft = this.drafts.draft();
    if (draft.withoutLocation) return { key: 'location.statusNone' };
    if (sketch.complete && sketch.geometry) return { key: `location.status${sketch.geometry.type}` };
    if (sketch.vertexCount > 0) return { key: 'location.statusDrawing', params: { count: sketch.vertexCount } };
    return { key: 'location.statusEmpty' };
  }

  protected chooseGeometryType(type: ContributionGeometryType): void {
    this.geometryType.set(type);
    this.locationProblem.set(null);
  }

  protected onSketch(sketch: LocationSketch): void {
    this.sketch.set(sketch);
    this.locationNotice.set(null);
    this.locationProblem.set(null);
    this.formProblem.set(null);
    this.drafts.update({ geometry: sketch.geometry });
    if (sketch.complete && sketch.geometry) this.checkLocation(sketch.geometry);
    else this.locationCheck = { seq: this.locationCheck.seq + 1, done: Promise.resolve() };
  }

  /**
   * Errors where they happen: the API judges a placed location at once by its own geometry rules
   * (outside the planning area, a line crossing itself, …), and its verdict shows beside the map.
   * Only the latest placement counts; without an answer the API judges it again on sending.
   */
  private checkLocation(geometry: ContributionGeometry): void {
    const seq = this.locationCheck.seq + 1;
    this.checkingLocation.set(true);
    const done = this.drafts.checkLocation(geometry).then((verdict) => {
      if (seq !== this.locationCheck.seq) return;
      this.checkingLocation.set(false);
      if (verdict && verdict !== 'unknown') this.locationProblem.set(fieldErrorText(verdict, FIELD_TEXTS.geometry));
    });
    this.locationCheck = { seq, done };
  }

  protected setWithoutLocation(withoutLocation: boolean): void {
    this.locationProblem.set(null);
    this.drafts.update({ withoutLocation });
  }

  protected async next(): Promise<void> {
    // Going on from the location step waits for the API's verdict on the location just placed.
    if (this.step() === 'location') await this.locationCheck.done;
    if (!this.stepValid(this.step())) {
      this.showErrors.set(true);
      this.focusFirstProblem();
      return;
    }
    this.showErrors.set(false);
    this.goTo(DRAFT_STEPS[this.stepIndex() + 1]);
  }

  protected back(): void {
    this.showErrors.set(false);
    this.goTo(DRAFT_STEPS[this.stepIndex() - 1]);
  }

  protected goTo(step: DraftStep | undefined): void {
    if (!step) return;
    this.drafts.update({ step });
    setTimeout(() => this.stepHeading()?.nativeElement.focus());
  }

  protected async send(): Promise<void> {
    const invalid = DRAFT_STEPS.find((step) => !this.stepValid(step));
    if (invalid) {
      this.showErrors.set(true);
      this.goTo(invalid);
      return;
    }
    this.formProblem.set(null);
    const result = await this.drafts.submit();
    switch (result.kind) {
      case 'created':
        this.created.set(result.contribution);
        this.form.reset({ title: '', text: '', categoryId: '', rubricId: '' }, { emitEvent: false });
        this.sketch.set({ geometry: null, vertexCount: 0, complete: false });
        setTimeout(() => this.doneHeading()?.nativeElement.focus());
        return;
      case 'invalid':
        this.applyServerProblems(result.errors);
        return;
      case 'conflict':
        this.formProblem.set(result.code === 'participation_closed' || !result.code ? { key: 'contribute.conflict' } : problemText({ status: 409, code: result.code }));
        return;
      case 'offline':
        this.formProblem.set({ key: 'contribute.offline' });
        return;
      default:
        this.formProblem.set(result.code ? problemText(result) : { key: 'contribute.failed' });
    }
  }

  protected writeAnother(): void {
    this.created.set(null);
    this.showErrors.set(false);
    this.drafts.discard();
    this.form.reset({ title: '', text: '', categoryId: '', rubricId: '' }, { emitEvent: false });
    setTimeout(() => this.stepHeading()?.nativeElement.focus());
  }

  /** A place the address search found: the map moves there, and a point is set on it. */
  protected showPlace(place: Place): void {
    this.picker()?.showPlace(place);
  }

  protected addVertexAtCentre(): void {
    this.picker()?.addVertexAtCentre();
  }

  protected undo(): void {
    this.picker()?.undo();
  }

  protected finish(): void {
    this.picker()?.finish();
  }

  protected clearLocation(): void {
    this.picker()?.clear();
  }

  protected canUndo(): boolean {
    return this.picker()?.canUndo() ?? false;
  }

  protected canFinish(): boolean {
    return this.picker()?.canFinish() ?? false;
  }

  private stepValid(step: DraftStep): boolean {
    switch (step) {
      case 'text':
        return this.form.controls.title.valid && this.form.controls.text.valid;
      case 'category':
        return this.form.controls.categoryId.valid;
      case 'rubric':
        return this.form.controls.rubricId.valid;
      case 'location':
        return this.locationValid();
      case 'review':
        return true;
    }
  }

  private locationValid(): boolean {
    const draft = this.drafts.draft();
    if (this.locationProblem()) return false;
    if (draft.withoutLocation && !this.locationRequired()) return true;
    const sketch = this.sketch();
    if (sketch.vertexCount > 0 && !sketch.complete) {
      this.locationProblem.set({ key: 'error.locationUnfinished' });
      return false;
    }
    if (!draft.geometry && this.locationRequired()) {
      this.locationProblem.set({ key: 'error.locationRequired' });
      return false;
    }
    if (!draft.geometry && !draft.withoutLocation) {
      this.locationProblem.set({ key: 'error.locationMissing' });
      return false;
    }
    return true;
  }

  private applyServerProblems(errors: FieldProblem[]): void {
    let first: DraftStep | null = null;
    const mark = (step: DraftStep) => {
      if (first === null || DRAFT_STEPS.indexOf(step) < DRAFT_STEPS.indexOf(first)) first = step;
    };
    for (const error of errors) {
      const field = error.field.startsWith('geometry') ? 'geometry' : (error.field as ControlName);
      const localized = fieldErrorText(error, FIELD_TEXTS[field] ?? {});
      if (error.field.startsWith('geometry')) {
        this.locationProblem.set(localized);
        mark('location');
      } else if (error.field in STEP_OF_FIELD) {
        const name = error.field as ControlName;
        this.form.controls[name].setErrors({ server: localized });
        this.form.controls[name].markAsTouched();
        mark(STEP_OF_FIELD[name]);
      } else {
        this.formProblem.set(localized);
      }
    }
    if (first) {
      this.showErrors.set(true);
      this.drafts.update({ step: first });
      this.focusFirstProblem();
    }
  }

  private focusFirstProblem(): void {
    setTimeout(() => {
      const root = this.host.nativeElement;
      const invalid = root.querySelector<HTMLElement>('[aria-invalid="true"]');
      (invalid ?? root.querySelector<HTMLElement>('.field-error'))?.focus();
    });
  }
}
