import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { ProcedureSettings, PublicVariantDetail } from '@stadtdialog/shared/contract';
import {
  LocalizedDatePipe,
  LocalizedNumberPipe,
  MessageKey,
  TranslatePipe,
  VariantsStore,
  WriteRetries,
} from '@stadtdialog/web/data-access';
import { VariantCommentForm } from './variant-comment-form';
import { variantLegend } from './variant-map';

/**
 * One variant, readable without the map: its texts, images with their alt texts, the key figures as
 * a table, the legend of its plan; and the resident's rating and the comments on it.
 */
@Component({
  selector: 'sd-variant-article',
  imports: [TranslatePipe, LocalizedNumberPipe, LocalizedDatePipe, VariantCommentForm],
  template: `@let v = variant();
    <article class="variant" [attr.aria-labelledby]="'variant-' + v.id" [attr.data-variant]="v.id" [style.--variant-colour]="v.colour">
      <h3 [id]="'variant-' + v.id"><span class="swatch" aria-hidden="true"></span>{{ v.title }}</h3>
      @if (v.summary) {
        <p class="summary">{{ v.summary }}</p>
      }
      @if (v.description) {
        <div class="description">
          @for (paragraph of paragraphs(); track $index) {
            <p>{{ paragraph }}</p>
          }
        </div>
      }
      @if (v.images.length) {
        <h4>{{ 'variants.images' | t }}</h4>
        <div class="images">
          @for (image of v.images; track image.uploadId) {
            <figure>
              <img [src]="image.url" [alt]="image.alt" [attr.width]="image.width" [attr.height]="image.height" loading="lazy" />
              @if (image.caption) {
                <figcaption>{{ image.caption }}</figcaption>
              }
            </figure>
          }
        </div>
      }
      @if (v.keyFigures.length) {
        <table class="key-figures">
          <caption>{{ 'variants.keyFiguresCaption' | t: { title: v.title } }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'variants.figure' | t }}</th>
              <th scope="col">{{ 'variants.value' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (figure of v.keyFigures; track $index) {
              <tr>
                <th scope="row">{{ figure.label }}</th>
                <td>{{ figure.value }}{{ figure.unit ? ' ' + figure.unit : '' }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
      @if (legend().length || v.overlay) {
        <h4>{{ 'variants.legend' | t }}</h4>
        <ul class="legend">
          @if (v.overlay) {
            <li><span class="key overlay" aria-hidden="true"></span>{{ 'variants.overlayLegend' | t }}</li>
          }
          @for (entry of legend(); track entry.label) {
            <li><span class="key" aria-hidden="true" [style.background]="entry.colour"></span>{{ entry.label }}</li>
          }
        </ul>
      }

      @if (settings().ratings !== 'off') {
        <section class="rating" [attr.aria-labelledby]="'rating-' + v.id">
          <h4 [id]="'rating-' + v.id">{{ 'variants.rating' | t }}</h4>
          <div class="rating-buttons" role="group" [attr.aria-labelledby]="'rating-' + v.id">
            <button type="button" class="sd-button rate-up" [attr.aria-pressed]="v.rating.own === 1" [disabled]="busy() || !open()" (click)="rate(1)">
              {{ 'rating.up' | t }}
              @if (v.rating.up !== null) {
                <span class="number">{{ v.rating.up | localizedNumber }}</span>
              }
            </button>
            <button type="button" class="sd-button rate-down" [attr.aria-pressed]="v.rating.own === -1" [disabled]="busy() || !open()" (click)="rate(-1)">
              {{ 'rating.down' | t }}
              @if (v.rating.down !== null) {
                <span class="number">{{ v.rating.down | localizedNumber }}</span>
              }
            </button>
          </div>
          <p class="own-rating" role="status">{{ ownLabel() | t }}</p>
          <p class="sd-note" role="status" [hidden]="!(busy() && retries.retrying())">
            @if (busy() && retries.retrying()) {
              {{ 'write.retrying' | t }}
            }
          </p>
          @if (ratingProblem(); as problem) {
            <p class="sd-field-error">{{ problem | t }}</p>
          }
        </section>
      }

      @if (settings().comments !== 'off') {
        <section class="comments" [attr.aria-labelledby]="'comments-' + v.id">
          <h4 [id]="'comments-' + v.id">
            @if (v.commentCount === null) {
              {{ 'variants.commentsHidden' | t }}
            } @else {
              {{ 'variants.comments' | t: { count: (v.commentCount | localizedNumber) } }}
            }
          </h4>
          @if (settings().comments === 'on') {
            @if (v.comments.length) {
              <ol class="comment-list">
                @for (comment of v.comments; track comment.id) {
                  <li [attr.data-comment]="comment.id">
                    <p class="meta"><time [attr.datetime]="comment.createdAt">{{ comment.createdAt | localizedDate: 'medium' }}</time></p>
                    <p class="text">{{ comment.text }}</p>
                    <button type="button" class="link-button" (click)="report.emit(comment.id)">
                      {{ 'report.comment' | t }}
                    </button>
                  </li>
                }
              </ol>
            } @else {
              <p>{{ 'comments.none' | t }}</p>
            }
          }
          @if (open()) {
            <sd-variant-comment-form
              [variantId]="v.id"
              [maxLength]="settings().commentMaxLength"
              [label]="'variants.commentLabel' | t: { title: v.title }"
            />
          } @else {
            <p class="note">{{ 'comments.closed' | t }}</p>
          }
        </section>
      }
    </article>`,
  styles: `
    .variant {
      border-top: 6px solid var(--variant-colour, #1565c0);
      background: #ffffff;
      padding: 0.75rem 1rem 1rem;
      margin: 0 0 1.5rem;
      box-shadow: 0 1px 2px rgba(0, 0, 0, 0.15);
    }
    h3 {
      margin: 0 0 0.5rem;
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    .swatch,
    .key {
      display: inline-block;
      width: 1rem;
      height: 1rem;
      flex: none;
      border: 1px solid #1a1a1a;
      background: var(--variant-colour, #1565c0);
    }
    .key {
      margin-right: 0.5rem;
      vertical-align: middle;
    }
    .key.overlay {
      background: repeating-linear-gradient(45deg, #bdbdbd 0 3px, #ffffff 3px 6px);
    }
    .summary {
      font-weight: 600;
    }
    .images {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      gap: 0.75rem;
    }
    figure {
      margin: 0;
    }
    img {
      max-width: 100%;
      height: auto;
      display: block;
    }
    figcaption {
      font-size: 0.875rem;
      color: #4d4d4d;
    }
    table {
      border-collapse: collapse;
      margin: 1rem 0;
      min-width: min(24rem, 100%);
    }
    caption {
      text-align: left;
      font-weight: 600;
      margin-bottom: 0.25rem;
    }
    th,
    td {
      text-align: left;
      padding: 0.25rem 0.75rem 0.25rem 0;
      border-bottom: 1px solid #d0d0d0;
    }
    .legend {
      list-style: none;
      padding: 0;
    }
    .rating-buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .number {
      margin-left: 0.375rem;
    }
    .comment-list {
      list-style: none;
      padding: 0;
    }
    .comment-list li {
      border-left: 3px solid #d0d0d0;
      padding: 0.25rem 0.75rem;
      margin-bottom: 0.75rem;
    }
    .comment-list p {
      margin: 0.125rem 0;
    }
    .meta {
      font-size: 0.875rem;
      color: #4d4d4d;
    }
    .link-button {
      font: inherit;
      font-size: 0.875rem;
      background: none;
      border: none;
      padding: 0.25rem 0;
      min-height: 2rem;
      color: #0b57d0;
      text-decoration: underline;
      cursor: pointer;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VariantArticle {
  readonly variant = input.required<PublicVariantDetail>();
  readonly settings = input.required<ProcedureSettings>();
  /** the procedure takes ratings and comments on variants now */
  readonly open = input.required<boolean>();
  /** a comment's id: the resident wants to report it */
  readonly report = output<string>();

  private readonly store = inject(VariantsStore);
  protected readonly retries = inject(WriteRetries);
  protected readonly ratingProblem = signal<MessageKey | null>(null);
  protected readonly busy = computed(() => this.store.ratingBusy().has(this.variant().id));
  protected readonly legend = computed(() => variantLegend(this.variant()));
  protected readonly paragraphs = computed(() => this.variant().description.split(/\n\s*\n/).filter((p) => p.trim()));
  protected readonly ownLabel = computed<MessageKey>(() => {
    const own = this.variant().rating.own;
    return own === 1 ? 'variants.ownUp' : own === -1 ? 'variants.ownDown' : 'variants.ownNone';
  });

  protected async rate(value: 1 | -1): Promise<void> {
    this.ratingProblem.set(null);
    const result = await this.store.rate(this.variant().id, value);
    if (result.kind === 'done') return;
    this.ratingProblem.set(result.kind === 'conflict' ? 'rating.closed' : result.kind === 'offline' ? 'error.offline' : 'error.failed');
  }
}
