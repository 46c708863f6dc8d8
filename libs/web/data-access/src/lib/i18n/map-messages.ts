/** Texts of the procedure map (view-driven loading, the map-first page), merged into the dictionaries in messages.ts. */
export const mapDe = {
  'map.followMap': 'Nur Beiträge im Kartenausschnitt auflisten',
  'map.truncated': 'Hier liegen mehr Beiträge, als die Karte auf einmal zeigt (die neuesten sind zu sehen). Vergrößern Sie die Karte, um alle zu sehen.',
  'map.loadError': 'Die Beiträge für diesen Kartenausschnitt konnten nicht geladen werden.',
  'map.touchHint': 'Mit einem Finger verschieben, mit zwei Fingern oder den Schaltflächen + und − zoomen.',
  'map.dismissHint': 'Hinweis ausblenden',
  'procedure.views': 'Ansicht',
  'procedure.infoTab': 'Infos',
  'procedure.about': 'Über das Verfahren',
  'procedure.mapHelpTouch': 'Alle Beiträge stehen auch in der Liste.',
  'procedure.clusterLegendTouch': 'Mehrere Beiträge – antippen zum Vergrößern',
  'location.helpPointTouch': 'Tippen Sie auf die Karte, um den Punkt zu setzen; ein weiteres Tippen versetzt ihn.',
  'location.helpShapeTouch':
    'Tippen Sie nacheinander auf die Eckpunkte. Zum Abschließen den letzten Punkt (bei Flächen den ersten) erneut antippen oder „Abschließen“ wählen. Danach lassen sich Punkte durch Ziehen verschieben.',
  'location.showExisting': 'Vorhandene Beiträge auf der Karte zeigen',
  'location.duplicate': 'An dieser Stelle liegt schon ein Eckpunkt; setzen Sie den nächsten an einer anderen Stelle.',
} as const;

export const mapEn: Record<keyof typeof mapDe, string> = {
  'map.followMap': 'List only contributions in the map view',
  'map.truncated': 'There are more contributions here than the map shows at once (the newest are shown). Zoom in to see them all.',
  'map.loadError': 'The contributions for this part of the map could not be loaded.',
  'map.touchHint': 'Drag with one finger to move the map; pinch with two fingers or use the + and − buttons to zoom.',
  'map.dismissHint': 'Hide this hint',
  'procedure.views': 'View',
  'procedure.infoTab': 'About',
  'procedure.about': 'About this procedure',
  'procedure.mapHelpTouch': 'Every contribution is also in the list.',
  'procedure.clusterLegendTouch': 'Several contributions – tap to zoom in',
  'location.helpPointTouch': 'Tap the map to place the point; another tap moves it.',
  'location.helpShapeTouch':
    'Tap the corners one after another. To finish, tap the last point (for areas: the first) again or choose “Finish”. Afterwards you can drag points to move them.',
  'location.showExisting': 'Show existing contributions on the map',
  'location.duplicate': 'There is a corner at this spot already; place the next one elsewhere.',
};
