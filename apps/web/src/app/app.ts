import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { LanguageSwitch } from './language-switch';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, LanguageSwitch, TranslatePipe],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  // Created with the shell so that <html lang> follows the language from the first render.
  protected readonly translator = inject(Translator);
}
