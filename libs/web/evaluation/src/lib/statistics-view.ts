import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ProcedureStatistics, StatisticsCount, TopContribution } from '@stadtdialog/shared/contract';
import { localized, LocalizedNumberPipe, MessageKey, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { BarChart, BarRow } from './bar-chart';

interface Chart {
  key: string;
  heading: string;
  summary: string;
  caption: string;
  labelHeader: string;
  series: string[];
  rows: BarRow[];
}

/**
 * Every figure of ProcedureStatistics: totals, a bar chart with its table per breakdown, the
 * top lists and the key terms. Used by the public page, the planner's evaluation and the report.
 * `contributionLink` is where a contribution's title leads, `termLink` the list searching a term
 * (with `termQuery` beside the term).
 */
@Component({
  selector: 'sd-statistics-view',
  imports: [BarChart, RouterLink, TranslatePipe, LocalizedNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@let s = statistics();
    <section aria-labelledby="sd-totals">
      <h2 id="sd-totals">{{ 'evaluation.totals' | t }}</h2>
      <dl class="totals">
        <div><dt>{{ 'evaluation.total.contributions' | t }}</dt><dd>{{ s.totals.contributions | localizedNumber }}</dd></div>
        @if (s.totals.comments !== null) {
          <div><dt>{{ 'evaluation.total.comments' | t }}</dt><dd>{{ s.totals.comments | localizedNumber }}</dd></div>
        }
        @if (s.totals.ratings !== null) {
          <div>
            <dt>{{ 'evaluation.total.ratings' | t }}</dt>
            <dd>
              {{ s.totals.ratings | localizedNumber }}
              <span class="detail">{{ 'evaluation.total.ratingsUpDown' | t: { up: s.totals.ratingsUp ?? 0, down: s.totals.ratingsDown ?? 0 } }}</span>
            </dd>
          </div>
        }
        <div>
          <dt>{{ 'evaluation.total.participants' | t }}</dt>
          <dd>{{ s.totals.participants | localizedNumber }} <span class="detail">{{ 'evaluation.total.participantsHint' | t }}</span></dd>
        </div>
      </dl>
    </section>
    <section aria-labelledby="sd-charts" class="charts">
      <h2 id="sd-charts" class="visually-hidden">{{ 'evaluation.title' | t }}</h2>
      @for (chart of charts(); track chart.key) {
        <sd-bar-chart
          [heading]="chart.heading"
          [summary]="chart.summary"
          [caption]="chart.caption"
          [labelHeader]="chart.labelHeader"
          [series]="chart.series"
          [rows]="chart.rows"
        />
      }
    </section>
    <section aria-labelledby="sd-top-rated">
      <h2 id="sd-top-rated">{{ 'evaluation.topRated' | t }}</h2>
      @if (s.totals.ratings === null) {
        <p>{{ 'evaluation.hiddenByProcedure' | t }}</p>
      } @else {
        @if (s.topRated.length) {
          <table>
            <caption>{{ 'evaluation.topRated' | t }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'evaluation.column.rank' | t }}</th>
                <th scope="col">{{ 'evaluation.column.title' | t }}</th>
                @if (s.scope === 'planner') {
                  <th scope="col">{{ 'evaluation.column.status' | t }}</th>
                }
                <th scope="col">{{ 'evaluation.column.up' | t }}</th>
                <th scope="col">{{ 'evaluation.column.down' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (c of s.topRated; track c.id) {
                <tr>
                  <td>{{ $index + 1 }}</td>
                  <th scope="row"><a [routerLink]="contributionLink()(c)">{{ c.title }}</a></th>
                  @if (s.scope === 'planner') {
                    <td>{{ statusLabel(c.status) }}</td>
                  }
                  <td>{{ c.ratingsUp | localizedNumber }}</td>
                  <td>{{ c.ratingsDown | localizedNumber }}</td>
                </tr>
              }
            </tbody>
          </table>
        } @else {
          <p>{{ 'evaluation.none' | t }}</p>
        }
      }
    </section>
    <section aria-labelledby="sd-top-commented">
      <h2 id="sd-top-commented">{{ 'evaluation.topCommented' | t }}</h2>
      @if (s.totals.comments === null) {
        <p>{{ 'evaluation.hiddenByProcedure' | t }}</p>
      } @else if (s.topCommented.length) {
        <table>
          <caption>{{ 'evaluation.topCommented' | t }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'evaluation.column.rank' | t }}</th>
              <th scope="col">{{ 'evaluation.column.title' | t }}</th>
              @if (s.scope === 'planner') {
                <th scope="col">{{ 'evaluation.column.status' | t }}</th>
              }
              <th scope="col">{{ 'evaluation.column.comments' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (c of s.topCommented; track c.id) {
              <tr>
                <td>{{ $index + 1 }}</td>
                <th scope="row"><a [routerLink]="contributionLink()(c)">{{ c.title }}</a></th>
                @if (s.scope === 'planner') {
                  <td>{{ statusLabel(c.status) }}</td>
                }
                <td>{{ c.commentCount | localizedNumber }}</td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p>{{ 'evaluation.none' | t }}</p>
      }
    </section>
    <section aria-labelledby="sd-terms">
      <h2 id="sd-terms">{{ 'evaluation.keyTerms' | t }}</h2>
      <p>{{ 'evaluation.keyTermsIntro' | t }}</p>
      @if (s.keyTerms.length) {
        <table>
          <caption>{{ 'evaluation.keyTerms' | t }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'evaluation.column.rank' | t }}</th>
              <th scope="col">{{ 'evaluation.column.term' | t }}</th>
              <th scope="col">{{ 'evaluation.column.occurrences' | t }}</th>
              <th scope="col">{{ 'evaluation.column.contributions' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (term of s.keyTerms; track term.stem) {
              <tr>
                <td>{{ $index + 1 }}</td>
                <th scope="row"><a [routerLink]="termLink()" [queryParams]="termParams(term.term)">{{ term.term }}</a></th>
                <td>{{ term.occurrences | localizedNumber }}</td>
                <td>{{ term.contributions | localizedNumber }}</td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p>{{ 'evaluation.none' | t }}</p>
      }
    </section>`,
  styles: `
    .totals {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      margin: 0 0 1.5rem;
    }
    .totals div {
      border: 1px solid #8a8a8a;
      padding: 0.5rem 0.75rem;
      min-width: 9rem;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
      font-size: 1.5rem;
    }
    .detail {
      display: block;
      font-size: 0.85rem;
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
  `,
})
export class StatisticsView {
  private readonly translator = inject(Translator);
  readonly statistics = input.required<ProcedureStatistics>();
  readonly contributionLink = input.required<(c: TopContribution) => string[]>();
  readonly termLink = input.required<string[]>();
  /** more query parameters of the term's link (the planner's list: every status, the evaluation's filters) */
  readonly termQuery = input<Record<string, string>>({});

  protected termParams(term: string): Record<string, string> {
    return { ...this.termQuery(), q: term };
  }

  protected statusLabel(status: string): string {
    return this.translator.translate(`evaluation.status.${status}` as MessageKey);
  }

  protected readonly charts = computed<Chart[]>(() => {
    const s = this.statistics();
    const t = (key: MessageKey, params?: Record<string, string | number>) => this.translator.translate(key, params);
    const count = t('evaluation.column.count');
    const label = (prefix: string) => (c: StatisticsCount) => (prefix ? t(`${prefix}.${c.key}` as MessageKey) : localized(c, 'label', this.translator.language()));
    const chart = (key: string, heading: MessageKey, counts: StatisticsCount[] | null, prefix = ''): Chart | null => {
      if (!counts) return null;
      const rows = counts.map((c) => ({ label: label(prefix)(c), values: [c.count] }));
      const total = counts.reduce((n, c) => n + c.count, 0);
      const title = t(heading);
      return {
        key, heading: title, labelHeader: t('evaluation.column.value'), series: [count], rows,
        caption: t('evaluation.chart.tableCaption', { title }),
        summary: rows.length
          ? t('evaluation.chart.summary', { label: rows[0].label, count: this.translator.formatNumber(rows[0].values[0]), total: this.translator.formatNumber(total) })
          : t('evaluation.chart.summaryEmpty'),
      };
    };
    const buckets = s.overTime.buckets;
    const peak = buckets.reduce((best, b) => (b.contributions > best.contributions ? b : best), buckets[0] ?? null);
    const day = (d: string) => this.translator.formatDate(`${d}T12:00:00`);
    const timeTitle = t(s.overTime.interval === 'week' ? 'evaluation.chart.overTime.week' : 'evaluation.chart.overTime.day');
    const overTime: Chart = {
      key: 'time', heading: timeTitle, labelHeader: t('evaluation.column.period'),
      series: [t('evaluation.column.contributions'), t('evaluation.column.comments')],
      rows: buckets.map((b) => ({ label: day(b.start), values: [b.contributions, b.comments] })),
      caption: t('evaluation.chart.tableCaption', { title: timeTitle }),
      summary: peak
        ? t('evaluation.chart.overTimeSummary', { first: day(buckets[0].start), last: day(buckets[buckets.length - 1].start), peak: day(peak.start), count: peak.contributions })
        : t('evaluation.chart.summaryEmpty'),
    };
    const variants = s.variants;
    const variantLabel = (v: (typeof variants)[number]) => (v.published ? v.title : t('evaluation.variant.unpublished', { title: v.title }));
    const rated = variants.filter((v) => v.ratingsUp !== null);
    const variantRatings: Chart | null = rated.length
      ? {
          key: 'variant-ratings', heading: t('evaluation.chart.variantRatings'), labelHeader: t('evaluation.column.variant'),
          series: [t('evaluation.column.up'), t('evaluation.column.down')],
          rows: rated.map((v) => ({ label: variantLabel(v), values: [v.ratingsUp ?? 0, v.ratingsDown ?? 0] })),
          caption: t('evaluation.chart.tableCaption', { title: t('evaluation.chart.variantRatings') }),
          summary: t('evaluation.chart.variantRatingsSummary', {
            count: rated.length,
            up: this.translator.formatNumber(rated.reduce((n, v) => n + (v.ratingsUp ?? 0), 0)),
            down: this.translator.formatNumber(rated.reduce((n, v) => n + (v.ratingsDown ?? 0), 0)),
          }),
        }
      : null;
    const commented = variants.filter((v) => v.comments !== null);
    const variantComments = commented.length
      ? chart('variant-comments', 'evaluation.chart.variantComments',
          commented.map((v) => ({ key: v.id, label: variantLabel(v), count: v.comments ?? 0 })))
      : null;
    return [
      chart('status', 'evaluation.chart.byStatus', s.byStatus, 'evaluation.status'),
      chart('comment-status', 'evaluation.chart.commentsByStatus', s.commentsByStatus, 'evaluation.status'),
      chart('category', 'evaluation.chart.byCategory', s.byCategory),
      chart('rubric', 'evaluation.chart.byRubric', s.byRubric),
      chart('geometry', 'evaluation.chart.byGeometry', s.byGeometry, 'evaluation.geometry'),
      chart('source', 'evaluation.chart.bySource', s.bySource, 'evaluation.source'),
      s.byWorkshop.length ? chart('workshop', 'evaluation.chart.byWorkshop', s.byWorkshop) : null,
      overTime,
      variantRatings,
      variantComments,
    ].filter((c): c is Chart => c !== null);
  });
}
