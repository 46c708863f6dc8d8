import { ContributionPage, LIMITS, ProcedureDetail, Problem } from '@stadtdialog/shared/contract';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, getJson, startApi } from './server';

const SLUG = 'gruene-mitte-altona';
const BASE = `/api/v1/procedures/${SLUG}/contributions`;

describe(`request limits on the ${ENGINE} engine`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let procedure: ProcedureDetail;

  /** A write as it reaches the API through a proxy in front of it: X-Forwarded-For names the client. */
  const post = async (client: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(api.baseUrl + BASE, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Problem & { id?: string } };
  };
  const contribution = (title: string) => ({
    title,
    text: 'Ein Beitrag, um die Grenzen zu prüfen.',
    categoryId: procedure.categories[0].id,
    rubricId: procedure.rubrics[0].id,
  });
  const total = async () => (await getJson<ContributionPage>(api, BASE)).body.total;

  beforeAll(async () => {
    db = await freshDatabase();
    // Small limits to reach quickly; the API trusts the loopback proxy (the test) for client addresses.
    api = await startApi({
      ...db.env,
      RATE_LIMIT_WRITES_PER_MINUTE: '3',
      RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE: '5',
      TRUST_PROXY: 'loopback',
    });
    procedure = (await getJson<ProcedureDetail>(api, `/api/v1/procedures/${SLUG}`)).body;
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it(`refuses a body over ${LIMITS.maxBodyBytes} bytes with 413 and stores nothing`, async () => {
    const before = await total();
    const big = JSON.stringify({ ...contribution('Zu groß'), text: 'x'.repeat(LIMITS.maxBodyBytes) });
    const { status, headers, body } = await post('198.51.100.1', big);
    expect(status).toBe(413);
    expect(headers.get('content-type')).toContain('application/problem+json');
    expect(body).toMatchObject({ status: 413, code: 'body_too_large', title: 'Request body too large' });
    // just under the limit gets through the parser (and is then refused for its text length)
    const fits = JSON.stringify({ ...contribution('Passt'), text: 'x'.repeat(LIMITS.maxBodyBytes - 1000) });
    const fitsReply = await post('198.51.100.1', fits);
    expect([fitsReply.status, fitsReply.body.code, fitsReply.body.errors?.[0]]).toEqual([422, 'validation_failed', expect.objectContaining({ field: 'text', code: 'too_long' })]);
    expect(await total()).toBe(before);
  });

  it('answers the fourth write of a participant within a minute with 429, Retry-After and nothing stored', async () => {
    // the first write has no token yet: it is the one that gets it
    const first = await post('198.51.100.2', contribution('Ohne Token'));
    expect(first.status).toBe(201);
    const token = first.headers.get('x-participant-token') as string;
    for (const title of ['Erster', 'Zweiter', 'Dritter']) {
      expect((await post('198.51.100.2', contribution(title), { 'X-Participant-Token': token })).status).toBe(201);
    }
    const before = await total();
    const refused = await post('198.51.100.2', contribution('Vierter'), { 'X-Participant-Token': token });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 429, code: 'rate_limited', title: 'Too many requests' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(refused.body.retryAfter).toBe(retryAfter);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await total()).toBe(before);
    // reading is never limited
    expect((await getJson(api, BASE)).status).toBe(200);
  });

  it('counts writes per client address, whichever token they carry', async () => {
    // 198.51.100.2 made four writes above (the refused one does not count): one more is allowed
    expect((await post('198.51.100.2', contribution('Neuer Teilnehmer eins'))).status).toBe(201);
    const refused = await post('198.51.100.2', contribution('Neuer Teilnehmer zwei'));
    expect([refused.status, refused.body.code]).toEqual([429, 'rate_limited']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // another address is not affected
    expect((await post('198.51.100.3', contribution('Andere Adresse'))).status).toBe(201);
  });

  it('logs refused writes, without the client address', async () => {
    expect(api.output()).toContain('write refused: participant rate limit reached');
    expect(api.output()).toContain('write refused: address rate limit reached');
    expect(api.output()).not.toMatch(/198\.51\.100/);
  });
});
