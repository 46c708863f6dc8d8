import { signal } from '@angular/core';
import { get as getProjection, Projection } from 'ol/proj';

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

/**
 * proj4 and its parsers are a quarter of the map chunk (about 130 KB before compression) and only
 * a map in one of these projections needs them: they load on first use, and the signal tells the
 * computed values that resolved a projection before that to resolve it again.
 */
const registrations = signal(0);
let loading: Promise<void> | null = null;

/** Whether `code` is one of the projections that load proj4 first, not loaded yet. */
export function projectionPending(code: string | undefined): boolean {
  return !!code && registrations() === 0 && definitions.some((d) => d.code === code);
}

/** Loads proj4 and registers the projections beyond EPSG:3857/4326 (once; later calls share the first). */
export function loadProjections(): Promise<void> {
  loading ??= Promise.all([import('proj4'), import('ol/proj/proj4')]).then(([proj4Module, olProj4]) => {
    // the module's default export in the build; the CommonJS export itself where tests load it without interop
    const proj4 = ((proj4Module as { default?: unknown }).default ?? proj4Module) as typeof proj4Module.default;
    for (const definition of definitions) proj4.defs(definition.code, definition.proj4);
    olProj4.register(proj4);
    for (const definition of definitions) getProjection(definition.code)?.setExtent(definition.extent);
    registrations.update((n) => n + 1);
  });
  return loading;
}

/**
 * The configured view projection, or the default when the code is unknown. A projection whose
 * proj4 definition has not loaded yet resolves to the default and starts loading it; inside a
 * computed value or an effect it resolves again once loaded (`ProcedureMap` waits for it before it
 * creates its map).
 */
export function resolveProjection(code: string | undefined): Projection {
  if (projectionPending(code)) void loadProjections();
  const projection = (code && getProjection(code)) || getProjection(DEFAULT_PROJECTION);
  if (!projection) throw new Error(`Projection ${DEFAULT_PROJECTION} is not available`);
  return projection;
}
