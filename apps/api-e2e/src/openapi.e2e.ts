import { ContributionPage, FIELD_ERROR_CODES, PROBLEM_CODES, PROBLEM_STATUS, Problem, ProcedureDetail } from '@stadtdialog/shared/contract';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, getJson, startApi } from './server';

interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[]; allOf?: unknown[]; enum?: string[] }> };
}

/** The routes of the API; a new route must show up in the document. */
const ROUTES = [
  'get /api/health',
  'get /api/v1/procedures',
  'get /api/v1/procedures/{slug}',
  'get /api/v1/procedures/{slug}/contributions',
  'post /api/v1/procedures/{slug}/contributions',
  'post /api/v1/procedures/{slug}/contributions/validate-location',
  'get /api/v1/procedures/{slug}/contributions/features',
  'get /api/v1/procedures/{slug}/contributions/clusters',
  'get /api/v1/procedures/{slug}/contributions/{id}',
  'post /api/v1/procedures/{slug}/contributions/{id}/comments',
  'put /api/v1/procedures/{slug}/contributions/{id}/rating',
  'delete /api/v1/procedures/{slug}/contributions/{id}/rating',
  'post /api/v1/procedures/{slug}/reports',
  'get /api/v1/site',
  'get /api/v1/pages/{key}',
  'post /api/v1/accessibility-feedback',
  'get /api/v1/me/contributions',
  'post /api/v1/me/contributions/{id}/notifications',
  'delete /api/v1/me/contributions/{id}/notifications',
  'post /api/v1/notifications/confirm',
  'post /api/v1/notifications/unsubscribe',
  'get /api/v1/procedures/{slug}/places',
];

const WRITES = ['post', 'put', 'patch', 'delete'];

