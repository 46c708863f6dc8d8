import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CategoryDto, UpdateProcedureDto } from './procedure.dto';

async function errors(cls: new () => object, body: object): Promise<string[]> {
  const result = await validate(plainToInstance(cls, body), { whitelist: true, forbidNonWhitelisted: true });
  const flat = (e: (typeof result)[number], prefix = ''): string[] => [
    ...Object.keys(e.constraints ?? {}).map(() => `${prefix}${e.property}`),
    ...(e.children ?? []).flatMap((c) => flat(c, `${prefix}${e.property}.`)),
  ];
  return result.flatMap((e) => flat(e));
}

const layer = { id: 'plan', kind: 'wms', role: 'overlay', title: 'Plan', url: 'https://geodienste.hamburg.de/wms' };
const map = { projection: 'EPSG:25832', center: [9.95, 53.55], zoom: 12, layers: [layer] };

describe('procedure setup DTOs', () => {
  it('accepts a map with http(s) layers, subdomain templates and paths on this server', async () => {
    expect(await errors(UpdateProcedureDto, { map })).toEqual([]);
    expect(await errors(UpdateProcedureDto, { map: { ...map, layers: [{ ...layer, url: 'https://{a-c}.tile.example.org/{z}/{x}/{y}.png' }] } })).toEqual([]);
    expect(await errors(UpdateProcedureDto, { map: { ...map, layers: [{ ...layer, url: '/api/v1/layers/plan.geojson' }] } })).toEqual([]);
  });

  it.each([
    ["https://x.org; script-src 'unsafe-inline'"],
    ['javascript:alert(1)'],
    ['data:image/png;base64,AAAA'],
    ['ftp://maps.example.org/tiles'],
  ])('refuses the layer URL %s, which would end up in the Content-Security-Policy', async (url) => {
    expect(await errors(UpdateProcedureDto, { map: { ...map, layers: [{ ...layer, url }] } })).toEqual(['map.layers.0.url']);
  });

  it('refuses unknown layer fields, projections and settings out of range', async () => {
    expect(await errors(UpdateProcedureDto, { map: { ...map, layers: [{ ...layer, script: 'x' }] } })).toEqual(['map.layers.0.script']);
    expect(await errors(UpdateProcedureDto, { map: { ...map, projection: 'WGS84' } })).toEqual(['map.projection']);
    expect(await errors(UpdateProcedureDto, { settings: { reportThreshold: 0, moderation: 'later' } })).toEqual([
      'settings.moderation', 'settings.reportThreshold',
    ]);
    expect(await errors(UpdateProcedureDto, { slug: 'Nicht Gültig' })).toEqual(['slug']);
  });

  it('takes colours as #rrggbb and icons as plain names', async () => {
    expect(await errors(CategoryDto, { name: 'Grün', colour: '#2E7D32', icon: 'tree' })).toEqual([]);
    expect(await errors(CategoryDto, { name: 'Grün', colour: 'green', icon: '<svg>' })).toEqual(['colour', 'icon']);
  });
});
