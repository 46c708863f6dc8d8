import { createHmac } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { instanceSecret } from '@stadtdialog/api/db';

export interface ThrottleKey {
  hash: Buffer;
  /** failures allowed before delays start */
  free: number;
}

const MAX_DELAY_SECONDS = 15 * 60;
/** a counter starts again after an hour without failures */
const QUIET_RESET_SECONDS = 3600;

/**
 * Growing delays after failed sign-ins, per account (after 3 failures: 1 s, 2 s, 4 s, … up to
 * 15 min) and per client address (after 10 failures, the same). Kept in the database so several
 * API instances agree; keys are HMACs under an instance secret, so neither e-mail addresses nor IP
 * addresses are stored.
 */
@Injectable()
export class SignInThrottle implements OnModuleInit {
  private key: Buffer | undefined;
  /** attempts for the same account are checked one after another within this process */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    this.key = await instanceSecret(this.dataSource, 'sign_in_throttle_key');
  }

  account(email: string): ThrottleKey {
    return { hash: this.hmac(`account\0${email.trim().toLowerCase()}`), free: 3 };
  }

  client(address: string | undefined): ThrottleKey {
    return { hash: this.hmac(`client\0${normaliseAddress(address ?? '')}`), free: 10 };
  }

  private hmac(value: string): Buffer {
    if (!this.key) throw new Error('SignInThrottle used before the module was initialised');
    return createHmac('sha256', this.key).update(value).digest();
  }

  /** Runs `work` after earlier attempts on the same account in this process have finished. */
  serialise<T>(key: ThrottleKey, work: () => Promise<T>): Promise<T> {
    const id = key.hash.toString('base64');
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(id, next);
    void next.finally(() => {
      if (this.queues.get(id) === next) this.queues.delete(id);
    }).catch(() => undefined);
    return next;
  }

  /** Seconds until the next attempt is allowed, 0 when it is allowed now. */
  async retryAfter(keys: ThrottleKey[]): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS seconds
       FROM sign_in_failures WHERE key_hash = ANY($1) AND blocked_until > now()`,
      [keys.map((k) => k.hash)],
    );
    return Math.max(row?.seconds ?? 0, 0);
  }

  async failed(keys: ThrottleKey[]): Promise<void> {
    for (const key of keys) {
      await this.dataSource.query(
        `INSERT INTO sign_in_failures AS f (key_hash, failures, last_failure_at) VALUES ($1, 1, now())
         ON CONFLICT (key_hash) DO UPDATE SET
           failures = CASE WHEN f.last_failure_at < now() - make_interval(secs => $2) THEN 1 ELSE f.failures + 1 END,
           last_failure_at = now()`,
        [key.hash, QUIET_RESET_SECONDS],
      );
      await this.dataSource.query(
        `UPDATE sign_in_failures SET blocked_until = CASE WHEN failures >= $2
           THEN now() + make_interval(secs => least($3, power(2, failures - $2))) END
         WHERE key_hash = $1`,
        [key.hash, key.free, MAX_DELAY_SECONDS],
      );
    }
    await this.dataSource.query(`DELETE FROM sign_in_failures WHERE last_failure_at < now() - interval '1 day'`);
  }

  async succeeded(key: ThrottleKey): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_failures WHERE key_hash = $1`, [key.hash]);
  }
}

/** IPv4 as is (also when mapped into IPv6); IPv6 by its /64, which one client usually holds whole. */
export function normaliseAddress(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (v4) return v4[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = [...headGroups, ...Array(Math.max(8 - headGroups.length - tailGroups.length, 0)).fill('0'), ...tailGroups];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
