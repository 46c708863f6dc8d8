import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Language, TranslatePipe, Translator } from '@stadtdialog/web/data-access';

/** Each language is named in itself, so people find theirs whatever language is showing. */
const languageNames: Record<Language, string> = { de: 'Deutsch', en: 'English' };

@Component({
  selector: 'app-language-switch',
  imports: [TranslatePipe],
  template: `<div role="group" [attr.aria-label]="'app.language' | t" class="languages">
    @for (language of translator.languages; track language) {
      <button
        type="button"
        [attr.lang]="language"
        [attr.aria-pressed]="translator.language() === language"
        (click)="translator.use(language)"
      >
        {{ names[language] }}
      </button>
    }
  </div>`,
  styles: `
    .languages {
      display: flex;
      gap: 0.25rem;
    }
    button {
      font: inherit;
      padding: 0.25rem 0.75rem;
      border: 2px solid #ffffff;
      border-radius: 0.25rem;
      background: transparent;
      color: #ffffff;
      cursor: pointer;
    }
    button[aria-pressed='true'] {
      background: #ffffff;
      color: #0b3d6b;
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LanguageSwitch {
  protected readonly translator = inject(Translator);
  protected readonly names = languageNames;
}
