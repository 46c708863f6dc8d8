import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Category } from '@stadtdialog/shared/contract';
import { MessageKey, ProcedureSetupStore, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { CATEGORY_GLYPHS, CategorySymbol } from '@stadtdialog/web/ui';
import { FormRun } from '../shared/form-run';
import { FormStatus } from '../shared/form-status';
import { contrastWithWhite, MIN_GRAPHIC_CONTRAST } from './colour';

type CategoryRow = FormGroup<{
  id: FormControl<string>;
  name: FormControl<string>;
  nameEn: FormControl<string>;
  colour: FormControl<string>;
  icon: FormControl<string>;
}>;

const ICON_LABELS: Record<string, MessageKey> = {
  circle: 'planner.icon.circle',
  tree: 'planner.icon.tree',
  bicycle: 'planner.icon.bicycle',
  bus: 'planner.icon.bus',
  ball: 'planner.icon.ball',
  house: 'planner.icon.house',
  drop: 'planner.icon.drop',
  info: 'planner.icon.info',
};

/** Categories: name, colour (picker, with a contrast check against the white icon) and icon. */
@Component({
  selector: 'sd-categories-editor',
  imports: [ReactiveFormsModule, TranslatePipe, FormStatus, CategorySymbol],
  templateUrl: './categories-editor.html',
  styleUrls: ['../shared/planner.css', './categories-editor.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CategoriesEditor {
  private readonly store = inject(ProcedureSetupStore);
  private readonly translator = inject(Translator);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly icons = ['circle', ...Object.keys(CATEGORY_GLYPHS).filter((icon) => icon !== 'circle')];
  protected readonly rows = this.fb.array<CategoryRow>([]);
  /** the rows as the template shows them: replaced rows are new controls the template has to bind to */
  protected readonly shownRows = signal<CategoryRow[]>([]);
  protected readonly addForm = this.fb.group({
    name: ['', Validators.required],
    nameEn: [''],
    colour: ['#1565c0', Validators.required],
    icon: ['circle'],
  });
  protected readonly list = new FormRun();
  protected readonly adding = new FormRun();
  private readonly categories = computed(() => this.store.procedure()?.categories ?? []);

  constructor() {
    effect(() => {
      const categories = this.categories();
      untracked(() => this.fill(categories));
    });
  }

  protected iconLabel(icon: string): MessageKey | null {
    return ICON_LABELS[icon] ?? null;
  }

  protected lowContrast(colour: string): boolean {
    return contrastWithWhite(colour) < MIN_GRAPHIC_CONTRAST;
  }

  /** Rows keep what someone is editing; the others follow the stored categories. */
  private fill(categories: Category[]): void {
    const editing = new Map(this.rows.controls.filter((row) => row.dirty).map((row) => [row.controls.id.value, row]));
    const rows: CategoryRow[] = categories.map(
      (category) =>
        editing.get(category.id) ??
        this.fb.group({
          id: [category.id],
          name: [category.name, Validators.required],
          nameEn: [category.translations?.en?.name ?? ''],
          colour: [category.colour, Validators.required],
          icon: [category.icon],
        }),
    );
    this.rows.clear();
    for (const row of rows) this.rows.push(row);
    this.shownRows.set([...this.rows.controls]);
  }

  protected async save(row: CategoryRow): Promise<void> {
    if (!this.list.check(row.valid)) return;
    const { id, name, nameEn, colour, icon } = row.getRawValue();
    row.markAsPristine();
    const translations = { en: { name: nameEn } };
    const result = await this.list.run(() => this.store.updateCategory(id, { name: name.trim(), colour, icon, translations }), {
      key: 'planner.categories.saved',
      params: { name },
    });
    if (result && !result.ok) row.markAsDirty();
  }

  protected async remove(row: CategoryRow): Promise<void> {
    const { id, name } = row.getRawValue();
    if (!this.window?.confirm(this.translator.translate('planner.categories.confirmDelete', { name }))) return;
    await this.list.run(() => this.store.deletePart('category', id), { key: 'planner.categories.deleted', params: { name } });
  }

  protected async add(): Promise<void> {
    if (!this.adding.check(this.addForm.valid)) return;
    const { name, nameEn, colour, icon } = this.addForm.getRawValue();
    const translations = { en: { name: nameEn } };
    const result = await this.adding.run(() => this.store.addCategory({ name: name.trim(), colour, icon, translations }), {
      key: 'planner.categories.added',
      params: { name: name.trim() },
    });
    if (result?.ok) this.addForm.reset();
  }
}
