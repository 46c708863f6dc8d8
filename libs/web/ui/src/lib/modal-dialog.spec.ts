import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ModalDialog } from './modal-dialog';

@Component({
  imports: [ModalDialog],
  template: `<button id="opener" (click)="open.set(true)">Melden</button>
    <sd-modal-dialog heading="Inhalt melden" [open]="open()" (closed)="closed = closed + 1; open.set(false)">
      <button id="inside" (click)="open.set(false)">Abbrechen</button>
    </sd-modal-dialog>`,
})
class Host {
  readonly open = signal(false);
  closed = 0;
}

describe('ModalDialog', () => {
  it('opens modally with its heading as name and gives focus back on close', async () => {
    const showModal = jest.fn(function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    });
    const close = jest.fn(function (this: HTMLDialogElement) {
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    });
    Object.assign(HTMLDialogElement.prototype, { showModal, close });

    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    document.body.appendChild(element);
    const opener = element.querySelector<HTMLButtonElement>('#opener');
    opener?.focus();
    opener?.click();
    await fixture.whenStable();

    const dialog = element.querySelector('dialog');
    expect(showModal).toHaveBeenCalled();
    const heading = element.querySelector(`#${dialog?.getAttribute('aria-labelledby')}`);
    expect(heading?.textContent).toBe('Inhalt melden');

    element.querySelector<HTMLButtonElement>('#inside')?.click();
    await fixture.whenStable();
    expect(close).toHaveBeenCalled();
    expect(fixture.componentInstance.closed).toBe(1);
    expect(document.activeElement).toBe(opener);
    element.remove();
  });
});
