import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '@stadtdialog/api/config';
import { openDatabase } from '@stadtdialog/api/db';
import { FIELD_ERROR_CODES, FieldErrorCode, LIMITS, PROBLEM_STATUS, Problem, ProblemCode } from '@stadtdialog/shared/contract';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';

/*
 * A corpus of bad (and some surprising but valid) input against the contribution endpoints.
 * Every refused request must be a 4xx problem+json naming the field (or, for body-level errors,
 * saying what is wrong in `detail`), and must store nothing: on the server engine the rows are
 * counted after each case; on the embedded engine (one process owns the database) the public map
 * layer is counted after each case, and the rows are counted directly once the API has stopped.
 */

const quiet = { info: () => undefined, warn: () => undefined };
const DEMO = 'gruene-mitte-altona';
const INSIDE: [number, number] = [9.9332, 53.5598];
const COUNTED_TABLES = ['contributions', 'participants', 'idempotency_keys', 'comments'] as const;
type Counts = Record<(typeof COUNTED_TABLES)[number], number>;

interface ProcedureIds {
  slug: string;
  categoryId: string;
  rubricId: string;
}

interface Fixture {
  demo: ProcedureIds;
  /** another open procedure: its category and rubric are foreign to the demo */
  other: ProcedureIds;
  closed: ProcedureIds;
  /** locationRequired, points only */
  located: ProcedureIds;
  internal: ProcedureIds;
  /** a key already used by an accepted POST */
  usedKey: string;
}

interface BadCase {
  name: string;
  method?: 'GET' | 'POST';
  /** path under /api/v1/procedures; default: the demo's contributions */
  path?: (f: Fixture) => string;
  /** an object is sent as JSON; a string or Buffer as it is */
  body?: (f: Fixture) => unknown;
  headers?: Record<string, string>;
  status: number | number[];
  /** the problem's machine code */
  code: ProblemCode;
  /** the machine code of the field named in errors[] */
  fieldCode?: FieldErrorCode;
  /** a field named in errors[] */
  field?: string | RegExp;
  /** what the field's message or the body-level detail says */
  says?: RegExp;
}

const geometry = (g: unknown) => (f: Fixture) => ({ ...valid(f), geometry: g });
const withFields = (fields: Record<string, unknown>) => (f: Fixture) => ({ ...valid(f), ...fields });

/** A body the demo accepts; the cases below spoil one thing each. It has a location, so it would show on the map. */
function valid(f: Fixture, over: Partial<ProcedureIds> = {}) {
  return {
    title: 'Bänke am Spielplatz',
    text: 'Mehr Sitzgelegenheiten für Eltern.',
    categoryId: over.categoryId ?? f.demo.categoryId,
    rubricId: over.rubricId ?? f.demo.rubricId,
    geometry: { type: 'Point', coordinates: INSIDE },
  };
}

function jsonText(f: Fixture, geometryJson: string): string {
  const { title, text, categoryId, rubricId } = valid(f);
  return `{"title":${JSON.stringify(title)},"text":${JSON.stringify(text)},"categoryId":"${categoryId}","rubricId":"${rubricId}","geometry":${geometryJson}}`;
}

function circle(n: number, digits: number): [number, number][] {
  const round = (x: number) => Number(x.toFixed(digits));
  const ring = Array.from({ length: n - 1 }, (_, i): [number, number] => [
    round(INSIDE[0] + 0.002 * Math.cos((2 * Math.PI * i) / (n - 1))),
    round(INSIDE[1] + 0.001 * Math.sin((2 * Math.PI * i) / (n - 1))),
  ]);
  return [...ring, ring[0]];
}

const square = (x: number, y: number, d: number): [number, number][] => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];

const features = (slug = DEMO) => `/${slug}/contributions/features`;
const list = (slug = DEMO) => `/${slug}/contributions`;

