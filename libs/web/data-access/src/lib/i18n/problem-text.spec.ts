import { TestBed } from '@angular/core/testing';
import { FIELD_ERROR_CODES, PROBLEM_CODES } from '@stadtdialog/shared/contract';
import { MESSAGES } from './messages';
import { fieldErrorText, fieldErrorTexts, problemText } from './problem-text';
import { Translator } from './translator';

describe('problemText and fieldErrorText, the one translator of the API\'s codes', () => {
  beforeEach(() => localStorage.clear());

  it('has a German and an English text for every problem and field error code of the contract', () => {
    for (const code of PROBLEM_CODES) {
      expect([code, MESSAGES.de[`problem.${code}`]?.length > 0, MESSAGES.en[`problem.${code}`]?.length > 0]).toEqual([code, true, true]);
    }
    for (const code of FIELD_ERROR_CODES) {
      expect([code, MESSAGES.de[`fieldError.${code}`]?.length > 0, MESSAGES.en[`fieldError.${code}`]?.length > 0]).toEqual([code, true, true]);
    }
  });

  it('translates by code, not by the English detail, with the parameters the code carries', () => {
    const translator = TestBed.inject(Translator);
    const text = (t: { key: Parameters<Translator['translate']>[0]; params?: Record<string, string | number> }) => translator.translate(t.key, t.params);
    expect(text(problemText({ status: 409, code: 'already_reported' }))).toBe(
      'Sie haben diesen Inhalt bereits gemeldet. Die Moderation sieht sich Ihre Meldung an.',
    );
    expect(text(problemText({ status: 429, code: 'rate_limited', retryAfter: 1 }))).toBe(
      'Zu viele Änderungen in kurzer Zeit. In einer Sekunde ist ein neuer Versuch möglich.',
    );
    expect(text(problemText({ status: 409, code: 'in_use', count: 12 }))).toBe('Das wird noch von 12 Beiträgen verwendet. Ordnen Sie diese zuerst anders zu.');
    expect(text(fieldErrorText({ field: 'title', code: 'too_long', max: 1200, message: 'whatever' }))).toBe(
      'Bitte kürzen Sie den Text auf höchstens 1.200 Zeichen.',
    );
    translator.use('en');
    expect(text(problemText({ status: 409, code: 'in_use', count: 1 }))).toBe('This is still used by one contribution. Assign it elsewhere first.');
    expect(text(problemText({ status: 410, code: 'table_link_expired' }))).toBe('This table link was valid until the end of the appointment day.');
    expect(text(fieldErrorText({ field: 'geometry', code: 'outside_planning_area', max: 250, message: 'x' }))).toMatch(/outside the planning area/);
  });

  it('falls back to the status without a code, and to "offline" without an answer', () => {
    expect(problemText({ status: 0 })).toEqual({ key: 'error.offline' });
    expect(problemText(null)).toEqual({ key: 'error.offline' });
    expect(problemText({ status: 404, code: 'something new' }).key).toBe('problem.not_found');
    expect(problemText({ status: 418 })).toEqual({ key: 'error.failed' });
  });

  it('lets a form use its own sentence for a code, and keeps the first error of a field', () => {
    expect(fieldErrorText({ field: 'title', code: 'blank_text', message: '' }, { blank_text: 'error.titleBlank' })).toEqual({ key: 'error.titleBlank', params: {} });
    expect(fieldErrorText({ field: 'x', code: 'not a code' as never, message: '' }).key).toBe('fieldError.invalid_format');
    expect(
      fieldErrorTexts([
        { field: 'a', code: 'required', message: '' },
        { field: 'a', code: 'too_long', max: 3, message: '' },
        { field: 'b', code: 'not_allowed', allowed: ['pre', 'post'], message: '' },
      ]),
    ).toEqual({ a: { key: 'fieldError.required', params: {} }, b: { key: 'fieldError.not_allowed', params: { allowed: 'pre, post' } } });
  });
});
