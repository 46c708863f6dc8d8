import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  input,
  output,
  untracked,
  viewChild,
} from '@angular/core';

let nextId = 0;

/**
 * A modal dialog on the native `<dialog>`: the browser keeps focus inside and closes it on Escape.
 * Focus goes back to where it was when the dialog closes.
 */
@Component({
  selector: 'sd-modal-dialog',
  template: `<dialog #dialog [attr.aria-labelledby]="headingId" (close)="onNativeClose()">
    <h2 class="sd-modal-dialog__heading" [id]="headingId">{{ heading() }}</h2>
    <ng-content />
  </dialog>`,
  styles: `
    dialog {
      width: min(32rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      overflow: auto;
      border: 1px solid #595959;
      border-radius: 0.5rem;
      padding: 1.25rem 1.5rem;
      color: #1a1a1a;
      background: #ffffff;
    }
    dialog::backdrop {
      background: rgba(0, 0, 0, 0.5);
    }
    .sd-modal-dialog__heading {
      margin-top: 0;
      font-size: 1.25rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModalDialog {
  readonly heading = input.required<string>();
  readonly open = input(false);
  /** the dialog was closed by Escape or by its content; the owner sets `open` to false */
  readonly closed = output<void>();

  protected readonly headingId = `sd-modal-dialog-${++nextId}`;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private returnFocusTo: HTMLElement | null = null;

  constructor() {
    effect(() => {
      const open = this.open();
      const dialog = this.dialog().nativeElement;
      untracked(() => {
        if (open && !dialog.open) {
          this.returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
          if (typeof dialog.showModal === 'function') dialog.showModal();
          else dialog.setAttribute('open', '');
        } else if (!open && dialog.open) {
          if (typeof dialog.close === 'function') dialog.close();
          else {
            dialog.removeAttribute('open');
            this.onNativeClose();
          }
        }
      });
    });
  }

  protected onNativeClose(): void {
    this.returnFocusTo?.focus();
    this.returnFocusTo = null;
    this.closed.emit();
  }
}
