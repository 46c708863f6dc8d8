import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { PublicVariant } from '@stadtdialog/shared/contract';
import { localized, LocalizedPipe, ProcedureStore, TranslatePipe, Translator, VariantsStore } from '@stadtdialog/web/data-access';
import { createSharedView, ProcedureMap, ProcedureMapLabels } from '@stadtdialog/web/map';
import { mediaQuery, NARROW_SCREEN } from '@stadtdialog/web/ui';
import { VariantArticle } from './variant-article';
import { variantFeatures, variantLegend, variantMapConfiguration } from './variant-map';
import { VariantReportDialog } from './variant-report-dialog';

type Side = 'left' | 'right';

/**
 * The published variants of a procedure: two of them side by side on two maps that share one view
 * (they pan and zoom together), each with its plan drawing and geometries; on a phone one map with a
 * toggle between the two. Below, every variant readable without the map, to rate and discuss.
 */
@Component({
  selector: 'sd-variants-page',
  imports: [RouterLink, ProcedureMap, TranslatePipe, LocalizedPipe, VariantArticle, VariantReportDialog],
  templateUrl: './variants-page.html',
  styleUrl: './variants-page.css',
  providers: [ProcedureStore, VariantsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VariantsPage {
  /** from the route parameter `:slug` */
  readonly slug = input.required<string>();

  protected readonly procedures = inject(ProcedureStore);
  protected readonly store = inject(VariantsStore);
  private readonly translator = inject(Translator);
  private readonly title = inject(Title);
  protected readonly narrow = mediaQuery(NARROW_SCREEN);
  protected readonly sides: readonly Side[] = ['left', 'right'];

  private readonly chosen = signal<Record<Side, string | null>>({ left: null, right: null });
  /** on a phone: the variant the one map shows (the toggle), else the first */
  protected readonly shownId = signal<string | null>(null);
  protected readonly shown = computed<PublicVariant | null>(() => this.store.variants().find((v) => v.id === this.shownId()) ?? this.store.variants()[0] ?? null);
  protected readonly reporting = signal<string | null>(null);
  protected readonly reported = signal(false);

  protected readonly settings = computed(() => this.procedures.procedure()?.settings ?? null);
  /** ratings and comments on variants are taken while a participation or conception phase runs */
  protected readonly open = computed(
    () => this.procedures.procedure()?.phases.some((p) => p.state === 'open' && (p.kind === 'participation' || p.kind === 'conception')) ?? false,
  );

  /** the two variants compared: the chosen ones while they exist, else the first two */
  protected readonly compared = computed<Record<Side, PublicVariant | null>>(() => {
    const variants = this.store.variants();
    const pick = (id: string | null, fallback: number) => variants.find((v) => v.id === id) ?? variants[fallback] ?? null;
    const { left, right } = this.chosen();
    return { left: pick(left, 0), right: pick(right, variants.length > 1 ? 1 : 0) };
  });

  /** One view for both maps, made once the procedure's map is known. */
  protected readonly view = computed(() => {
    const procedure = this.procedures.procedure();
    return procedure ? createSharedView(procedure.map) : null;
  });

  protected readonly maps = computed(() => {
    const procedure = this.procedures.procedure();
    if (!procedure) return [];
    const compared = this.compared();
    const shown: Record<Side, PublicVariant | null> = this.narrow() ? { left: this.shown(), right: null } : compared;
    return this.sides.flatMap((side) => {
      const variant = shown[side];
      if (!variant) return [];
      const labels: ProcedureMapLabels = {
        map: this.translator.translate('variants.mapOf', { title: variant.title }),
        zoomIn: this.translator.translate('map.zoomIn'),
        zoomOut: this.translator.translate('map.zoomOut'),
        attributions: this.translator.translate('map.attributions'),
      };
      return [{
        side, variant, labels,
        configuration: variantMapConfiguration(procedure.map, variant),
        features: variantFeatures(variant),
        legend: variantLegend(variant),
      }];
    });
  });

  constructor() {
    effect(() => {
      const slug = this.slug();
      untracked(() => {
        this.procedures.load(slug);
        this.store.load(slug);
      });
    });
    effect(() => {
      const procedure = localized(this.procedures.procedure(), 'title', this.translator.language());
      this.title.setTitle(`${this.translator.translate('variants.title', { title: procedure })} – ${this.translator.translate('app.name')}`);
    });
  }

  protected choose(side: Side, id: string): void {
    this.chosen.update((c) => ({ ...c, [side]: id }));
  }

  protected onReported(): void {
    this.reporting.set(null);
    this.reported.set(true);
  }
}
