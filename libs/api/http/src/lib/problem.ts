import {
  ArgumentMetadata,
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import {
  FieldError,
  FieldErrorCode,
  isFieldErrorCode,
  isProblemCode,
  Problem,
  PROBLEM_STATUS,
  ProblemCode,
  ProblemParams,
} from '@stadtdialog/shared/contract';
import { BodyRequestLike, jsonBodyError, nonJsonBodyDetail } from './json-body';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';

export type { FieldError, FieldErrorCode, ProblemCode } from '@stadtdialog/shared/contract';

/** The English title of each problem code (for developers; clients translate the code). */
export const PROBLEM_TITLES: Record<ProblemCode, string> = {
  bad_request: 'Bad request',
  invalid_json: 'The body is not valid JSON',
  invalid_encoding: 'The body is not valid UTF-8',
  body_not_object: 'The body must be a JSON object',
  invalid_query: 'The request has invalid query parameters',
  invalid_header: 'The request has an invalid header',
  invalid_value: 'A value has the wrong format',
  sign_in_required: 'Sign-in required',
  sign_in_failed: 'Sign-in failed',
  table_link_invalid: 'Table link invalid',
  forbidden: 'Not allowed',
  admin_only: 'Only admins may do this',
  csrf_invalid: 'CSRF token missing or wrong',
  table_link_not_allowed: 'Not allowed with a table link',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  request_timeout: 'Request timeout',
  conflict: 'Conflict',
  already_exists: 'This already exists',
  email_taken: 'This e-mail address is taken',
  already_reported: 'Already reported',
  participation_closed: 'The procedure is not open for this',
  comments_off: 'Comments are closed',
  ratings_off: 'Ratings are closed',
  in_use: 'Still in use',
  own_admin_role: 'Own admin role',
  own_account: 'Own account',
  state_transition: 'Not possible in this state',
  appointment_over: 'The appointment is over',
  notifications_off: 'E-mail notifications are off',
  address_search_off: 'Address search is off',
  table_link_revoked: 'Table link revoked',
  table_link_expired: 'Table link expired',
  confirmation_expired: 'Confirmation link expired',
  body_too_large: 'Request body too large',
  too_complex: 'The request is too large to process',
  unsupported_media_type: 'Unsupported media type',
  validation_failed: 'The request has invalid fields',
  reference_missing: 'A referenced item does not exist',
  data_rule: 'A value breaks a rule of the data',
  rate_limited: 'Too many requests',
  sign_in_throttled: 'Too many failed sign-ins',
  internal_error: 'Internal server error',
  database_unavailable: 'Service unavailable',
  too_many_live_connections: 'Too many live connections',
  service_unavailable: 'Service unavailable',
  geocoder_unavailable: 'The address search is not available right now',
};

export interface ProblemOptions {
  /** the refused fields */
  errors?: FieldError[];
  /** response headers, e.g. Retry-After (also given as `retryAfter` in the body) */
  headers?: Record<string, string>;
  /** what the code's explanation needs beside it */
  params?: ProblemParams;
}

/**
 * Every error the API answers on purpose: a code from the contract (which fixes the status), an
 * English detail for developers, and the refused fields with their own codes.
 */
export class ProblemException extends HttpException {
  readonly title: string;
  readonly errors?: FieldError[];
  readonly headers: Record<string, string>;
  readonly params: ProblemParams;

  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    options: ProblemOptions = {},
  ) {
    super(detail ?? PROBLEM_TITLES[code], PROBLEM_STATUS[code]);
    this.title = PROBLEM_TITLES[code];
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.params = options.params ?? {};
  }
}

/** A refused field: its code, an English message and the parameters of the code. */
export function fieldError(
  field: string,
  code: FieldErrorCode,
  message: string,
  params: Omit<FieldError, 'field' | 'code' | 'message'> = {},
): FieldError {
  return { field, code, message, ...params };
}

