import { DOCUMENT, formatDate, formatNumber, registerLocaleData } from '@angular/common';
import localeDe from '@angular/common/locales/de';
import { computed, effect, inject, Injectable, signal } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { Formatters, IntlMessageFormat } from 'intl-messageformat';
import { LAZY_MESSAGES, LazyMessageSet } from './lazy-messages';
import { Language, LANGUAGES, LazyMessages, MessageKey, MESSAGES } from './messages';

const STORAGE_KEY = 'stadtdialog.language';
export const DEFAULT_LANGUAGE: Language = 'de';

export type MessageParams = Record<string, string | number>;

/** A parsed message and the names of its parameters. */
const formats = new Map<string, { format: IntlMessageFormat; names: string[] } | null>();

/**
 * One Intl formatter per locale and options for all messages: each IntlMessageFormat otherwise
 * makes its own plural rules and number formats, and making an Intl formatter costs far more than
 * using one (a list of 20 entries made dozens on its first render).
 */
function memoizedIntl<Args extends unknown[], T>(make: (...args: Args) => T): (...args: Args) => T {
  const made = new Map<string, T>();
  return (...args) => {
    const key = JSON.stringify(args);
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(...args)));
    return value;
  };
}
const sharedFormatters: Formatters = {
  getNumberFormat: memoizedIntl((...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args)),
  getDateTimeFormat: memoizedIntl((...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args)),
  getPluralRules: memoizedIntl((...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args)),
};
// Every new IntlMessageFormat looks its locale up with Intl.NumberFormat.supportedLocalesOf, about
// half a millisecond each time; our two languages are looked up once.
const resolveLocale = IntlMessageFormat.resolveLocale;
const resolvedLocales = new Map<string, ReturnType<typeof resolveLocale>>();
IntlMessageFormat.resolveLocale = (locales) => {
  const key = JSON.stringify(locales);
  if (!resolvedLocales.has(key)) resolvedLocales.set(key, resolveLocale(locales));
  return resolvedLocales.get(key);
};

/**
 * Formats one ICU message; parsed messages (and their parameter names) are kept per language. A
 * parameter the caller did not give stays as `{name}` in the text (as a placeholder would), so a
 * slip never blanks a page.
 */
export function formatMessage(language: Language, text: string, params?: MessageParams): string {
  if (!text.includes('{')) return text;
  const id = `${language}\u0000${text}`;
  let parsed = formats.get(id);
  if (parsed === undefined) {
    try {
      parsed = { format: new IntlMessageFormat(text, language, undefined, { formatters: sharedFormatters }), names: [...new Set([...text.matchAll(/\{\s*(\w+)/g)].map((m) => m[1]))] };
    } catch {
      parsed = null;
    }
    formats.set(id, parsed);
  }
  if (parsed) {
    try {
      const values: MessageParams = {};
      for (const name of parsed.names) values[name] = params?.[name] ?? `{${name}}`;
      return String(parsed.format.format(values));
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
/** Regional formats a language falls back to when the browser names none of its variants: not the US one for English. */
const DEFAULT_LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

/** Angular's format names, as Intl options: dates and times in the locale's own way (e.g. 01.12.2026, 19:30; 1 Dec 2026, 19:30). */
const DATE_FORMATS: Record<string, Intl.DateTimeFormatOptions> = {
  mediumDate: { dateStyle: 'medium' },
  shortDate: { dateStyle: 'medium' },
  longDate: { dateStyle: 'long' },
  fullDate: { dateStyle: 'full' },
  short: { dateStyle: 'medium', timeStyle: 'short' },
  medium: { dateStyle: 'medium', timeStyle: 'short' },
  long: { dateStyle: 'long', timeStyle: 'short' },
  full: { dateStyle: 'full', timeStyle: 'short' },
  shortTime: { timeStyle: 'short' },
  mediumTime: { timeStyle: 'short' },
};

/**
 * The user-facing language, switchable at run time. Templates that read it through
 * `TranslatePipe` or `LocalizedDatePipe` re-render when it changes; `<html lang>` follows it.
 * Without a choice the first visit follows the browser (`navigator.languages`); a choice is kept.
 */
@Injectable({ providedIn: 'root' })
export class Translator {
  private readonly document = inject(DOCUMENT);
  /** Intl formatters per locale and format: making one costs far more than using it, and a list formats dozens of dates per render. */
  private readonly dateFormats = new Map<string, Intl.DateTimeFormat>();
  /** The browser's languages the engine has formats for, looked up once (the lookup costs tens of milliseconds at start). */
  private supportedBrowserLocales: string[] | null = null;

  private readonly current = signal<Language>(this.storedLanguage() ?? this.browserLanguage() ?? DEFAULT_LANGUAGE);

  readonly language = this.current.asReadonly();
  readonly languages = LANGUAGES;
  private readonly dictionaries = signal<Record<Language, Partial<Record<MessageKey, string>>>>(MESSAGES);
  private readonly messages = computed(() => this.dictionaries()[this.current()]);
  /** The regional variant for formats: the browser's own for this language (de-AT, en-US, en-IE, …), else DEFAULT_LOCALES. */
  readonly locale = computed(() => {
    const language = this.current();
    return this.browserLocales().find((tag) => tag.toLowerCase().split('-')[0] === language && tag.includes('-')) ?? DEFAULT_LOCALES[language];
  });

  /**
   * Everything a text or format depends on besides its arguments: a new object exactly when the
   * language, the loaded texts or the regional format change. The pipes keep their last result
   * while it and their arguments stay the same.
   */
  readonly revision = computed(() => ({ language: this.current(), messages: this.messages(), locale: this.locale() }));

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

  /**
   * A date (ISO string or Date) in the current language and the user's regional format, for an
   * Angular format name (mediumDate, medium, short, shortTime, longDate, fullDate, …); other
   * patterns go to Angular's formatDate.
   */
  formatDate(value: string | Date, format = 'mediumDate'): string {
    const options = DATE_FORMATS[format];
    const date = typeof value === 'string' ? new Date(value) : value;
    if (!options || Number.isNaN(date.getTime())) return formatDate(value, format, this.current());
    const locale = this.locale();
    const id = `${locale}\u0000${format}`;
    let formatter = this.dateFormats.get(id);
    if (!formatter) this.dateFormats.set(id, (formatter = new Intl.DateTimeFormat(locale, options)));
    return formatter.format(date);
  }

  private browserLocales(): string[] {
    if (this.supportedBrowserLocales) return this.supportedBrowserLocales;
    const navigator = this.document.defaultView?.navigator;
    const tags = navigator?.languages?.length ? navigator.languages : navigator?.language ? [navigator.language] : [];
    let supported: readonly string[] = [];
    try {
      // One call for all tags: it answers the supported ones, in order; an invalid tag makes it throw.
      supported = Intl.DateTimeFormat.supportedLocalesOf([...tags]);
    } catch {
      supported = tags.filter((tag) => {
        try {
          return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
        } catch {
          return false;
        }
      });
    }
    return (this.supportedBrowserLocales = [...supported]);
  }

  /** The first of the browser's languages the app speaks. */
  private browserLanguage(): Language | null {
    for (const tag of this.browserLocales()) {
      const primary = tag.toLowerCase().split('-')[0];
      const language = LANGUAGES.find((l) => l === primary);
      if (language) return language;
    }
    return null;
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
