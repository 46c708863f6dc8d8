import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import {
  fieldErrorText,
  LocalizedNumberPipe,
  MessageKey,
  MessageParams,
  newIdempotencyKey,
  problemText,
  TranslatePipe,
  VariantsStore,
  WriteRetries,
} from '@stadtdialog/web/data-access';

let nextId = 0;

/**
 * Writing a comment on a variant. One Idempotency-Key per text: a retry after a lost answer (the
 * write retry of data-access sends it again for a few seconds) does not post it twice; a changed
 * text is a new comment.
 */
@Component({
  selector: 'sd-variant-comment-form',
  imports: [ReactiveFormsModule, TranslatePipe, LocalizedNumberPipe],
  template: `<form class="sd-field" [formGroup]="form" (ngSubmit)="send()" novalidate>
    <label [for]="id">{{ label() }}</label>
    @let shown = problem();
    <textarea
      #field
      [id]="id"
      rows="3"
      formControlName="text"
      [attr.aria-invalid]="shown ? 'true' : null"
      [attr.aria-describedby]="id + '-count' + (shown ? ' ' + id + '-error' : '')"
    ></textarea>
    <p class="sd-hint" [id]="id + '-count'">
      {{ 'contribute.characters' | t: { count: form.controls.text.value.length | localizedNumber, max: maxLength() | localizedNumber } }}
    </p>
    @if (shown) {
      <p class="sd-field-error" [id]="id + '-error'">{{ shown.key | t: shown.params }}</p>
    }
    <p class="sd-note" role="status" [hidden]="!status()">
      @if (status(); as key) {
        {{ key | t }}
      }
    </p>
    <div>
      <button type="submit" class="sd-button primary" [disabled]="sending()">
        {{ (sending() ? 'contribute.sending' : 'comments.send') | t }}
      </button>
    </div>
  </form>`,
  styles: `
    form {
      margin: 0.5rem 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VariantCommentForm {
  readonly variantId = input.required<string>();
  readonly maxLength = input.required<number>();
  readonly label = input.required<string>();

  private readonly store = inject(VariantsStore);
  private readonly retries = inject(WriteRetries);
  protected readonly id = `variant-comment-${++nextId}`;
  protected readonly form = inject(NonNullableFormBuilder).group({ text: '' });
  protected readonly sending = signal(false);
  private readonly pending = signal(false);
  protected readonly problem = signal<{ key: MessageKey; params?: MessageParams } | null>(null);
  private readonly field = viewChild.required<ElementRef<HTMLTextAreaElement>>('field');
  private key: { text: string; value: string } | null = null;

  /** "being sent again" while the write retry waits, "checked before publication" once a pending comment is in */
  protected readonly status = computed<MessageKey | null>(() =>
    this.sending() && this.retries.retrying() ? 'write.retrying' : this.pending() ? 'comments.pending' : null,
  );

  protected async send(): Promise<void> {
    const text = this.form.controls.text.value.trim();
    this.pending.set(false);
    if (!text) return this.refuse({ key: 'error.commentRequired' });
    if ([...text].length > this.maxLength()) return this.refuse({ key: 'error.maxLength', params: { max: this.maxLength() } });
    if (!this.key || this.key.text !== text) this.key = { text, value: newIdempotencyKey() };
    this.problem.set(null);
    this.sending.set(true);
    const result = await this.store.comment(this.variantId(), text, this.key.value);
    this.sending.set(false);
    switch (result.kind) {
      case 'done':
        this.key = null;
        this.form.reset({ text: '' });
        this.pending.set(result.value.status === 'pending');
        return;
      case 'invalid':
        // The API names the field and why by its code; the one translator says it in words.
        return this.refuse(fieldErrorText(result.errors[0] ?? { code: 'required' }, { required: 'error.commentRequired', blank_text: 'error.commentRequired' }));
      case 'conflict':
        return this.refuse(result.code ? problemText({ status: 409, code: result.code }) : { key: 'comments.closed' });
      case 'offline':
        return this.refuse({ key: 'error.offline' });
      default:
        return this.refuse(problemText(result));
    }
  }

  private refuse(problem: { key: MessageKey; params?: MessageParams }): void {
    this.problem.set(problem);
    this.field().nativeElement.focus();
  }
}
