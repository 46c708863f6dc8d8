import { register } from 'ol/proj/proj4';
import { get as getProjection, Projection } from 'ol/proj';
import proj4 from 'proj4';

export const DEFAULT_PROJECTION = 'EPSG:3857';

/**
 * Projections a procedure may configure for its view beyond OpenLayers' built-in EPSG:3857/4326.
 * EPSG:25832 (ETRS89 / UTM 32N) is what Hamburg's and most German state geoportals serve.
 */
const definitions: { code: string; proj4: string; extent: [number, number, number, number] }[] = [
  {
    code: 'EPSG:25832',
    proj4: '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
    extent: [-46133.17, 5048875.26857567, 1206211.10142433, 6301219.54],
  },
];

let registered = false;

export function registerProjections(): void {
  if (registered) return;
  for (const definition of definitions) proj4.defs(definition.code, definition.proj4);
  register(proj4);
  for (const definition of definitions) getProjection(definition.code)?.setExtent(definition.extent);
  registered = true;
}

/** The configured view projection, or the default when the code is unknown. */
export function resolveProjection(code: string | undefined): Projection {
  registerProjections();
  const projection = (code && getProjection(code)) || getProjection(DEFAULT_PROJECTION);
  if (!projection) throw new Error(`Projection ${DEFAULT_PROJECTION} is not available`);
  return projection;
}
