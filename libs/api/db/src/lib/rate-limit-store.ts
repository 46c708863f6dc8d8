import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { instanceSecret } from './instance-secrets';
import type { RateLimitStore } from '@stadtdialog/api/http';

const PRUNE_MS = 10 * 60_000;

/** Milliseconds since the epoch by the database's clock, the same for the whole statement. */
const NOW = `(extract(epoch FROM statement_timestamp()) * 1000)::bigint`;
/** The hits of the existing row still inside the window ($4 ms). */
const RECENT = `ARRAY(SELECT h FROM unnest(w.hits) h WHERE h > ${NOW} - $4::bigint ORDER BY h)`;
const RECENT_COUNT = `(SELECT count(*) FROM unnest(w.hits) h WHERE h > ${NOW} - $4::bigint)`;

/**
 * The write rate limits in PostgreSQL (`rate_limit_windows`, unlogged), so every API instance on one
 * server counts in the same sliding windows. One statement per check: the row lock of
 * INSERT … ON CONFLICT DO UPDATE orders concurrent requests for one key, the database's clock is
 * the one clock, and `last_request` tells this request whether it was the one let through.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  private readonly taken = new Map<string, string>();

  private constructor(
    private readonly dataSource: DataSource,
    readonly secret: Buffer,
  ) {}

  /** The HMAC key is kept in the database too, so every instance hashes a token to the same key. */
  static async open(dataSource: DataSource): Promise<PostgresRateLimitStore> {
    const key = await instanceSecret(dataSource, 'write_rate_limit_key');
    const store = new PostgresRateLimitStore(dataSource, key);
    setInterval(() => void store.prune().catch(() => undefined), PRUNE_MS).unref();
    return store;
  }

  async take(key: string, limit: number, windowMs: number): Promise<number> {
    const request = randomUUID();
    const [row] = await this.dataSource.query(
      `INSERT INTO rate_limit_windows AS w (key, hits, last_request, expires_at)
       VALUES ($1, ARRAY[${NOW}], $2::uuid, statement_timestamp() + make_interval(secs => $4::bigint / 1000.0))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN ${RECENT_COUNT} < $3 THEN ${RECENT} || ${NOW} ELSE ${RECENT} END,
         last_request = CASE WHEN ${RECENT_COUNT} < $3 THEN $2::uuid ELSE w.last_request END,
         expires_at = statement_timestamp() + make_interval(secs => $4::bigint / 1000.0)
       RETURNING w.last_request = $2::uuid AS admitted, greatest(1, w.hits[1] + $4::bigint - ${NOW})::int AS wait`,
      [key, request, limit, windowMs],
    );
    if (row.admitted) {
      this.taken.set(key, request);
      return 0;
    }
    return row.wait;
  }

  async giveBack(key: string): Promise<void> {
    const request = this.taken.get(key);
    this.taken.delete(key);
    if (!request) return;
    await this.dataSource.query(
      `UPDATE rate_limit_windows SET hits = hits[1:cardinality(hits) - 1] WHERE key = $1 AND last_request = $2`,
      [key, request],
    );
  }

  /** Windows nobody wrote into for their length are removed. */
  async prune(): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_windows WHERE expires_at < now()`);
  }
}
