import { ArgumentsHost, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ArrayMaxSize, IsDefined, IsIn, IsString, Matches, MaxLength, Min } from 'class-validator';
import { PROBLEM_STATUS } from '@stadtdialog/shared/contract';
import { createValidationPipe, ProblemException, ProblemFilter, validationProblem } from './problem';

function run(exception: unknown) {
  const sent: { status?: number; type?: string; body?: string; headers: Record<string, string> } = { headers: {} };
  const response = {
    status(s: number) { sent.status = s; return this; },
    type(t: string) { sent.type = t; return this; },
    send(b: string) { sent.body = b; return this; },
    setHeader(n: string, v: string) { sent.headers[n] = v; },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ originalUrl: '/api/x' }) }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return { ...sent, json: JSON.parse(sent.body ?? '{}') };
}

describe('ProblemFilter', () => {
  it('renders validation problems with their field list', () => {
    const out = run(validationProblem([{ field: 'title', code: 'too_long', max: 120, message: 'title must be at most 120 characters' }]));
    expect(out.status).toBe(422);
    expect(out.type).toBe('application/problem+json');
    expect(out.json).toMatchObject({
      status: 422, code: 'validation_failed', instance: '/api/x', errors: [{ field: 'title', code: 'too_long', max: 120 }],
    });
  });

  it('maps a foreign-key violation from PostgreSQL to 422, not 500', () => {
    const out = run(Object.assign(new Error('fk'), { code: '23503', constraint: 'contributions_category_fk' }));
    expect(out.status).toBe(422);
    expect(out.json.code).toBe('reference_missing');
    expect(out.json.detail).toContain('contributions_category_fk');
  });

  it('answers malformed JSON from the body parser with 400', () => {
    const out = run(Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' }));
    expect(out.status).toBe(400);
    expect(out.json).toMatchObject({ code: 'invalid_json', detail: 'The body is not valid JSON' });
  });

  it('hides the message of unexpected errors', () => {
    const out = run(new Error('password=secret in connection string'));
    expect(out.status).toBe(500);
    expect(out.json.code).toBe('internal_error');
    expect(out.body).not.toContain('secret');
  });

  it('keeps Nest HTTP exceptions as they are', () => {
    expect(run(new NotFoundException('no such procedure')).json).toMatchObject({ status: 404, code: 'not_found', detail: 'no such procedure' });
    expect(run(new PayloadTooLargeException('File too large')).json).toMatchObject({ status: 413, code: 'body_too_large' });
  });

  it('takes the status from the code, and Retry-After and the params into the body', () => {
    const out = run(new ProblemException('rate_limited', 'slow down', { headers: { 'Retry-After': '7' } }));
    expect(out.status).toBe(PROBLEM_STATUS.rate_limited);
    expect(out.headers['Retry-After']).toBe('7');
    expect(out.headers['Cache-Control']).toBe('no-store');
    expect(out.json).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 7, title: 'Too many requests' });
    expect(run(new ProblemException('in_use', 'used', { params: { count: 3 } })).json).toMatchObject({ status: 409, code: 'in_use', count: 3 });
  });
});

class Sample {
  @IsDefined() @IsString() @MaxLength(120) title!: string;
  @IsIn(['pre', 'post']) moderation!: string;
  @Min(1) threshold!: number;
  @ArrayMaxSize(2) tags!: string[];
  @Matches(/^#[0-9a-f]{6}$/, { context: { code: 'invalid_colour' } }) colour!: string;
  @Matches(/^x$/, { context: { code: 'no such code' } }) other!: string;
}

describe('the validation pipe', () => {
  const pipe = createValidationPipe();
  const errorsOf = async (value: unknown, type: 'body' | 'query' = 'body') => {
    try {
      await pipe.transform(value, { type, metatype: Sample });
    } catch (error) {
      return error as ProblemException;
    }
    throw new Error('accepted');
  };
  const valid = { title: 'a', moderation: 'pre', threshold: 1, tags: [], colour: '#000000', other: 'x' };

  it('gives every failed constraint its code and the bound its decorator names', async () => {
    const problem = await errorsOf({ ...valid, title: 'x'.repeat(121), moderation: 'never', threshold: 0, tags: ['a', 'b', 'c'] });
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: 'title', code: 'too_long', max: 120 }),
      expect.objectContaining({ field: 'moderation', code: 'not_allowed', allowed: ['pre', 'post'] }),
      expect.objectContaining({ field: 'threshold', code: 'too_small', min: 1 }),
      expect.objectContaining({ field: 'tags', code: 'too_many_items', max: 2 }),
    ]);
  });

  it('names missing and unknown fields, and takes a code a DTO gives as context', async () => {
    const problem = await errorsOf({ ...valid, title: undefined, colour: 'red', other: 'y', surprise: 1 });
    expect(problem.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'title', code: 'required' }),
      expect.objectContaining({ field: 'colour', code: 'invalid_colour' }),
      expect.objectContaining({ field: 'other', code: 'invalid_format' }),
      expect.objectContaining({ field: 'surprise', code: 'unknown_field' }),
    ]));
  });

  it('answers refused query parameters as invalid_query (400) with the same field codes', async () => {
    const problem = await errorsOf({ ...valid, moderation: 'x' }, 'query');
    expect(problem.getStatus()).toBe(400);
    expect(problem.code).toBe('invalid_query');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'moderation', code: 'not_allowed' })]);
  });

  it('refuses a body that is not one object as body_not_object', async () => {
    expect((await errorsOf([1, 2])).code).toBe('body_not_object');
  });
});

describe('problem codes', () => {
  it('have one status each, all of them 4xx or 5xx', () => {
    for (const status of Object.values(PROBLEM_STATUS)) expect(status).toBeGreaterThanOrEqual(400);
  });
});