export function validationProblem(errors: FieldError[], detail?: string): ProblemException {
  return new ProblemException('validation_failed', detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

/** class-validator's constraint names, and what they mean as a field error code. */
const CONSTRAINT_CODES: Record<string, FieldErrorCode> = {
  isDefined: 'required',
  isNotEmpty: 'required',
  isString: 'not_text',
  maxLength: 'too_long',
  minLength: 'too_short',
  isUuid: 'invalid_id',
  isObject: 'not_object',
  isIn: 'not_allowed',
  isInt: 'not_integer',
  isNumber: 'not_number',
  isBoolean: 'not_boolean',
  isArray: 'not_array',
  min: 'too_small',
  max: 'too_big',
  arrayMinSize: 'too_few_items',
  arrayMaxSize: 'too_many_items',
  isEmail: 'invalid_email',
  isUrl: 'invalid_url',
  matches: 'invalid_format',
  isIso8601: 'invalid_date',
  whitelistValidation: 'unknown_field',
  nestedValidation: 'not_object',
  bbox: 'invalid_bbox',
};

/** The arguments a decorator was given (`@MaxLength(120)` → [120]), from class-validator's metadata. */
function constraintArguments(target: object | undefined, property: string, name: string): unknown[] {
  if (!target || typeof target !== 'object') return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const own = metadata.find((m) => m.propertyName === property && (m.name === name || m.type === name));
  return own?.constraints ?? [];
}

/** A field error for one failed class-validator constraint; a DTO may name a more exact code as `context: { code }`. */
function constraintError(error: ValidationError, field: string, name: string, message: string): FieldError {
  const override = (error.contexts?.[name] as { code?: unknown } | undefined)?.code;
  const code = isFieldErrorCode(override) ? override : CONSTRAINT_CODES[name] ?? 'invalid_format';
  const [bound] = constraintArguments(error.target, error.property, name);
  const result = fieldError(field, code, message);
  if (typeof bound === 'number') {
    if (['maxLength', 'max', 'arrayMaxSize'].includes(name)) result.max = bound;
    if (['minLength', 'min', 'arrayMinSize'].includes(name)) result.min = bound;
  }
  if (name === 'isIn' && Array.isArray(bound)) result.allowed = bound as (string | number)[];
  return result;
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([name, message]) => constraintError(error, field, name, message));
    return own.concat(flattenValidationErrors(error.children ?? [], field));
  });
}

/**
 * The whole body (`@Body()` without a property name) is checked for shape before class-validator sees it.
 * Invalid query parameters are a 400 (the address is wrong), with the same field list as a 422 for a body.
 */
class ProblemValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.data === undefined) {
      const error = jsonBodyError(value);
      if (error?.kind === 'body') throw new ProblemException('body_not_object', error.detail);
      if (error?.kind === 'field') throw validationProblem([error.error]);
    }
    if (metadata.type !== 'query') return super.transform(value, metadata);
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof ProblemException) || error.code !== 'validation_failed') throw error;
      throw new ProblemException('invalid_query', error.detail, { errors: error.errors });
    }
  }
}

/** class-validator with unknown fields refused and answers in the problem shape. */
export function createValidationPipe(): ValidationPipe {
  return new ProblemValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    // the target (the DTO instance) names the class whose decorators give the bounds (max, min, allowed)
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}

/** The code of an HTTP error raised by Nest itself or a library (no route, multer's size limit, …). */
const STATUS_CODES: Record<number, ProblemCode> = {
  400: 'bad_request',
  401: 'sign_in_required',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  413: 'body_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
  500: 'internal_error',
  503: 'service_unavailable',
};

