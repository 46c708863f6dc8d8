import { inject, Pipe, PipeTransform } from '@angular/core';
import { MessageKey } from './messages';
import { PipeMemo } from './pipe-memo';
import { MessageParams, Translator } from './translator';

/** `{{ 'start.title' | t }}`; impure so that a language switch re-renders the text. */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly translator = inject(Translator);
  private readonly memo = new PipeMemo<[MessageKey, MessageParams | undefined], string>(this.translator);

  transform(key: MessageKey, params?: MessageParams): string {
    return this.memo.get([key, params], () => this.translator.translate(key, params));
  }
}
