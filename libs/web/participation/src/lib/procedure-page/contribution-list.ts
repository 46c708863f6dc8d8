import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Category, Contribution, ProcedureSettings, Rubric } from '@stadtdialog/shared/contract';
import { LoadStatus, LocalizedDatePipe, LocalizedLangPipe, LocalizedPipe, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { CategorySymbol } from '@stadtdialog/web/ui';

/**
 * The contributions as a list: everything the map shows, in reading order, each linking to its own
 * page. Hovering or focusing an entry outlines it on the map.
 */
@Component({
  selector: 'sd-contribution-list',
  imports: [RouterLink, CategorySymbol, TranslatePipe, LocalizedDatePipe, LocalizedPipe, LocalizedLangPipe],
  template: `@switch (status()) {
      @case ('error') {
        <p role="alert">{{ 'procedure.contributionsError' | t }}</p>
      }
      @case ('not-found') {
        <p role="alert">{{ 'procedure.contributionsError' | t }}</p>
      }
      @default {
        @if (items().length) {
          <ol class="contribution-list" [attr.aria-busy]="status() === 'loading'">
            @for (item of items(); track item.id) {
              @let category = categories().get(item.categoryId);
              <li
                class="contribution"
                [class.selected]="item.id === selectedId()"
                (mouseenter)="highlight.emit(item.id)"
                (mouseleave)="highlight.emit(null)"
                (focusin)="highlight.emit(item.id)"
                (focusout)="highlight.emit(null)"
              >
                <sd-category-symbol [colour]="category?.colour ?? '#595959'" [icon]="category?.icon ?? null" />
                <div class="body">
                  <h4>
                    <a [routerLink]="['/procedures', slug(), 'contributions', item.id]">{{ item.title }}</a>
                  </h4>
                  <p class="meta">
                    @let rubric = rubrics().get(item.rubricId);
                    <span [attr.lang]="category | localizedLang: 'name'">{{ category | localized: 'name' }}</span> ·
                    <span [attr.lang]="rubric | localizedLang: 'name'">{{ rubric | localized: 'name' }}</span> ·
                    <time [attr.datetime]="item.createdAt">{{ item.createdAt | localizedDate }}</time>
                  </p>
                  <p class="counts">{{ counts().get(item.id) }}</p>
                  @if (item.geometry) {
                    <button type="button" class="show-on-map" (click)="showOnMap.emit(item.id)">
                      {{ 'contributions.showOnMap' | t }}<span class="visually-hidden">: {{ item.title }}</span>
                    </button>
                  } @else {
                    <p class="no-location">{{ 'contributions.noLocation' | t }}</p>
                  }
                </div>
              </li>
            }
          </ol>
          @if (hasMore()) {
            <button type="button" class="more" [disabled]="loadingMore()" (click)="loadMore.emit()">
              {{ (loadingMore() ? 'app.loading' : 'contributions.more') | t }}
            </button>
          }
        } @else if (status() === 'loaded') {
          <p>{{ 'contributions.none' | t }}</p>
        } @else {
          <p role="status">{{ 'app.loading' | t }}</p>
        }
      }
    }`,
  styles: `
    .contribution-list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .contribution {
      display: flex;
      gap: 0.75rem;
      padding: 0.75rem;
      border: 1px solid #c4c4c4;
      border-radius: 0.5rem;
      background: #ffffff;
      margin-bottom: 0.5rem;
    }
    .contribution:hover,
    .contribution:focus-within,
    .contribution.selected {
      border-color: #1a1a1a;
      box-shadow: inset 0 0 0 1px #1a1a1a;
    }
    .body {
      min-width: 0;
      flex: 1;
    }
    h4 {
      margin: 0;
      font-size: 1.05rem;
      overflow-wrap: anywhere;
    }
    p {
      margin: 0.25rem 0 0;
    }
    .meta,
    .counts,
    .no-location {
      color: #4d4d4d;
      font-size: 0.9rem;
    }
    button {
      font: inherit;
      cursor: pointer;
      margin-top: 0.375rem;
      padding: 0.25rem 0.75rem;
      min-height: 2.25rem;
      border: 1px solid #0b3d6b;
      border-radius: 0.25rem;
      background: #ffffff;
      color: #0b3d6b;
    }
    .more {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContributionList {
  readonly slug = input.required<string>();
  readonly status = input.required<LoadStatus>();
  readonly items = input.required<Contribution[]>();
  readonly categories = input.required<ReadonlyMap<string, Category>>();
  readonly rubrics = input.required<ReadonlyMap<string, Rubric>>();
  readonly settings = input.required<ProcedureSettings>();
  readonly hasMore = input(false);
  readonly loadingMore = input(false);
  readonly selectedId = input<string | null>(null);

  readonly loadMore = output<void>();
  readonly showOnMap = output<string>();
  readonly highlight = output<string | null>();

  private readonly translator = inject(Translator);

  /**
   * "3 Zustimmungen · 1 Ablehnungen · 2 Kommentare" per entry, as far as the procedure shows them:
   * formatted once per list, language and settings, not on every check of the list.
   */
  protected readonly counts = computed(() => {
    const t = this.translator;
    t.revision();
    const settings = this.settings();
    const byId = new Map<string, string>();
    for (const item of this.items()) {
      const parts: string[] = [];
      if (settings.ratings === 'on' && item.ratingsUp !== null && item.ratingsDown !== null) {
        parts.push(t.translate('contribution.agreeCount', { count: item.ratingsUp }));
        parts.push(t.translate('contribution.disagreeCount', { count: item.ratingsDown }));
      }
      if (settings.comments !== 'hidden' && item.commentCount !== null) {
        parts.push(t.translate('contribution.commentCount', { count: item.commentCount }));
      }
      byId.set(item.id, parts.join(' · '));
    }
    return byId;
  });
}
