import {
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

/** class-validator with unknown fields refused and answers in the problem shape. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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

/** PostgreSQL errors a client can cause, mapped to what they mean for the client. */
const PG_ERRORS: Record<string, [number, string]> = {
  '23505': [409, 'This already exists'],
  '23503': [422, 'A referenced item does not exist'],
  '23514': [422, 'A value breaks a rule of the data'],
  '22P02': [400, 'A value has the wrong format'],
  '22001': [422, 'A value is too long'],
  '54000': [413, 'The request is too large to process'],
};

interface HttpRequestLike {
  originalUrl?: string;
  url: string;
}

interface HttpResponseLike {
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
  render(exception: unknown, request: HttpRequestLike, response: HttpResponseLike): void {
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl ?? request.url;
    if (problem.status >= 500) {
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
        pg.type === 'entity.parse.failed' ? 'The body is not valid JSON' :
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
