import type { SiteLanguage } from '@stadtdialog/shared/contract';

/** What a notification mail is about, and the links every mail carries. */
export interface MailContext {
  language: SiteLanguage;
  contributionTitle: string;
  procedureTitle: string;
  contributionUrl: string;
  unsubscribeUrl: string;
  /** "Meine Beiträge" */
  mineUrl: string;
}

export type MailEvent =
  | { kind: 'confirm'; confirmUrl: string; hours: number }
  | { kind: 'comment'; text: string }
  | { kind: 'official-answer'; text: string }
  | { kind: 'moderation'; status: string; statusChanged: boolean; edited: boolean; reason: string | null };

const excerpt = (text: string) => (text.length > 600 ? `${text.slice(0, 600)} …` : text);
const quote = (text: string) => excerpt(text).split('\n').map((line) => `> ${line}`).join('\n');

function body(language: SiteLanguage, event: MailEvent, c: MailContext): { subject: string; lines: string[] } {
  const de = language === 'de';
  const title = de ? `„${c.contributionTitle}“` : `"${c.contributionTitle}"`;
  switch (event.kind) {
    case 'confirm':
      return de
        ? {
            subject: `Bitte bestätigen: Benachrichtigungen zu Ihrem Beitrag ${title}`,
            lines: [
              `Sie möchten per E-Mail erfahren, wenn es zu Ihrem Beitrag ${title} im Verfahren „${c.procedureTitle}“ Neues gibt:`,
              'Kommentare, die Antwort der Planung und Entscheidungen der Moderation.',
              '',
              'Bitte bestätigen Sie das über diesen Link:',
              event.confirmUrl,
              '',
              `Ohne Bestätigung schicken wir nichts weiter; Ihre Adresse wird nach ${event.hours} Stunden gelöscht.`,
              'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail.',
            ],
          }
        : {
            subject: `Please confirm: notifications about your contribution ${title}`,
            lines: [
              `You asked to be told by e-mail about news on your contribution ${title} in the procedure "${c.procedureTitle}":`,
              'comments, the planners\' answer and the moderators\' decisions.',
              '',
              'Please confirm with this link:',
              event.confirmUrl,
              '',
              `Without confirmation we send nothing more; your address is deleted after ${event.hours} hours.`,
              'If this was not you, ignore this e-mail.',
            ],
          };
    case 'comment':
      return de
        ? { subject: `Neuer Kommentar zu Ihrem Beitrag ${title}`, lines: [`Zu Ihrem Beitrag ${title} gibt es einen neuen Kommentar:`, '', quote(event.text), '', 'Zum Beitrag:', c.contributionUrl] }
        : { subject: `New comment on your contribution ${title}`, lines: [`There is a new comment on your contribution ${title}:`, '', quote(event.text), '', 'To the contribution:', c.contributionUrl] };
    case 'official-answer':
      return de
        ? { subject: `Antwort der Planung zu Ihrem Beitrag ${title}`, lines: [`Die Planung hat auf Ihren Beitrag ${title} geantwortet:`, '', quote(event.text), '', 'Zum Beitrag:', c.contributionUrl] }
        : { subject: `The planners answered your contribution ${title}`, lines: [`The planners answered your contribution ${title}:`, '', quote(event.text), '', 'To the contribution:', c.contributionUrl] };
    case 'moderation': {
      const reason = event.reason ? (de ? ['', `Begründung: ${event.reason}`] : ['', `Reason: ${event.reason}`]) : [];
      const mine = de
        ? ['', 'Alles zu Ihren Beiträgen finden Sie auf dem Gerät, mit dem Sie ihn geschrieben haben, unter „Meine Beiträge“:', c.mineUrl]
        : ['', 'Everything about your contributions is under "My contributions" on the device you wrote it with:', c.mineUrl];
      if (event.statusChanged && event.status === 'published') {
        return de
          ? { subject: `Ihr Beitrag ${title} ist veröffentlicht`, lines: [`Die Moderation hat Ihren Beitrag ${title} veröffentlicht.`, ...(event.edited ? ['Dabei hat sie ihn bearbeitet.'] : []), '', c.contributionUrl, ...mine] }
          : { subject: `Your contribution ${title} is published`, lines: [`The moderators published your contribution ${title}.`, ...(event.edited ? ['They edited it.'] : []), '', c.contributionUrl, ...mine] };
      }
      if (event.statusChanged && event.status === 'rejected') {
        return de
          ? { subject: `Ihr Beitrag ${title} wurde abgelehnt`, lines: [`Die Moderation hat Ihren Beitrag ${title} abgelehnt.`, ...reason, ...mine] }
          : { subject: `Your contribution ${title} was rejected`, lines: [`The moderators rejected your contribution ${title}.`, ...reason, ...mine] };
      }
      if (event.statusChanged && event.status === 'hidden') {
        return de
          ? { subject: `Ihr Beitrag ${title} wurde ausgeblendet`, lines: [`Die Moderation hat Ihren Beitrag ${title} ausgeblendet.`, ...reason, ...mine] }
          : { subject: `Your contribution ${title} was hidden`, lines: [`The moderators hid your contribution ${title}.`, ...reason, ...mine] };
      }
      return de
        ? { subject: `Ihr Beitrag ${title} wurde bearbeitet`, lines: [`Die Moderation hat Ihren Beitrag ${title} bearbeitet.`, '', c.contributionUrl, ...mine] }
        : { subject: `Your contribution ${title} was edited`, lines: [`The moderators edited your contribution ${title}.`, '', c.contributionUrl, ...mine] };
    }
  }
}

/** Subject and plain text of a notification; every one ends with the unsubscribe link. */
export function notificationMail(event: MailEvent, context: MailContext): { subject: string; text: string } {
  const { subject, lines } = body(context.language, event, context);
  const footer =
    context.language === 'de'
      ? ['', '—', 'Keine E-Mails mehr zu diesem Beitrag? Abbestellen (Ihre Adresse wird gelöscht):', context.unsubscribeUrl]
      : ['', '—', 'No more e-mails about this contribution? Unsubscribe (your address is deleted):', context.unsubscribeUrl];
  return { subject, text: [...lines, ...footer].join('\n') };
}
