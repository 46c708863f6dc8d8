import { INestApplication, applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse, DocumentBuilder, OpenAPIObject, OperationObject, SchemaObject, SwaggerModule } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, LIMITS, PARTICIPANT_TOKEN_HEADER, PROBLEM_CODES, PROBLEM_STATUS, ProblemCode } from '@stadtdialog/shared/contract';
import { API_SCHEMAS, ref } from './openapi-schemas';

/** Where the app serves its API reference (Swagger UI from the npm package, no CDN) and the document. */
export const API_DOCS_PATH = '/api/docs';
export const OPENAPI_DOCUMENT_PATH = '/api/docs/openapi.json';

const PROBLEMS: Record<number, string> = {
  400: 'Bad request: a malformed header, query parameter or body',
  401: 'Sign-in required, or a wrong sign-in or table link',
  403: 'Not allowed for this planner or table link',
  408: 'The request body did not arrive in time',
  410: 'The table link is no longer valid',
  503: 'Unavailable for now; the Retry-After header says when to try again',
  404: 'No such public procedure or contribution',
  409: 'Conflict, e.g. the procedure is not open for participation',
  413: `The body is larger than ${LIMITS.maxBodyBytes} bytes`,
  415: 'The body is not JSON',
  422: 'Invalid fields, each named in `errors`',
  429: 'Too many writes; the Retry-After header says when to try again',
  500: 'Internal server error',
};

/** The problem codes that come with a status. */
export function problemCodesOf(status: number): ProblemCode[] {
  return PROBLEM_CODES.filter((code) => PROBLEM_STATUS[code] === status);
}

/** The Problem schema narrowed to the codes of one status, so each response lists its codes as an enum. */
function problemSchema(status: number): SchemaObject {
  const codes = problemCodesOf(status);
  if (!codes.length) return ref('Problem') as SchemaObject;
  return { allOf: [ref('Problem'), { type: 'object', properties: { code: { type: 'string', enum: codes } } }] };
}

function problemDescription(status: number): string {
  const codes = problemCodesOf(status);
  return `${PROBLEMS[status] ?? 'Problem'}${codes.length ? ` (code: ${codes.join(', ')})` : ''}`;
}

/** Error answers of a route, each an application/problem+json body with the codes of its status. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: problemDescription(status),
        content: { 'application/problem+json': { schema: problemSchema(status) } },
        ...(status === 429
          ? { headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer', minimum: 1 } } } }
          : {}),
      }),
    ),
  );
}

/** A success answer whose body is one of API_SCHEMAS. */
export function ApiJsonResponse(
  status: number,
  schema: string,
  description: string,
  options: { mediaType?: string; headers?: Record<string, { description: string; schema: SchemaObject }> } = {},
) {
  return ApiResponse({
    status,
    description,
    content: { [options.mediaType ?? 'application/json']: { schema: ref(schema) } },
    ...(options.headers ? { headers: options.headers } : {}),
  });
}

/** Headers of the answer to a write by a participant. */
export const WRITE_RESPONSE_HEADERS = {
  [PARTICIPANT_TOKEN_HEADER]: {
    description: 'only when the request had no known token: the new participant token, to send with later requests',
    schema: { type: 'string' },
  },
  'Idempotent-Replayed': {
    description: 'true when this is the stored answer to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
} satisfies Record<string, { description: string; schema: SchemaObject }>;

/** The anonymous participant's token: sent when the client has one; issued in the answer to a first write. */
export function ApiParticipantToken(options: { issues?: boolean; purpose?: string } = {}) {
  return ApiHeader({
    name: PARTICIPANT_TOKEN_HEADER,
    required: false,
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
    description:
      options.purpose ??
      `The token the server issued to this participant (keep it, e.g. in localStorage). ${
        options.issues ? `Without one the server issues a new token in the ${PARTICIPANT_TOKEN_HEADER} response header.` : ''
      }`,
  });
}

/** Every POST takes a client-made UUID: a retry with the same key and body answers the first result again. */
export function ApiIdempotencyKey() {
  return ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    schema: { type: 'string', format: 'uuid' },
    description:
      'A UUID made by the client per intended write. A retry with the same key and body replays the first answer ' +
      '(with Idempotent-Replayed: true) and creates nothing; the same key with another body is a 422.',
  });
}

/** Errors any write can meet before it reaches its route: body limits, media type and rate limit. */
export function ApiWriteProblems() {
  return ApiProblems(400, 413, 415, 422, 429);
}

/** The OpenAPI document of every route of the app, with the contract's shapes as components. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Stadtdialog API')
    .setDescription(
      'Map-based citizen participation: procedures, contributions on the map, comments, ratings and reports. ' +
        'Errors are RFC 9457 application/problem+json with a machine `code` (schema ProblemCode) and, for refused fields, `errors` each with its own `code` ' +
        '(schema FieldErrorCode) and parameters (max, min, allowed); clients translate the codes, never the English texts. ' +
        'Geometries are GeoJSON (RFC 7946) in WGS 84.',
    )
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...API_SCHEMAS } };
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.get, path.put, path.post, path.delete, path.patch]) {
      if (!operation) continue;
      if (operation.parameters) operation.parameters = describedHeaders(operation.parameters);
      // any route can fail unexpectedly, and answers that in the one error shape too
      operation.responses['500'] ??= {
        description: problemDescription(500),
        content: { 'application/problem+json': { schema: problemSchema(500) } },
      };
    }
  }
  return document;
}

type Parameter = NonNullable<OperationObject['parameters']>[number];

/**
 * A handler's `@Headers('x-name')` shows up as a required parameter of its own beside the
 * documented one (header names are case-insensitive): keep the documented header, and never
 * call a header required that the API treats as optional.
 */
function describedHeaders(parameters: Parameter[]): Parameter[] {
  const header = (p: Parameter) => ('in' in p && p.in === 'header' ? p : null);
  const documented = new Set(parameters.map((p) => header(p)?.description && header(p)?.name.toLowerCase()).filter(Boolean));
  return parameters
    .filter((p) => !header(p) || header(p)?.description || !documented.has(header(p)?.name.toLowerCase()))
    .map((p) => (header(p) && !header(p)?.description ? { ...p, required: false } : p));
}

/** Serves the document and an interactive reference from the app itself. */
export function setupApiDocs(app: INestApplication): void {
  SwaggerModule.setup(API_DOCS_PATH, app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_DOCUMENT_PATH,
    raw: ['json'],
    customSiteTitle: 'Stadtdialog API',
    // Swagger UI would otherwise ask validator.swagger.io about the document: no third parties.
    swaggerOptions: { validatorUrl: null },
  });
}
