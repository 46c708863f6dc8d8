/**
 * Texts of the live updates on the resident pages, merged into the dictionaries in messages.ts.
 * Counted texts are ICU plurals: pass the count as a number.
 */
export const liveDe = {
  'live.newContributions': '{count, plural, one {# neuer Beitrag} other {# neue Beiträge}}',
  'live.showNew': 'Anzeigen',
  'live.showNewLabel': 'Neue Beiträge in die Liste übernehmen',
  'live.newComments': '{count, plural, one {# neuer Kommentar} other {# neue Kommentare}}',
  'live.contributionRemoved': 'Dieser Beitrag ist nicht mehr öffentlich sichtbar.',
  'write.retrying': 'Keine Verbindung zum Server – wird erneut gesendet …',
} as const;

export const liveEn: Record<keyof typeof liveDe, string> = {
  'live.newContributions': '{count, plural, one {# new contribution} other {# new contributions}}',
  'live.showNew': 'Show',
  'live.showNewLabel': 'Put the new contributions into the list',
  'live.newComments': '{count, plural, one {# new comment} other {# new comments}}',
  'live.contributionRemoved': 'This contribution is no longer shown publicly.',
  'write.retrying': 'No connection to the server – sending again …',
};
