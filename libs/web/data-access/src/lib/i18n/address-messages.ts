/** Texts of the address search on the maps, merged into the dictionaries in messages.ts. */
export const addressDe = {
  'address.label': 'Adresse suchen',
  'address.hint': 'Straße, Hausnummer oder Ort im Plangebiet; mit den Pfeiltasten wählen, Eingabetaste übernimmt.',
  'address.list': 'Gefundene Orte',
  'address.searching': 'Sucht …',
  'address.results': '{count, plural, one {# Ort gefunden} other {# Orte gefunden}}.',
  'address.none': 'Kein passender Ort im Plangebiet.',
  'address.failed': 'Die Adresssuche antwortet gerade nicht. Bitte versuchen Sie es gleich noch einmal.',
  'address.shown': 'Die Karte zeigt {label}.',
  'address.placed': 'Der Ort ist bei {label} gesetzt.',
} as const;

export const addressEn: Record<keyof typeof addressDe, string> = {
  'address.label': 'Search for an address',
  'address.hint': 'Street, house number or place within the planning area; choose with the arrow keys, Enter takes it.',
  'address.list': 'Places found',
  'address.searching': 'Searching …',
  'address.results': '{count, plural, one {# place found} other {# places found}}.',
  'address.none': 'No matching place within the planning area.',
  'address.failed': 'The address search is not answering right now. Please try again shortly.',
  'address.shown': 'The map shows {label}.',
  'address.placed': 'The place is set at {label}.',
};
