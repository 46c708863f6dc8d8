import { FieldErrorCode, ProblemException } from '@stadtdialog/api/http';

export const LIMIT = { minimum: 1, maximum: 1000, default: 100 } as const;
/** Query parameters the items endpoint declares in its OpenAPI document; anything else is a 400. */
export const ITEM_PARAMETERS = ['limit', 'offset', 'bbox', 'datetime'] as const;

export function ogcProblem(message: string, field: string, code: FieldErrorCode): ProblemException {
  return new ProblemException('invalid_query', message, { errors: [{ field, code, message }] });
}

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const INTEGER = /^\d{1,9}$/;

export interface ItemQuery {
  limit: number;
  offset: number;
  /** one or two (across the antimeridian) lon/lat envelopes */
  boxes: [number, number, number, number][] | null;
  /** inclusive bounds as ISO strings, null for open ends */
  datetime: { start: string | null; end: string | null } | null;
}

function single(raw: unknown, name: string): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw ogcProblem(`${name} must be given once`, name, 'duplicate');
  return raw;
}

/** OGC API – Features Part 1 items parameters; an unknown parameter or a bad value is a 400. */
export function parseItemQuery(query: Record<string, unknown>): ItemQuery {
  for (const name of Object.keys(query)) {
    if (!(ITEM_PARAMETERS as readonly string[]).includes(name)) {
      throw ogcProblem(`unknown query parameter "${name}"; this endpoint takes ${ITEM_PARAMETERS.join(', ')}`, name, 'unknown_field');
    }
  }
  const rawLimit = single(query['limit'], 'limit');
  let limit: number = LIMIT.default;
  if (rawLimit !== undefined) {
    if (!INTEGER.test(rawLimit) || Number(rawLimit) < LIMIT.minimum) throw ogcProblem(`limit must be a whole number of at least ${LIMIT.minimum}`, 'limit', 'too_small');
    // above the maximum the page is capped, not refused (clients such as QGIS ask for more)
    limit = Math.min(Number(rawLimit), LIMIT.maximum);
  }
  const rawOffset = single(query['offset'], 'offset');
  if (rawOffset !== undefined && !INTEGER.test(rawOffset)) throw ogcProblem('offset must be a whole number of at least 0', 'offset', 'not_integer');
  return {
    limit,
    offset: rawOffset === undefined ? 0 : Number(rawOffset),
    boxes: parseBoxes(single(query['bbox'], 'bbox')),
    datetime: parseDatetime(single(query['datetime'], 'datetime')),
  };
}

function parseBoxes(raw: string | undefined): ItemQuery['boxes'] {
  if (raw === undefined) return null;
  const parts = raw.split(',');
  if (!(parts.length === 4 || parts.length === 6) || !parts.every((p) => NUMBER.test(p))) {
    throw ogcProblem('bbox must be 4 (or 6) numbers: minLon,minLat,maxLon,maxLat', 'bbox', 'invalid_bbox');
  }
  const n = parts.map(Number);
  const [minLon, minLat, maxLon, maxLat] = parts.length === 4 ? n : [n[0], n[1], n[3], n[4]];
  if ([minLat, maxLat].some((v) => v < -90 || v > 90) || [minLon, maxLon].some((v) => v < -180 || v > 180)) {
    throw ogcProblem('bbox is outside lon -180..180, lat -90..90 (CRS84: longitude first)', 'bbox', 'invalid_bbox');
  }
  if (minLat > maxLat) throw ogcProblem('bbox minimum latitude is above its maximum', 'bbox', 'invalid_bbox');
  // a box whose west edge is east of its east edge crosses the antimeridian
  return minLon <= maxLon ? [[minLon, minLat, maxLon, maxLat]] : [[minLon, minLat, 180, maxLat], [-180, minLat, maxLon, maxLat]];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/i;

function instant(raw: string): string | null {
  if (raw === '..' || raw === '') return null;
  if (!RFC3339.test(raw) || Number.isNaN(Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw))) {
    throw ogcProblem('datetime must be an RFC 3339 time, or an interval start/end with ".." for an open end', 'datetime', 'invalid_date');
  }
  return new Date(raw.length === 10 ? `${raw}T00:00:00Z` : raw).toISOString();
}

function parseDatetime(raw: string | undefined): ItemQuery['datetime'] {
  if (raw === undefined) return null;
  const parts = raw.split('/');
  if (parts.length > 2) throw ogcProblem('datetime has more than one "/"', 'datetime', 'invalid_date');
  if (parts.length === 1) {
    const at = instant(parts[0]);
    if (at === null) throw ogcProblem('datetime must be a time or an interval', 'datetime', 'invalid_date');
    // a day stands for the whole day
    const end = parts[0].length === 10 ? new Date(Date.parse(at) + 86_400_000 - 1).toISOString() : at;
    return { start: at, end };
  }
  const [start, end] = [instant(parts[0]), instant(parts[1])];
  if (start === null && end === null) throw ogcProblem('datetime interval needs at least one end', 'datetime', 'invalid_date');
  if (start !== null && end !== null && start > end) throw ogcProblem('datetime interval ends before it starts', 'datetime', 'end_before_start');
  return { start, end };
}
