/**
 * Texts of the e-mail notifications (the offer after sending, the pages of the mail links): loaded with
 * those components, which register them (`Translator.register`).
 */
export const notifyDe = {
  'notify.heading': 'Per E-Mail benachrichtigt werden',
  'notify.intro':
    'Wir schreiben Ihnen, wenn jemand Ihren Beitrag kommentiert, die Planung antwortet oder die Moderation entscheidet. ' +
    'Sie bestätigen die Adresse zuerst über einen Link; ohne Bestätigung wird sie nach 48 Stunden gelöscht. ' +
    'Abbestellen können Sie mit dem Link in jeder E-Mail; dann wird die Adresse gelöscht.',
  'notify.email': 'Ihre E-Mail-Adresse',
  'notify.send': 'Benachrichtigen',
  'notify.sending': 'Wird gesendet …',
  'notify.sent': 'Wir haben Ihnen eine E-Mail geschickt. Bitte bestätigen Sie den Link darin.',
  'notify.already': 'Diese Adresse ist für diesen Beitrag bereits bestätigt.',
  'notify.invalid': 'Bitte geben Sie eine gültige E-Mail-Adresse an.',
  'notify.off': 'Diese Plattform verschickt derzeit keine E-Mails.',
  'notify.state.pending': 'E-Mail-Benachrichtigung: wartet auf Ihre Bestätigung (Link in der E-Mail)',
  'notify.state.confirmed': 'E-Mail-Benachrichtigung: bestellt',
  'notify.stop': 'E-Mails abbestellen',
  'notify.stopped': 'Die E-Mails zu diesem Beitrag sind abbestellt, Ihre Adresse ist gelöscht.',
  'notify.confirm.title': 'E-Mail-Adresse bestätigen',
  'notify.confirm.intro': 'Bestätigen Sie, dass Sie E-Mails zu Ihrem Beitrag erhalten möchten.',
  'notify.confirm.button': 'Ja, bestätigen',
  'notify.confirm.done': 'Bestätigt. Sie erhalten ab jetzt E-Mails zu „{title}“.',
  'notify.confirm.doneUntitled': 'Bestätigt. Sie erhalten ab jetzt E-Mails zu Ihrem Beitrag.',
  'notify.confirm.unknown': 'Dieser Link gilt nicht (mehr): Die Adresse wurde abbestellt oder durch eine neuere ersetzt.',
  'notify.confirm.expired': 'Dieser Link ist abgelaufen, die Adresse wurde gelöscht. Bestellen Sie die Benachrichtigung bei Bedarf neu.',
  'notify.unsubscribe.title': 'E-Mails abbestellen',
  'notify.unsubscribe.intro': 'Sie erhalten dann keine E-Mails mehr zu diesem Beitrag; Ihre Adresse wird gelöscht.',
  'notify.unsubscribe.button': 'Abbestellen',
  'notify.unsubscribe.done': 'Abbestellt. Ihre Adresse ist gelöscht.',
  'notify.noToken': 'Diesem Link fehlt sein Schlüssel. Bitte öffnen Sie den Link aus der E-Mail vollständig.',
  'notify.toContribution': 'Zum Beitrag',
} as const;

export const notifyEn: Record<keyof typeof notifyDe, string> = {
  'notify.heading': 'Be told by e-mail',
  'notify.intro':
    'We write to you when someone comments on your contribution, the planners answer or the moderators decide. ' +
    'You first confirm the address through a link; without confirmation it is deleted after 48 hours. ' +
    'You can unsubscribe with the link in every e-mail; the address is then deleted.',
  'notify.email': 'Your e-mail address',
  'notify.send': 'Notify me',
  'notify.sending': 'Sending …',
  'notify.sent': 'We sent you an e-mail. Please confirm with the link in it.',
  'notify.already': 'This address is already confirmed for this contribution.',
  'notify.invalid': 'Please give a valid e-mail address.',
  'notify.off': 'This platform does not send e-mail at the moment.',
  'notify.state.pending': 'E-mail notification: waiting for your confirmation (link in the e-mail)',
  'notify.state.confirmed': 'E-mail notification: on',
  'notify.stop': 'Unsubscribe',
  'notify.stopped': 'The e-mails about this contribution are stopped and your address is deleted.',
  'notify.confirm.title': 'Confirm your e-mail address',
  'notify.confirm.intro': 'Confirm that you want e-mails about your contribution.',
  'notify.confirm.button': 'Yes, confirm',
  'notify.confirm.done': 'Confirmed. From now on you receive e-mails about "{title}".',
  'notify.confirm.doneUntitled': 'Confirmed. From now on you receive e-mails about your contribution.',
  'notify.confirm.unknown': 'This link is no longer valid: the address was unsubscribed or replaced by a newer one.',
  'notify.confirm.expired': 'This link has expired and the address was deleted. Ask for notifications again if you like.',
  'notify.unsubscribe.title': 'Unsubscribe from e-mails',
  'notify.unsubscribe.intro': 'You will receive no more e-mails about this contribution; your address is deleted.',
  'notify.unsubscribe.button': 'Unsubscribe',
  'notify.unsubscribe.done': 'Unsubscribed. Your address is deleted.',
  'notify.noToken': 'This link lacks its key. Please open the whole link from the e-mail.',
  'notify.toContribution': 'To the contribution',
};

export const NOTIFY_MESSAGES = { de: notifyDe, en: notifyEn };
