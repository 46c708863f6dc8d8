import { mapSource } from './content-security-policy';

describe('mapSource', () => {
  it.each([
    ['https://tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://tile.openstreetmap.org'],
    ['https://{a-c}.tile.example.org/{z}/{x}/{y}.png', 'https://*.tile.example.org'],
    ['HTTPS://Geodienste.Hamburg.de:8443/wms?SERVICE=WMS', 'https://geodienste.hamburg.de:8443'],
    ['http://user:secret@maps.example.org/wmts', 'http://maps.example.org'],
  ])('takes the origin of %s', (url, source) => {
    expect(mapSource(url)).toBe(source);
  });

  it.each([
    ['/api/v1/layers/plan.geojson'],
    ['javascript:alert(1)'],
    ['https://maps.example.org;script-src *'],
    ["https://maps.example.org' 'unsafe-inline"],
    ['https://tiles.{s}.example.org/{z}'],
    ['data:image/png;base64,AAAA'],
  ])('gives no source for %s', (url) => {
    expect(mapSource(url)).toBeNull();
  });
});
