import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { ProblemFilter, validationProblem } from './problem';

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
    const out = run(validationProblem([{ field: 'title', message: 'title must not be empty' }]));
    expect(out.status).toBe(422);
    expect(out.type).toBe('application/problem+json');
    expect(out.json).toMatchObject({ status: 422, instance: '/api/x', errors: [{ field: 'title' }] });
  });

  it('maps a foreign-key violation from PostgreSQL to 422, not 500', () => {
    const out = run(Object.assign(new Error('fk'), { code: '23503', constraint: 'contributions_category_fk' }));
    expect(out.status).toBe(422);
    expect(out.json.detail).toContain('contributions_category_fk');
  });

  it('answers malformed JSON from the body parser with 400', () => {
    const out = run(Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' }));
    expect(out.status).toBe(400);
    expect(out.json.detail).toBe('The body is not valid JSON');
  });

  it('hides the message of unexpected errors', () => {
    const out = run(new Error('password=secret in connection string'));
    expect(out.status).toBe(500);
    expect(out.body).not.toContain('secret');
  });

  it('keeps Nest HTTP exceptions as they are', () => {
    expect(run(new NotFoundException('no such procedure')).json).toMatchObject({ status: 404, detail: 'no such procedure' });
  });
});
