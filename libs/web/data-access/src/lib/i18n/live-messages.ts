/**
 * Texts of the live updates on the resident pages, merged into the dictionaries in messages.ts.
 * Counted texts come in `.one` and `.other` forms; `pluralKey` picks one for the language.
 */
export const liveDe = {
  'live.newContributions.one': '1 neuer Beitrag',
  'live.newContributions.other': '{count} neue Beiträge',
  'live.showNew': 'Anzeigen',
  'live.showNewLabel': 'Neue Beiträge in die Liste übernehmen',
  'live.newComments.one': '1 neuer Kommentar',
  'live.newComments.other': '{count} neue Kommentare',
  'live.contributionRemoved': 'Dieser Beitrag ist nicht mehr öffentlich sichtbar.',
  'write.retrying': 'Keine Verbindung zum Server – wird erneut gesendet …',
} as const;

export const liveEn: Record<keyof typeof liveDe, string> = {
  'live.newContributions.one': '1 new contribution',
  'live.newContributions.other': '{count} new contributions',
  'live.showNew': 'Show',
  'live.showNewLabel': 'Put the new contributions into the list',
  'live.newComments.one': '1 new comment',
  'live.newComments.other': '{count} new comments',
  'live.contributionRemoved': 'This contribution is no longer shown publicly.',
  'write.retrying': 'No connection to the server – sending again …',
};
