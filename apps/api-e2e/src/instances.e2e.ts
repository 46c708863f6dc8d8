import { randomUUID } from 'node:crypto';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { SeededProcedure, seedProcedure, withDatabase } from './participation-fixtures';
import { EventStream, call, contribute } from './planner-fixtures';

/**
 * Two API instances on one PostgreSQL server share their write rate limits and hear each other's
 * live events. The embedded engine is one instance by design (one process owns its data
 * directory): there the same checks run against that one instance, whose limits live in memory.
 */
describe(`several API instances on the ${ENGINE} engine`, () => {
  const LIMIT = 4;
  let db: TestDatabase;
  let first: RunningApi;
  let second: RunningApi;
  let procedure: SeededProcedure;

  beforeAll(async () => {
    db = await freshDatabase();
    await withDatabase(db.env, async (ds) => {
      procedure = await seedProcedure(ds, 'zwei-instanzen');
    });
    const env = { ...db.env, SEED_DEMO: 'false', RATE_LIMIT_WRITES_PER_MINUTE: String(LIMIT), RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE: '0' };
    first = await startApi(env);
    second = ENGINE === 'server' ? await startApi(env) : first;
  }, 300_000);

  afterAll(async () => {
    if (second !== first) await second?.stop();
    await first?.stop();
    await db?.drop();
  });

  it('counts one participant\'s writes on both instances in one window: the limit holds, not twice it', async () => {
    const { token } = await contribute(first, procedure, 'Erster Beitrag');
    const answers: number[] = [];
    let refused: Headers | null = null;
    for (let i = 0; i < 2 * LIMIT; i++) {
      const api = i % 2 === 0 ? second : first;
      const reply = await call(api, 'POST', `/api/v1/procedures/${procedure.slug}/contributions`, {
        body: {
          title: `Beitrag ${i}`, text: 'Text', categoryId: procedure.categoryId, rubricId: procedure.rubricId,
          geometry: { type: 'Point', coordinates: [9.95, 53.55] },
        },
        headers: { 'Idempotency-Key': randomUUID(), 'X-Participant-Token': token },
      });
      answers.push(reply.status);
      if (reply.status === 429) refused ??= reply.headers;
    }
    // the first write above carried no token yet (it got one): the limit counts the writes made with it
    expect(answers).toEqual([...Array(LIMIT).fill(201), ...Array(LIMIT).fill(429)]);
    expect(Number(refused?.get('retry-after'))).toBeGreaterThan(0);
    // another participant is not affected
    await contribute(second, procedure, 'Andere Person');
  });

  it('delivers a contribution posted on one instance to a live stream held on the other', async () => {
    const live = await EventStream.open(first, `/api/v1/procedures/${procedure.slug}/events`);
    try {
      expect(live.status).toBe(200);
      const { id } = await contribute(second, procedure, 'Über die andere Instanz');
      expect(await live.waitFor((events) => events.some((e) => e.event === 'contribution' && e.data.contribution.id === id), 10_000)).toBe(true);
    } finally {
      await live.close();
    }
  });
});
