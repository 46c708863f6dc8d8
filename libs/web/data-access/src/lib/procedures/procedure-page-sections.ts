import { InjectionToken, Type } from '@angular/core';

/**
 * A part of the procedure page that another feature library brings (planning information, the
 * link to the variants), loaded lazily. Its component takes the input `slug`. The app composes
 * them into the resident routes, since one feature library may not import another.
 */
export interface ProcedurePageSection {
  load: () => Promise<Type<unknown>>;
}

export const PROCEDURE_PAGE_SECTIONS = new InjectionToken<readonly ProcedurePageSection[]>('PROCEDURE_PAGE_SECTIONS', {
  providedIn: 'root',
  factory: () => [],
});
