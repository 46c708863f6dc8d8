import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

export interface StoredResponse<T = unknown> {
  status: number;
  body: T;
  /** true when this is the replay of an earlier request with the same key */
  replayed: boolean;
}

export class IdempotencyConflict extends Error {
  constructor() {
    super('This Idempotency-Key was already used with a different request body; use a new key for a new request');
  }
}

export const IDEMPOTENCY_KEY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Runs `work` in one transaction together with the record of its response, so a 201 means the
 * write and the record are committed together. A concurrent retry waits on the key's row lock and
 * then replays the stored response. A thrown error rolls both back: the key stays free.
 */
export async function withIdempotency<T>(
  dataSource: DataSource,
  request: { scope: string; key: string | undefined; body: unknown },
  work: (manager: EntityManager) => Promise<{ status: number; body: T }>,
): Promise<StoredResponse<T>> {
  return dataSource.transaction(async (manager) => {
    if (!request.key) return { ...(await work(manager)), replayed: false };
    const hash = createHash('sha256').update(canonical(request.body)).digest('hex');
    const claimed = await manager.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, status_code) VALUES ($1, $2, $3, 0)
       ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
      [request.scope, request.key, hash],
    );
    if (claimed.length === 0) {
      const [stored] = await manager.query(
        `SELECT request_hash, status_code, response FROM idempotency_keys WHERE scope = $1 AND key = $2`,
        [request.scope, request.key],
      );
      if (stored.request_hash !== hash) throw new IdempotencyConflict();
      return { status: stored.status_code, body: stored.response as T, replayed: true };
    }
    const result = await work(manager);
    await manager.query(`UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE scope = $1 AND key = $2`, [
      request.scope, request.key, result.status, JSON.stringify(result.body),
    ]);
    return { ...result, replayed: false };
  });
}
