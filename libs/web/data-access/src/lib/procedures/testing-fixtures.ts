import { ContributionFeatureCollection, ProcedureDetail } from '@stadtdialog/shared/contract';

export const procedureFixture: ProcedureDetail = {
  id: 'p1',
  slug: 'gruene-mitte',
  title: 'Grüne Mitte',
  summary: 'Ein Park für alle',
  description: 'Beschreibung',
  state: 'open',
  planningArea: {
    type: 'MultiPolygon',
    coordinates: [[[[9.92, 53.55], [9.94, 53.55], [9.94, 53.56], [9.92, 53.56], [9.92, 53.55]]]],
  },
  phases: [],
  categories: [
    { id: 'c1', name: 'Grün', colour: '#2e7d32', icon: 'tree' },
    { id: 'c2', name: 'Verkehr', colour: '#1565c0', icon: 'bus' },
  ],
  rubrics: [],
  map: { projection: 'EPSG:3857', center: [9.93, 53.556], zoom: 15, layers: [] },
  settings: {
    moderation: 'post',
    geometryTypes: ['Point'],
    locationRequired: false,
    titleMaxLength: 100,
    textMaxLength: 1000,
    commentMaxLength: 500,
    comments: 'on',
    ratings: 'on',
    reportThreshold: 3,
  },
  appointments: [],
};

const properties = { rubricId: 'r1', createdAt: '2026-03-02T10:00:00Z', ratingsUp: 0, ratingsDown: 0, commentCount: 0 };

export const contributionsFixture: ContributionFeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 'a', geometry: { type: 'Point', coordinates: [9.93, 53.556] }, properties: { ...properties, title: 'Bank', categoryId: 'c1', colour: '#2e7d32' } },
    { type: 'Feature', id: 'b', geometry: { type: 'Point', coordinates: [9.931, 53.557] }, properties: { ...properties, title: 'Baum', categoryId: 'c1', colour: '#2e7d32' } },
    { type: 'Feature', id: 'c', geometry: { type: 'LineString', coordinates: [[9.92, 53.55], [9.93, 53.555]] }, properties: { ...properties, title: 'Radweg', categoryId: 'c2', colour: '#1565c0' } },
  ],
};
