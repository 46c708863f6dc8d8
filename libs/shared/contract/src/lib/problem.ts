/**
 * The one error shape of the API: RFC 9457 problem details (application/problem+json) with a
 * machine `code`, and for refused fields a list of field errors, each with its own `code` and the
 * parameters its explanation needs (`max`, `min`, `allowed`). Clients translate the codes; the
 * English `title`, `detail` and `message` are for developers and may change.
 */

/** Every problem code the API sends, with the one HTTP status it comes with. */
export const PROBLEM_STATUS = {
  /** a malformed request the other codes do not name */
  bad_request: 400,
  /** the body is not JSON (or valid JSON that is not an object or array) */
  invalid_json: 400,
  /** the body is not valid UTF-8 */
  invalid_encoding: 400,
  /** the body must be one JSON object */
  body_not_object: 400,
  /** query parameters refused; `errors` names them */
  invalid_query: 400,
  /** a header (e.g. Idempotency-Key) refused; `errors` names it */
  invalid_header: 400,
  /** a value has a form or characters the database cannot take (e.g. a NUL in a path) */
  invalid_value: 400,
  /** planner endpoint without a session */
  sign_in_required: 401,
  /** wrong e-mail address or password */
  sign_in_failed: 401,
  /** X-Table-Key is not the key of any workshop table */
  table_link_invalid: 401,
  /** the planner's role does not allow this */
  forbidden: 403,
  /** only admins may do this */
  admin_only: 403,
  /** the X-CSRF-Token header is missing or does not match the session */
  csrf_invalid: 403,
  /** a table link allows only its procedure's participant writes and public reads */
  table_link_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  /** the request body did not arrive within REQUEST_TIMEOUT */
  request_timeout: 408,
  /** a conflict the other codes do not name */
  conflict: 409,
  /** the item exists already (a unique value is taken) */
  already_exists: 409,
  /** another planner has this e-mail address */
  email_taken: 409,
  /** this participant reported this item already */
  already_reported: 409,
  /** the procedure's participation phase does not run (`what`: contributions, comments, ratings, reports) */
  participation_closed: 409,
  /** the procedure takes no comments */
  comments_off: 409,
  /** the procedure takes no ratings */
  ratings_off: 409,
  /** a category or rubric still used by `count` contributions */
  in_use: 409,
  /** an admin cannot take away their own admin role */
  own_admin_role: 409,
  /** a planner cannot disable their own account */
  own_account: 409,
  /** a moderation action the item's state does not allow (`state`) */
  state_transition: 409,
  /** the workshop's appointment day is over */
  appointment_over: 409,
  /** this installation sends no e-mail (SMTP_URL unset), so it offers no notifications */
  notifications_off: 409,
  /** this installation has no geocoder (GEOCODER_URL unset), so it offers no address search */
  address_search_off: 409,
  /** a manager revoked the table link, or its procedure is no longer public */
  table_link_revoked: 410,
  /** the table link was valid until the end of its appointment's day */
  table_link_expired: 410,
  /** the confirmation link of an e-mail notification is older than its 48 hours; the address was deleted */
  confirmation_expired: 410,
  /** the body or upload is larger than the API takes */
  body_too_large: 413,
  /** the request is too large for the database to process */
  too_complex: 413,
  /** the body (or uploaded file) has a media type the endpoint does not take */
  unsupported_media_type: 415,
  /** refused fields, each in `errors` */
  validation_failed: 422,
  /** a referenced item does not exist */
  reference_missing: 422,
  /** a value breaks a rule of the data */
  data_rule: 422,
  /** too many writes; `retryAfter` seconds (and the Retry-After header) say when to try again */
  rate_limited: 429,
  /** too many failed sign-ins; `retryAfter` seconds */
  sign_in_throttled: 429,
  internal_error: 500,
  /** the database is not available right now; retry after `retryAfter` seconds with the same Idempotency-Key */
  database_unavailable: 503,
  /** the API instance holds as many live event streams as it may */
  too_many_live_connections: 503,
  /** unavailable for another reason */
  service_unavailable: 503,
  /** the geocoder did not answer in time or answered with an error; try again later */
  geocoder_unavailable: 503,
} as const satisfies Record<string, number>;

export type ProblemCode = keyof typeof PROBLEM_STATUS;
export const PROBLEM_CODES = Object.keys(PROBLEM_STATUS) as ProblemCode[];

/** What a write by a participant was, in `participation_closed`. */
export const PARTICIPATION_WRITES = ['contributions', 'comments', 'ratings', 'reports'] as const;
export type ParticipationWrite = (typeof PARTICIPATION_WRITES)[number];