describe(`the API reference on the ${ENGINE} engine`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let document: OpenApiDocument;

  beforeAll(async () => {
    db = await freshDatabase();
    api = await startApi(db.env);
    const response = await getJson<OpenApiDocument>(api, '/api/docs/openapi.json');
    expect(response.status).toBe(200);
    expect(response.type).toContain('application/json');
    document = response.body;
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method} ${path}`, method, operation })),
    );

  it('is an OpenAPI 3 document listing every route of the API', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('Stadtdialog API');
    const routes = operations().map((o) => o.route);
    for (const route of ROUTES) expect(routes).toContain(route);
    expect(routes.every((r) => / \/api\//.test(r))).toBe(true);
  });

  it('describes success bodies and problem+json errors on every route', () => {
    for (const { route, operation } of operations()) {
      const statuses = Object.keys(operation.responses);
      const success = statuses.filter((s) => s.startsWith('2'));
      expect({ route, success: success.length > 0 }).toEqual({ route, success: true });
      for (const status of statuses.filter((s) => /^[45]/.test(s))) {
        expect({ route, status, types: Object.keys(operation.responses[status].content ?? {}) }).toEqual({
          route,
          status,
          types: ['application/problem+json'],
        });
      }
      expect({ route, has500: statuses.includes('500') }).toEqual({ route, has500: true });
    }
  });

  it('documents the participant token and idempotency headers and the limits of participation writes', () => {
    // the location step's check stores nothing: no token, no key, not counted by the rate limits
    const check = operations().find((o) => o.route === 'post /api/v1/procedures/{slug}/contributions/validate-location');
    expect(Object.keys(check?.operation.responses ?? {})).toEqual(expect.arrayContaining(['200', '422']));
    expect(Object.keys(check?.operation.responses ?? {})).not.toContain('429');
    const participation = operations().filter(
      (o) => WRITES.includes(o.method) && o.route.includes(' /api/v1/procedures/{slug}/') && o.route !== check?.route,
    );
    expect(participation.length).toBeGreaterThanOrEqual(5);
    for (const { route, method, operation } of participation) {
      const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      expect({ route, token: headers.includes('X-Participant-Token') }).toEqual({ route, token: true });
      if (method === 'post') expect({ route, key: headers.includes('Idempotency-Key') }).toEqual({ route, key: true });
      expect({ route, limits: ['413', '429'].filter((s) => s in operation.responses) }).toEqual({ route, limits: ['413', '429'] });
    }
    // a header is documented once, and not as required when the API treats it as optional
    for (const { operation } of operations()) {
      const headers = (operation.parameters ?? []).filter((p) => p.in === 'header');
      expect(new Set(headers.map((h) => h.name.toLowerCase())).size).toBe(headers.length);
      expect(headers.filter((h) => h.required)).toEqual([]);
    }
  });

  it('lists every problem code and field error code as enums, and each response the codes of its status', async () => {
    const schemas = document.components.schemas;
    expect(schemas['ProblemCode'].enum).toEqual([...PROBLEM_CODES]);
    expect(schemas['FieldErrorCode'].enum).toEqual([...FIELD_ERROR_CODES]);
    expect(schemas['Problem'].required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'code']));
    expect(Object.keys(schemas['FieldError'].properties ?? {})).toEqual(expect.arrayContaining(['field', 'code', 'message', 'max', 'min', 'allowed']));
    const create = document.paths['/api/v1/procedures/{slug}/contributions'].post.responses;
    const codesOf = (status: string) => {
      const schema = create[status].content?.['application/problem+json'].schema as { allOf?: { properties?: { code?: { enum?: string[] } } }[] };
      return schema.allOf?.[1].properties?.code?.enum;
    };
    expect(codesOf('422')).toEqual(expect.arrayContaining(['validation_failed']));
    expect(codesOf('429')).toEqual(expect.arrayContaining(['rate_limited']));
    for (const status of Object.keys(create).filter((s) => /^[45]/.test(s))) {
      for (const code of codesOf(status) ?? []) expect([code, PROBLEM_STATUS[code as keyof typeof PROBLEM_STATUS]]).toEqual([code, Number(status)]);
    }
    // a real answer has the documented shape
    const refused = await fetch(`${api.baseUrl}/api/v1/procedures/gruene-mitte-altona/contributions`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x'.repeat(500), text: 'ok', categoryId: 'nope' }),
    });
    const problem = (await refused.json()) as Problem;
    expect(problem).toMatchObject({ status: 422, code: 'validation_failed' });
    const keys = new Set(Object.keys(schemas['Problem'].properties ?? {}));
    for (const key of Object.keys(problem)) expect(keys).toContain(key);
    for (const error of problem.errors ?? []) {
      expect(FIELD_ERROR_CODES).toContain(error.code);
      for (const key of Object.keys(error)) expect(Object.keys(schemas['FieldError'].properties ?? {})).toContain(key);
    }
  });

  it('resolves every schema reference', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    for (const name of new Set(refs)) expect(Object.keys(document.components.schemas)).toContain(name);
  });

  it('describes the list and its items as the API answers them', async () => {
    const list = document.paths['/api/v1/procedures/{slug}/contributions'].get;
    const query = (list.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(query.sort()).toEqual(['bbox', 'category', 'cursor', 'limit', 'mine', 'q', 'rubric', 'sort', 'source', 'workshop']);
    const { body } = await getJson<ContributionPage>(api, '/api/v1/procedures/gruene-mitte-altona/contributions?limit=1');
    const schemas = document.components.schemas;
    expect(Object.keys(body).sort()).toEqual([...(schemas['ContributionPage'].required ?? [])].sort());
    expect(Object.keys(body.items[0]).sort()).toEqual(Object.keys(schemas['Contribution'].properties ?? {}).sort());
    const { body: procedure } = await getJson<ProcedureDetail>(api, '/api/v1/procedures/gruene-mitte-altona');
    const detailKeys = (schemas['ProcedureDetail'].allOf as { $ref?: string; properties?: object }[]).flatMap((part) =>
      Object.keys(part.$ref ? schemas[part.$ref.split('/').pop() as string].properties ?? {} : part.properties ?? {}),
    );
    expect(Object.keys(procedure).sort()).toEqual(detailKeys.sort());
  });

  it('serves an interactive reference at /api/docs whose scripts and styles all come from the app itself', async () => {
    const page = await fetch(`${api.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<title>Stadtdialog API</title>');
    const assets = [...html.matchAll(/(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const url = new URL(asset, `${api.baseUrl}/api/docs`);
      expect(url.origin).toBe(api.baseUrl);
      const response = await fetch(url);
      expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
      const text = await response.text();
      expect(text.length).toBeGreaterThan(0);
      if (asset.endsWith('.css')) expect(text).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//);
    }
    const init = await (await fetch(new URL('./docs/swagger-ui-init.js', `${api.baseUrl}/api/docs`))).text();
    expect(init).toContain('"Stadtdialog API"');
    expect(init).toMatch(/"validatorUrl":\s*null/);
  });
});
