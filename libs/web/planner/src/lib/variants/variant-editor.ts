import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { VARIANT_LIMITS, VARIANT_OVERLAY_KINDS, VariantInput, VariantOverlay, VariantOverlayKind, WorkspaceVariant } from '@stadtdialog/shared/contract';
import { attempt, MessageKey, TranslatePipe, VariantWorkspaceApi } from '@stadtdialog/web/data-access';
import { LocalizedText } from '../shared/failure-text';
import { FormRun } from '../shared/form-run';
import { FormStatus } from '../shared/form-status';
import { featuresToGeoJson, geoJsonToFeatures } from './variant-input';

type KeyFigureRow = FormGroup<{ label: FormControl<string>; value: FormControl<string>; unit: FormControl<string> }>;
type ImageRow = FormGroup<{ uploadId: FormControl<string>; url: FormControl<string>; name: FormControl<string>; alt: FormControl<string>; caption: FormControl<string> }>;

export const OVERLAY_LABELS: Record<VariantOverlayKind | '', MessageKey> = {
  '': 'planner.variants.overlay.none',
  image: 'planner.variants.overlay.image',
  wms: 'planner.variants.overlay.wms',
  wmts: 'planner.variants.overlay.wmts',
  xyz: 'planner.variants.overlay.xyz',
};

let nextId = 0;

/**
 * One variant's form: texts, colour, published, key figures, images (uploaded here, each with its
 * required alt text), the plan drawing (an uploaded image with its extent, or a WMS/WMTS/XYZ layer)
 * and the geometries as GeoJSON. Saving stores the whole variant (create, or replace).
 */
