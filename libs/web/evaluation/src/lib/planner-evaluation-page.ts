import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { EvaluationQuery, ProcedureStatistics, StatisticsCount, TopContribution } from '@stadtdialog/shared/contract';
import { CONTRIBUTION_SOURCES } from '@stadtdialog/shared/contract';
import {
  EvaluationApi,
  ExportFileName,
  fieldErrorText,
  LocalizedDatePipe,
  MessageKey,
  plannerFailure,
  ProcedureSetupStore,
  problemText,
  TranslatePipe,
  Translator,
} from '@stadtdialog/web/data-access';
import { firstValueFrom } from 'rxjs';
import { plannerListQuery } from './planner-list-query';
import { StatisticsView } from './statistics-view';

const FILES: ExportFileName[] = ['contributions.csv', 'comments.csv', 'variants.csv', 'variant-comments.csv', 'contributions.xlsx', 'contributions.geojson'];

interface ExportState {
  file: ExportFileName;
  state: 'running' | 'done' | 'failed';
  bytes: number;
  rows: number | null;
  url?: string;
  fileName?: string;
  status?: string;
}

/** /planner/procedures/:id/evaluation: filters, every status's figures, and the exports with progress. */
@Component({
  selector: 'sd-planner-evaluation-page',
  imports: [StatisticsView, FormsModule, RouterLink, TranslatePipe, LocalizedDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<h1>{{ 'evaluation.title' | t }}</h1>
    <p>{{ 'evaluation.plannerIntro' | t }}</p>
    @if (setup.procedure(); as procedure) {
      <form class="filters" (ngSubmit)="apply()" [attr.aria-label]="'evaluation.filters' | t">
        <label>{{ 'evaluation.filter.phase' | t }}
          <select name="phase" [(ngModel)]="draft.phase">
            <option value="">{{ 'evaluation.filter.all' | t }}</option>
            @for (phase of procedure.phases; track phase.id) {
              <option [value]="phase.id">{{ key('phase.' + phase.kind) | t }} ({{ phase.startsAt | localizedDate }})</option>
            }
          </select>
        </label>
        <label>{{ 'evaluation.filter.from' | t }} <input type="date" name="from" [(ngModel)]="draft.from" /></label>
        <label>{{ 'evaluation.filter.to' | t }} <input type="date" name="to" [(ngModel)]="draft.to" /></label>
        <label>{{ 'evaluation.filter.source' | t }}
          <select name="source" [(ngModel)]="draft.source">
            <option value="">{{ 'evaluation.filter.all' | t }}</option>
            @for (source of sources; track source) {
              <option [value]="source">{{ key('evaluation.source.' + source) | t }}</option>
            }
          </select>
        </label>
        @if (workshops().length) {
          <label>{{ 'evaluation.filter.workshop' | t }}
            <select name="workshop" [(ngModel)]="draft.workshop">
              <option value="">{{ 'evaluation.filter.all' | t }}</option>
              @for (workshop of workshops(); track workshop.key) {
                <option [value]="workshop.key">{{ workshop.label }}</option>
              }
            </select>
          </label>
        }
        <label>{{ 'evaluation.filter.category' | t }}
          <select name="category" [(ngModel)]="draft.category">
            <option value="">{{ 'evaluation.filter.all' | t }}</option>
            @for (category of procedure.categories; track category.id) {
              <option [value]="category.id">{{ category.name }}</option>
            }
          </select>
        </label>
        <label>{{ 'evaluation.filter.rubric' | t }}
          <select name="rubric" [(ngModel)]="draft.rubric">
            <option value="">{{ 'evaluation.filter.all' | t }}</option>
            @for (rubric of procedure.rubrics; track rubric.id) {
              <option [value]="rubric.id">{{ rubric.name }}</option>
            }
          </select>
        </label>
        <label>{{ 'evaluation.filter.interval' | t }}
          <select name="interval" [(ngModel)]="draft.interval">
            <option value="day">{{ 'evaluation.filter.day' | t }}</option>
            <option value="week">{{ 'evaluation.filter.week' | t }}</option>
          </select>
        </label>
        <button type="submit">{{ 'evaluation.filter.apply' | t }}</button>
      </form>
      @if (problem(); as detail) {
        <p role="alert">{{ 'evaluation.filter.invalid' | t: { detail } }}</p>
      }
      <p><a [routerLink]="['report']" [queryParams]="query()">{{ 'evaluation.report.link' | t }}</a></p>
      <section aria-labelledby="sd-exports">
        <h2 id="sd-exports">{{ 'evaluation.exports' | t }}</h2>
        <p>{{ 'evaluation.exportsIntro' | t }}</p>
        <ul class="exports">
          @for (file of files; track file) {
            <li><button type="button" (click)="download(file)" [disabled]="running()">{{ key('evaluation.export.' + file) | t }}</button></li>
          }
        </ul>
        <div role="status" aria-live="polite">
          @if (exported(); as e) {
            @switch (e.state) {
              @case ('running') {
                <p>
                  <progress [attr.max]="null"></progress>
                  {{ 'evaluation.export.progress' | t: { file: e.file, kb: kilobytes(e.bytes), rows: e.rows ?? '?' } }}
                </p>
              }
              @case ('done') {
                <p>
                  {{ 'evaluation.export.done' | t: { file: e.file, rows: e.rows ?? '?' } }}
                  <a [href]="e.url" [attr.download]="e.fileName">{{ 'evaluation.export.save' | t: { file: e.fileName ?? e.file } }}</a>
                </p>
              }
              @case ('failed') {
                <p>{{ 'evaluation.export.failed' | t: { status: e.status ?? '' } }}</p>
              }
            }
          }
        </div>
      </section>
      @if (statistics(); as s) {
        <sd-statistics-view
          [statistics]="s"
          [contributionLink]="link"
          [termLink]="['/planner/procedures', procedure.id, 'moderation']"
          [termQuery]="termQuery()"
        />
      } @else if (!problem()) {
        <p role="status">{{ 'app.loading' | t }}</p>
      }
    }`,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: end;
      margin-bottom: 1rem;
    }
    .filters label {
      display: flex;
      flex-direction: column;
    }
    .exports {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      list-style: none;
      padding: 0;
    }
  `,
})
export class PlannerEvaluationPage {
  protected readonly setup = inject(ProcedureSetupStore);
  private readonly api = inject(EvaluationApi);
  private readonly translator = inject(Translator);
  protected readonly files = FILES;
  protected readonly sources = CONTRIBUTION_SOURCES;
  protected draft: Required<Record<keyof EvaluationQuery, string>> = {
    phase: '', from: '', to: '', source: '', workshop: '', category: '', rubric: '', interval: 'day',
  };
  /** the workshops that have contributions, from the unfiltered statistics (moderators may not list workshops) */
  protected readonly workshops = signal<StatisticsCount[]>([]);
  protected readonly query = signal<EvaluationQuery>({ interval: 'day' });
  /** key terms lead to the planner's list (every status) under the same filters */
  protected readonly termQuery = computed(() => plannerListQuery(this.query()));
  protected readonly statistics = signal<ProcedureStatistics | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly exported = signal<ExportState | null>(null);
  protected readonly running = computed(() => this.exported()?.state === 'running');
  protected readonly link = (c: TopContribution) => ['/planner/procedures', this.setup.id() ?? '', 'moderation', c.id];

  constructor() {
    effect(() => {
      const id = this.setup.id();
      const query = this.query();
      if (!id) return;
      untracked(() => this.load(id, query));
    });
  }

  /** a message key made from a known prefix and a value of the contract */
  protected key(key: string): MessageKey {
    return key as MessageKey;
  }

  protected kilobytes(bytes: number): string {
    return this.translator.formatNumber(Math.round(bytes / 1024));
  }

  protected apply(): void {
    const query = Object.fromEntries(Object.entries(this.draft).filter(([, v]) => v)) as EvaluationQuery;
    this.query.set(query);
  }

  private async load(id: string, query: EvaluationQuery): Promise<void> {
    this.problem.set(null);
    try {
      const statistics = await firstValueFrom(this.api.plannerStatistics(id, query));
      this.statistics.set(statistics);
      if (!query.workshop) this.workshops.set(statistics.byWorkshop);
    } catch (error) {
      // The API's problem code in the planner's words (e.g. a day that is not in the calendar), never its English detail.
      const failure = plannerFailure(error);
      const text = failure.errors[0] ? fieldErrorText(failure.errors[0]) : failure.code ? problemText(failure) : { key: 'app.loadError' as const };
      this.statistics.set(null);
      this.problem.set(this.translator.translate(text.key, text.params));
    }
  }

  protected async download(file: ExportFileName): Promise<void> {
    const id = this.setup.id();
    if (!id) return;
    const previous = this.exported();
    if (previous?.url) URL.revokeObjectURL(previous.url);
    this.exported.set({ file, state: 'running', bytes: 0, rows: null });
    try {
      const result = await this.api.download(id, file, this.query(), (p) => this.exported.set({ file, state: 'running', bytes: p.bytes, rows: p.rows }));
      this.exported.set({ file, state: 'done', bytes: result.blob.size, rows: result.rows, url: URL.createObjectURL(result.blob), fileName: result.fileName });
    } catch (error) {
      this.exported.set({ file, state: 'failed', bytes: 0, rows: null, status: error instanceof Error ? error.message : '' });
    }
  }
}
