import {
  Contribution,
  ContributionFeatureCollection,
  ProcedureDetail,
  ProcedureSummary,
} from '@stadtdialog/shared/contract';

export const summaryFixture: ProcedureSummary = {
  id: 'p1',
  slug: 'gruene-mitte',
  title: 'Grüne Mitte Altona',
  summary: 'Wie soll der neue Park aussehen?',
  state: 'open',
  planningArea: null,
};

export const procedureFixture: ProcedureDetail = {
  ...summaryFixture,
  description: 'Der Bezirk plant einen Park.',
  planningArea: {
    type: 'MultiPolygon',
    coordinates: [[[[9.92, 53.55], [9.94, 53.55], [9.94, 53.56], [9.92, 53.56], [9.92, 53.55]]]],
  },
  phases: [
    { id: 'f1', kind: 'information', title: 'Auftakt', startsAt: '2026-03-01T10:00:00Z', endsAt: '2026-03-15T10:00:00Z', state: 'closed' },
    { id: 'f2', kind: 'participation', title: 'Online-Beteiligung', startsAt: '2026-03-15T10:00:00Z', endsAt: '2026-04-30T10:00:00Z', state: 'open' },
    { id: 'f3', kind: 'evaluation', title: 'auswertung', startsAt: '2026-04-30T10:00:00Z', endsAt: '2026-05-30T10:00:00Z', state: 'upcoming' },
  ],
  categories: [
    { id: 'c1', name: 'Grün und Freiraum', colour: '#2e7d32', icon: 'tree' },
    { id: 'c2', name: 'Verkehr', colour: '#1565c0', icon: 'bus' },
  ],
  rubrics: [{ id: 'r1', kind: 'idea', name: 'Idee' }],
  map: { projection: 'EPSG:3857', center: [9.93, 53.556], zoom: 15, layers: [] },
  settings: {
    moderation: 'post',
    geometryTypes: ['Point', 'LineString', 'Polygon'],
    locationRequired: false,
    titleMaxLength: 100,
    textMaxLength: 1000,
    commentMaxLength: 500,
    comments: 'on',
    ratings: 'on',
    reportThreshold: 3,
  },
  appointments: [
    {
      id: 't1',
      title: 'Werkstatt',
      description: 'Am Planungstisch',
      startsAt: '2026-04-10T16:00:00Z',
      endsAt: '2026-04-10T19:00:00Z',
      place: 'Bürgerhaus',
      location: null,
    },
  ],
};

const properties = { rubricId: 'r1', createdAt: '2026-03-16T10:00:00Z', ratingsUp: 1, ratingsDown: 0, commentCount: 0 };

export const contributionsFixture: ContributionFeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 'k1', geometry: { type: 'Point', coordinates: [9.93, 53.556] }, properties: { ...properties, title: 'Mehr Bänke', categoryId: 'c1', colour: '#2e7d32' } },
    { type: 'Feature', id: 'k2', geometry: { type: 'Point', coordinates: [9.931, 53.557] }, properties: { ...properties, title: 'Obstbäume', categoryId: 'c1', colour: '#2e7d32' } },
    { type: 'Feature', id: 'k3', geometry: { type: 'LineString', coordinates: [[9.92, 53.55], [9.93, 53.555]] }, properties: { ...properties, title: 'Radweg', categoryId: 'c2', colour: '#1565c0' } },
  ],
};

export const listFixture: Contribution[] = contributionsFixture.features.map((feature) => ({
  id: String(feature.id),
  procedureId: 'p1',
  title: feature.properties.title,
  text: 'Text',
  categoryId: feature.properties.categoryId,
  rubricId: feature.properties.rubricId,
  geometry: feature.geometry,
  status: 'published',
  source: 'online',
  workshopId: null,
  createdAt: feature.properties.createdAt,
  updatedAt: feature.properties.createdAt,
  ratingsUp: feature.properties.ratingsUp,
  ratingsDown: feature.properties.ratingsDown,
  commentCount: feature.properties.commentCount,
}));
