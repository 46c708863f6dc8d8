import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import {
  FIELD_ERROR_CODES,
  PROBLEM_CODES,
  CONTRIBUTION_SORTS,
  CONTRIBUTION_SOURCES,
  CONTRIBUTION_STATUSES,
  GEOMETRY_TYPES,
  LAYER_KINDS,
  LIMITS,
  MAP_LOADING,
  MODERATION_MODES,
  PHASE_KINDS,
} from '@stadtdialog/shared/contract';

/**
 * The shapes of @stadtdialog/shared/contract as OpenAPI 3.0 components, so the document says what
 * clients get without DTO classes for answers that PostgreSQL builds. Keep them beside the contract
 * interfaces' names; the API tests check the document against real answers.
 */
export function ref(name: string): ReferenceObject {
  return { $ref: `#/components/schemas/${name}` };
}

const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const time: SchemaObject = { type: 'string', format: 'date-time' };
const text: SchemaObject = { type: 'string' };
const count = (description?: string): SchemaObject => ({ type: 'integer', minimum: 0, nullable: true, description });
/** English versions of German planner texts: `{ en: { field: text } }`, non-empty ones only; the web falls back to German. */
/** The schema of a `translations` object for these fields. */
export const translations = (...fields: string[]): SchemaObject => ({
  type: 'object',
  description: 'versions of the German texts in other UI languages; a field without one shows in German',
  properties: {
    en: { type: 'object', properties: Object.fromEntries(fields.map((field) => [field, { type: 'string' }])) },
  },
});

const object = (properties: Record<string, SchemaObject | ReferenceObject>, optional: string[] = []): SchemaObject => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
});
const position: SchemaObject = {
  type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 3, description: '[longitude, latitude] in WGS 84 (RFC 7946)',
};
const geometry = (type: string, coordinates: SchemaObject): SchemaObject => object({ type: { type: 'string', enum: [type] }, coordinates });
const hidden = 'null where the procedure hides it';

