/** Limits the API enforces and clients can show before sending. */
export const LIMITS = {
  /** vertices of one contribution geometry, all rings together */
  maxGeometryVertices: 1000,
  /** request bodies beyond this are refused with 413 */
  maxBodyBytes: 256 * 1024,
  /** page size of lists */
  maxPageSize: 100,
  /** characters of the reason of a report */
  maxReportReasonLength: 1000,
} as const;

/** Contribution geometries must lie within the planning area plus this margin, in metres. */
export const PLANNING_AREA_MARGIN_METRES = 250;
