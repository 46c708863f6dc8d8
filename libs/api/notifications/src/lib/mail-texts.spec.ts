import { MailContext, MailEvent, notificationMail } from './mail-texts';

const context = (language: 'de' | 'en'): MailContext => ({
  language, contributionTitle: 'Mehr Bänke', procedureTitle: 'Grüne Mitte', contributionUrl: 'https://b.example/procedures/gm/contributions/1',
  unsubscribeUrl: 'https://b.example/benachrichtigung/abbestellen?token=t', mineUrl: 'https://b.example/meine-beitraege',
});

const EVENTS: MailEvent[] = [
  { kind: 'confirm', confirmUrl: 'https://b.example/benachrichtigung/bestaetigen?token=c', hours: 48 },
  { kind: 'comment', text: 'Gute Idee' },
  { kind: 'official-answer', text: 'Wir prüfen das.' },
  { kind: 'moderation', status: 'published', statusChanged: true, edited: false, reason: null },
  { kind: 'moderation', status: 'rejected', statusChanged: true, edited: false, reason: 'Kein Bezug' },
  { kind: 'moderation', status: 'hidden', statusChanged: true, edited: false, reason: 'Doppelt' },
  { kind: 'moderation', status: 'published', statusChanged: false, edited: true, reason: null },
];

describe('notificationMail', () => {
  it.each(EVENTS.flatMap((event) => (['de', 'en'] as const).map((language) => [event, language] as const)))(
    'ends %j in %s with the unsubscribe link',
    (event, language) => {
      const mail = notificationMail(event, context(language));
      expect(mail.text.trimEnd().endsWith('https://b.example/benachrichtigung/abbestellen?token=t')).toBe(true);
      expect(mail.subject).toContain(language === 'de' ? '„Mehr Bänke“' : '"Mehr Bänke"');
    },
  );

  it('says what happened, with the reason of a rejection and the quoted comment', () => {
    expect(notificationMail(EVENTS[4], context('de'))).toMatchObject({ subject: 'Ihr Beitrag „Mehr Bänke“ wurde abgelehnt' });
    expect(notificationMail(EVENTS[4], context('de')).text).toContain('Begründung: Kein Bezug');
    expect(notificationMail(EVENTS[1], context('en')).text).toContain('> Gute Idee');
    expect(notificationMail(EVENTS[0], context('de')).text).toContain('https://b.example/benachrichtigung/bestaetigen?token=c');
    expect(notificationMail(EVENTS[6], context('en')).subject).toBe('Your contribution "Mehr Bänke" was edited');
  });
});