export const API_SCHEMAS: Record<string, SchemaObject> = {
  FieldErrorCode: {
    type: 'string', enum: [...FIELD_ERROR_CODES],
    description: 'why a field was refused; clients translate the code (the message is English for developers)',
  },
  FieldError: {
    ...object({
      field: { type: 'string', description: 'path of the field, e.g. title, phases.0.endsAt, geometry.coordinates[0]' },
      code: ref('FieldErrorCode'),
      message: { type: 'string', description: 'English, for developers' },
      max: { type: 'number', description: 'the upper bound of too_long, too_big, too_many_items, too_many_positions, too_many_parts, too_large, limit_reached, too_deep; the margin in metres of outside_planning_area' },
      min: { type: 'number', description: 'the lower bound of too_short, too_small, too_few_items, too_few_positions' },
      allowed: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }] }, description: 'the values not_allowed and geometry_type_not_allowed would take' },
      reason: { type: 'string', description: "PostGIS's reason for invalid_geometry and self_intersection, in English" },
    }, ['max', 'min', 'allowed', 'reason']),
  },
  ProblemCode: {
    type: 'string', enum: [...PROBLEM_CODES],
    description: 'what went wrong; each code comes with one HTTP status (see the responses of each operation)',
  },
  Problem: {
    ...object({
      type: text, title: { type: 'string', description: 'English, for developers' }, status: { type: 'integer' },
      code: ref('ProblemCode'),
      detail: { type: 'string', description: 'English, for developers' }, instance: text,
      errors: { type: 'array', items: ref('FieldError') },
      retryAfter: { type: 'integer', minimum: 1, description: 'rate_limited, sign_in_throttled, database_unavailable, too_many_live_connections: seconds to wait (also the Retry-After header)' },
      count: { type: 'integer', minimum: 1, description: 'in_use: how many contributions use the category or rubric' },
      what: { type: 'string', enum: ['contributions', 'comments', 'ratings', 'reports'], description: 'participation_closed: the kind of write' },
      state: { type: 'string', description: "state_transition: the item's state" },
    }, ['detail', 'instance', 'errors', 'retryAfter', 'count', 'what', 'state']),
    description: 'RFC 9457 problem details (application/problem+json) with a machine code; validation problems name each field with its own code.',
  },

  Point: geometry('Point', position),
  LineString: geometry('LineString', { type: 'array', items: position, minItems: 2 }),
  Polygon: geometry('Polygon', { type: 'array', items: { type: 'array', items: position, minItems: 4 } }),
  MultiPolygon: geometry('MultiPolygon', {
    type: 'array', items: { type: 'array', items: { type: 'array', items: position, minItems: 4 } },
  }),
  ContributionGeometry: {
    oneOf: [ref('Point'), ref('LineString'), ref('Polygon')],
    discriminator: { propertyName: 'type' },
    description: `GeoJSON geometry of at most ${LIMITS.maxGeometryVertices} positions within the planning area`,
  },

  LocationCheck: object({ geometry: ref('ContributionGeometry') }),
  LocationVerdict: object({ valid: { type: 'boolean', enum: [true] } }),
  NewContribution: object({
    title: text, text,
    categoryId: uuid, rubricId: uuid,
    geometry: { allOf: [ref('ContributionGeometry')], nullable: true },
    workshopId: { ...uuid, nullable: true, description: 'phone hand-off from a workshop table: an active workshop of the procedure' },
  }, ['geometry', 'workshopId']),
  Contribution: object({
    id: uuid, procedureId: uuid, title: text, text, categoryId: uuid, rubricId: uuid,
    geometry: { allOf: [ref('ContributionGeometry')], nullable: true },
    status: { type: 'string', enum: [...CONTRIBUTION_STATUSES], description: 'published, or pending for its author under pre-moderation' },
    source: { type: 'string', enum: [...CONTRIBUTION_SOURCES] },
    workshopId: { ...uuid, nullable: true, description: 'the workshop it was made at (table or phone hand-off)' },
    createdAt: time, updatedAt: time,
    ratingsUp: count(hidden), ratingsDown: count(hidden), commentCount: count(hidden),
  }),
  ContributionPage: object({
    items: { type: 'array', items: ref('Contribution'), maxItems: LIMITS.maxPageSize },
    total: { type: 'integer', minimum: 0, description: 'how many contributions match the filter, over all pages' },
    totalsByCategory: {
      type: 'object',
      additionalProperties: { type: 'integer', minimum: 1 },
      description: 'total by category id; categories without a match are left out',
    },
    nextCursor: { type: 'string', nullable: true, description: 'pass as cursor for the next page; null on the last page' },
  }),
  ContributionSort: { type: 'string', enum: [...CONTRIBUTION_SORTS] },
  ContributionFeatureProperties: object({
    title: text, categoryId: uuid, rubricId: uuid, colour: { type: 'string', example: '#2e7d32' }, createdAt: time,
    ratingsUp: count(hidden), ratingsDown: count(hidden), commentCount: count(hidden),
  }),
  ContributionFeature: object({
    type: { type: 'string', enum: ['Feature'] }, id: uuid, geometry: ref('ContributionGeometry'),
    properties: ref('ContributionFeatureProperties'),
  }),
  ContributionFeatureCollection: object({
    type: { type: 'string', enum: ['FeatureCollection'] },
    features: { type: 'array', items: ref('ContributionFeature'), maxItems: MAP_LOADING.featuresPerRequest },
    truncated: { type: 'boolean', description: 'more features matched than one request answers; these are the newest' },
  }, ['truncated']),
  ContributionClusterFeature: object({
    type: { type: 'string', enum: ['Feature'] },
    id: { type: 'string', example: 'cluster/13/4402/2621' },
    geometry: ref('Point'),
    properties: object({ count: { type: 'integer', minimum: 2, description: 'contributions in the cell' } }),
  }),
  ContributionClusterCollection: object({
    type: { type: 'string', enum: ['FeatureCollection'] },
    zoom: { type: 'integer', minimum: MAP_LOADING.minZoom, maximum: MAP_LOADING.maxZoom },
    features: { type: 'array', items: { oneOf: [ref('ContributionClusterFeature'), ref('ContributionFeature')] } },
  }),

  Comment: object({
    id: uuid, contributionId: uuid, parentId: { ...uuid, nullable: true }, text, official: { type: 'boolean' }, createdAt: time,
    status: { type: 'string', enum: ['pending', 'published'], description: 'only in the answer to its author\'s POST' },
    replies: { type: 'array', items: ref('Comment') },
  }, ['status', 'replies']),
  NewComment: object({ text, parentId: { ...uuid, nullable: true, description: 'reply to a top-level comment' } }, ['parentId']),
  NewRating: object({ value: { type: 'integer', enum: [1, -1] } }),
  RatingSummary: object({
    up: count(hidden), down: count(hidden), own: { type: 'integer', enum: [1, -1], nullable: true, description: 'the caller\'s rating' },
  }),
  ContributionDetail: {
    allOf: [
      ref('Contribution'),
      object({ rating: ref('RatingSummary'), comments: { type: 'array', items: ref('Comment') }, mine: { type: 'boolean' } }),
    ],
  },
  NewReport: {
    ...object(
      { contributionId: uuid, commentId: uuid, variantCommentId: uuid, reason: { type: 'string', maxLength: LIMITS.maxReportReasonLength } },
      ['contributionId', 'commentId', 'variantCommentId'],
    ),
    description: 'exactly one of contributionId, commentId and variantCommentId (a comment on a variant)',
  },
  ReportReceipt: object({ id: uuid }),
  VariantComment: object({
    id: uuid, variantId: uuid, text, createdAt: time,
    status: { type: 'string', enum: ['pending', 'published'], description: 'only in the answer to its author\'s POST' },
  }, ['status']),
  NewVariantComment: object({ text }),

  Phase: object({
    id: uuid, kind: { type: 'string', enum: [...PHASE_KINDS] }, title: text, startsAt: time, endsAt: time,
    state: { type: 'string', enum: ['upcoming', 'open', 'closed'] }, translations: translations('title'),
  }),
  Category: object({ id: uuid, name: text, colour: text, icon: text, translations: translations('name') }),
  Rubric: object({ id: uuid, kind: text, name: text, translations: translations('name') }),
  Appointment: object({
    id: uuid, title: text, description: text, startsAt: time, endsAt: { ...time, nullable: true }, place: text,
    location: { allOf: [ref('Point')], nullable: true }, translations: translations('title', 'description'),
  }),
  MapLayer: object({
    id: text, kind: { type: 'string', enum: [...LAYER_KINDS] }, title: text, url: text,
    role: { type: 'string', enum: ['base', 'overlay'] }, visible: { type: 'boolean' }, opacity: { type: 'number' },
    attribution: text, layers: text, matrixSet: text, extent: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 },
  }, ['visible', 'opacity', 'attribution', 'layers', 'matrixSet', 'extent']),
  MapConfiguration: object({
    projection: { type: 'string', example: 'EPSG:3857' }, center: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
    zoom: { type: 'number' }, layers: { type: 'array', items: ref('MapLayer') },
  }),
  ProcedureSettings: object({
    moderation: { type: 'string', enum: [...MODERATION_MODES] },
    geometryTypes: { type: 'array', items: { type: 'string', enum: [...GEOMETRY_TYPES] } },
    locationRequired: { type: 'boolean' }, titleMaxLength: { type: 'integer' }, textMaxLength: { type: 'integer' },
    commentMaxLength: { type: 'integer' },
    comments: { type: 'string', enum: ['on', 'off', 'hidden'] }, ratings: { type: 'string', enum: ['on', 'off', 'hidden'] },
    reportThreshold: { type: 'integer' },
  }),
  ProcedureSummary: object({
    id: uuid, slug: text, title: text, summary: text, state: { type: 'string', enum: ['upcoming', 'open', 'closed'] },
    planningArea: { allOf: [ref('MultiPolygon')], nullable: true }, translations: translations('title', 'summary', 'description'),
  }),
  ProcedureDetail: {
    allOf: [
      ref('ProcedureSummary'),
      object({
        description: text, phases: { type: 'array', items: ref('Phase') }, categories: { type: 'array', items: ref('Category') },
        rubrics: { type: 'array', items: ref('Rubric') }, map: ref('MapConfiguration'), settings: ref('ProcedureSettings'),
        appointments: { type: 'array', items: ref('Appointment') },
      }),
    ],
  },

  Health: object({
    status: { type: 'string', enum: ['ok', 'degraded'] }, engine: { type: 'string', enum: ['embedded', 'server'] }, postgres: text, postgis: text,
    migrations: object({ applied: { type: 'integer' }, pending: { type: 'integer' }, last: { type: 'string', nullable: true } }),
    database: object({
      state: { type: 'string', enum: ['ok', 'busy', 'restarting', 'unavailable'] },
      busySince: { type: 'string', format: 'date-time', nullable: true },
      restarts: { type: 'integer' },
      lastIncident: {
        ...object({
          kind: { type: 'string', enum: ['query_timeout', 'engine_failed', 'connection_lost'] }, at: { type: 'string', format: 'date-time' },
          detail: text, recoveredAt: { type: 'string', format: 'date-time', nullable: true },
        }),
        nullable: true,
      },
    }),
  }),
};
