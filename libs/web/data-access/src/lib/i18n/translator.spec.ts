import { Component, signal } from '@angular/core';
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

@Component({
  imports: [TranslatePipe],
  template: `<h1>{{ 'mine.title' | t }}</h1>
    <p>{{ 'contributions.count' | t: { total: total() } }}</p>
    <span>{{ other() }}</span>`,
})
class CountingHost {
  readonly total = signal(3);
  readonly other = signal(0);
}

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

  it('writes plural forms in both languages: "1 Kommentar", "2 Kommentare", "1 comment", "1.234 Beiträge"', () => {
    const translator = TestBed.inject(Translator);
    expect(translator.translate('contribution.commentCount', { count: 1 })).toBe('1 Kommentar');
    expect(translator.translate('contribution.commentCount', { count: 2 })).toBe('2 Kommentare');
    expect(translator.translate('contribution.agreeCount', { count: 1 })).toBe('1 Zustimmung');
    expect(translator.translate('contribution.agreeCount', { count: 0 })).toBe('0 Zustimmungen');
    expect(translator.translate('contributions.count', { total: 1234 })).toBe('1.234 Beiträge');
    expect(translator.translate('contributions.countFiltered', { shown: 1, total: 1 })).toBe('1 von 1 Beitrag');
    expect(translator.translate('planner.audit.fields', { count: 1 })).toBe('1 Angabe');
    expect(translator.translate('live.newContributions', { count: 1 })).toBe('1 neuer Beitrag');
    translator.use('en');
    expect(translator.translate('contribution.commentCount', { count: 1 })).toBe('1 comment');
    expect(translator.translate('contribution.commentCount', { count: 3 })).toBe('3 comments');
    expect(translator.translate('contributions.count', { total: 1234 })).toBe('1,234 contributions');
    expect(translator.translate('planner.audit.fields', { count: 2 })).toBe('2 fields');
    expect(translator.translate('live.newComments', { count: 1 })).toBe('1 new comment');
  });

  it('writes dates and times in the locale\'s own format: German 01.12.2026, 19:30, English 1 Dec 2026, 19:30', () => {
    const translator = TestBed.inject(Translator);
    const evening = new Date(2026, 11, 1, 19, 30);
    expect(translator.formatDate(evening, 'medium')).toBe('01.12.2026, 19:30');
    expect(translator.formatDate(evening)).toBe('01.12.2026');
    expect(translator.formatDate(evening, 'fullDate')).toBe('Dienstag, 1. Dezember 2026');
    expect(translator.formatDate(evening, 'shortTime')).toBe('19:30');
    translator.use('en');
    expect(translator.locale()).toBe('en-GB');
    expect(translator.formatDate(evening, 'medium')).toBe('1 Dec 2026, 19:30');
    expect(translator.formatDate(evening, 'longDate')).toBe('1 December 2026');
  });

  describe('with a browser that prefers English', () => {
    const languages = (value: string[]) => Object.defineProperty(window.navigator, 'languages', { value, configurable: true });
    afterEach(() => languages(['de-DE', 'de']));

    it('starts in the browser\'s language on a first visit, in its regional format, and keeps a choice over it', () => {
      languages(['en-US', 'en']);
      const translator = TestBed.inject(Translator);
      expect(translator.language()).toBe('en');
      expect(translator.locale()).toBe('en-US');
      expect(translator.formatDate(new Date(2026, 11, 1, 19, 30), 'medium')).toMatch(/^Dec 1, 2026, 7:30\sPM$/);
      translator.use('de');
      expect(translator.locale()).toBe('de-DE');
      TestBed.resetTestingModule();
      expect(TestBed.inject(Translator).language()).toBe('de');
    });

    it('takes the first language it speaks, whatever comes before it', () => {
      languages(['fr-FR', 'en-IE', 'de']);
      const translator = TestBed.inject(Translator);
      expect(translator.language()).toBe('en');
      expect(translator.locale()).toBe('en-IE');
      languages(['fr-FR', 'it']);
      TestBed.resetTestingModule();
      expect(TestBed.inject(Translator).language()).toBe('de');
    });
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
    expect(element.querySelector('time')?.textContent).toBe('1 March 2026');
  });

  it('formats a text again only when its parameters, the language or the loaded texts change, not on every check', async () => {
    const translator = TestBed.inject(Translator);
    const translate = jest.spyOn(translator, 'translate');
    const fixture = TestBed.createComponent(CountingHost);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('p')?.textContent).toBe('3 Beiträge');
    const calls = translate.mock.calls.length;
    // other content of the view changes: the view is checked, its texts are not formatted again
    fixture.componentInstance.other.set(1);
    await fixture.whenStable();
    expect(element.querySelector('span')?.textContent).toBe('1');
    expect(translate.mock.calls.length).toBe(calls);
    fixture.componentInstance.total.set(4);
    await fixture.whenStable();
    expect(element.querySelector('p')?.textContent).toBe('4 Beiträge');
    // a text set loaded later shows up in place of its key
    expect(element.querySelector('h1')?.textContent).toBe('mine.title');
    await translator.load('mine');
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toBe('Meine Beiträge');
    translator.use('en');
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toBe('My contributions');
    expect(element.querySelector('p')?.textContent).toBe('4 contributions');
  });
});
