import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LocalizedDatePipe } from './localized-date.pipe';
import { LEGAL_MESSAGES } from './legal-messages';
import { MESSAGES } from './messages';
import { MINE_MESSAGES } from './mine-messages';
import { NOTIFY_MESSAGES } from './notify-messages';
import { TranslatePipe } from './translate.pipe';
import { IntlMessageFormat } from 'intl-messageformat';
import { Translator } from './translator';

@Component({
  imports: [TranslatePipe, LocalizedDatePipe],
  template: `<h1>{{ 'start.title' | t }}</h1>
    <p>{{ 'contributions.count' | t: { total: 3 } }}</p>
    <time>{{ '2026-03-01T12:00:00Z' | localizedDate: 'longDate' }}</time>`,
})
class Host {}

describe('Translator', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = '';
  });

  it('starts in German and sets <html lang>', () => {
    const translator = TestBed.inject(Translator);
    TestBed.tick();
    expect(translator.language()).toBe('de');
    expect(translator.translate('state.open')).toBe('Offen');
    expect(document.documentElement.lang).toBe('de');
  });

  it('switches to English at run time, follows with <html lang> and remembers the choice', () => {
    const translator = TestBed.inject(Translator);
    translator.use('en');
    TestBed.tick();
    expect(translator.translate('state.open')).toBe('Open');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('stadtdialog.language')).toBe('en');
  });

  it('uses a remembered language on start and ignores unknown stored values', () => {
    localStorage.setItem('stadtdialog.language', 'en');
    expect(TestBed.inject(Translator).language()).toBe('en');

    TestBed.resetTestingModule();
    localStorage.setItem('stadtdialog.language', 'xx');
    expect(TestBed.inject(Translator).language()).toBe('de');
  });

  it('writes numbers the way the language does', () => {
    const translator = TestBed.inject(Translator);
    expect(translator.formatNumber(1234)).toBe('1.234');
    translator.use('en');
    expect(translator.formatNumber(1234)).toBe('1,234');
  });

  it('loads the texts of a feature outside the first bundle when asked, in both languages', async () => {
    const translator = TestBed.inject(Translator);
    expect(translator.translate('mine.title')).toBe('mine.title');
    await translator.load('mine');
    expect(translator.translate('mine.title')).toBe('Meine Beiträge');
    translator.use('en');
    expect(translator.translate('mine.title')).toBe('My contributions');
    for (const lazy of [LEGAL_MESSAGES, MINE_MESSAGES, NOTIFY_MESSAGES]) {
      expect(Object.keys(lazy.en).sort()).toEqual(Object.keys(lazy.de).sort());
      for (const key of Object.keys(lazy.de)) expect(key in MESSAGES.de).toBe(false);
    }
  });

  it('fills in parameters', () => {
    const translator = TestBed.inject(Translator);
    expect(translator.translate('phase.period', { start: '1. März', end: '2. April' })).toBe(
      '1. März bis 2. April',
    );
  });

  it('has only well-formed ICU messages, with the same parameters in both languages', () => {
    const names = (text: string, language: string) => {
      const parsed = new IntlMessageFormat(text, language).getAst();
      const found = new Set<string>();
      const walk = (elements: typeof parsed) => {
        for (const element of elements) {
          if ('value' in element && element.type !== 0 && typeof element.value === 'string') found.add(element.value);
          if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
        }
      };
      walk(parsed);
      return [...found].sort();
    };
    for (const key of Object.keys(MESSAGES.de) as (keyof typeof MESSAGES.de)[]) {
      expect([key, names(MESSAGES.en[key], 'en')]).toEqual([key, names(MESSAGES.de[key], 'de')]);
    }
    for (const lazy of [LEGAL_MESSAGES, MINE_MESSAGES, NOTIFY_MESSAGES] as { de: Record<string, string>; en: Record<string, string> }[]) {
      for (const key of Object.keys(lazy.de)) expect([key, names(lazy.en[key], 'en')]).toEqual([key, names(lazy.de[key], 'de')]);
    }
  });

  it('picks the plural form of the language', () => {
    const translator = TestBed.inject(Translator);
    expect(translator.translate('problem.in_use', { count: 1 })).toMatch(/^Das wird noch von einem Beitrag/);
    expect(translator.translate('problem.in_use', { count: 2 })).toMatch(/^Das wird noch von 2 Beiträgen/);
    translator.use('en');
    expect(translator.translate('problem.in_use', { count: 2 })).toMatch(/^This is still used by 2 contributions/);
  });

  it('keeps a parameter the caller did not give as a placeholder', () => {
    expect(TestBed.inject(Translator).translate('phase.period', { start: 'heute' })).toBe('heute bis {end}');
  });

  it('has an English text for every German one', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.de).sort());
    for (const text of Object.values(MESSAGES.en)) expect(text.trim()).not.toBe('');
  });

  it('re-renders texts and dates in templates when the language changes', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent).toBe('Beteiligungsverfahren');
    expect(element.querySelector('p')?.textContent).toBe('3 Beiträge');
    expect(element.querySelector('time')?.textContent).toBe('1. März 2026');

    TestBed.inject(Translator).use('en');
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toBe('Participation procedures');
    expect(element.querySelector('p')?.textContent).toBe('3 contributions');
    expect(element.querySelector('time')?.textContent).toBe('March 1, 2026');
  });
});