/** Every code of a refused field. */
export const FIELD_ERROR_CODES = [
  // presence and text
  /** missing, or empty */
  'required',
  /** empty once invisible characters (spaces, zero-width, format characters) are removed */
  'blank_text',
  /** a NUL character or an unpaired surrogate */
  'unstorable_text',
  /** fewer than `min` characters */
  'too_short',
  /** more than `max` characters */
  'too_long',
  // types
  'not_text',
  'not_number',
  'not_integer',
  'not_boolean',
  'not_object',
  'not_array',
  // ranges and lists
  /** below `min` */
  'too_small',
  /** above `max` */
  'too_big',
  /** fewer than `min` items */
  'too_few_items',
  /** more than `max` items */
  'too_many_items',
  /** not one of `allowed` */
  'not_allowed',
  /** a field the endpoint does not know */
  'unknown_field',
  /** nested deeper than `max` levels */
  'too_deep',
  /** the same item twice */
  'duplicate',
  /** the procedure has `max` of these already */
  'limit_reached',
  // formats
  'invalid_format',
  'invalid_email',
  'invalid_url',
  'invalid_colour',
  'invalid_slug',
  /** not a date, time or day of the calendar */
  'invalid_date',
  /** not an id (UUID) */
  'invalid_id',
  'invalid_bbox',
  /** not a cursor of a previous page */
  'invalid_cursor',
  // relations
  /** an end before its start */
  'end_before_start',
  /** two parameters that exclude each other */
  'not_combinable',
  /** the id is not one of this procedure's (categories, rubrics, appointments, uploads, comments, workshops, …) */
  'not_in_procedure',
  /** replies are one level deep */
  'reply_depth',
  /** the appointment's day is over */
  'appointment_over',
  // accounts
  'wrong_password',
  'password_is_email',
  // idempotency
  /** the Idempotency-Key was used for another request */
  'key_reused',
  // geometry (the one rule set in libs/api/participation)
  /** not a GeoJSON geometry of the expected shape */
  'invalid_geojson',
  /** the procedure takes only the `allowed` geometry types */
  'geometry_type_not_allowed',
  /** a position is not [longitude, latitude] of finite numbers */
  'invalid_position',
  /** a longitude outside -180..180 or a latitude outside -90..90 */
  'position_out_of_range',
  /** a line needs two different positions, a ring four */
  'too_few_positions',
  /** a ring's last position must equal its first */
  'ring_not_closed',
  /** more than `max` positions */
  'too_many_positions',
  /** more than `max` rings or polygons */
  'too_many_parts',
  /** the edges of a polygon cross or touch each other */
  'self_intersection',
  /** a line crosses or touches itself */
  'self_crossing',
  /** otherwise not valid by PostGIS (`reason`) */
  'invalid_geometry',
  /** an edge between two opposite points of the globe */
  'antipodal_edge',
  /** larger than `max` (square metres of a polygon, metres of a line) */
  'too_large',
  /** not within the planning area grown by `max` metres */
  'outside_planning_area',
  /** the procedure needs a location */
  'location_required',
  // uploads
  'unsupported_file_type',
  'file_damaged',
  'image_too_large',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** One refused field. */
export interface FieldError {
  /** the field's path, e.g. `title`, `phases.0.endsAt`, `geometry.coordinates[0]` */
  field: string;
  code: FieldErrorCode;
  /** for developers, in English */
  message: string;
  /** the upper bound of too_long, too_big, too_many_items, too_many_positions, too_many_parts, too_large, limit_reached, too_deep; the margin in metres of outside_planning_area */
  max?: number;
  /** the lower bound of too_short, too_small, too_few_items */
  min?: number;
  /** the values not_allowed and geometry_type_not_allowed would take */
  allowed?: (string | number)[];
  /** PostGIS's reason for invalid_geometry, in English */
  reason?: string;
}

/** RFC 9457 problem details with the machine code; validation problems list the refused fields. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  /** rate_limited, sign_in_throttled, database_unavailable, too_many_live_connections: seconds to wait */
  retryAfter?: number;
  /** in_use: how many contributions use it */
  count?: number;
  /** participation_closed: which kind of write */
  what?: ParticipationWrite;
  /** state_transition: the item's state */
  state?: string;
}

/** The parameters a problem may carry beside its code. */
export type ProblemParams = Pick<Problem, 'retryAfter' | 'count' | 'what' | 'state'>;

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROBLEM_STATUS, value);
}

export function isFieldErrorCode(value: unknown): value is FieldErrorCode {
  return typeof value === 'string' && (FIELD_ERROR_CODES as readonly string[]).includes(value);
}
