import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, output, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Comment, isBlank } from '@stadtdialog/shared/contract';
import {
  ContributionDetailStore,
  fieldErrorText,
  LocalizedNumberPipe,
  LocalizedText,
  newIdempotencyKey,
  problemText,
  TranslatePipe,
} from '@stadtdialog/web/data-access';
import { RetryingNote } from '../shared/retrying-note';

let nextId = 0;

/**
 * Writing a comment or a reply. One Idempotency-Key per text: a retry after a lost answer does not
 * post it twice; a changed text is a new comment.
 */
@Component({
  selector: 'sd-comment-form',
  imports: [ReactiveFormsModule, TranslatePipe, LocalizedNumberPipe, RetryingNote],
  template: `<form [formGroup]="form" (ngSubmit)="send()" novalidate>
    <label [for]="id">{{ label() }}</label>
    @let problem = shownProblem();
    <textarea
      #field
      [id]="id"
      rows="3"
      formControlName="text"
      [attr.aria-invalid]="problem ? 'true' : null"
      [attr.aria-describedby]="id + '-count' + (problem ? ' ' + id + '-error' : '')"
    ></textarea>
    <p class="count" [id]="id + '-count'">
      {{ 'contribute.characters' | t: { count: form.controls.text.value.length | localizedNumber, max: maxLength() | localizedNumber } }}
    </p>
    @if (problem) {
      <p class="field-error" [id]="id + '-error'">{{ problem.key | t: problem.params }}</p>
    }
    @if (pending()) {
      <p class="note" role="status">{{ 'comments.pending' | t }}</p>
    }
    <sd-retrying-note [sending]="sending()" />
    <div class="buttons">
      <button type="submit" class="primary" [disabled]="sending()">{{ (sending() ? 'contribute.sending' : submitLabel()) | t }}</button>
      @if (cancellable()) {
        <button type="button" (click)="cancelled.emit()">{{ 'app.cancel' | t }}</button>
      }
    </div>
  </form>`,
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      max-width: 40rem;
      margin: 0.5rem 0;
    }
    label {
      font-weight: 600;
    }
    textarea {
      font: inherit;
      padding: 0.5rem;
      border: 1px solid #595959;
      border-radius: 0.25rem;
    }
    [aria-invalid='true'] {
      border: 2px solid #b3261e;
    }
    .count {
      margin: 0;
      font-size: 0.875rem;
      color: #4d4d4d;
    }
    .field-error {
      margin: 0;
      color: #b3261e;
      font-weight: 600;
    }
    .note {
      margin: 0;
      font-weight: 600;
      padding: 0.375rem 0.625rem;
      border-left: 4px solid #6b3a00;
      background: #fff4e5;
    }
    .buttons {
      display: flex;
      gap: 0.5rem;
    }
    button {
      font: inherit;
      cursor: pointer;
      min-height: 2.5rem;
      padding: 0.25rem 1rem;
      border: 2px solid #0b3d6b;
      border-radius: 0.25rem;
      background: #ffffff;
      color: #0b3d6b;
      font-weight: 600;
    }
    button.primary {
      background: #0b3d6b;
      color: #ffffff;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommentForm {
  readonly parentId = input<string | null>(null);
  readonly maxLength = input.required<number>();
  readonly label = input.required<string>();
  readonly submitLabel = input<'comments.send' | 'comments.sendReply'>('comments.send');
  readonly cancellable = input(false);
  readonly sent = output<Comment>();
  readonly cancelled = output<void>();

  private readonly store = inject(ContributionDetailStore);
  protected readonly id = `comment-form-${++nextId}`;
  protected readonly form = inject(NonNullableFormBuilder).group({ text: ['', Validators.required] });
  protected readonly sending = signal(false);
  protected readonly pending = signal(false);
  private readonly problemState = signal<LocalizedText | null>(null);
  private readonly tried = signal(false);
  private readonly field = viewChild.required<ElementRef<HTMLTextAreaElement>>('field');
  private key: { text: string; value: string } | null = null;

  protected readonly shownProblem = computed(() => this.problemState());

  focus(): void {
    this.field().nativeElement.focus();
  }

  protected async send(): Promise<void> {
    const text = this.form.controls.text.value.trim();
    this.tried.set(true);
    this.pending.set(false);
    if (isBlank(text)) {
      this.problemState.set({ key: 'error.commentRequired' });
      this.focus();
      return;
    }
    if (text.length > this.maxLength()) {
      this.problemState.set({ key: 'error.maxLength', params: { max: this.maxLength() } });
      this.focus();
      return;
    }
    if (!this.key || this.key.text !== text) this.key = { text, value: newIdempotencyKey() };
    this.problemState.set(null);
    this.sending.set(true);
    const result = await this.store.comment(text, this.parentId(), this.key.value);
    this.sending.set(false);
    switch (result.kind) {
      case 'done':
        this.key = null;
        this.form.reset({ text: '' });
        this.pending.set(result.value.status === 'pending');
        this.sent.emit(result.value);
        return;
      case 'invalid':
        this.problemState.set(fieldErrorText(result.errors[0], { required: 'error.commentRequired', blank_text: 'error.commentRequired' }));
        break;
      case 'conflict':
        this.problemState.set(result.code ? problemText({ status: 409, code: result.code }) : { key: 'comments.closed' });
        break;
      case 'offline':
        this.problemState.set({ key: 'error.offline' });
        break;
      default:
        this.problemState.set(problemText(result));
    }
    this.focus();
  }
}
