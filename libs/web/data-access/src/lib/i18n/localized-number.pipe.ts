import { inject, Pipe, PipeTransform } from '@angular/core';
import { PipeMemo } from './pipe-memo';
import { Translator } from './translator';

/** Formats a number in the current UI language, e.g. 1.234 in German, 1,234 in English. */
@Pipe({ name: 'localizedNumber', pure: false })
export class LocalizedNumberPipe implements PipeTransform {
  private readonly translator = inject(Translator);
  private readonly memo = new PipeMemo<[number | null | undefined], string>(this.translator);

  transform(value: number | null | undefined): string {
    return this.memo.get([value], () => (value == null ? '' : this.translator.formatNumber(value)));
  }
}
