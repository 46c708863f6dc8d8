import 'fake-indexeddb/auto';
import { TestBed } from '@angular/core/testing';
import { Outbox, OUTBOX_DATABASE, retryAfterMs, retryDelay } from './outbox';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'offline';

/** A fetch stand-in that answers from a script and records what was sent. */
function scriptedFetch(answers: Answer[]) {
  const sent: { url: string; init: RequestInit }[] = [];
  const fetchStub = jest.fn(async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    const answer = answers.shift() ?? { status: 201, body: {} };
    if (answer === 'offline') throw new TypeError('Failed to fetch');
    // jsdom has no Response; the outbox reads only these members.
    const headers = new Map(Object.entries({ 'content-type': 'application/json', ...answer.headers }).map(([k, v]) => [k.toLowerCase(), v]));
    const response = {
      ok: answer.status >= 200 && answer.status < 300,
      status: answer.status,
      headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
      json: async () => answer.body ?? null,
      clone: () => response,
    };
    return response;
  });
  return { fetchStub, sent };
}

let database = 0;

function createOutbox(answers: Answer[]) {
  const scripted = scriptedFetch(answers);
  (window as unknown as { fetch: unknown }).fetch = scripted.fetchStub;
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({ providers: [{ provide: OUTBOX_DATABASE, useValue: `outbox-test-${++database}` }] });
  return { outbox: TestBed.inject(Outbox), ...scripted };
}

const header = (init: RequestInit, name: string) => (init.headers as Record<string, string>)[name];
const post = { method: 'POST' as const, url: '/api/v1/procedures/p/contributions', body: { title: 'Bank' } };

describe('Outbox', () => {
  beforeAll(() => {
    globalThis.structuredClone ??= (value: unknown) => JSON.parse(JSON.stringify(value));
  });

  it('sends a stored write once and forgets it after the acknowledgement', async () => {
    const { outbox, sent } = createOutbox([{ status: 201, body: { id: 'c1' } }]);
    const acknowledged: unknown[] = [];
    outbox.acknowledged.subscribe((ack) => acknowledged.push(ack.body));
    await outbox.add(post);
    await outbox.flush();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(String(sent[0].init.body))).toEqual({ title: 'Bank' });
    expect(acknowledged).toEqual([{ id: 'c1' }]);
    expect(await outbox.entries()).toEqual([]);
    expect(outbox.waiting()).toEqual([]);
  });

  it('keeps a write while offline and retries it with the same Idempotency-Key', async () => {
    const { outbox, sent } = createOutbox(['offline', 'offline', { status: 201, body: {} }]);
    const entry = await outbox.add(post);
    await outbox.flush({ now: true });
    expect(outbox.waiting()).toHaveLength(1);
    expect(outbox.waiting()[0].attempts).toBeGreaterThanOrEqual(1);
    await outbox.flush({ now: true });
    await outbox.flush({ now: true });
    expect(outbox.waiting()).toEqual([]);
    const keys = new Set(sent.map((s) => header(s.init, 'Idempotency-Key')));
    expect([...keys]).toEqual([entry.idempotencyKey]);
  });

  it('a retry waits for its back-off unless the browser came back online', async () => {
    const { outbox, sent } = createOutbox(['offline', { status: 201, body: {} }]);
    await outbox.add(post);
    await outbox.flush();
    const before = sent.length;
    await outbox.flush();
    expect(sent.length).toBe(before);
    window.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await outbox.flush();
    expect(outbox.waiting()).toEqual([]);
  });

  it('honours Retry-After of a 503 and does not drop the write', async () => {
    const { outbox } = createOutbox([{ status: 503, body: { code: 'service_unavailable' }, headers: { 'Retry-After': '7' } }]);
    await outbox.add(post);
    await outbox.flush();
    const [waiting] = outbox.waiting();
    expect(waiting.state).toBe('waiting');
    expect(waiting.nextAttemptAt - Date.now()).toBeGreaterThan(5_000);
  });

  it('keeps a final refusal as failed with its problem code', async () => {
    const { outbox } = createOutbox([{ status: 422, body: { status: 422, code: 'outside_planning_area' } }]);
    await outbox.add(post);
    await outbox.flush();
    expect(outbox.waiting()).toEqual([]);
    expect(outbox.failed().map((e) => e.problemCode)).toEqual(['outside_planning_area']);
  });

  it("sends a seat's later writes with the participant token its first write was issued", async () => {
    const { outbox, sent } = createOutbox([
      { status: 201, body: {}, headers: { 'X-Participant-Token': 'token-a' } },
      { status: 201, body: {} },
      { status: 201, body: {}, headers: { 'X-Participant-Token': 'token-b' } },
    ]);
    outbox.useHeaders(() => ({ 'X-Table-Key': 'secret' }));
    await outbox.add(post, { seat: 'seat-a' });
    await outbox.flush();
    await outbox.add(post, { seat: 'seat-a' });
    await outbox.flush();
    await outbox.add(post, { seat: 'seat-b' });
    await outbox.flush();
    expect(sent.map((s) => header(s.init, 'X-Participant-Token'))).toEqual([undefined, 'token-a', undefined]);
    expect(sent.every((s) => header(s.init, 'X-Table-Key') === 'secret')).toBe(true);
    expect(await outbox.participantToken('seat-b')).toBe('token-b');
  });

  it('reads entries back after a restart (a new Outbox on the same database)', async () => {
    const { outbox } = createOutbox(['offline']);
    await outbox.add(post);
    await outbox.flush();
    const name = `outbox-test-${database}`;
    (window as unknown as { fetch: unknown }).fetch = scriptedFetch([{ status: 201, body: {} }]).fetchStub;
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [{ provide: OUTBOX_DATABASE, useValue: name }] });
    const restarted = TestBed.inject(Outbox);
    await restarted.flush({ now: true });
    expect(restarted.waiting()).toEqual([]);
    expect(await restarted.entries()).toEqual([]);
  });
});

describe('retry timing', () => {
  it('backs off exponentially up to 30 s', () => {
    expect([1, 2, 3, 10].map(retryDelay)).toEqual([1000, 2000, 4000, 30000]);
  });

  it('reads Retry-After in seconds and as a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeNull();
  });
});
