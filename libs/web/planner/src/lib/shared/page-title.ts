import { effect, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { MessageKey, Translator } from '@stadtdialog/web/data-access';

/**
 * Keeps the document title at "<page> – <context> – Stadtdialog" in the current language; call in an
 * injection context. `context` (e.g. the procedure's title) is read reactively.
 */
export function plannerPageTitle(key: MessageKey, context: () => string | null | undefined = () => null): void {
  const translator = inject(Translator);
  const title = inject(Title);
  effect(() => {
    const parts = [translator.translate(key), context(), translator.translate('planner.workspace'), translator.translate('app.name')];
    title.setTitle(parts.filter(Boolean).join(' – '));
  });
}