const CASES: BadCase[] = [
  // ---- the body as a whole
  { name: 'malformed JSON', body: () => '{"title": "a",', status: 400, code: 'invalid_json', says: /not valid JSON/ },
  { name: 'JSON with single quotes', body: () => "{'title': 'a'}", status: 400, code: 'invalid_json', says: /not valid JSON/ },
  { name: 'JSON with a trailing comma', body: (f) => JSON.stringify(valid(f)).replace(/}$/, ',}'), status: 400, code: 'invalid_json', says: /not valid JSON/ },
  { name: 'an empty array as body', body: () => '[]', status: 400, code: 'body_not_object', says: /JSON object, not an array/ },
  { name: 'an array holding a valid body', body: (f) => JSON.stringify([valid(f)]), status: 400, code: 'body_not_object', says: /JSON object, not an array/ },
  { name: 'null as body', body: () => 'null', status: 400, code: 'body_not_object', says: /must be a JSON object/ },
  { name: 'a number as body', body: () => '42', status: 400, code: 'body_not_object', says: /must be a JSON object/ },
  { name: 'a string as body', body: () => '"Bänke"', status: 400, code: 'body_not_object', says: /must be a JSON object/ },
  { name: 'true as body', body: () => 'true', status: 400, code: 'body_not_object', says: /must be a JSON object/ },
  { name: 'an empty object', body: () => ({}), status: 422, code: 'validation_failed', fieldCode: 'required', field: 'title', says: /title is required/ },
  { name: 'an empty body', body: () => '', status: 422, code: 'validation_failed', fieldCode: 'required', field: 'title', says: /required/ },
  { name: 'a body larger than the limit', body: (f) => ({ ...valid(f), text: 'x'.repeat(LIMITS.maxBodyBytes) }), status: 413, code: 'body_too_large', says: /larger than the API accepts/ },
  { name: 'invalid UTF-8 bytes', body: (f) => Buffer.concat([Buffer.from('{"title":"B'), Buffer.from([0xc3, 0x28]), Buffer.from(JSON.stringify(valid(f)).slice(10))]), status: 400, code: 'invalid_encoding', says: /not valid UTF-8/ },
  { name: 'nesting 100,000 levels deep', body: (f) => jsonText(f, `{"type":"Point","coordinates":${'['.repeat(100_000)}${']'.repeat(100_000)}}`), status: 422, code: 'validation_failed', fieldCode: 'too_deep', field: /^geometry\.coordinates(\[0\])+$/, says: /deeper than 16 levels/ },

  // ---- content type
  { name: 'Content-Type text/plain', body: (f) => JSON.stringify(valid(f)), headers: { 'content-type': 'text/plain' }, status: 415, code: 'unsupported_media_type', says: /Content-Type: application\/json, not "text\/plain"/ },
  { name: 'a form post', body: () => 'title=a&text=b', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: 'unsupported_media_type', says: /not "application\/x-www-form-urlencoded"/ },
  { name: 'multipart/form-data', body: () => '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\na\r\n--x--', headers: { 'content-type': 'multipart/form-data; boundary=x' }, status: 415, code: 'unsupported_media_type', says: /multipart/ },
  { name: 'no Content-Type at all', body: (f) => new Uint8Array(Buffer.from(JSON.stringify(valid(f)))), headers: { 'content-type': '' }, status: 415, code: 'unsupported_media_type', says: /has no Content-Type/ },
  { name: 'a charset JSON cannot have', body: (f) => JSON.stringify(valid(f)), headers: { 'content-type': 'application/json; charset=latin1' }, status: 415, code: 'unsupported_media_type', says: /unsupported charset/ },

  // ---- wrong types
  { name: 'title as a number', body: withFields({ title: 5 }), status: 422, code: 'validation_failed', fieldCode: 'not_text', field: 'title', says: /title must be text/ },
  { name: 'title as null', body: withFields({ title: null }), status: 422, code: 'validation_failed', fieldCode: 'required', field: 'title', says: /title is required/ },
  { name: 'title as an array', body: withFields({ title: ['a'] }), status: 422, code: 'validation_failed', fieldCode: 'not_text', field: 'title', says: /title must be text/ },
  { name: 'title as an object', body: withFields({ title: { de: 'a' } }), status: 422, code: 'validation_failed', fieldCode: 'not_text', field: 'title', says: /title must be text/ },
  { name: 'text as a boolean', body: withFields({ text: true }), status: 422, code: 'validation_failed', fieldCode: 'not_text', field: 'text', says: /text must be text/ },
  { name: 'text missing', body: (f) => ({ ...valid(f), text: undefined }), status: 422, code: 'validation_failed', fieldCode: 'required', field: 'text', says: /text is required/ },
  { name: 'categoryId as a number', body: withFields({ categoryId: 5 }), status: 422, code: 'validation_failed', fieldCode: 'invalid_id', field: 'categoryId', says: /UUID/ },
  { name: 'categoryId missing', body: (f) => ({ ...valid(f), categoryId: undefined }), status: 422, code: 'validation_failed', fieldCode: 'required', field: 'categoryId', says: /required/ },
  { name: 'rubricId not a UUID', body: withFields({ rubricId: 'idea' }), status: 422, code: 'validation_failed', fieldCode: 'invalid_id', field: 'rubricId', says: /UUID/ },
  { name: 'geometry as WKT text', body: withFields({ geometry: 'POINT(9.93 53.56)' }), status: 422, code: 'validation_failed', fieldCode: 'not_object', field: 'geometry', says: /GeoJSON/ },
  { name: 'geometry as an array', body: withFields({ geometry: [9.93, 53.56] }), status: 422, code: 'validation_failed', fieldCode: 'not_object', field: 'geometry', says: /GeoJSON/ },
  { name: 'geometry as a number', body: withFields({ geometry: 7 }), status: 422, code: 'validation_failed', fieldCode: 'not_object', field: 'geometry', says: /GeoJSON/ },

  // ---- unknown fields
  { name: 'a status chosen by the client', body: withFields({ status: 'published' }), status: 422, code: 'validation_failed', fieldCode: 'unknown_field', field: 'status', says: /should not exist/ },
  { name: 'an id chosen by the client', body: withFields({ id: randomUUID() }), status: 422, code: 'validation_failed', fieldCode: 'unknown_field', field: 'id', says: /should not exist/ },
  { name: 'a participantId', body: withFields({ participantId: randomUUID() }), status: 422, code: 'validation_failed', fieldCode: 'unknown_field', field: 'participantId', says: /should not exist/ },
  { name: '__proto__ in the body', body: (f) => JSON.stringify(valid(f)).replace(/^{/, '{"__proto__":{"status":"hidden"},'), status: 422, code: 'validation_failed', fieldCode: 'unknown_field', field: '__proto__', says: /should not exist/ },
  { name: 'constructor in the body', body: withFields({ constructor: { prototype: {} } }), status: 422, code: 'validation_failed', fieldCode: 'unknown_field', field: 'constructor', says: /should not exist/ },
  { name: 'crs in the geometry', body: geometry({ type: 'Point', coordinates: INSIDE, crs: { type: 'name' } }), status: 422, code: 'validation_failed', fieldCode: 'unknown_field', field: 'geometry', says: /unknown geometry fields: crs/ },
  { name: 'a Feature instead of a geometry', body: geometry({ type: 'Feature', geometry: { type: 'Point', coordinates: INSIDE }, properties: {} }), status: 422, code: 'validation_failed', fieldCode: 'unknown_field', field: 'geometry', says: /unknown geometry fields/ },
  { name: 'a malformed geometry.bbox', body: geometry({ type: 'Point', coordinates: INSIDE, bbox: 'all' }), status: 422, code: 'validation_failed', fieldCode: 'invalid_bbox', field: 'geometry.bbox', says: /four or six numbers/ },

  // ---- text content
  { name: 'an empty title', body: withFields({ title: '' }), status: 422, code: 'validation_failed', fieldCode: 'blank_text', field: 'title', says: /must not be empty/ },
  { name: 'a title of blanks and line breaks', body: withFields({ title: ' \n\t ' }), status: 422, code: 'validation_failed', fieldCode: 'blank_text', field: 'title', says: /must not be empty/ },
  { name: 'a title of control characters only', body: withFields({ title: '\u0007\u001b\u007f' }), status: 422, code: 'validation_failed', fieldCode: 'blank_text', field: 'title', says: /must not be empty/ },
  { name: 'a title over the procedure\'s 120 characters', body: withFields({ title: 'x'.repeat(121) }), status: 422, code: 'validation_failed', fieldCode: 'too_long', field: 'title', says: /at most 120 characters/ },
  { name: 'a text over the procedure\'s 3000 characters', body: withFields({ text: 'ä'.repeat(3001) }), status: 422, code: 'validation_failed', fieldCode: 'too_long', field: 'text', says: /at most 3000 characters/ },
  { name: 'a 200,000-character title', body: withFields({ title: 'y'.repeat(200_000) }), status: 422, code: 'validation_failed', fieldCode: 'too_long', field: 'title', says: /at most 120 characters/ },
  { name: 'a NUL byte inside the title', body: withFields({ title: 'Bänke\u0000; DROP TABLE x' }), status: 422, code: 'validation_failed', fieldCode: 'unstorable_text', field: 'title', says: /NUL/ },
  { name: 'a text of NUL bytes only', body: withFields({ text: '\u0000\u0000' }), status: 422, code: 'validation_failed', fieldCode: 'unstorable_text', field: 'text', says: /NUL/ },
  { name: 'an unpaired surrogate', body: withFields({ title: 'Baum \ud83c' }), status: 422, code: 'validation_failed', fieldCode: 'unstorable_text', field: 'title', says: /unpaired surrogate/ },

  // ---- numbers JSON cannot carry, and coordinates out of range
  { name: 'coordinates as strings', body: geometry({ type: 'Point', coordinates: ['9.93', '53.56'] }), status: 422, code: 'validation_failed', fieldCode: 'invalid_position', field: 'geometry.coordinates', says: /finite numbers/ },
  { name: 'NaN as a string', body: geometry({ type: 'Point', coordinates: ['NaN', 53.56] }), status: 422, code: 'validation_failed', fieldCode: 'invalid_position', field: 'geometry.coordinates', says: /finite numbers/ },
  { name: 'Infinity as a string', body: geometry({ type: 'Point', coordinates: [9.93, 'Infinity'] }), status: 422, code: 'validation_failed', fieldCode: 'invalid_position', field: 'geometry.coordinates', says: /finite numbers/ },
  { name: '1e999, which parses to Infinity', body: (f) => jsonText(f, '{"type":"Point","coordinates":[1e999,53.56]}'), status: 422, code: 'validation_failed', fieldCode: 'invalid_position', field: 'geometry.coordinates', says: /finite numbers/ },
  { name: '-1e999 in a ring', body: (f) => jsonText(f, '{"type":"Polygon","coordinates":[[[9.93,53.56],[-1e999,53.56],[9.94,53.57],[9.93,53.56]]]}'), status: 422, code: 'validation_failed', fieldCode: 'invalid_position', field: 'geometry.coordinates[0][1]', says: /finite numbers/ },
  { name: 'a null coordinate', body: geometry({ type: 'Point', coordinates: [null, 53.56] }), status: 422, code: 'validation_failed', fieldCode: 'invalid_position', field: 'geometry.coordinates', says: /finite numbers/ },
  { name: 'longitude 180.0001', body: geometry({ type: 'Point', coordinates: [180.0001, 53.56] }), status: 422, code: 'validation_failed', fieldCode: 'position_out_of_range', field: 'geometry.coordinates', says: /longitude 180.0001 is outside/ },
  { name: 'latitude 90.5', body: geometry({ type: 'Point', coordinates: [9.93, 90.5] }), status: 422, code: 'validation_failed', fieldCode: 'position_out_of_range', field: 'geometry.coordinates', says: /latitude 90.5 is outside/ },
  { name: 'latitude -1e308', body: geometry({ type: 'Point', coordinates: [9.93, -1e308] }), status: 422, code: 'validation_failed', fieldCode: 'position_out_of_range', field: 'geometry.coordinates', says: /latitude .* is outside/ },
  { name: 'a position of one number', body: geometry({ type: 'Point', coordinates: [9.93] }), status: 422, code: 'validation_failed', fieldCode: 'invalid_position', field: 'geometry.coordinates', says: /\[longitude, latitude\]/ },
  { name: 'a position of four numbers', body: geometry({ type: 'Point', coordinates: [9.93, 53.56, 0, 1] }), status: 422, code: 'validation_failed', fieldCode: 'invalid_position', field: 'geometry.coordinates', says: /\[longitude, latitude\]/ },
  { name: 'a point with nested coordinates', body: geometry({ type: 'Point', coordinates: [INSIDE] }), status: 422, code: 'validation_failed', fieldCode: 'invalid_position', field: 'geometry.coordinates', says: /\[longitude, latitude\]/ },
  { name: 'a point without coordinates', body: geometry({ type: 'Point' }), status: 422, code: 'validation_failed', fieldCode: 'invalid_geojson', field: 'geometry.coordinates', says: /must be an array/ },
  { name: 'the type in lower case', body: geometry({ type: 'point', coordinates: INSIDE }), status: 422, code: 'validation_failed', fieldCode: 'geometry_type_not_allowed', field: 'geometry.type', says: /Point, LineString or Polygon/ },
  { name: 'a MultiPolygon', body: geometry({ type: 'MultiPolygon', coordinates: [[square(9.93, 53.558, 0.001)]] }), status: 422, code: 'validation_failed', fieldCode: 'geometry_type_not_allowed', field: 'geometry.type', says: /Point, LineString or Polygon/ },
  { name: 'a GeometryCollection', body: geometry({ type: 'GeometryCollection', geometries: [] }), status: 422, code: 'validation_failed', fieldCode: 'unknown_field', field: 'geometry', says: /unknown geometry fields: geometries/ },

  // ---- shapes
  { name: 'an unclosed ring', body: geometry({ type: 'Polygon', coordinates: [square(9.93, 53.558, 0.001).slice(0, 4)] }), status: 422, code: 'validation_failed', fieldCode: 'ring_not_closed', field: 'geometry.coordinates[0]', says: /must be closed/ },
  { name: 'a ring of three positions', body: geometry({ type: 'Polygon', coordinates: [[[9.93, 53.558], [9.931, 53.558], [9.93, 53.558]]] }), status: 422, code: 'validation_failed', fieldCode: 'too_few_positions', field: 'geometry.coordinates[0]', says: /at least four positions/ },
  { name: 'a polygon without rings', body: geometry({ type: 'Polygon', coordinates: [] }), status: 422, code: 'validation_failed', fieldCode: 'too_few_positions', field: 'geometry.coordinates', says: /outer ring/ },
  { name: 'a ring that is not an array', body: geometry({ type: 'Polygon', coordinates: [square(9.93, 53.558, 0.002), 7] }), status: 422, code: 'validation_failed', fieldCode: 'invalid_geojson', field: 'geometry.coordinates[1]', says: /ring must be an array/ },
  { name: 'a self-intersecting bow tie, naming where', body: geometry({ type: 'Polygon', coordinates: [[[9.93, 53.558], [9.932, 53.56], [9.932, 53.558], [9.93, 53.56], [9.93, 53.558]]] }), status: 422, code: 'validation_failed', fieldCode: 'self_intersection', field: 'geometry', says: /Self-intersection\[9\.931 53\.559\]/ },
  { name: 'a hole outside its shell', body: geometry({ type: 'Polygon', coordinates: [square(9.93, 53.558, 0.001), square(9.935, 53.558, 0.0005)] }), status: 422, code: 'validation_failed', fieldCode: 'invalid_geometry', field: 'geometry', says: /Hole lies outside shell\[9\.935/ },
  { name: 'a ring collapsed to a line', body: geometry({ type: 'Polygon', coordinates: [[[9.93, 53.558], [9.931, 53.558], [9.932, 53.558], [9.93, 53.558]]] }), status: 422, code: 'validation_failed', fieldCode: 'self_intersection', field: 'geometry', says: /not valid: .*\[9\.93/ },
  { name: 'a line of one position', body: geometry({ type: 'LineString', coordinates: [INSIDE] }), status: 422, code: 'validation_failed', fieldCode: 'too_few_positions', field: 'geometry.coordinates', says: /two different positions/ },
  { name: 'a line of one position twice', body: geometry({ type: 'LineString', coordinates: [INSIDE, INSIDE] }), status: 422, code: 'validation_failed', fieldCode: 'too_few_positions', field: 'geometry.coordinates', says: /two different positions/ },
  { name: 'a 10,000-vertex polygon', body: geometry({ type: 'Polygon', coordinates: [circle(10_000, 4)] }), status: 422, code: 'validation_failed', fieldCode: 'too_many_positions', field: 'geometry.coordinates', says: /at most 1000 positions, this one has 10000/ },
  { name: 'a 10,000-vertex polygon at full precision', body: geometry({ type: 'Polygon', coordinates: [circle(10_000, 15)] }), status: 413, code: 'body_too_large', says: /larger than the API accepts/ },
  { name: 'a 10,000-vertex line', body: geometry({ type: 'LineString', coordinates: circle(10_000, 4) }), status: 422, code: 'validation_failed', fieldCode: 'too_many_positions', field: 'geometry.coordinates', says: /at most 1000 positions/ },
  { name: 'a polygon of 1001 vertices', body: geometry({ type: 'Polygon', coordinates: [circle(1001, 6)] }), status: 422, code: 'validation_failed', fieldCode: 'too_many_positions', field: 'geometry.coordinates', says: /at most 1000 positions, this one has 1001/ },

  // ---- location and ids
  { name: 'a point 3 km from the planning area', body: geometry({ type: 'Point', coordinates: [9.99, 53.55] }), status: 422, code: 'validation_failed', fieldCode: 'outside_planning_area', field: 'geometry', says: /outside the planning area/ },
  { name: 'a point in Munich', body: geometry({ type: 'Point', coordinates: [11.576, 48.137] }), status: 422, code: 'validation_failed', fieldCode: 'outside_planning_area', field: 'geometry', says: /outside the planning area/ },
  { name: 'Null Island', body: geometry({ type: 'Point', coordinates: [0, 0] }), status: 422, code: 'validation_failed', fieldCode: 'outside_planning_area', field: 'geometry', says: /outside the planning area/ },
  { name: 'an edge to the antipode of the planning area', body: geometry({ type: 'LineString', coordinates: [INSIDE, [INSIDE[0] - 180, -INSIDE[1]]] }), status: 422, code: 'validation_failed', fieldCode: 'antipodal_edge', field: 'geometry', says: /opposite points of the globe/ },
  { name: 'an edge half around the equator', body: geometry({ type: 'LineString', coordinates: [[-180, 0], [0, 0]] }), status: 422, code: 'validation_failed', fieldCode: 'antipodal_edge', field: 'geometry', says: /opposite points of the globe/ },
  { name: 'a polygon far away', body: geometry({ type: 'Polygon', coordinates: [square(10.0, 53.6, 0.01)] }), status: 422, code: 'validation_failed', fieldCode: 'outside_planning_area', field: 'geometry', says: /outside the planning area/ },
  { name: 'a category of another procedure', body: (f) => valid(f, { categoryId: f.other.categoryId }), status: 422, code: 'validation_failed', fieldCode: 'not_in_procedure', field: 'categoryId', says: /not a category of this procedure/ },
  { name: 'a rubric of another procedure', body: (f) => valid(f, { rubricId: f.other.rubricId }), status: 422, code: 'validation_failed', fieldCode: 'not_in_procedure', field: 'rubricId', says: /not a rubric of this procedure/ },
  { name: 'an unknown category', body: withFields({ categoryId: randomUUID() }), status: 422, code: 'validation_failed', fieldCode: 'not_in_procedure', field: 'categoryId', says: /not a category/ },
  { name: 'the nil UUID as rubric', body: withFields({ rubricId: '00000000-0000-0000-0000-000000000000' }), status: 422, code: 'validation_failed', fieldCode: 'not_in_procedure', field: 'rubricId', says: /not a rubric/ },
  { name: 'no location where one is required', path: (f) => list(f.located.slug), body: (f) => ({ ...valid(f, f.located), geometry: undefined }), status: 422, code: 'validation_failed', fieldCode: 'location_required', field: 'geometry', says: /needs a location/ },
  { name: 'a null location where one is required', path: (f) => list(f.located.slug), body: (f) => ({ ...valid(f, f.located), geometry: null }), status: 422, code: 'validation_failed', fieldCode: 'location_required', field: 'geometry', says: /needs a location/ },
  { name: 'a polygon where only points are allowed', path: (f) => list(f.located.slug), body: (f) => ({ ...valid(f, f.located), geometry: { type: 'Polygon', coordinates: [square(9.93, 53.558, 0.001)] } }), status: 422, code: 'validation_failed', fieldCode: 'geometry_type_not_allowed', field: 'geometry.type', says: /accepts Point geometries, not Polygon/ },

  // ---- procedures
  { name: 'a closed procedure', path: (f) => list(f.closed.slug), body: (f) => valid(f, f.closed), status: 409, code: 'participation_closed', says: /only while the procedure's participation phase runs/ },
  { name: 'an unknown procedure', path: () => list('gibt-es-nicht'), body: (f) => valid(f), status: 404, code: 'not_found', says: /no public procedure/ },
  { name: 'an internal procedure', path: (f) => list(f.internal.slug), body: (f) => valid(f, f.internal), status: 404, code: 'not_found', says: /no public procedure/ },
  { name: 'SQL in the slug', path: () => list(encodeURIComponent("x' OR '1'='1")), body: (f) => valid(f), status: 404, code: 'not_found', says: /no public procedure/ },
  { name: 'a NUL byte in the slug', path: () => list('%00'), body: (f) => valid(f), status: 400, code: 'invalid_value', says: /characters the database cannot store/ },

  // ---- Idempotency-Key
  { name: 'a used Idempotency-Key with another body', body: withFields({ title: 'Ein anderer Titel' }), headers: { 'idempotency-key': 'USED' }, status: 422, code: 'validation_failed', fieldCode: 'key_reused', field: 'Idempotency-Key', says: /already used with a different request body/ },
  { name: 'an Idempotency-Key that is no UUID', body: valid, headers: { 'idempotency-key': 'retry-1' }, status: 400, code: 'invalid_header', fieldCode: 'invalid_id', field: 'Idempotency-Key', says: /must be a UUID/ },
  { name: 'an empty Idempotency-Key', body: valid, headers: { 'idempotency-key': '' }, status: 400, code: 'invalid_header', fieldCode: 'invalid_id', field: 'Idempotency-Key' },
  { name: 'a UUID with a suffix as Idempotency-Key', body: valid, headers: { 'idempotency-key': `${randomUUID()}-x` }, status: 400, code: 'invalid_header', fieldCode: 'invalid_id', field: 'Idempotency-Key' },
  { name: 'SQL as Idempotency-Key', body: valid, headers: { 'idempotency-key': "'; DELETE FROM idempotency_keys; --" }, status: 400, code: 'invalid_header', fieldCode: 'invalid_id', field: 'Idempotency-Key' },

  // ---- GET with bad parameters
  { name: 'bbox of three numbers', method: 'GET', path: () => `${features()}?bbox=9.9,53.5,10`, status: 400, code: 'invalid_query', fieldCode: 'invalid_bbox', field: 'bbox' },
  { name: 'bbox of words', method: 'GET', path: () => `${features()}?bbox=west,south,east,north`, status: 400, code: 'invalid_query', fieldCode: 'invalid_bbox', field: 'bbox' },
  { name: 'bbox with NaN', method: 'GET', path: () => `${features()}?bbox=NaN,53.5,10,53.6`, status: 400, code: 'invalid_query', fieldCode: 'invalid_bbox', field: 'bbox' },
  { name: 'bbox with -Infinity', method: 'GET', path: () => `${features()}?bbox=-Infinity,53.5,10,53.6`, status: 400, code: 'invalid_query', fieldCode: 'invalid_bbox', field: 'bbox' },
  { name: 'bbox with 1e999', method: 'GET', path: () => `${features()}?bbox=9.9,53.5,1e999,53.6`, status: 400, code: 'invalid_query', fieldCode: 'invalid_bbox', field: 'bbox' },
  { name: 'bbox with an empty number', method: 'GET', path: () => `${features()}?bbox=%20,53.5,10,53.6`, status: 400, code: 'invalid_query', fieldCode: 'invalid_bbox', field: 'bbox' },
  { name: 'bbox in hexadecimal', method: 'GET', path: () => `${features()}?bbox=0x9,53.5,10,53.6`, status: 400, code: 'invalid_query', fieldCode: 'invalid_bbox', field: 'bbox' },
  { name: 'bbox with min above max', method: 'GET', path: () => `${features()}?bbox=10,53.6,9.9,53.5`, status: 400, code: 'invalid_query', fieldCode: 'invalid_bbox', field: 'bbox' },
  { name: 'bbox beyond -180', method: 'GET', path: () => `${features()}?bbox=-200,53.5,10,53.6`, status: 400, code: 'invalid_query', fieldCode: 'invalid_bbox', field: 'bbox' },
  { name: 'bbox given twice', method: 'GET', path: () => `${features()}?bbox=9.9,53.5,10,53.6&bbox=9.9,53.5,10,53.6`, status: 400, code: 'invalid_query', fieldCode: 'invalid_bbox', field: 'bbox' },
  { name: 'bbox with SQL', method: 'GET', path: () => `${features()}?bbox=${encodeURIComponent('9.9,53.5,10,53.6); DROP TABLE contributions; --')}`, status: 400, code: 'invalid_query', fieldCode: 'invalid_bbox', field: 'bbox' },
  { name: 'list limit 0', method: 'GET', path: () => `${list()}?limit=0`, status: 400, code: 'invalid_query', fieldCode: 'too_small', field: 'limit' },
  { name: 'list limit 1e999', method: 'GET', path: () => `${list()}?limit=1e999`, status: 400, code: 'invalid_query', fieldCode: 'too_big', field: 'limit' },
  { name: 'list limit above the page size', method: 'GET', path: () => `${list()}?limit=${LIMITS.maxPageSize + 1}`, status: 400, code: 'invalid_query', fieldCode: 'too_big', field: 'limit' },
  { name: 'list sort unknown', method: 'GET', path: () => `${list()}?sort=${encodeURIComponent('created_at; DROP TABLE contributions')}`, status: 400, code: 'invalid_query', fieldCode: 'not_allowed', field: 'sort' },
  { name: 'list category not a UUID', method: 'GET', path: () => `${list()}?category=${encodeURIComponent("' OR 1=1 --")}`, status: 400, code: 'invalid_query', fieldCode: 'invalid_id', field: 'category' },
  { name: 'a contribution id that is no UUID', method: 'GET', path: () => `${list()}/42`, status: 404, code: 'not_found' },
  { name: 'a contribution id with SQL', method: 'GET', path: () => `${list()}/${encodeURIComponent("1' OR '1'='1")}`, status: 404, code: 'not_found' },
  { name: 'an unknown contribution', method: 'GET', path: () => `${list()}/${randomUUID()}`, status: 404, code: 'not_found', says: /no such contribution/ },
  { name: 'the map of an unknown procedure', method: 'GET', path: () => features('gibt-es-nicht'), status: 404, code: 'not_found', says: /no public procedure/ },
  { name: 'the map of a procedure named with a NUL byte', method: 'GET', path: () => features('a%00b'), status: 400, code: 'invalid_value' },
];

interface ValidCase {
  name: string;
  title: string;
  text: string;
  geometry?: unknown;
  /** the geometry the API answers with, when it is not the one sent */
  storedGeometry?: unknown;
}

/** Surprising but valid: stored and returned exactly as sent, never interpreted. */
const VALID: ValidCase[] = [
  { name: 'emoji, including joined sequences and flags', title: '🌳🚲 Mehr Grün 👩‍👩‍👧‍👦 🏳️‍🌈 🇩🇪', text: 'Bäume 🌲🌲🌲 statt Parkplätze 🚗❌, bitte! 👍🏽' },
  { name: 'exactly 120 emoji (the limit counts characters, not UTF-16 units)', title: '🌳'.repeat(120), text: '🐝'.repeat(3000) },
  { name: 'Arabic and Hebrew, right to left', title: 'حديقة للأطفال في ألتونا', text: 'גינה קהילתית ליד התחנה — وممر للدراجات 123 mixed' },
  { name: 'bidi controls and combining marks', title: 'Park \u202eetiuq\u202c e\u0301te\u0301 \u200fמ', text: 'Zalgo: Z\u0351\u0364\u0348a\u0352l\u0353g\u0359o ‎and a zero\u200bwidth space' },
  { name: 'SQL injection, stored as plain text', title: "Robert'); DROP TABLE contributions;--", text: "' OR '1'='1'; DELETE FROM participants WHERE ''=' \\x00 $1 $$ E'\\\\'", geometry: { type: 'Point', coordinates: INSIDE } },
  { name: 'HTML and script, returned verbatim', title: '<script>alert("x")</script>', text: '<img src=x onerror=alert(1)> &amp; &lt;b&gt; <a href="javascript:alert(1)">Link</a> {{constructor.constructor(\'alert(1)\')()}}', geometry: { type: 'LineString', coordinates: [[9.933, 53.559], [9.934, 53.56]] } },
  { name: 'an altitude, which is dropped', title: 'Aussichtspunkt', text: 'Mit Höhe angegeben.', geometry: { type: 'Point', coordinates: [INSIDE[0], INSIDE[1], 12.5] }, storedGeometry: { type: 'Point', coordinates: INSIDE } },
];

async function countRows(query: (sql: string) => Promise<{ n: number }[]>): Promise<Counts> {
  const counts = {} as Counts;
  for (const table of COUNTED_TABLES) [{ n: counts[table] }] = await query(`SELECT count(*)::int AS n FROM ${table}`);
  return counts;
}

async function openDirect(env: Record<string, string>) {
  return openDatabase(loadConfig({ ...env, SEED_DEMO: 'true' }), quiet);
}

async function addProcedure(
  ds: DataSource,
  slug: string,
  options: { settings?: object; internal?: boolean; closed?: boolean; area: string },
): Promise<ProcedureIds> {
  const [{ id }] = await ds.query(
    `INSERT INTO procedures (slug, title, planning_area, settings, internal)
     VALUES ($1, $1, ST_GeomFromText($2, 4326), $3, $4) RETURNING id`,
    [slug, options.area, JSON.stringify(options.settings ?? {}), options.internal ?? false],
  );
  const [from, to] = options.closed ? ['-30 days', '-1 day'] : ['-1 day', '30 days'];
  await ds.query(
    `INSERT INTO phases (procedure_id, kind, starts_at, ends_at) VALUES ($1, 'participation', now() + $2::interval, now() + $3::interval)`,
    [id, from, to],
  );
  const [{ id: categoryId }] = await ds.query(
    `INSERT INTO categories (procedure_id, name, colour) VALUES ($1, 'Grün', '#2e7d32') RETURNING id`, [id],
  );
  const [{ id: rubricId }] = await ds.query(`INSERT INTO rubrics (procedure_id, kind, name) VALUES ($1, 'idea', 'Idee') RETURNING id`, [id]);
  return { slug, categoryId, rubricId };
}

describe(`bad input to the contribution endpoints (${ENGINE} engine)`, () => {
  const ALTONA = 'MULTIPOLYGON(((9.92 53.55, 9.945 53.55, 9.945 53.57, 9.92 53.57, 9.92 53.55)))';
  const WILHELMSBURG = 'MULTIPOLYGON(((9.98 53.49, 10.02 53.49, 10.02 53.51, 9.98 53.51, 9.98 53.49)))';
  let db: TestDatabase;
  let api: RunningApi;
  let fixture: Fixture;
  let before: Counts;
  /** rows the accepted requests added */
  const added: Counts = { contributions: 0, participants: 0, idempotency_keys: 0, comments: 0 };
  /** the server engine lets the test count rows while the API runs */
  let live: Client | null = null;

  /** What each case is checked against: all rows on a server, the public map layer on the embedded engine. */
  async function snapshot(): Promise<unknown> {
    const client = live;
    if (client) return countRows(async (sql) => (await client.query(sql)).rows);
    const slugs = [DEMO, fixture.located.slug, fixture.other.slug];
    return Promise.all(
      slugs.map(async (slug) => ((await (await fetch(`${api.baseUrl}/api/v1/procedures${features(slug)}`)).json()) as { features: unknown[] }).features.length),
    );
  }

  async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
    const isJson = body !== undefined && !(typeof body === 'string' || body instanceof Uint8Array);
    const merged: Record<string, string> = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers };
    if (merged['content-type'] === '') delete merged['content-type'];
    const response = await fetch(`${api.baseUrl}/api/v1/procedures${path}`, {
      method,
      headers: merged,
      body: body === undefined ? undefined : isJson ? JSON.stringify(body) : (body as BodyInit),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', headers: response.headers, text };
  }

  /** Posts a body the API must accept, keeping count of the rows it adds. */
  async function create(slug: string, body: unknown, headers: Record<string, string> = {}) {
    const response = await send('POST', list(slug), body, headers);
    expect({ status: response.status, body: response.text.slice(0, 300) }).toEqual({ status: 201, body: expect.any(String) });
    added.contributions += 1;
    if (response.headers.get('x-participant-token')) added.participants += 1;
    if (headers['idempotency-key']) added.idempotency_keys += 1;
    return JSON.parse(response.text);
  }

  beforeAll(async () => {
    db = await freshDatabase();
    const opened = await openDirect(db.env);
    try {
      const ds = opened.dataSource;
      const [demo] = await ds.query(
        `SELECT p.slug, (SELECT id FROM categories WHERE procedure_id = p.id ORDER BY position, name LIMIT 1) AS "categoryId",
                (SELECT id FROM rubrics WHERE procedure_id = p.id ORDER BY position, kind LIMIT 1) AS "rubricId"
         FROM procedures p WHERE slug = $1`,
        [DEMO],
      );
      fixture = {
        demo,
        other: await addProcedure(ds, 'wilhelmsburg-mitte', { area: WILHELMSBURG }),
        closed: await addProcedure(ds, 'abgeschlossen', { area: ALTONA, closed: true }),
        located: await addProcedure(ds, 'ort-pflicht', { area: ALTONA, settings: { locationRequired: true, geometryTypes: ['Point'] } }),
        internal: await addProcedure(ds, 'intern', { area: ALTONA, internal: true }),
        usedKey: randomUUID(),
      };
      before = await countRows((sql) => ds.query(sql));
    } finally {
      await opened.dataSource.destroy();
      await opened.database.stop();
    }
    api = await startApi({ ...db.env, SEED_DEMO: 'false', RATE_LIMIT_WRITES_PER_MINUTE: '0', RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE: '0' });
    if (db.url) {
      live = new Client({ connectionString: db.url });
      await live.connect();
    }
    // The key the duplicate-key case reuses, first taken by an accepted request.
    await create(DEMO, valid(fixture), { 'idempotency-key': fixture.usedKey });
  });

  afterAll(async () => {
    await live?.end();
    await api?.stop();
    await db?.drop();
  });

  it(`has at least 60 refusals in the corpus (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES)('refuses $name with a problem naming what is wrong, and stores nothing', async (c) => {
    const headers = { ...c.headers };
    if (headers['idempotency-key'] === 'USED') headers['idempotency-key'] = fixture.usedKey;
    const method = c.method ?? 'POST';
    const seen = await snapshot();
    const response = await send(method, c.path?.(fixture) ?? list(), c.body?.(fixture), headers);

    const statuses = Array.isArray(c.status) ? c.status : [c.status];
    // status and body together, so a failure shows what the API said
    expect({ status: response.status, body: response.text.slice(0, 400) }).toEqual({
      status: statuses.includes(response.status) ? response.status : c.status,
      body: expect.any(String),
    });
    expect(response.type).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(response.text) as Problem;
    expect(problem.status).toBe(response.status);
    expect(problem.code).toBe(c.code);
    expect(PROBLEM_STATUS[problem.code]).toBe(response.status);
    for (const error of problem.errors ?? []) expect(FIELD_ERROR_CODES).toContain(error.code);
    if (c.field !== undefined) {
      const named = (problem.errors ?? []).filter((e) =>
        typeof c.field === 'string' ? e.field === c.field : (c.field as RegExp).test(e.field),
      );
      expect({ named, errors: problem.errors }).toEqual({ named: [expect.anything()], errors: expect.anything() });
      if (c.fieldCode) expect(named[0].code).toBe(c.fieldCode);
      if (c.says) expect(named[0].message).toMatch(c.says);
    } else if (c.says) {
      expect(problem.detail).toMatch(c.says);
    }
    expect(await snapshot()).toEqual(seen);
  });

  it.each(VALID)('stores and returns $name exactly as sent', async (v) => {
    const sent = { title: v.title, text: v.text, categoryId: fixture.demo.categoryId, rubricId: fixture.demo.rubricId, geometry: v.geometry };
    const created = await create(DEMO, sent, { 'idempotency-key': randomUUID() });
    expect({ title: created.title, text: created.text }).toEqual({ title: v.title, text: v.text });
    const again = await send('GET', `${list()}/${created.id}`, undefined);
    expect(again.type).toMatch(/^application\/json/);
    const read = JSON.parse(again.text);
    expect({ title: read.title, text: read.text, geometry: read.geometry }).toEqual({
      title: v.title, text: v.text, geometry: v.storedGeometry ?? v.geometry ?? null,
    });
    if (v.geometry) {
      const map = JSON.parse((await send('GET', features(), undefined)).text) as { features: { id: string; properties: { title: string } }[] };
      expect(map.features.find((feature) => feature.id === created.id)?.properties.title).toBe(v.title);
    }
  });

  it('replays a retry with the same key and body without storing it twice', async () => {
    const key = randomUUID();
    const body = { ...valid(fixture), title: 'Wiederholt gesendet' };
    const first = await create(DEMO, body, { 'idempotency-key': key });
    const retry = await send('POST', list(), body, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(JSON.parse(retry.text).id).toBe(first.id);
  });

  it('answered no request with a 5xx, and after the API stops the database holds only what was accepted', async () => {
    expect(api.output()).not.toMatch(/"statusCode":5\d\d/);
    await live?.end();
    live = null;
    await api.stop();
    const opened = await openDirect(db.env);
    try {
      const after = await countRows((sql) => opened.dataSource.query(sql));
      const expected = Object.fromEntries(COUNTED_TABLES.map((t) => [t, before[t] + added[t]]));
      expect(after).toEqual(expected);
      // the injected SQL was text: every table is still there
      const [{ tables }] = await opened.dataSource.query(
        `SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_name IN ('contributions', 'participants', 'idempotency_keys')`,
      );
      expect(tables).toBe(3);
    } finally {
      await opened.dataSource.destroy();
      await opened.database.stop();
    }
  });
});