@Component({
  selector: 'sd-variant-editor',
  imports: [ReactiveFormsModule, TranslatePipe, FormStatus],
  templateUrl: './variant-editor.html',
  styleUrls: ['../shared/planner.css'],
  styles: `
    fieldset {
      border: 1px solid #c4c4c4;
      border-radius: 0.25rem;
      margin: 1rem 0;
      padding: 0.5rem 1rem 1rem;
    }
    legend {
      font-weight: 700;
    }
    .figure-row,
    .extent {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: flex-end;
    }
    .image-row {
      display: grid;
      grid-template-columns: 8rem 1fr;
      gap: 0.75rem;
      margin-bottom: 0.75rem;
    }
    .image-row img {
      max-width: 8rem;
      height: auto;
    }
    textarea.geojson {
      font-family: ui-monospace, monospace;
      min-height: 8rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VariantEditor {
  readonly procedureId = input.required<string>();
  /** the variant edited; null for a new one */
  readonly variant = input<WorkspaceVariant | null>(null);
  /** where a new variant goes */
  readonly position = input(0);
  readonly saved = output<WorkspaceVariant>();
  readonly cancelled = output<void>();

  private readonly api = inject(VariantWorkspaceApi);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly id = `variant-editor-${++nextId}`;
  protected readonly limits = VARIANT_LIMITS;
  protected readonly overlayKinds = ['', ...VARIANT_OVERLAY_KINDS] as const;
  protected readonly overlayLabels = OVERLAY_LABELS;
  protected readonly sides = [
    { control: 'west', label: 'planner.variants.overlay.west' },
    { control: 'south', label: 'planner.variants.overlay.south' },
    { control: 'east', label: 'planner.variants.overlay.east' },
    { control: 'north', label: 'planner.variants.overlay.north' },
  ] as const;
  protected readonly run = new FormRun();
  protected readonly uploading = signal(false);
  protected readonly featuresProblem = signal<string | null>(null);
  /** the uploaded plan image, while the overlay is an image */
  protected readonly overlayFile = signal<{ uploadId: string; name: string; url: string } | null>(null);

  protected readonly form = this.fb.group({
    title: ['', [Validators.required, Validators.maxLength(VARIANT_LIMITS.titleMaxLength)]],
    summary: ['', Validators.maxLength(VARIANT_LIMITS.summaryMaxLength)],
    description: ['', Validators.maxLength(VARIANT_LIMITS.descriptionMaxLength)],
    colour: ['#1565c0'],
    published: [false],
    keyFigures: this.fb.array<KeyFigureRow>([]),
    images: this.fb.array<ImageRow>([]),
    overlayKind: this.fb.control<VariantOverlayKind | ''>(''),
    overlayUrl: [''],
    overlayLayers: [''],
    overlayMatrixSet: [''],
    west: [''],
    south: [''],
    east: [''],
    north: [''],
    opacity: ['0.8'],
    features: [''],
  });

  constructor() {
    effect(() => {
      const variant = this.variant();
      untracked(() => this.fill(variant));
    });
  }

  /** the server's verdicts on fields under `prefix` (e.g. `features[2].geometry`), which have no control of their own */
  protected problemsUnder(prefix: string): LocalizedText[] {
    return Object.entries(this.run.fields())
      .filter(([field]) => field.startsWith(prefix))
      .map(([, text]) => text);
  }

  protected get keyFigures(): FormArray<KeyFigureRow> {
    return this.form.controls.keyFigures;
  }

  protected get images(): FormArray<ImageRow> {
    return this.form.controls.images;
  }

  private fill(variant: WorkspaceVariant | null): void {
    this.keyFigures.clear();
    this.images.clear();
    this.overlayFile.set(null);
    if (!variant) return;
    const overlay = variant.overlay;
    const [west, south, east, north] = (overlay?.extent ?? []).map(String);
    this.form.patchValue({
      title: variant.title,
      summary: variant.summary,
      description: variant.description,
      colour: variant.colour,
      published: variant.published,
      overlayKind: overlay?.kind ?? '',
      overlayUrl: overlay && !overlay.uploadId ? (overlay.url ?? '') : '',
      overlayLayers: overlay?.layers ?? '',
      overlayMatrixSet: overlay?.matrixSet ?? '',
      west: west ?? '', south: south ?? '', east: east ?? '', north: north ?? '',
      opacity: String(overlay?.opacity ?? 0.8),
      features: featuresToGeoJson(variant.features),
    });
    if (overlay?.uploadId) this.overlayFile.set({ uploadId: overlay.uploadId, name: overlay.uploadId, url: overlay.url ?? '' });
    for (const figure of variant.keyFigures) this.addKeyFigure(figure);
    for (const image of variant.images) this.addImage({ uploadId: image.uploadId, url: image.url, name: image.alt, alt: image.alt, caption: image.caption });
  }

  protected addKeyFigure(figure = { label: '', value: '', unit: '' }): void {
    this.keyFigures.push(this.fb.group({ label: [figure.label, Validators.required], value: [figure.value, Validators.required], unit: [figure.unit] }));
  }

  private addImage(image: { uploadId: string; url: string; name: string; alt: string; caption: string }): void {
    this.images.push(
      this.fb.group({
        uploadId: [image.uploadId],
        url: [image.url],
        name: [image.name],
        alt: [image.alt, [Validators.required, Validators.maxLength(VARIANT_LIMITS.altMaxLength)]],
        caption: [image.caption],
      }),
    );
  }

  protected async uploadImage(event: Event, target: 'image' | 'overlay'): Promise<void> {
    const field = event.target as HTMLInputElement;
    const file = field.files?.[0];
    if (!file) return;
    this.uploading.set(true);
    const result = await this.run.run(() => attempt(this.api.upload(this.procedureId(), file, file.name)));
    this.uploading.set(false);
    field.value = '';
    if (!result?.ok) return;
    const uploaded = result.value;
    if (target === 'overlay') {
      this.overlayFile.set({ uploadId: uploaded.id, name: uploaded.fileName, url: uploaded.url });
      return;
    }
    this.addImage({ uploadId: uploaded.id, url: uploaded.url, name: uploaded.fileName, alt: '', caption: '' });
    this.run.succeed({ key: 'planner.variants.image.uploaded', params: { name: uploaded.fileName } });
    // The alt text is required: take the planner there.
    setTimeout(() => document.getElementById(`${this.id}-alt-${this.images.length - 1}`)?.focus());
  }

  private overlay(): VariantOverlay | null {
    const v = this.form.getRawValue();
    if (!v.overlayKind) return null;
    const opacity = Number(v.opacity);
    const base = { kind: v.overlayKind, ...(Number.isFinite(opacity) && v.opacity !== '' ? { opacity } : {}) };
    if (v.overlayKind === 'image') {
      const extent = [v.west, v.south, v.east, v.north].map(Number) as [number, number, number, number];
      const file = this.overlayFile();
      return { ...base, ...(file ? { uploadId: file.uploadId } : { url: v.overlayUrl.trim() }), extent };
    }
    return {
      ...base,
      url: v.overlayUrl.trim(),
      ...(v.overlayLayers.trim() ? { layers: v.overlayLayers.trim() } : {}),
      ...(v.overlayMatrixSet.trim() ? { matrixSet: v.overlayMatrixSet.trim() } : {}),
    };
  }

  protected async save(): Promise<void> {
    this.featuresProblem.set(null);
    if (!this.run.check(this.form.valid)) return;
    const v = this.form.getRawValue();
    const parsed = geoJsonToFeatures(v.features, v.colour);
    if ('error' in parsed) {
      this.featuresProblem.set(parsed.error);
      this.run.fail({ key: 'planner.error.invalid' });
      document.getElementById(`${this.id}-features`)?.focus();
      return;
    }
    const existing = this.variant();
    const input: VariantInput = {
      title: v.title.trim(),
      summary: v.summary.trim(),
      description: v.description.trim(),
      colour: v.colour,
      published: v.published,
      position: existing?.position ?? this.position(),
      keyFigures: v.keyFigures.map((k) => ({ label: k.label.trim(), value: k.value.trim(), unit: k.unit.trim() })),
      images: v.images.map((i) => ({ uploadId: i.uploadId, alt: i.alt.trim(), caption: i.caption.trim() })),
      overlay: this.overlay(),
      features: parsed.features,
    };
    const result = await this.run.run(() =>
      attempt(existing ? this.api.replaceVariant(this.procedureId(), existing.id, input) : this.api.createVariant(this.procedureId(), input)),
    );
    if (result?.ok) {
      if (!existing) {
        this.form.reset();
        this.fill(null);
      }
      this.saved.emit(result.value);
    }
  }
}
