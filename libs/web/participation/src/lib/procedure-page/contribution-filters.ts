import { ChangeDetectionStrategy, Component, effect, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Category, CONTRIBUTION_SORTS, ContributionSort, Rubric } from '@stadtdialog/shared/contract';
import {
  ContributionFilter,
  DEFAULT_FILTER,
  isNarrowing,
  LocalizedLangPipe,
  LocalizedPipe,
  MessageKey,
  TranslatePipe,
} from '@stadtdialog/web/data-access';

/**
 * Category, rubric and text search, and the sort order of the list. Choosing from a list applies at
 * once; the text applies when searched, so that each step is one entry in the browser history.
 */
@Component({
  selector: 'sd-contribution-filters',
  imports: [ReactiveFormsModule, TranslatePipe, LocalizedPipe, LocalizedLangPipe],
  template: `<form role="search" [attr.aria-label]="'filter.label' | t" [formGroup]="form" (ngSubmit)="search()">
    <div class="field">
      <label for="filter-category">{{ 'filter.category' | t }}</label>
      <select id="filter-category" formControlName="category" (change)="apply()">
        <option value="">{{ 'filter.allCategories' | t }}</option>
        @for (category of categories(); track category.id) {
          <option [value]="category.id" [attr.lang]="category | localizedLang: 'name'">{{ category | localized: 'name' }}</option>
        }
      </select>
    </div>
    <div class="field">
      <label for="filter-rubric">{{ 'filter.rubric' | t }}</label>
      <select id="filter-rubric" formControlName="rubric" (change)="apply()">
        <option value="">{{ 'filter.allRubrics' | t }}</option>
        @for (rubric of rubrics(); track rubric.id) {
          <option [value]="rubric.id" [attr.lang]="rubric | localizedLang: 'name'">{{ rubric | localized: 'name' }}</option>
        }
      </select>
    </div>
    <div class="field search">
      <label for="filter-q">{{ 'filter.search' | t }}</label>
      <div class="search-row">
        <input id="filter-q" type="search" formControlName="q" maxlength="200" />
        <button type="submit">{{ 'filter.searchButton' | t }}</button>
      </div>
    </div>
    <div class="field">
      <label for="filter-sort">{{ 'filter.sort' | t }}</label>
      <select id="filter-sort" formControlName="sort" (change)="apply()">
        @for (sort of sorts; track sort) {
          <option [value]="sort">{{ sortLabel(sort) | t }}</option>
        }
      </select>
    </div>
    @if (narrowing()) {
      <button type="button" class="reset" (click)="reset()">{{ 'filter.reset' | t }}</button>
    }
  </form>`,
  styles: `
    form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.75rem 1rem;
      margin-bottom: 0.5rem;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      min-width: 10rem;
      flex: 1 1 10rem;
    }
    .field.search {
      flex: 2 1 16rem;
    }
    label {
      font-weight: 600;
    }
    select,
    input,
    button {
      font: inherit;
      min-height: 2.5rem;
      padding: 0.25rem 0.5rem;
      border: 1px solid #595959;
      border-radius: 0.25rem;
      background: #ffffff;
      color: #1a1a1a;
    }
    .search-row {
      display: flex;
      gap: 0.5rem;
    }
    .search-row input {
      flex: 1;
      min-width: 0;
    }
    button {
      cursor: pointer;
      padding: 0.25rem 1rem;
    }
    button[type='submit'] {
      background: #0b3d6b;
      border-color: #0b3d6b;
      color: #ffffff;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContributionFilters {
  readonly filter = input.required<ContributionFilter>();
  readonly categories = input<Category[]>([]);
  readonly rubrics = input<Rubric[]>([]);
  readonly filterChange = output<ContributionFilter>();

  protected readonly sorts = CONTRIBUTION_SORTS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    category: '',
    rubric: '',
    q: '',
    sort: DEFAULT_FILTER.sort as ContributionSort,
  });

  constructor() {
    // The URL is the truth: back and forward buttons and shared links set the form.
    effect(() => {
      const filter = this.filter();
      this.form.setValue(
        { category: filter.category ?? '', rubric: filter.rubric ?? '', q: filter.q, sort: filter.sort },
        { emitEvent: false },
      );
    });
  }

  protected sortLabel(sort: ContributionSort): MessageKey {
    return `sort.${sort}`;
  }

  protected narrowing(): boolean {
    return isNarrowing(this.filter());
  }

  protected apply(): void {
    this.filterChange.emit(this.value());
  }

  protected search(): void {
    this.filterChange.emit(this.value());
  }

  protected reset(): void {
    this.filterChange.emit({ ...DEFAULT_FILTER, sort: this.filter().sort });
  }

  private value(): ContributionFilter {
    const { category, rubric, q, sort } = this.form.getRawValue();
    return { category: category || null, rubric: rubric || null, q: q.trim(), sort };
  }
}
