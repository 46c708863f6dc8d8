/** Texts of the procedure map's view-driven loading, merged into the dictionaries in messages.ts. */
export const mapDe = {
  'map.followMap': 'Nur Beiträge im Kartenausschnitt auflisten',
  'map.truncated': 'Hier liegen mehr Beiträge, als die Karte auf einmal zeigt (die neuesten sind zu sehen). Vergrößern Sie die Karte, um alle zu sehen.',
  'map.loadError': 'Die Beiträge für diesen Kartenausschnitt konnten nicht geladen werden.',
} as const;

export const mapEn: Record<keyof typeof mapDe, string> = {
  'map.followMap': 'List only contributions in the map view',
  'map.truncated': 'There are more contributions here than the map shows at once (the newest are shown). Zoom in to see them all.',
  'map.loadError': 'The contributions for this part of the map could not be loaded.',
};
