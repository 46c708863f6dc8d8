import { WorkspaceVariant } from '@stadtdialog/shared/contract';
import { featuresToGeoJson, geoJsonToFeatures, variantInput } from './variant-input';

const variant: WorkspaceVariant = {
  id: 'v1', title: 'Bogen', summary: 's', description: 'd', position: 2, colour: '#2e7d32', published: false,
  keyFigures: [{ label: 'Grün', value: '2,4', unit: 'ha' }],
  overlay: { kind: 'image', uploadId: 'u1', url: '/api/v1/procedures/p/setup/uploads/u1', extent: [9.9, 53.5, 10, 53.6], opacity: 0.7 },
  images: [{ uploadId: 'u2', alt: 'Luftbild', caption: '', url: '/x', width: 10, height: 10 }],
  features: [{ label: 'Weg', colour: '#795548', geometry: { type: 'LineString', coordinates: [[9.9, 53.5], [9.95, 53.55]] } }],
  ratingsUp: 0, ratingsDown: 0, commentCount: 0, createdAt: '', updatedAt: '',
};

describe('variantInput', () => {
  it('keeps everything PUT needs, names an uploaded plan image by its upload only, and applies the change', () => {
    const input = variantInput(variant, { published: true });
    expect(input).toMatchObject({ title: 'Bogen', position: 2, published: true, images: [{ uploadId: 'u2', alt: 'Luftbild', caption: '' }] });
    expect(input.overlay).toEqual({ kind: 'image', uploadId: 'u1', extent: [9.9, 53.5, 10, 53.6], opacity: 0.7 });
    expect(variant.overlay?.url).toBeDefined();
  });
});

describe('GeoJSON of a variant', () => {
  it('round-trips the features', () => {
    const parsed = geoJsonToFeatures(featuresToGeoJson(variant.features), '#000000');
    expect(parsed).toEqual({ features: variant.features });
  });

  it('takes a bare geometry and gives it the variant colour', () => {
    expect(geoJsonToFeatures('{"type":"Point","coordinates":[9.9,53.5]}', '#2e7d32')).toEqual({
      features: [{ label: '', colour: '#2e7d32', geometry: { type: 'Point', coordinates: [9.9, 53.5] } }],
    });
  });

  it('says what is wrong: broken JSON, or a geometry a variant cannot have', () => {
    expect(geoJsonToFeatures('{"type":', '#000000')).toHaveProperty('error');
    expect(geoJsonToFeatures('{"type":"MultiPoint","coordinates":[]}', '#000000')).toEqual({ error: '#1: MultiPoint' });
    expect(geoJsonToFeatures('   ', '#000000')).toEqual({ features: [] });
  });
});
