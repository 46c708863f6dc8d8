import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { LocalizedNumberPipe } from '@stadtdialog/web/data-access';

/** One bar; `value` of each series in `values`, in the order of the chart's `series`. */
export interface BarRow {
  label: string;
  values: number[];
}

const ROW = 28;
const LABEL_WIDTH = 190;
const WIDTH = 560;
const VALUE_SPACE = 48;

let nextId = 0;

/**
 * A horizontal SVG bar chart with the value written at each bar (never colour alone), in a
 * figure with a one-line summary as its caption and the same data as a real table. Two series
 * (e.g. contributions and comments) are told apart by their pattern and by the table, not by hue.
 */
@Component({
  selector: 'sd-bar-chart',
  imports: [LocalizedNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<figure [attr.aria-labelledby]="id + '-title'">
    <h3 [id]="id + '-title'">{{ heading() }}</h3>
    <p class="summary" [id]="id + '-summary'">{{ summary() }}</p>
    @if (rows().length) {
      <svg
        role="img"
        [attr.aria-labelledby]="id + '-title ' + id + '-summary'"
        [attr.viewBox]="'0 0 ' + width + ' ' + height()"
        [attr.width]="width"
        [attr.height]="height()"
        preserveAspectRatio="xMinYMin meet"
      >
        <defs>
          <pattern [id]="id + '-hatch'" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#0b3d6b" stroke-width="3" />
          </pattern>
        </defs>
        @for (bar of bars(); track $index) {
          <text class="label" [attr.x]="labelWidth - 8" [attr.y]="bar.y + bar.height * bar.count / 2 + 4" text-anchor="end">{{ bar.label }}</text>
          @for (part of bar.parts; track $index) {
            <rect
              [attr.x]="labelWidth"
              [attr.y]="part.y"
              [attr.width]="part.width"
              [attr.height]="bar.height - 2"
              [attr.fill]="part.series === 0 ? '#0b3d6b' : 'url(#' + id + '-hatch)'"
              stroke="#0b3d6b"
            />
            <text class="value" [attr.x]="labelWidth + part.width + 4" [attr.y]="part.y + bar.height / 2 + 3">{{ part.value | localizedNumber }}</text>
          }
        }
      </svg>
      @if (series().length > 1) {
        <ul class="legend" aria-hidden="true">
          @for (name of series(); track $index) {
            <li><span class="swatch" [class.hatched]="$index === 1"></span>{{ name }}</li>
          }
        </ul>
      }
    }
    <table>
      <caption>{{ caption() }}</caption>
      <thead>
        <tr>
          <th scope="col">{{ labelHeader() }}</th>
          @for (name of series(); track $index) {
            <th scope="col">{{ name }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track $index) {
          <tr>
            <th scope="row">{{ row.label }}</th>
            @for (value of row.values; track $index) {
              <td>{{ value | localizedNumber }}</td>
            }
          </tr>
        }
      </tbody>
    </table>
  </figure>`,
  styles: `
    figure {
      margin: 0 0 1.5rem;
      break-inside: avoid;
    }
    h3 {
      margin: 0 0 0.25rem;
      font-size: 1.05rem;
    }
    .summary {
      margin: 0 0 0.5rem;
    }
    svg {
      max-width: 100%;
      height: auto;
      display: block;
    }
    .label,
    .value {
      font-size: 13px;
      fill: #1a1a1a;
    }
    .legend {
      display: flex;
      gap: 1rem;
      list-style: none;
      padding: 0;
      margin: 0.25rem 0;
    }
    .swatch {
      display: inline-block;
      width: 1rem;
      height: 0.8rem;
      margin-right: 0.3rem;
      background: #0b3d6b;
      border: 1px solid #0b3d6b;
    }
    .swatch.hatched {
      background: repeating-linear-gradient(45deg, #fff 0 2px, #0b3d6b 2px 4px);
    }
    table {
      border-collapse: collapse;
      margin-top: 0.5rem;
    }
    caption {
      text-align: left;
      font-weight: 600;
      padding-bottom: 0.25rem;
    }
    th,
    td {
      border: 1px solid #8a8a8a;
      padding: 0.2rem 0.5rem;
      text-align: left;
    }
    td {
      text-align: right;
    }
  `,
})
export class BarChart {
  readonly heading = input.required<string>();
  readonly summary = input.required<string>();
  readonly caption = input.required<string>();
  readonly labelHeader = input.required<string>();
  /** names of the series; one column of the table each */
  readonly series = input.required<string[]>();
  readonly rows = input.required<BarRow[]>();

  protected readonly id = `sd-chart-${nextId++}`;
  protected readonly width = WIDTH;
  protected readonly labelWidth = LABEL_WIDTH;

  private readonly max = computed(() => Math.max(1, ...this.rows().flatMap((r) => r.values)));

  protected readonly bars = computed(() => {
    const count = this.series().length;
    const scale = (WIDTH - LABEL_WIDTH - VALUE_SPACE) / this.max();
    return this.rows().map((row, index) => {
      const y = index * ROW * count;
      return {
        label: row.label.length > 26 ? `${row.label.slice(0, 25)}…` : row.label,
        y,
        height: ROW,
        count,
        parts: row.values.map((value, series) => ({ series, value, y: y + series * ROW, width: Math.max(value > 0 ? 2 : 0, value * scale) })),
      };
    });
  });

  protected readonly height = computed(() => Math.max(ROW, this.rows().length * ROW * this.series().length));
}
