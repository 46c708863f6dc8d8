import { DOCUMENT, formatDate, formatNumber, registerLocaleData } from '@angular/common';
import localeDe from '@angular/common/locales/de';
import { computed, effect, inject, Injectable, signal } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { IntlMessageFormat } from 'intl-messageformat';
import { LAZY_MESSAGES, LazyMessageSet } from './lazy-messages';
import { Language, LANGUAGES, LazyMessages, MessageKey, MESSAGES } from './messages';

const STORAGE_KEY = 'stadtdialog.language';
export const DEFAULT_LANGUAGE: Language = 'de';

export type MessageParams = Record<string, string | number>;

const formats = new Map<string, IntlMessageFormat | null>();

/**
 * Formats one ICU message; parsed messages are kept per language. A parameter the caller did not
 * give stays as `{name}` in the text (as a placeholder would), so a slip never blanks a page.
 */
export function formatMessage(language: Language, text: string, params?: MessageParams): string {
  if (!text.includes('{')) return text;
  const id = `${language}\u0000${text}`;
  let format = formats.get(id);
  if (format === undefined) {
    try {
      format = new IntlMessageFormat(text, language);
    } catch {
      format = null;
    }
    formats.set(id, format);
  }
  if (format) {
    try {
      const names = new Set([...text.matchAll(/\{\s*(\w+)/g)].map((m) => m[1]));
      const values: MessageParams = {};
      for (const name of names) values[name] = params?.[name] ?? `{${name}}`;
      return String(format.format(values));
    } catch {
      // falls through to the plain replacement
    }
  }
  return params ? text.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match)) : text;
}

/**
 * The user-facing language, switchable at run time. Templates that read it through
 * `TranslatePipe` or `LocalizedDatePipe` re-render when it changes; `<html lang>` follows it.
 */
@Injectable({ providedIn: 'root' })
export class Translator {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Language>(this.storedLanguage() ?? DEFAULT_LANGUAGE);

  readonly language = this.current.asReadonly();
  readonly languages = LANGUAGES;
  private readonly dictionaries = signal<Record<Language, Partial<Record<MessageKey, string>>>>(MESSAGES);
  private readonly messages = computed(() => this.dictionaries()[this.current()]);

  constructor() {
    registerLocaleData(localeDe);
    effect(() => {
      this.document.documentElement.lang = this.current();
    });
  }

  use(language: Language): void {
    this.current.set(language);
    try {
      this.document.defaultView?.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Storage may be disabled (private mode, policies); the choice then lasts for this page only.
    }
  }

  private readonly loading = new Map<string, Promise<void>>();

  /** Loads and adds sets of lazily loaded texts (see LAZY_MESSAGES); each set is fetched once. */
  load(...sets: LazyMessageSet[]): Promise<void> {
    return Promise.all(
      sets.map((set) => {
        let loading = this.loading.get(set);
        if (!loading) {
          loading = LAZY_MESSAGES[set]().then((messages) => this.register(messages));
          this.loading.set(set, loading);
        }
        return loading;
      }),
    ).then(() => undefined);
  }

  /** Adds a set of texts. */
  register(messages: LazyMessages): void {
    const current = this.dictionaries();
    if (Object.keys(messages.de).every((key) => key in current.de)) return;
    this.dictionaries.set({ de: { ...current.de, ...messages.de }, en: { ...current.en, ...messages.en } });
  }

  /**
   * The text of a key in the current language. Texts are ICU MessageFormat (intl-messageformat):
   * `{name}` is a parameter, `{count, plural, one {…} other {# …}}` picks the language's plural form.
   */
  translate(key: MessageKey, params?: MessageParams): string {
    return formatMessage(this.current(), this.messages()[key] ?? key, params);
  }

  /** A number written the way the current language writes it. */
  formatNumber(value: number): string {
    return formatNumber(value, this.current(), '1.0-0');
  }

  /** A date (ISO string or Date) in the current language, with an Angular date format name or pattern. */
  formatDate(value: string | Date, format = 'mediumDate'): string {
    return formatDate(value, format, this.current());
  }

  private storedLanguage(): Language | null {
    try {
      const stored = this.document.defaultView?.localStorage.getItem(STORAGE_KEY);
      return LANGUAGES.find((language) => language === stored) ?? null;
    } catch {
      return null;
    }
  }
}

/** A route that shows texts of these sets waits until they are loaded. */
export function withMessages(...sets: LazyMessageSet[]): CanActivateFn {
  return async () => {
    await inject(Translator).load(...sets);
    return true;
  };
}
