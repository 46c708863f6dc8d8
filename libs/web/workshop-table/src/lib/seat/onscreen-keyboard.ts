import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  output,
  ViewEncapsulation,
  viewChild,
} from '@angular/core';
import Keyboard from 'simple-keyboard';
import englishLayout from 'simple-keyboard-layouts/build/layouts/english';
import germanLayout from 'simple-keyboard-layouts/build/layouts/german';

export type KeyboardLanguage = 'de' | 'en';

export interface KeyboardLabels {
  space: string;
  enter: string;
  shift: string;
  lock: string;
  backspace: string;
  language: string;
}

/** The layouts without tab and ".com" (no use in a contribution); a language key instead. */
export function tableLayout(language: KeyboardLanguage): Record<string, string[]> {
  const source = (language === 'de' ? germanLayout : englishLayout).layout;
  const tidy = (rows: string[]) =>
    rows.map((row, index) => {
      const keys = row.split(' ').filter((key) => key !== '{tab}' && key !== '.com');
      return (index === rows.length - 1 ? ['{lang}', ...keys] : keys).join(' ');
    });
  return { default: tidy(source['default']), shift: tidy(source['shift']) };
}

let instances = 0;

/**
 * A simple-keyboard instance for one seat (several live on one page). It reports keys; the seat
 * decides what they do to its field, so the library's own input and caret bookkeeping (shared
 * across instances through the document) stays out of the way. Hold-to-repeat is off: the
 * instances share document.onpointerup, and the seat panels stop pointer events from bubbling.
 */
@Component({
  selector: 'sd-onscreen-keyboard',
  template: `<div #keyboard [class]="domClass"></div>`,
  styleUrl: './onscreen-keyboard.css',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-hidden': 'true', class: 'sd-onscreen-keyboard' },
})
export class OnscreenKeyboard {
  readonly language = input<KeyboardLanguage>('de');
  readonly shifted = input(false);
  readonly labels = input.required<KeyboardLabels>();
  readonly keyPress = output<string>();

  protected readonly domClass = `sd-keyboard-${++instances} sd-keyboard`;
  private readonly element = viewChild.required<ElementRef<HTMLDivElement>>('keyboard');
  private keyboard: Keyboard | null = null;

  constructor() {
    afterNextRender(() => {
      this.keyboard = new Keyboard(this.element().nativeElement, {
        layout: tableLayout(this.language()),
        layoutName: this.shifted() ? 'shift' : 'default',
        display: this.display(),
        theme: 'sd-keyboard-theme',
        disableButtonHold: true,
        disableCaretPositioning: true,
        preventMouseDownDefault: true,
        onKeyPress: (button: string) => this.keyPress.emit(button),
      });
    });
    effect(() => {
      const options = {
        layout: tableLayout(this.language()),
        layoutName: this.shifted() ? 'shift' : 'default',
        display: this.display(),
      };
      this.keyboard?.setOptions(options);
    });
    inject(DestroyRef).onDestroy(() => this.keyboard?.destroy());
  }

  private display(): Record<string, string> {
    const labels = this.labels();
    return {
      '{bksp}': '⌫',
      '{enter}': '↵',
      '{shift}': '⇧',
      '{lock}': '⇪',
      '{space}': labels.space,
      '{lang}': labels.language,
    };
  }
}

/** What a key does to a field's text; null for keys that change the keyboard, not the text. */
export function applyKey(text: string, key: string, multiline: boolean): string | null {
  switch (key) {
    case '{bksp}':
      return [...text].slice(0, -1).join('');
    case '{space}':
      return text + ' ';
    case '{enter}':
      return multiline ? text + '\n' : text;
    case '{shift}':
    case '{lock}':
    case '{lang}':
      return null;
    default:
      return key.startsWith('{') ? null : text + key;
  }
}
