import { inject, Pipe, PipeTransform } from '@angular/core';
import { PipeMemo } from './pipe-memo';
import { Translator } from './translator';

/** Formats a date in the current UI language and the user's regional format, e.g. `{{ phase.startsAt | localizedDate }}`. */
@Pipe({ name: 'localizedDate', pure: false })
export class LocalizedDatePipe implements PipeTransform {
  private readonly translator = inject(Translator);
  private readonly memo = new PipeMemo<[string | Date | null | undefined, string], string>(this.translator);

  transform(value: string | Date | null | undefined, format = 'mediumDate'): string {
    return this.memo.get([value, format], () => (value == null ? '' : this.translator.formatDate(value, format)));
  }
}
