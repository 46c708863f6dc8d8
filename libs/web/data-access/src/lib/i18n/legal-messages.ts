/**
 * Texts of the site pages (imprint, privacy policy, accessibility statement, rules, help) and the
 * admins' page editor: loaded with those pages, which register them (`Translator.register`).
 */
export const legalDe = {
  'sitePage.updatedAt': 'Stand: {date}',
  'sitePage.germanOnly': 'Diese Seite gibt es nur auf Deutsch.',
  'feedback.heading': 'Barriere melden',
  'feedback.intro': 'Ist Ihnen auf dieser Plattform eine Barriere begegnet? Schreiben Sie uns, wir kümmern uns darum.',
  'feedback.message': 'Was ist Ihnen aufgefallen?',
  'feedback.email': 'E-Mail-Adresse für eine Antwort (freiwillig)',
  'feedback.page': 'Seite, auf der es war (freiwillig)',
  'feedback.pageHint': 'Die Adresse ab dem Schrägstrich, zum Beispiel /procedures/gruene-mitte-altona',
  'feedback.send': 'Rückmeldung senden',
  'feedback.sending': 'Wird gesendet …',
  'feedback.thanks': 'Danke! Ihre Rückmeldung ist beim Betreiber eingegangen.',
  'feedback.messageRequired': 'Bitte beschreiben Sie, was Ihnen aufgefallen ist.',
  'feedback.emailInvalid': 'Bitte geben Sie eine gültige E-Mail-Adresse an oder lassen Sie das Feld leer.',
  'feedback.pageInvalid': 'Bitte geben Sie die Adresse ab dem Schrägstrich an, etwa /hilfe, oder lassen Sie das Feld leer.',
  'sitePages.title': 'Seiten und Rückmeldungen',
  'sitePages.intro':
    'Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit, Regeln und Hilfe auf Deutsch und Englisch. ' +
    'Schreiben Sie in Markdown: ## Überschrift, - Aufzählung, **fett**, [Linktext](https://…). ' +
    'Ohne eigenen Text zeigt die Seite die Vorlage; Stellen mit „[Bitte ergänzen: …]“ füllen Sie aus.',
  'sitePages.page': 'Seite',
  'sitePages.german': 'Deutsch',
  'sitePages.english': 'Englisch',
  'sitePages.useDefault': 'Vorlage zeigen',
  'sitePages.text': 'Text ({language})',
  'sitePages.save': 'Seite speichern',
  'sitePages.saved': 'Gespeichert.',
  'sitePages.blank': 'Der Text ist leer. Schreiben Sie einen Text oder wählen Sie „Vorlage zeigen“.',
  'sitePages.failed': 'Das Speichern hat nicht geklappt. Bitte versuchen Sie es erneut.',
  'sitePages.view': 'Seite ansehen',
  'sitePages.edited': 'Eigener Text, zuletzt geändert {date}',
  'sitePages.default': 'Zeigt die Vorlage',
  'sitePages.feedback': 'Rückmeldungen zur Barrierefreiheit',
  'sitePages.noFeedback': 'Keine offenen Rückmeldungen.',
  'sitePages.received': 'Eingegangen {date}',
  'sitePages.replyTo': 'Antwort an',
  'sitePages.onPage': 'Seite',
  'sitePages.delete': 'Erledigt – löschen',
  'sitePages.deleted': 'Die Rückmeldung ist gelöscht.',
} as const;

export const legalEn: Record<keyof typeof legalDe, string> = {
  'sitePage.updatedAt': 'Last updated: {date}',
  'sitePage.germanOnly': 'This page is available in German only.',
  'feedback.heading': 'Report a barrier',
  'feedback.intro': 'Did you meet a barrier on this platform? Write to us and we will deal with it.',
  'feedback.message': 'What did you notice?',
  'feedback.email': 'E-mail address for an answer (optional)',
  'feedback.page': 'Page where it happened (optional)',
  'feedback.pageHint': 'The address from the slash on, for example /procedures/gruene-mitte-altona',
  'feedback.send': 'Send feedback',
  'feedback.sending': 'Sending …',
  'feedback.thanks': 'Thank you! Your feedback has reached the operator.',
  'feedback.messageRequired': 'Please describe what you noticed.',
  'feedback.emailInvalid': 'Please give a valid e-mail address or leave the field empty.',
  'feedback.pageInvalid': 'Please give the address from the slash on, e.g. /hilfe, or leave the field empty.',
  'sitePages.title': 'Pages and feedback',
  'sitePages.intro':
    'Imprint, privacy policy, accessibility statement, rules and help in German and English. ' +
    'Write in Markdown: ## heading, - list item, **bold**, [link text](https://…). ' +
    'Without a text of its own a page shows the template; fill in the places marked "[Please fill in: …]".',
  'sitePages.page': 'Page',
  'sitePages.german': 'German',
  'sitePages.english': 'English',
  'sitePages.useDefault': 'Show the template',
  'sitePages.text': 'Text ({language})',
  'sitePages.save': 'Save page',
  'sitePages.saved': 'Saved.',
  'sitePages.blank': 'The text is empty. Write a text or choose "Show the template".',
  'sitePages.failed': 'Saving did not work. Please try again.',
  'sitePages.view': 'View page',
  'sitePages.edited': 'Own text, last changed {date}',
  'sitePages.default': 'Shows the template',
  'sitePages.feedback': 'Accessibility feedback',
  'sitePages.noFeedback': 'No open feedback.',
  'sitePages.received': 'Received {date}',
  'sitePages.replyTo': 'Answer to',
  'sitePages.onPage': 'Page',
  'sitePages.delete': 'Dealt with – delete',
  'sitePages.deleted': 'The feedback has been deleted.',
};

export const LEGAL_MESSAGES = { de: legalDe, en: legalEn };
