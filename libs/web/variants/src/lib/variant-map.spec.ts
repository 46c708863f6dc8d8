import { MapConfiguration, PublicVariant } from '@stadtdialog/shared/contract';
import { byteSize, fileTypeLabel, VARIANT_OVERLAY_LAYER_ID, variantFeatures, variantLegend, variantMapConfiguration } from './variant-map';

const procedureMap: MapConfiguration = {
  projection: 'EPSG:3857', center: [9.93, 53.55], zoom: 15,
  layers: [{ id: 'osm', kind: 'xyz', title: 'OSM', url: 'https://tile.example/{z}/{x}/{y}.png', role: 'base' }],
};

const variant: PublicVariant = {
  id: 'v1', title: 'Bogen', summary: '', description: '', position: 0, colour: '#2e7d32', keyFigures: [],
  overlay: { kind: 'image', url: '/api/v1/files/u1', uploadId: 'u1', extent: [9.9, 53.5, 10, 53.6], opacity: 0.7 },
  images: [],
  features: [
    { label: 'Weg', colour: '#795548', geometry: { type: 'LineString', coordinates: [[9.9, 53.5], [9.95, 53.55]] } },
    { label: 'Weg', colour: '#795548', geometry: { type: 'LineString', coordinates: [[9.91, 53.5], [9.96, 53.55]] } },
    { label: '', colour: '#000000', geometry: { type: 'Point', coordinates: [9.92, 53.52] } },
  ],
  rating: { up: 0, down: 0, own: null }, commentCount: 0,
};

describe('a variant on the map', () => {
  it('puts its plan drawing over the procedure map as the topmost overlay', () => {
    const config = variantMapConfiguration(procedureMap, variant);
    expect(config.layers.map((l) => l.id)).toEqual(['osm', VARIANT_OVERLAY_LAYER_ID]);
    expect(config.layers[1]).toEqual({
      id: VARIANT_OVERLAY_LAYER_ID, kind: 'image', title: 'Bogen', url: '/api/v1/files/u1', role: 'overlay', visible: true, opacity: 0.7,
      extent: [9.9, 53.5, 10, 53.6],
    });
    expect(variantMapConfiguration(procedureMap, { ...variant, overlay: null })).toBe(procedureMap);
  });

  it('draws its geometries in their colours and lists each label once in the legend', () => {
    expect(variantFeatures(variant).features.map((f) => f.properties)).toEqual([
      { colour: '#795548', label: 'Weg' }, { colour: '#795548', label: 'Weg' }, { colour: '#000000', label: '' },
    ]);
    expect(variantLegend(variant)).toEqual([{ label: 'Weg', colour: '#795548' }]);
  });
});

describe('documents', () => {
  it('name their type and size as people read them', () => {
    expect(fileTypeLabel('application/pdf')).toEqual({ key: 'information.type.pdf', format: 'PDF' });
    expect(fileTypeLabel('image/webp')).toEqual({ key: 'information.type.image', format: 'WEBP' });
    expect(byteSize(820, 'de')).toBe('820 B');
    expect(byteSize(820_400, 'de')).toBe('820 kB');
    expect(byteSize(2_400_000, 'de')).toBe('2,4 MB');
    expect(byteSize(2_400_000, 'en')).toBe('2.4 MB');
  });
});
