import { MapLayer } from '@stadtdialog/shared/contract';
import GeoJSON from 'ol/format/GeoJSON';
import ImageLayer from 'ol/layer/Image';
import TileLayer from 'ol/layer/Tile';
import VectorLayer from 'ol/layer/Vector';
import ImageStatic from 'ol/source/ImageStatic';
import TileWMS from 'ol/source/TileWMS';
import VectorSource from 'ol/source/Vector';
import WMTS from 'ol/source/WMTS';
import XYZ from 'ol/source/XYZ';
import { createConfiguredLayers, createLayer } from './layer-factory';
import { loadProjections, resolveProjection } from './projections';

const webMercator = resolveProjection('EPSG:3857');
let utm32 = webMercator;
beforeAll(async () => {
  await loadProjections();
  utm32 = resolveProjection('EPSG:25832');
});

function layer(overrides: Partial<MapLayer>): MapLayer {
  return { id: 'l', kind: 'xyz', title: 'Layer', url: 'https://tiles.example/{z}/{x}/{y}.png', role: 'base', ...overrides };
}

describe('createLayer', () => {
  it('builds an XYZ tile layer with the URL template and attribution', () => {
    const created = createLayer(layer({ attribution: '© OpenStreetMap' }), webMercator) as TileLayer<XYZ>;
    expect(created).toBeInstanceOf(TileLayer);
    const source = created.getSource();
    expect(source).toBeInstanceOf(XYZ);
    expect(source?.getUrls()).toEqual(['https://tiles.example/{z}/{x}/{y}.png']);
    expect(created.get('id')).toBe('l');
    expect(created.get('role')).toBe('base');
  });

  it('hands OpenLayers attributions as escaped text with only http(s) links', () => {
    const hostile = '<img src=x onerror="alert(1)"> <a href="https://lgv.example">LGV</a>';
    for (const kind of ['xyz', 'wms', 'wmts'] as const) {
      const source = (createLayer(layer({ kind, attribution: hostile }), webMercator) as TileLayer<XYZ>).getSource();
      const attributions = source?.getAttributions();
      expect(attributions?.({} as never)).toEqual([
        '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <a href="https://lgv.example" target="_blank" rel="noopener noreferrer">LGV</a>',
      ]);
    }
  });

  it('builds a tiled WMS layer asking for the configured layers in the view projection', () => {
    const created = createLayer(
      layer({ kind: 'wms', url: 'https://geodienste.example/wms', layers: 'bplan', role: 'overlay' }),
      utm32,
    ) as TileLayer<TileWMS>;
    const source = created.getSource() as TileWMS;
    expect(source).toBeInstanceOf(TileWMS);
    expect(source.getParams()).toMatchObject({ LAYERS: 'bplan', TILED: true });
    expect(source.getProjection()?.getCode()).toBe('EPSG:25832');
  });

  it('builds a WMTS layer with a grid over the projection, KVP or REST by the URL', () => {
    const kvp = (createLayer(
      layer({ kind: 'wmts', url: 'https://geodienste.example/wmts', layers: 'dop', matrixSet: 'UTM32' }),
      utm32,
    ) as TileLayer<WMTS>).getSource() as WMTS;
    expect(kvp).toBeInstanceOf(WMTS);
    expect(kvp.getLayer()).toBe('dop');
    expect(kvp.getMatrixSet()).toBe('UTM32');
    expect(kvp.getRequestEncoding()).toBe('KVP');
    expect(kvp.getTileGrid()?.getOrigin(0)).toEqual([-46133.17, 6301219.54]);

    const rest = (createLayer(
      layer({ kind: 'wmts', url: 'https://geodienste.example/{TileMatrix}/{TileCol}/{TileRow}.png' }),
      webMercator,
    ) as TileLayer<WMTS>).getSource() as WMTS;
    expect(rest.getRequestEncoding()).toBe('REST');
    expect(rest.getMatrixSet()).toBe('EPSG:3857');
  });

  it('builds a GeoJSON vector layer loading from the URL', () => {
    const created = createLayer(
      layer({ kind: 'geojson', url: '/plans/baufelder.geojson', role: 'overlay' }),
      webMercator,
    ) as VectorLayer;
    const source = created.getSource() as VectorSource;
    expect(source).toBeInstanceOf(VectorSource);
    expect(source.getUrl()).toBe('/plans/baufelder.geojson');
    expect(source.getFormat()).toBeInstanceOf(GeoJSON);
  });

  it('builds a static image over its lon/lat extent, and nothing without an extent', () => {
    const extent: [number, number, number, number] = [9.92, 53.55, 9.94, 53.56];
    const created = createLayer(
      layer({ kind: 'image', url: '/plans/entwurf.png', role: 'overlay', extent, opacity: 0.6 }),
      webMercator,
    ) as ImageLayer<ImageStatic>;
    expect(created).toBeInstanceOf(ImageLayer);
    const source = created.getSource() as ImageStatic;
    expect(source.getUrl()).toBe('/plans/entwurf.png');
    expect(source.getImageExtent()).toEqual(extent);
    expect(source.getProjection()?.getCode()).toBe('EPSG:4326');
    expect(created.getOpacity()).toBe(0.6);

    expect(createLayer(layer({ kind: 'image', url: '/plans/entwurf.png' }), webMercator)).toBeNull();
  });

  it('hides a layer configured as not visible', () => {
    expect(createLayer(layer({ role: 'overlay', visible: false }), webMercator)?.getVisible()).toBe(false);
  });
});

describe('createConfiguredLayers', () => {
  it('puts base layers below overlays and shows only the first visible base layer', () => {
    const layers = createConfiguredLayers(
      [
        layer({ id: 'plan', kind: 'geojson', role: 'overlay', url: '/plan.geojson' }),
        layer({ id: 'grau', role: 'base', visible: false }),
        layer({ id: 'osm', role: 'base' }),
        layer({ id: 'luftbild', role: 'base' }),
        layer({ id: 'kaputt', kind: 'image', role: 'overlay' }),
      ],
      webMercator,
    );
    expect(layers.map((l) => l.get('id'))).toEqual(['grau', 'osm', 'luftbild', 'plan']);
    expect(layers.map((l) => l.getVisible())).toEqual([false, true, false, true]);
  });
});
