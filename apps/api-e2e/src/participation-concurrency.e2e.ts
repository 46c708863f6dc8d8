import { Comment, ContributionDetail, RatingSummary, ReportReceipt } from '@stadtdialog/shared/contract';
import { Answer, apiEnv, rowCounts, seedContribution, seedProcedure, send, withDatabase } from './participation-fixtures';
import { ENGINE, RunningApi, TestDatabase, freshDatabase, startApi } from './server';

const PARALLEL = 50;

describe(`participation under concurrent writes on the ${ENGINE} engine`, () => {
  let db: TestDatabase;
  let api: RunningApi;
  let rated: string;
  let commented: string;
  let reported: string;

  const path = (id: string) => `/api/v1/procedures/gleichzeitig/contributions/${id}`;
  const detail = async (id: string) => (await send<ContributionDetail>(api, 'GET', path(id))).body;

  beforeAll(async () => {
    db = await freshDatabase();
    await withDatabase(db.env, async (ds) => {
      const procedure = await seedProcedure(ds, 'gleichzeitig', { settings: { reportThreshold: 10 } });
      rated = await seedContribution(ds, procedure, 'Viel bewertet');
      commented = await seedContribution(ds, procedure, 'Oft versucht');
      reported = await seedContribution(ds, procedure, 'Oft gemeldet');
    });
    api = await startApi(apiEnv(db.env));
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it(`keeps exact counts when ${PARALLEL} participants rate, change and withdraw at the same time`, async () => {
    const values = Array.from({ length: PARALLEL }, (_, i) => (i % 3 === 0 ? -1 : 1));
    const first = await Promise.all(values.map((value) => send<RatingSummary>(api, 'PUT', `${path(rated)}/rating`, { value })));
    expect(first.map((a) => a.status)).toEqual(values.map(() => 200));
    const tokens = first.map((a) => a.headers.get('x-participant-token') as string);
    expect(new Set(tokens).size).toBe(PARALLEL);
    const up = values.filter((v) => v === 1).length;
    expect((await detail(rated)).rating).toEqual({ up, down: PARALLEL - up, own: null });
    // every answer saw a consistent state: its own rating counted, never more than all of them
    for (const [i, a] of first.entries()) {
      expect(a.body.own).toBe(values[i]);
      expect((a.body.up as number) + (a.body.down as number)).toBeLessThanOrEqual(PARALLEL);
    }

    // at once: the first ten withdraw, the next twenty flip, the rest repeat their rating
    const second = await Promise.all(
      tokens.map((token, i) => {
        const me = { 'X-Participant-Token': token };
        if (i < 10) return send<RatingSummary>(api, 'DELETE', `${path(rated)}/rating`, undefined, me);
        return send<RatingSummary>(api, 'PUT', `${path(rated)}/rating`, { value: i < 30 ? -values[i] : values[i] }, me);
      }),
    );
    expect(second.map((a) => a.status)).toEqual(tokens.map(() => 200));
    const final = values.map((v, i) => (i < 10 ? 0 : i < 30 ? -v : v));
    expect((await detail(rated)).rating).toEqual({
      up: final.filter((v) => v === 1).length,
      down: final.filter((v) => v === -1).length,
      own: null,
    });
  });

  it(`creates one comment for ${PARALLEL} parallel retries with one Idempotency-Key, and answers all with it`, async () => {
    const key = { 'Idempotency-Key': '5b1e0c7a-2f4d-4a9b-8c63-9e7d1f0a2b4c' };
    const answers: Answer<Comment>[] = await Promise.all(
      Array.from({ length: PARALLEL }, () => send<Comment>(api, 'POST', `${path(commented)}/comments`, { text: 'Einmal bitte' }, key)),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    // the first one made it, and only it issued a participant token; the others are replays
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect(answers.filter((a) => a.headers.get('x-participant-token') !== null)).toHaveLength(1);
    const seen = await detail(commented);
    expect(seen.commentCount).toBe(1);
    expect(seen.comments.map((c) => c.id)).toEqual([answers[0].body.id]);
  });

  it(`creates one report for ${PARALLEL} parallel retries with one Idempotency-Key`, async () => {
    const key = { 'Idempotency-Key': 'c2a7f9e4-8b1d-4f3a-9e6c-1d0b2a3c4e5f' };
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        send<ReportReceipt>(api, 'POST', '/api/v1/procedures/gleichzeitig/reports', { contributionId: reported, reason: 'Spam' }, key),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });

  // With the threshold at exactly ten, a report that counted without waiting for the others would miss it.
  it('flags an item when the last of parallel reports reaches the threshold', async () => {
    const answers = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        send<ReportReceipt>(api, 'POST', '/api/v1/procedures/gleichzeitig/reports', { contributionId: reported, reason: `Spam ${i}` }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
  });

  it('leaves rows and counters in the database that match what the API answered', async () => {
    await api.stop();
    const state = await withDatabase(db.env, async (ds) => {
      const [counters] = await ds.query(
        `SELECT c.ratings_up, c.ratings_down,
                (SELECT count(*) FROM ratings r WHERE r.contribution_id = c.id AND r.value = 1)::int AS rows_up,
                (SELECT count(*) FROM ratings r WHERE r.contribution_id = c.id AND r.value = -1)::int AS rows_down
         FROM contributions c WHERE c.id = $1`,
        [rated],
      );
      const [flags] = await ds.query(
        `SELECT flagged_at IS NOT NULL AS flagged, (SELECT count(*) FROM reports WHERE contribution_id = $1)::int AS reports
         FROM contributions WHERE id = $1`,
        [reported],
      );
      return { counters, flags, rows: await rowCounts(ds) };
    });
    expect(state.counters.ratings_up).toBe(state.counters.rows_up);
    expect(state.counters.ratings_down).toBe(state.counters.rows_down);
    expect(state.rows).toMatchObject({ comments: 1, reports: 10, ratings: PARALLEL - 10 });
    expect(state.flags).toEqual({ flagged: true, reports: 10 });
    // 50 raters, one commenter, one idempotent reporter, nine more reporters
    expect(state.rows['participants']).toBe(PARALLEL + 1 + 1 + 9);
    api = await startApi(apiEnv(db.env));
  });
});
