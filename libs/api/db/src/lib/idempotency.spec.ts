import { DataSource, EntityManager } from 'typeorm';
import { IdempotencyConflict, withIdempotency } from './idempotency';

/** An in-memory stand-in for the idempotency_keys table, enough to follow the protocol. */
function fakeDataSource() {
  const rows = new Map<string, { request_hash: string; status_code: number; response: unknown }>();
  const manager = {
    query: async (sql: string, params: unknown[]) => {
      const id = `${params[0]}|${params[1]}`;
      if (sql.startsWith('INSERT')) {
        if (rows.has(id)) return [];
        rows.set(id, { request_hash: params[2] as string, status_code: 0, response: null });
        return [{ key: params[1] }];
      }
      if (sql.startsWith('SELECT')) return [rows.get(id)];
      if (sql.startsWith('UPDATE')) {
        Object.assign(rows.get(id) ?? {}, { status_code: params[2], response: JSON.parse(params[3] as string) });
        return [];
      }
      throw new Error(`unexpected SQL ${sql}`);
    },
  } as unknown as EntityManager;
  const dataSource = { transaction: (work: (m: EntityManager) => unknown) => work(manager) } as unknown as DataSource;
  return { dataSource, rows };
}

describe('withIdempotency', () => {
  const key = '2b8e7c4a-3f1d-4e5b-9a6c-7d8e9f0a1b2c';

  it('runs the work once and replays its response for a retry with the same body', async () => {
    const { dataSource } = fakeDataSource();
    const work = jest.fn(async () => ({ status: 201, body: { id: 'c1' } }));
    const first = await withIdempotency(dataSource, { scope: 'POST /x', key, body: { a: 1, b: [1, 2] } }, work);
    const retry = await withIdempotency(dataSource, { scope: 'POST /x', key, body: { b: [1, 2], a: 1 } }, work);
    expect(work).toHaveBeenCalledTimes(1);
    expect(first).toEqual({ status: 201, body: { id: 'c1' }, replayed: false });
    expect(retry).toEqual({ status: 201, body: { id: 'c1' }, replayed: true });
  });

  it('refuses the same key with another body', async () => {
    const { dataSource } = fakeDataSource();
    await withIdempotency(dataSource, { scope: 'POST /x', key, body: { a: 1 } }, async () => ({ status: 201, body: {} }));
    await expect(
      withIdempotency(dataSource, { scope: 'POST /x', key, body: { a: 2 } }, async () => ({ status: 201, body: {} })),
    ).rejects.toBeInstanceOf(IdempotencyConflict);
  });

  it('keeps keys apart per scope, and runs every request without a key', async () => {
    const { dataSource } = fakeDataSource();
    const work = jest.fn(async () => ({ status: 201, body: {} }));
    await withIdempotency(dataSource, { scope: 'POST /a', key, body: {} }, work);
    await withIdempotency(dataSource, { scope: 'POST /b', key, body: {} }, work);
    await withIdempotency(dataSource, { scope: 'POST /a', key: undefined, body: {} }, work);
    await withIdempotency(dataSource, { scope: 'POST /a', key: undefined, body: {} }, work);
    expect(work).toHaveBeenCalledTimes(4);
  });
});
