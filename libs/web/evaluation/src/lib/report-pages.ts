import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import type { EvaluationQuery, ProcedureReport, StatisticsInterval, TopContribution } from '@stadtdialog/shared/contract';
import { EvaluationApi, localized, ProcedureSetupStore, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { Observable, firstValueFrom } from 'rxjs';
import { plannerListQuery } from './planner-list-query';
import { ResultsReport } from './results-report';

type LoadState = 'loading' | 'ready' | 'not-found' | 'error';

/** Loads a report and names the browser tab (and so the PDF's title) after it. */
function reportLoader(load: () => Observable<ProcedureReport> | null) {
  const translator = inject(Translator);
  const title = inject(Title);
  const report = signal<ProcedureReport | null>(null);
  const status = signal<LoadState>('loading');
  const problem = signal<string | null>(null);
  effect(() => {
    const request = load();
    if (!request) return;
    status.set('loading');
    firstValueFrom(request).then(
      (r) => {
        report.set(r);
        status.set('ready');
      },
      (error: { status?: number; error?: { detail?: string } }) => {
        problem.set(error.error?.detail ?? null);
        status.set(error.status === 404 ? 'not-found' : 'error');
      },
    );
  });
  effect(() => {
    const r = report();
    const name = translator.translate('app.name');
    title.setTitle(r ? `${translator.translate('evaluation.report.title', { title: localized(r.procedure, 'title', translator.language()) })} – ${name}` : name);
  });
  return { report, status, problem };
}

/** /procedures/:slug/report: the printable results report of a public procedure, published content only. */
@Component({
  selector: 'sd-public-report-page',
  imports: [ResultsReport, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p class="no-print"><a [routerLink]="['/procedures', slug(), 'statistics']">{{ 'evaluation.report.back' | t }}</a></p>
    @switch (loader.status()) {
      @case ('loading') {
        <p role="status">{{ 'app.loading' | t }}</p>
      }
      @case ('not-found') {
        <h1>{{ 'procedure.notFound' | t }}</h1>
      }
      @case ('error') {
        <p role="alert">{{ 'app.loadError' | t }}</p>
      }
      @default {
        @if (loader.report(); as r) {
          <sd-results-report [report]="r" [contributionLink]="link" [termLink]="['/procedures', slug()]" />
        }
      }
    }`,
})
export class PublicReportPage {
  private readonly api = inject(EvaluationApi);
  readonly slug = input.required<string>();
  /** query parameter: time steps of the chart over time */
  readonly interval = input<StatisticsInterval>();
  protected readonly loader = reportLoader(() => this.api.publicReport(this.slug(), this.interval() ?? 'day'));
  protected readonly link = (c: TopContribution) => ['/procedures', this.slug(), 'contributions', c.id];
}

/**
 * /planner/procedures/:procedureId/evaluation/report?phase=…: the report with every status and the
 * evaluation's filters (as query parameters, the way the Auswertung links to it). The procedure is
 * the workspace's (its ProcedureSetupStore).
 */
@Component({
  selector: 'sd-planner-report-page',
  imports: [ResultsReport, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p class="no-print"><a [routerLink]="['/planner/procedures', procedureId(), 'evaluation']">{{ 'evaluation.report.backPlanner' | t }}</a></p>
    @switch (loader.status()) {
      @case ('loading') {
        <p role="status">{{ 'app.loading' | t }}</p>
      }
      @case ('not-found') {
        <h1>{{ 'planner.error.notFound' | t }}</h1>
      }
      @case ('error') {
        <p role="alert">{{ loader.problem() ?? ('app.loadError' | t) }}</p>
      }
      @default {
        @if (loader.report(); as r) {
          <sd-results-report
            [report]="r"
            [contributionLink]="link"
            [termLink]="['/planner/procedures', procedureId(), 'moderation']"
            [termQuery]="termQuery()"
          />
        }
      }
    }`,
})
export class PlannerReportPage {
  private readonly api = inject(EvaluationApi);
  private readonly setup = inject(ProcedureSetupStore);
  protected readonly procedureId = computed(() => this.setup.id() ?? '');
  readonly phase = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly source = input<EvaluationQuery['source']>();
  readonly workshop = input<string>();
  readonly category = input<string>();
  readonly rubric = input<string>();
  readonly interval = input<StatisticsInterval>();
  protected readonly query = computed<EvaluationQuery>(() => {
    const query: EvaluationQuery = {
      phase: this.phase(), from: this.from(), to: this.to(), source: this.source(), workshop: this.workshop(),
      category: this.category(), rubric: this.rubric(), interval: this.interval(),
    };
    return Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as EvaluationQuery;
  });
  protected readonly termQuery = computed(() => plannerListQuery(this.query()));
  protected readonly loader = reportLoader(() => (this.procedureId() ? this.api.plannerReport(this.procedureId(), this.query()) : null));
  protected readonly link = (c: TopContribution) => ['/planner/procedures', this.procedureId(), 'moderation', c.id];
}
