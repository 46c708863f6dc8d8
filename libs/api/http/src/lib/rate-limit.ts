import { createHmac, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { ProblemException } from './problem';

/**
 * A sliding window per key: the times of the requests it let through within the last window.
 * A refused request is not recorded, so a client that waits Retry-After seconds gets through.
 */
export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may make a request again; 0 when it may now. */
  wait(key: string, now: number): number {
    const times = this.hits.get(key);
    if (!times) return 0;
    while (times.length && times[0] <= now - this.windowMs) times.shift();
    return times.length < this.limit ? 0 : times[0] + this.windowMs - now;
  }

  record(key: string, now: number): void {
    const times = this.hits.get(key);
    if (times) times.push(now);
    else this.hits.set(key, [now]);
    this.sweep(now);
  }

  /** Removes the request recorded at `at` (let through by one limit, refused by another). */
  forget(key: string, at: number): void {
    const times = this.hits.get(key);
    const i = times?.lastIndexOf(at) ?? -1;
    if (times && i >= 0) times.splice(i, 1);
  }

  /** Keys without a request in the last window are forgotten, at most once a window. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, times] of this.hits) {
      if (!times.length || times[times.length - 1] <= now - this.windowMs) this.hits.delete(key);
    }
  }

  /** How many keys are remembered (for tests). */
  get size(): number {
    return this.hits.size;
  }
}

/** Expands an IPv6 address to its eight groups, e.g. 2001:db8::1 → 2001:0db8:0000:…:0001. */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => g.padStart(4, '0'));
}

/**
 * What counts as one client address: an IPv4 address (also written IPv4-mapped, ::ffff:a.b.c.d),
 * or an IPv6 /64, the block one household or host usually gets, so rotating through it does not help.
 */
export function clientAddressKey(address: string): string {
  const bare = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1];
  if (!isIPv6(bare)) return bare;
  return `${ipv6Groups(bare.toLowerCase()).slice(0, 4).join(':')}::/64`;
}

/**
 * Where the windows live: in this process (the embedded engine, one instance) or in PostgreSQL,
 * shared by every instance. `take` lets a request through and records it, or answers how many ms
 * to wait without recording it; `giveBack` removes a request that was let through by one limit
 * and refused by another.
 */
export interface RateLimitStore {
  take(key: string, limit: number, windowMs: number): number | Promise<number>;
  giveBack(key: string, limit: number, windowMs: number): void | Promise<void>;
}

/** The windows in this process's memory. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, SlidingWindow>();
  private readonly taken = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  private window(limit: number, windowMs: number): SlidingWindow {
    const id = `${limit}/${windowMs}`;
    let window = this.windows.get(id);
    if (!window) this.windows.set(id, (window = new SlidingWindow(limit, windowMs)));
    return window;
  }

  take(key: string, limit: number, windowMs: number): number {
    const window = this.window(limit, windowMs);
    const t = this.now();
    const wait = window.wait(key, t);
    if (wait === 0) {
      window.record(key, t);
      this.taken.set(key, t);
    }
    return wait;
  }

  giveBack(key: string, limit: number, windowMs: number): void {
    this.window(limit, windowMs).forget(key, this.taken.get(key) ?? NaN);
  }
}

export interface WriteRateLimitOptions {
  /** writes per minute per participant token; 0 turns this limit off */
  perParticipant: number;
  /** writes per minute per client address; 0 turns this limit off */
  perAddress: number;
  /** the header carrying the participant token */
  tokenHeader: string;
  /**
   * writes per minute per workshop table (by its X-Table-Key), which count instead of the limits per
   * participant and address: one table posts for many people; 0 turns this limit off
   */
  perTable?: number;
  /** the header carrying a workshop table's key */
  tableHeader?: string;
  windowMs?: number;
  now?: () => number;
  /** in memory by default; PostgreSQL to share the limits between instances */
  store?: RateLimitStore;
  /** key of the HMAC of tokens and addresses; the same on every instance that shares a store */
  secret?: Buffer;
  /** told which limit refused a request, e.g. to log it (without the address) */
  onLimited?: (limit: RateLimitKind) => void;
}

type RateLimitKind = 'participant' | 'address' | 'table';

interface WriteRequestLike {
  method: string;
  path: string;
  ip?: string;
  socket?: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Check {
  key: string;
  limit: number;
  kind: RateLimitKind;
}

/**
 * Express middleware limiting writes under /api/v1 per participant token and per client address (or
 * per workshop table for requests with its key), answered with 429 and Retry-After. Neither
 * addresses nor tokens are kept: only an HMAC of them, and the times of recent requests. With the
 * in-memory store the windows are per process; with the PostgreSQL store every instance behind a
 * load balancer counts in the same windows.
 */
export function writeRateLimit(options: WriteRateLimitOptions) {
  const windowMs = options.windowMs ?? 60_000;
  const store = options.store ?? new MemoryRateLimitStore(options.now);
  const secret = options.secret ?? randomBytes(32);
  const hash = (kind: string, value: string) => createHmac('sha256', secret).update(`${kind}\0${value}`).digest('base64url');
  const tokenHeader = options.tokenHeader.toLowerCase();
  const tableHeader = options.tableHeader?.toLowerCase();

  const refuse = (wait: number, kind: Check['kind']) => {
    options.onLimited?.(kind);
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    return new ProblemException('rate_limited', `Too many changes in a short time; try again in ${seconds} s.`, {
      headers: { 'Retry-After': String(seconds) },
    });
  };

  /** Takes the checks in order; the first refusal gives back what the earlier ones took. Synchronous for the memory store. */
  const run = (checks: Check[], index: number, next: (error?: unknown) => void): void | Promise<void> => {
    if (index === checks.length) return next();
    const check = checks[index];
    const settle = (wait: number): void | Promise<void> => {
      if (wait === 0) return run(checks, index + 1, next);
      const undo = checks.slice(0, index).map((c) => store.giveBack(c.key, c.limit, windowMs));
      const answer = () => next(refuse(wait, check.kind));
      return undo.some((u) => u instanceof Promise) ? Promise.all(undo).then(answer) : answer();
    };
    const taken = store.take(check.key, check.limit, windowMs);
    return taken instanceof Promise ? taken.then(settle) : settle(taken);
  };

  return (request: WriteRequestLike, _response: unknown, next: (error?: unknown) => void): void => {
    if (!WRITE_METHODS.has(request.method) || !request.path.startsWith('/api/v1/')) return next();
    const token = request.headers[tokenHeader];
    const tableKey = tableHeader ? request.headers[tableHeader] : undefined;
    const address = request.ip ?? request.socket?.remoteAddress;
    const checks: Check[] = [];
    // A wrong table key is refused (401) before anything is written, so it buys no writes.
    if (typeof tableKey === 'string' && tableKey) {
      if (options.perTable) checks.push({ key: `t:${hash('table', tableKey)}`, limit: options.perTable, kind: 'table' });
    } else {
      if (options.perParticipant > 0 && typeof token === 'string' && token) {
        checks.push({ key: `p:${hash('token', token)}`, limit: options.perParticipant, kind: 'participant' });
      }
      if (options.perAddress > 0 && address) {
        checks.push({ key: `a:${hash('address', clientAddressKey(address))}`, limit: options.perAddress, kind: 'address' });
      }
    }
    try {
      const pending = run(checks, 0, next);
      if (pending instanceof Promise) pending.catch((error) => next(error));
    } catch (error) {
      next(error);
    }
  };
}