function codeOfStatus(status: number): ProblemCode {
  return STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

/** The JSON parser refuses valid JSON that is not an object or array (`null`, `42`) with the same error as broken JSON. */
function isJson(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** PostgreSQL errors a client can cause, mapped to what they mean for the client. */
const PG_ERRORS: Record<string, [ProblemCode, string]> = {
  '23505': ['already_exists', 'This already exists'],
  '23503': ['reference_missing', 'A referenced item does not exist'],
  '23514': ['data_rule', 'A value breaks a rule of the data'],
  '22P02': ['invalid_value', 'A value has the wrong format'],
  // e.g. a NUL character in a path parameter, which PostgreSQL text cannot hold
  '22021': ['invalid_value', 'A value has characters the database cannot store'],
  '22001': ['data_rule', 'A value is too long'],
  '54000': ['too_complex', 'The request is too large to process'],
};

/** Body-parser errors by their `type`. */
const BODY_PARSER_CODES: Record<string, ProblemCode> = {
  'entity.too.large': 'body_too_large',
  'encoding.invalid': 'invalid_encoding',
  'encoding.unsupported': 'unsupported_media_type',
  'charset.unsupported': 'unsupported_media_type',
};

export interface HttpRequestLike {
  originalUrl?: string;
  url: string;
}

export interface HttpResponseLike {
  setHeader(name: string, value: string): void;
  status(code: number): HttpResponseLike;
  type(type: string): HttpResponseLike;
  send(body: string): unknown;
}

function problemBody(code: ProblemCode, status: number, detail?: string, extra: Partial<Problem> = {}): Problem {
  return { type: 'about:blank', title: PROBLEM_TITLES[code], status, code, ...(detail ? { detail } : {}), ...extra };
}

/** Renders every error as RFC 9457 application/problem+json with its code; never leaks internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    this.render(exception, ctx.getRequest(), ctx.getResponse());
  }

  /** Also the express error handler for errors raised before Nest routes (the JSON body parser). */
  render(raw: unknown, request: HttpRequestLike, response: HttpResponseLike): void {
    const unavailable = isDatabaseUnavailable(raw);
    const exception = unavailable ? databaseUnavailableProblem() : raw;
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl ?? request.url;
    if (unavailable) {
      this.logger.warn({ path: problem.instance, reason: (raw as Error).message }, 'database unavailable, answered 503');
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, path: problem.instance }, 'unhandled error');
    }
    // A refusal holds for now only: browsers keep a 410 without Cache-Control for good, so a table link
    // whose appointment moved ahead would stay "expired" in the browser.
    response.setHeader('Cache-Control', 'no-store');
    if (exception instanceof ProblemException) {
      for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    }
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof ProblemException) {
      const retryAfter = Number(exception.headers['Retry-After']);
      return problemBody(exception.code, exception.getStatus(), exception.detail, {
        ...(exception.errors ? { errors: exception.errors } : {}),
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
        ...exception.params,
      });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'string' ? body : Array.isArray((body as { message?: unknown }).message)
          ? ((body as { message: string[] }).message).join('; ')
          : String((body as { message?: unknown }).message ?? exception.message);
      const own = (body as { code?: unknown } | null)?.code;
      return problemBody(isProblemCode(own) && PROBLEM_STATUS[own] === status ? own : codeOfStatus(status), status, message);
    }
    const pg = exception as { code?: string; detail?: string; constraint?: string; type?: string; status?: number };
    // Body-parser errors (malformed JSON, too large, bad charset) carry their own 4xx status.
    if (typeof pg.status === 'number' && pg.status >= 400 && pg.status < 500 && typeof pg.type === 'string') {
      if (pg.type === 'entity.parse.failed') {
        return isJson((exception as { body?: unknown }).body)
          ? problemBody('body_not_object', 400, 'The body must be a JSON object')
          : problemBody('invalid_json', 400, 'The body is not valid JSON');
      }
      const code = BODY_PARSER_CODES[pg.type] ?? codeOfStatus(pg.status);
      const detail = pg.type === 'entity.too.large' ? 'The body is larger than the API accepts' : (exception as Error).message;
      return problemBody(code, pg.status, detail);
    }
    if (pg.code && PG_ERRORS[pg.code]) {
      const [code, title] = PG_ERRORS[pg.code];
      return problemBody(code, PROBLEM_STATUS[code], pg.constraint ? `${title} (${pg.constraint})` : title);
    }
    return problemBody('internal_error', 500);
  }
}

/** The database went away (restart, runaway query ended, time bound): the client retries later with the same key. */
export function databaseUnavailableProblem(): ProblemException {
  return new ProblemException(
    'database_unavailable',
    'The database is not available right now. Try again after Retry-After seconds; a write retried with the same Idempotency-Key is applied once.',
    { headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) } },
  );
}

/**
 * Express middleware before the JSON parser: a body that is not JSON is answered with 415, where
 * the parser would skip it and validation would then report every field as missing. Only the
 * paths of `multipartPaths` (file uploads, read by multer in their route) take multipart/form-data.
 */
export function refuseNonJsonBodies(problems: ProblemFilter, multipartPaths?: RegExp, formPaths?: RegExp) {
  return (request: BodyRequestLike & HttpRequestLike & { path?: string }, response: HttpResponseLike, next: () => void): void => {
    const type = request.headers['content-type'];
    const path = request.path ?? request.url;
    if (multipartPaths && typeof type === 'string' && /^multipart\/form-data\s*;/i.test(type) && multipartPaths.test(path)) {
      return next();
    }
    // One-click unsubscribe (RFC 8058): mail clients POST "List-Unsubscribe=One-Click" as a form.
    if (formPaths && typeof type === 'string' && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(type) && formPaths.test(path)) {
      return next();
    }
    const detail = nonJsonBodyDetail(request);
    if (!detail) return next();
    problems.render(new ProblemException('unsupported_media_type', detail), request, response);
  };
}
