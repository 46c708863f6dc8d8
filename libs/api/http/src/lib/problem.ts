import {
  ArgumentMetadata,
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import type { Problem } from '@stadtdialog/shared/contract';
import { BodyRequestLike, jsonBodyError, nonJsonBodyDetail } from './json-body';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';

export interface FieldError {
  field: string;
  message: string;
}

/** A 4xx answer with a field list; every validation failure of the API is one of these. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title, status);
  }
}

export function validationProblem(errors: FieldError[], detail?: string): ProblemException {
  return new ProblemException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'The request has invalid fields',
    detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  );
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
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
      if (error?.kind === 'body') throw new ProblemException(HttpStatus.BAD_REQUEST, 'The body must be a JSON object', error.detail);
      if (error?.kind === 'field') throw validationProblem([error.error]);
    }
    if (metadata.type !== 'query') return super.transform(value, metadata);
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof ProblemException) || error.getStatus() !== HttpStatus.UNPROCESSABLE_ENTITY) throw error;
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'The request has invalid query parameters', error.detail, error.errors);
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
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'The request has invalid fields',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

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
const PG_ERRORS: Record<string, [number, string]> = {
  '23505': [409, 'This already exists'],
  '23503': [422, 'A referenced item does not exist'],
  '23514': [422, 'A value breaks a rule of the data'],
  '22P02': [400, 'A value has the wrong format'],
  // e.g. a NUL character in a path parameter, which PostgreSQL text cannot hold
  '22021': [400, 'A value has characters the database cannot store'],
  '22001': [422, 'A value is too long'],
  '54000': [413, 'The request is too large to process'],
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

/** Renders every error as RFC 9457 application/problem+json; never leaks internals. */
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
    if (exception instanceof ProblemException) {
      for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    }
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof ProblemException) {
      return {
        type: 'about:blank',
        title: exception.title,
        status: exception.getStatus(),
        ...(exception.detail ? { detail: exception.detail } : {}),
        ...(exception.errors ? { errors: exception.errors } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'string' ? body : Array.isArray((body as { message?: unknown }).message)
          ? ((body as { message: string[] }).message).join('; ')
          : String((body as { message?: unknown }).message ?? exception.message);
      return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail: message };
    }
    const pg = exception as { code?: string; detail?: string; constraint?: string; type?: string; status?: number };
    // Body-parser errors (malformed JSON, too large, bad charset) carry their own 4xx status.
    if (typeof pg.status === 'number' && pg.status >= 400 && pg.status < 500 && typeof pg.type === 'string') {
      const detail =
        pg.type === 'entity.parse.failed' ? (isJson((exception as { body?: unknown }).body)
          ? 'The body must be a JSON object' : 'The body is not valid JSON') :
        pg.type === 'entity.too.large' ? 'The body is larger than the API accepts' :
        (exception as Error).message;
      return { type: 'about:blank', title: TITLES[pg.status] ?? 'Bad request', status: pg.status, detail };
    }
    if (pg.code && PG_ERRORS[pg.code]) {
      const [status, title] = PG_ERRORS[pg.code];
      return {
        type: 'about:blank', title, status,
        detail: pg.constraint ? `${title} (${pg.constraint})` : title,
      };
    }
    return { type: 'about:blank', title: TITLES[500], status: 500 };
  }
}

/** The database went away (restart, runaway query ended, time bound): the client retries later with the same key. */
export function databaseUnavailableProblem(): ProblemException {
  return new ProblemException(
    HttpStatus.SERVICE_UNAVAILABLE,
    TITLES[503],
    'The database is not available right now. Try again after Retry-After seconds; a write retried with the same Idempotency-Key is applied once.',
    undefined,
    { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
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
    problems.render(new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, TITLES[415], detail), request, response);
  };
}
