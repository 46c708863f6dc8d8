import { inside, nominatimPlaces, photonPlaces, searchUrl } from './geocoder';

describe('the geocoder adapters', () => {
  it('read Nominatim\'s jsonv2 answer, skipping entries without a position', () => {
    expect(
      nominatimPlaces([
        { lat: '53.5597', lon: '9.9335', display_name: 'Harkortstraße, Altona, Hamburg', boundingbox: ['53.55', '53.57', '9.92', '9.94'] },
        { lat: 'x', lon: '9.9', display_name: 'kaputt' },
        { lat: '53.5', lon: '9.9' },
      ]),
    ).toEqual([{ label: 'Harkortstraße, Altona, Hamburg', lon: 9.9335, lat: 53.5597, bbox: [9.92, 53.55, 9.94, 53.57] }]);
    expect(nominatimPlaces({ error: 'nope' })).toEqual([]);
  });

  it('read Photon\'s GeoJSON, naming a place by name or street and town', () => {
    expect(
      photonPlaces({
        type: 'FeatureCollection',
        features: [
          { geometry: { type: 'Point', coordinates: [9.9335, 53.5597] }, properties: { name: 'Harkortstraße', postcode: '22765', city: 'Hamburg', extent: [9.92, 53.57, 9.94, 53.55] } },
          { geometry: { type: 'Point', coordinates: [9.93, 53.56] }, properties: { street: 'Harkortstraße', housenumber: '81', city: 'Hamburg' } },
          { geometry: { type: 'Point', coordinates: [] }, properties: { name: 'ohne Ort' } },
        ],
      }),
    ).toEqual([
      { label: 'Harkortstraße, 22765 Hamburg', lon: 9.9335, lat: 53.5597, bbox: [9.92, 53.55, 9.94, 53.57] },
      { label: 'Harkortstraße 81, Hamburg', lon: 9.93, lat: 53.56, bbox: null },
    ]);
  });

  it('bound the request to the box in each dialect', () => {
    const box: [number, number, number, number] = [9.9, 53.5, 10, 53.6];
    const nominatim = searchUrl({ url: 'https://n.example/search?key=1', kind: 'nominatim' }, 'Harkort', box, 'de');
    expect(Object.fromEntries(nominatim.searchParams)).toEqual({
      key: '1', q: 'Harkort', limit: '8', format: 'jsonv2', 'accept-language': 'de', viewbox: '9.9,53.5,10,53.6', bounded: '1',
    });
    const photon = searchUrl({ url: 'https://p.example/api', kind: 'photon' }, 'Harkort', box, 'en');
    expect(Object.fromEntries(photon.searchParams)).toEqual({ q: 'Harkort', limit: '8', lang: 'en', bbox: '9.9,53.5,10,53.6' });
    expect(inside(box, { label: 'x', lon: 9.95, lat: 53.55, bbox: null })).toBe(true);
    expect(inside(box, { label: 'x', lon: 10.2, lat: 53.55, bbox: null })).toBe(false);
  });
});
