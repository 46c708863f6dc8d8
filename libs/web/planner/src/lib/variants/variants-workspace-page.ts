import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { VariantInput, WorkspaceVariant } from '@stadtdialog/shared/contract';
import { attempt, ProcedureSetupStore, TranslatePipe, Translator, VariantWorkspaceApi } from '@stadtdialog/web/data-access';
import { failureText } from '../shared/failure-text';
import { FormRun } from '../shared/form-run';
import { FormStatus } from '../shared/form-status';
import { plannerPageTitle } from '../shared/page-title';
import { VariantEditor } from './variant-editor';
import { variantInput } from './variant-input';

/**
 * A procedure's variants (managers): their order, published or not, ratings and comments so far;
 * a new one or one of them in the editor. Moderators see the list.
 */
@Component({
  selector: 'sd-variants-workspace-page',
  imports: [TranslatePipe, FormStatus, VariantEditor],
  template: `<h1>{{ 'planner.variants.title' | t }}</h1>
    <p>{{ 'planner.variants.intro' | t }}</p>
    @if (variants().length === 0 && loaded()) {
      <p>{{ 'planner.variants.none' | t }}</p>
    }
    <ol class="variants">
      @for (variant of variants(); track variant.id; let first = $first; let last = $last) {
        <li class="card" [attr.data-variant]="variant.id">
          <h2>
            <span class="swatch" aria-hidden="true" [style.background]="variant.colour"></span>{{ variant.title }}
            <span class="badge">{{ (variant.published ? 'planner.variants.published' : 'planner.variants.draft') | t }}</span>
          </h2>
          <p class="hint">
            {{ 'planner.variants.counts' | t: { up: variant.ratingsUp, down: variant.ratingsDown, comments: variant.commentCount } }}
          </p>
          @if (setup.canManage()) {
            <div class="actions">
              <button type="button" (click)="edit(variant)" [attr.aria-expanded]="editing() === variant.id">
                {{ 'planner.variants.edit' | t }}<span class="visually-hidden">: {{ variant.title }}</span>
              </button>
              <button type="button" (click)="togglePublished(variant)" [disabled]="list.busy()">
                {{ (variant.published ? 'planner.variants.withdraw' : 'planner.variants.publish') | t }}<span class="visually-hidden">: {{ variant.title }}</span>
              </button>
              <button type="button" (click)="move(variant, -1)" [disabled]="first || list.busy()">
                {{ 'planner.variants.up' | t }}<span class="visually-hidden">: {{ variant.title }}</span>
              </button>
              <button type="button" (click)="move(variant, 1)" [disabled]="last || list.busy()">
                {{ 'planner.variants.down' | t }}<span class="visually-hidden">: {{ variant.title }}</span>
              </button>
              <button type="button" class="danger" (click)="remove(variant)" [disabled]="list.busy()">
                {{ 'planner.delete' | t }}<span class="visually-hidden">: {{ variant.title }}</span>
              </button>
            </div>
          }
          @if (editing() === variant.id) {
            <sd-variant-editor [procedureId]="procedureId()" [variant]="variant" (saved)="onSaved($event)" (cancelled)="editing.set(null)" />
          }
        </li>
      }
    </ol>
    <sd-form-status [outcome]="list.outcome()" />
    @if (setup.canManage()) {
      @if (editing() === 'new') {
        <section class="card" aria-labelledby="new-variant-heading">
          <h2 id="new-variant-heading">{{ 'planner.variants.newTitle' | t }}</h2>
          <sd-variant-editor [procedureId]="procedureId()" [variant]="null" [position]="variants().length" (saved)="onSaved($event)" (cancelled)="editing.set(null)" />
        </section>
      } @else {
        <p><button type="button" class="primary" (click)="editing.set('new')">{{ 'planner.variants.new' | t }}</button></p>
      }
    }`,
  styleUrls: ['../shared/planner.css'],
  styles: `
    .variants {
      list-style: none;
      padding: 0;
    }
    h2 {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      font-size: 1.2rem;
    }
    .swatch {
      display: inline-block;
      width: 1rem;
      height: 1rem;
      border: 1px solid #1a1a1a;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VariantsWorkspacePage {
  protected readonly setup = inject(ProcedureSetupStore);
  private readonly api = inject(VariantWorkspaceApi);
  private readonly translator = inject(Translator);
  private readonly window = inject(DOCUMENT).defaultView;

  protected readonly procedureId = computed(() => this.setup.id() ?? '');
  protected readonly variants = signal<WorkspaceVariant[]>([]);
  protected readonly loaded = signal(false);
  /** the variant in the editor, 'new' for a new one */
  protected readonly editing = signal<string | null>(null);
  protected readonly list = new FormRun();

  constructor() {
    plannerPageTitle('planner.variants.title', () => this.setup.procedure()?.title);
    effect(() => {
      const id = this.setup.id();
      if (id) untracked(() => void this.reload(id));
    });
  }

  private async reload(procedureId: string): Promise<void> {
    const result = await attempt(this.api.variants(procedureId));
    if (result.ok) this.variants.set(result.value);
    else this.list.fail(failureText(result.failure));
    this.loaded.set(true);
  }

  protected edit(variant: WorkspaceVariant): void {
    this.editing.set(this.editing() === variant.id ? null : variant.id);
  }

  protected async onSaved(variant: WorkspaceVariant): Promise<void> {
    this.editing.set(null);
    this.list.succeed({ key: 'planner.variants.saved', params: { title: variant.title } });
    await this.reload(this.procedureId());
  }

  private async put(variant: WorkspaceVariant, change: Partial<VariantInput>, done: { key: 'planner.variants.saved' | 'planner.variants.moved'; params?: Record<string, string> }) {
    return this.list.run(() => attempt(this.api.replaceVariant(this.procedureId(), variant.id, variantInput(variant, change))), done);
  }

  protected async togglePublished(variant: WorkspaceVariant): Promise<void> {
    const result = await this.put(variant, { published: !variant.published }, { key: 'planner.variants.saved', params: { title: variant.title } });
    if (result?.ok) await this.reload(this.procedureId());
  }

  /** Swaps the variant with its neighbour: both get their new position in the list. */
  protected async move(variant: WorkspaceVariant, step: -1 | 1): Promise<void> {
    const list = this.variants();
    const index = list.indexOf(variant);
    const other = list[index + step];
    if (!other) return;
    const order = [...list];
    order[index] = other;
    order[index + step] = variant;
    const result = await this.list.run(async () => {
      for (const [position, v] of order.entries()) {
        if (v.position === position) continue;
        const stored = await attempt(this.api.replaceVariant(this.procedureId(), v.id, variantInput(v, { position })));
        if (!stored.ok) return stored;
      }
      return { ok: true as const, value: null };
    }, { key: 'planner.variants.moved' });
    if (result) await this.reload(this.procedureId());
  }

  protected async remove(variant: WorkspaceVariant): Promise<void> {
    if (!this.window?.confirm(this.translator.translate('planner.variants.confirmDelete', { title: variant.title }))) return;
    const result = await this.list.run(() => attempt(this.api.deleteVariant(this.procedureId(), variant.id)), {
      key: 'planner.variants.deleted',
      params: { title: variant.title },
    });
    if (result?.ok) await this.reload(this.procedureId());
  }
}
