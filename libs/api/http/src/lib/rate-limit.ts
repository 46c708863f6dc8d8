import { createHmac, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { HttpStatus } from '@nestjs/common';
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

/**
 * Express middleware limiting writes under /api/v1 per participant token and per client address (or
 * per workshop table for requests with its key),
 * answered with 429 and Retry-After. Neither addresses nor tokens are kept: only an HMAC of them
 * under a key made at start-up and held in memory, and the times of recent requests. The windows
 * are per process: behind a load balancer each instance counts on its own.
 */
export function writeRateLimit(options: WriteRateLimitOptions) {
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const secret = randomBytes(32);
  const hash = (kind: string, value: string) => createHmac('sha256', secret).update(`${kind}\0${value}`).digest('base64url');
  const participants = options.perParticipant > 0 ? new SlidingWindow(options.perParticipant, windowMs) : null;
  const addresses = options.perAddress > 0 ? new SlidingWindow(options.perAddress, windowMs) : null;
  const tables = options.perTable ? new SlidingWindow(options.perTable, windowMs) : null;
  const tokenHeader = options.tokenHeader.toLowerCase();
  const tableHeader = options.tableHeader?.toLowerCase();

  return (request: WriteRequestLike, _response: unknown, next: (error?: unknown) => void): void => {
    if (!WRITE_METHODS.has(request.method) || !request.path.startsWith('/api/v1/')) return next();
    const t = now();
    const token = request.headers[tokenHeader];
    const tableKey = tableHeader ? request.headers[tableHeader] : undefined;
    const address = request.ip ?? request.socket?.remoteAddress;
    const checks: [SlidingWindow, string, RateLimitKind][] = [];
    // A wrong table key is refused (401) before anything is written, so it buys no writes.
    if (typeof tableKey === 'string' && tableKey) {
      if (tables) checks.push([tables, hash('table', tableKey), 'table']);
    } else {
      if (participants && typeof token === 'string' && token) checks.push([participants, hash('token', token), 'participant']);
      if (addresses && address) checks.push([addresses, hash('address', clientAddressKey(address)), 'address']);
    }
    const waits = checks.map(([window, key, limit]) => [window.wait(key, t), limit] as const);
    const wait = Math.max(0, ...waits.map(([ms]) => ms));
    if (wait > 0) {
      options.onLimited?.(waits.find(([ms]) => ms === wait)?.[1] ?? 'address');
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      return next(
        new ProblemException(
          HttpStatus.TOO_MANY_REQUESTS,
          'Too many requests',
          `Too many changes in a short time; try again in ${seconds} s.`,
          undefined,
          { 'Retry-After': String(seconds) },
        ),
      );
    }
    for (const [window, key] of checks) window.record(key, t);
    next();
  };
}
