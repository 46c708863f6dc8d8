import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { CategoryTranslations, EvaluationQuery, ProcedureReport, ReportPhase, TopContribution } from '@stadtdialog/shared/contract';
import {
  localized,
  LocalizedDatePipe,
  LocalizedLangPipe,
  LocalizedNumberPipe,
  LocalizedPipe,
  MessageKey,
  TranslatePipe,
  Translator,
} from '@stadtdialog/web/data-access';
import { StatisticsView } from './statistics-view';

const FILTER_ORDER: (keyof EvaluationQuery)[] = ['phase', 'from', 'to', 'source', 'workshop', 'category', 'rubric'];

/**
 * The results report for the council's meeting folder, one page that prints on A4: the procedure
 * with its phases, every figure and chart of the statistics with its table, the key terms, the top
 * contributions with the planners' official answers, and the workshops. The same semantic markup
 * (headings, figures, tables with caption and th scope) is what Chromium tags in the PDF.
 */
@Component({
  selector: 'sd-results-report',
  imports: [StatisticsView, TranslatePipe, LocalizedDatePipe, LocalizedNumberPipe, LocalizedPipe, LocalizedLangPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@let r = report();
    <article class="report">
      <header class="report-header">
        <p class="kind">{{ 'evaluation.report.kind' | t }}</p>
        <h1 [attr.lang]="r.procedure | localizedLang: 'title'">{{ r.procedure | localized: 'title' }}</h1>
        <p>{{ 'evaluation.report.generated' | t: { time: (r.generatedAt | localizedDate: 'medium') } }}</p>
        <p>{{ (r.statistics.scope === 'planner' ? 'evaluation.report.scopePlanner' : 'evaluation.report.scopePublic') | t }}</p>
        @if (filterText(); as filter) {
          <p>{{ 'evaluation.report.filtered' | t: { filter } }}</p>
        }
        <p class="no-print"><button type="button" (click)="print()">{{ 'evaluation.report.print' | t }}</button></p>
      </header>

      <section aria-labelledby="sd-report-procedure">
        <h2 id="sd-report-procedure">{{ 'evaluation.report.procedure' | t }}</h2>
        @if (r.procedure.summary) {
          <p class="summary" [attr.lang]="r.procedure | localizedLang: 'summary'">{{ r.procedure | localized: 'summary' }}</p>
        }
        @if (r.procedure.description) {
          <p class="description" [attr.lang]="r.procedure | localizedLang: 'description'">{{ r.procedure | localized: 'description' }}</p>
        }
        @if (r.procedure.phases.length) {
          <table>
            <caption>{{ 'evaluation.report.phases' | t }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'evaluation.report.phaseColumn' | t }}</th>
                <th scope="col">{{ 'evaluation.report.period' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (phase of r.procedure.phases; track $index) {
                <tr>
                  <th scope="row">{{ phaseName(phase) }}</th>
                  <td>{{ phase.startsAt | localizedDate }} – {{ phase.endsAt | localizedDate }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      </section>

      <sd-statistics-view [statistics]="r.statistics" [contributionLink]="contributionLink()" [termLink]="termLink()" [termQuery]="termQuery()" />

      <section aria-labelledby="sd-report-highlights">
        <h2 id="sd-report-highlights">{{ 'evaluation.report.highlights' | t }}</h2>
        <p>{{ 'evaluation.report.highlightsIntro' | t }}</p>
        @for (c of r.highlights; track c.id) {
          <article class="highlight" [attr.aria-labelledby]="'sd-report-c-' + c.id">
            <h3 [id]="'sd-report-c-' + c.id">{{ c.title }}</h3>
            <p class="meta">
              {{ 'evaluation.report.meta' | t: { category: name(c.category, c.categoryTranslations), rubric: name(c.rubric, c.rubricTranslations), date: (c.createdAt | localizedDate) } }}
              @if (r.statistics.scope === 'planner') {
                · {{ statusLabel(c.status) }}
              }
            </p>
            <p class="text">{{ c.text }}</p>
            @if (c.ratingsUp !== null || c.commentCount !== null) {
              <p class="counts">{{ countsText(c) }}</p>
            }
            @if (c.officialAnswer) {
              <div class="answer">
                <p class="answer-label">{{ 'evaluation.report.answer' | t: { date: (c.officialAnswerAt | localizedDate) } }}</p>
                <p>{{ c.officialAnswer }}</p>
              </div>
            } @else {
              <p class="no-answer">{{ 'evaluation.report.noAnswer' | t }}</p>
            }
          </article>
        } @empty {
          <p>{{ 'evaluation.none' | t }}</p>
        }
      </section>

      <section aria-labelledby="sd-report-workshops">
        <h2 id="sd-report-workshops">{{ 'evaluation.report.workshops' | t }}</h2>
        @if (r.workshops.length) {
          <table>
            <caption>{{ 'evaluation.report.workshops' | t }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'evaluation.report.workshopColumn' | t }}</th>
                <th scope="col">{{ 'evaluation.report.when' | t }}</th>
                <th scope="col">{{ 'evaluation.report.place' | t }}</th>
                <th scope="col">{{ 'evaluation.column.contributions' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (w of r.workshops; track w.id) {
                <tr>
                  <th scope="row">{{ w.title }}</th>
                  <td>{{ w.startsAt | localizedDate: 'medium' }}</td>
                  <td>{{ w.place }}</td>
                  <td>{{ w.contributions | localizedNumber }}</td>
                </tr>
              }
            </tbody>
          </table>
        } @else {
          <p>{{ 'evaluation.report.noWorkshops' | t }}</p>
        }
      </section>
    </article>`,
  styles: `
    .report {
      max-width: 50rem;
    }
    .kind {
      margin: 0;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      font-size: 0.85rem;
    }
    .report-header h1 {
      margin-top: 0.25rem;
    }
    table {
      border-collapse: collapse;
      margin-bottom: 1.5rem;
    }
    caption {
      text-align: left;
      font-weight: 600;
    }
    th,
    td {
      border: 1px solid #8a8a8a;
      padding: 0.2rem 0.5rem;
      text-align: left;
    }
    .highlight {
      border-top: 1px solid #8a8a8a;
      padding: 0.5rem 0 0.75rem;
      break-inside: avoid;
    }
    .highlight h3 {
      margin: 0;
      font-size: 1.1rem;
    }
    .meta,
    .counts {
      margin: 0.25rem 0;
      font-size: 0.9rem;
    }
    .answer {
      border-left: 4px solid #0b3d6b;
      padding: 0.25rem 0.75rem;
      background: #eef3f8;
    }
    .answer-label {
      font-weight: 600;
      margin: 0;
    }
    @media print {
      .no-print {
        display: none;
      }
      .report {
        max-width: none;
      }
      h2 {
        break-after: avoid;
      }
      table {
        break-inside: avoid;
      }
    }
  `,
})
export class ResultsReport {
  private readonly translator = inject(Translator);
  readonly report = input.required<ProcedureReport>();
  readonly contributionLink = input.required<(c: TopContribution) => string[]>();
  readonly termLink = input.required<string[]>();
  readonly termQuery = input<Record<string, string>>({});

  protected statusLabel(status: string): string {
    return this.translator.translate(`evaluation.status.${status}` as MessageKey);
  }

  /** A category's or rubric's name in the UI language where the planners gave one. */
  protected name(name: string, translations: CategoryTranslations): string {
    return localized({ name, translations }, 'name', this.translator.language());
  }

  protected phaseName(phase: ReportPhase): string {
    const kind = this.translator.translate(`phase.${phase.kind}` as MessageKey);
    const title = localized(phase, 'title', this.translator.language()).trim();
    return title && title.toLowerCase() !== kind.toLowerCase() ? `${kind}: ${title}` : kind;
  }

  protected countsText(c: TopContribution): string {
    const n = (v: number | null) => (v === null ? '–' : this.translator.formatNumber(v));
    return this.translator.translate('evaluation.report.counts', { up: n(c.ratingsUp), down: n(c.ratingsDown), comments: n(c.commentCount) });
  }

  /** the planner's filters in words, e.g. "Herkunft: Online, Kategorie: Grün" */
  protected readonly filterText = computed(() => {
    const { filter, filterNames } = this.report();
    const t = (key: string) => this.translator.translate(key as MessageKey);
    const parts = FILTER_ORDER.filter((key) => filter[key]).map((key) => {
      const value = String(filter[key]);
      const shown =
        key === 'phase' ? t(`phase.${filterNames.phase ?? ''}`)
        : key === 'source' ? t(`evaluation.source.${value}`)
        : key === 'from' || key === 'to' ? this.translator.formatDate(`${value}T12:00:00`)
        : (filterNames[key as 'category' | 'rubric' | 'workshop'] ?? value);
      return `${t(`evaluation.filter.${key}`)}: ${shown}`;
    });
    return parts.join(', ');
  });

  protected print(): void {
    window.print();
  }
}
