import { fromLonLat, toLonLat } from 'ol/proj';
import { loadProjections, projectionPending, resolveProjection } from './projections';

describe('resolveProjection', () => {
  it('loads proj4 for EPSG:25832 on first use, and stands in the default until then', async () => {
    expect(projectionPending('EPSG:25832')).toBe(true);
    expect(projectionPending('EPSG:3857')).toBe(false);
    expect(resolveProjection('EPSG:25832').getCode()).toBe('EPSG:3857');
    await loadProjections();
    expect(projectionPending('EPSG:25832')).toBe(false);
    expect(resolveProjection('EPSG:25832').getCode()).toBe('EPSG:25832');
  });

  it('knows EPSG:25832 and transforms Hamburg coordinates into UTM zone 32', () => {
    const utm32 = resolveProjection('EPSG:25832');
    expect(utm32.getCode()).toBe('EPSG:25832');
    expect(utm32.getUnits()).toBe('m');
    // Hamburg city hall, 9.9924°E 53.5505°N, is at about E 565 960, N 5 933 950 in ETRS89/UTM 32N.
    const [east, north] = fromLonLat([9.9924, 53.5505], utm32);
    expect(east).toBeGreaterThan(565_500);
    expect(east).toBeLessThan(566_500);
    expect(north).toBeGreaterThan(5_933_500);
    expect(north).toBeLessThan(5_934_500);
    const [lon, lat] = toLonLat([east, north], utm32);
    expect(lon).toBeCloseTo(9.9924, 6);
    expect(lat).toBeCloseTo(53.5505, 6);
  });

  it('falls back to EPSG:3857 for an unknown or missing code', () => {
    expect(resolveProjection('EPSG:99999').getCode()).toBe('EPSG:3857');
    expect(resolveProjection(undefined).getCode()).toBe('EPSG:3857');
  });
});
