import { inject, Pipe, PipeTransform } from '@angular/core';
import type { Translations } from '@stadtdialog/shared/contract';
import type { Language } from './messages';
import { PipeMemo } from './pipe-memo';
import { Translator } from './translator';

/** Anything with planner-entered texts and, perhaps, their versions in other languages. */
export type Translatable<Field extends string> = { [K in Field]?: string | null } & { translations?: Translations<Field> | null };

/** The field's text in `language` when the planners gave one (non-empty after trim), else the German text of record. */
export function localized<Field extends string>(entity: Translatable<Field> | null | undefined, field: Field, language: Language): string {
  if (!entity) return '';
  const german = entity[field] ?? '';
  if (language === 'de') return german;
  const version = entity.translations?.[language]?.[field];
  return typeof version === 'string' && version.trim() !== '' ? version : german;
}

/**
 * The language `localized` shows the field in: the UI language when there is a version in it,
 * else German. Templates put it in `lang` so a screen reader reads the German fallback as German.
 */
export function localizedLanguage<Field extends string>(entity: Translatable<Field> | null | undefined, field: Field, language: Language): Language {
  if (!entity || language === 'de') return 'de';
  const version = entity.translations?.[language]?.[field];
  return typeof version === 'string' && version.trim() !== '' ? language : 'de';
}

/** `{{ procedure | localized: 'title' }}`: the text in the UI language, falling back to German. */
@Pipe({ name: 'localized', pure: false })
export class LocalizedPipe implements PipeTransform {
  private readonly translator = inject(Translator);
  private readonly memo = new PipeMemo<[unknown, string], string>(this.translator);

  transform<Field extends string>(entity: Translatable<Field> | null | undefined, field: Field): string {
    return this.memo.get([entity, field], () => localized(entity, field, this.translator.language()));
  }
}

/**
 * `[attr.lang]="procedure | localizedLang: 'title'"`: `de` where `localized` falls back to German
 * inside another UI language, else null (the text is in the page's language).
 */
@Pipe({ name: 'localizedLang', pure: false })
export class LocalizedLangPipe implements PipeTransform {
  private readonly translator = inject(Translator);
  private readonly memo = new PipeMemo<[unknown, string], Language | null>(this.translator);

  transform<Field extends string>(entity: Translatable<Field> | null | undefined, field: Field): Language | null {
    return this.memo.get([entity, field], () => {
      const language = this.translator.language();
      const shown = localizedLanguage(entity, field, language);
      return shown === language ? null : shown;
    });
  }
}
