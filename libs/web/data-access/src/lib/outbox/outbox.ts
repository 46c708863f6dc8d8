import { DOCUMENT } from '@angular/common';
import { inject, Injectable, InjectionToken, signal } from '@angular/core';
import { IDEMPOTENCY_KEY_HEADER, PARTICIPANT_TOKEN_HEADER } from '@stadtdialog/shared/contract';
import { DBSchema, IDBPDatabase, openDB } from 'idb';
import { Subject } from 'rxjs';
import { newIdempotencyKey } from '../participation/idempotency-key';

/** A write as it will be sent: JSON body, relative URL of the API. */
export interface OutboxRequest {
  method: 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export type OutboxEntryState = 'waiting' | 'failed';

export interface OutboxEntry {
  id: string;
  /** made once when the entry is added and sent with every attempt, so a retry never duplicates */
  idempotencyKey: string;
  request: OutboxRequest;
  createdAt: string;
  attempts: number;
  /**
   * The local participant the write belongs to (a touch-table seat's current person). Its
   * participant token is kept here and sent with the write; the first acknowledged write issues it.
   */
  seat?: string;
  state: OutboxEntryState;
  /** the problem+json `code` (or `http_<status>`) of a final refusal */
  problemCode?: string;
  /** epoch ms before which the entry is not tried again (back-off, Retry-After) */
  nextAttemptAt: number;
}

/** An entry the API acknowledged, with the body of its answer. */
export interface OutboxAcknowledgement {
  entry: OutboxEntry;
  status: number;
  body: unknown;
}

interface OutboxSchema extends DBSchema {
  entries: { key: string; value: OutboxEntry; indexes: { createdAt: string } };
  participants: { key: string; value: { seat: string; token: string } };
}

export const OUTBOX_DATABASE = new InjectionToken<string>('OUTBOX_DATABASE', {
  providedIn: 'root',
  factory: () => 'stadtdialog-outbox',
});

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/** Back-off before the next attempt after `attempts` failed ones: 1 s, 2 s, 4 s … at most 30 s. */
export function retryDelay(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), or null. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * The one offline-safe write path: a write goes into IndexedDB first, with its Idempotency-Key
 * made once, and is sent until the API acknowledges it (2xx) or refuses it finally (a 4xx other
 * than 408/429, kept as failed with its problem code). It is retried when the browser comes back
 * online, on a timer with back-off, at start-up, and after a 503/429 when `Retry-After` says.
 * Entries survive reloads and browser restarts; they go out one at a time in the order they were
 * made, so a seat's first write has its participant token before the next one leaves.
 */
@Injectable({ providedIn: 'root' })
export class Outbox {
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly databaseName = inject(OUTBOX_DATABASE);
  private database: Promise<IDBPDatabase<OutboxSchema>> | null = null;
  private extraHeaders: () => Record<string, string> = () => ({});
  private flushing: Promise<void> | null = null;
  private flushRequested = false;
  private flushNow = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly acknowledgedSubject = new Subject<OutboxAcknowledgement>();

  private readonly waitingEntries = signal<OutboxEntry[]>([]);
  private readonly failedEntries = signal<OutboxEntry[]>([]);
  /** entries not yet acknowledged and still being tried */
  readonly waiting = this.waitingEntries.asReadonly();
  /** entries the API refused finally */
  readonly failed = this.failedEntries.asReadonly();
  /** every acknowledged entry, once */
  readonly acknowledged = this.acknowledgedSubject.asObservable();

  constructor() {
    this.window?.addEventListener('online', () => void this.flush({ now: true }));
    void this.refresh().then(() => this.flush());
  }

  /** Headers every attempt carries but the stored entry does not, e.g. the table link's key. */
  useHeaders(headers: () => Record<string, string>): void {
    this.extraHeaders = headers;
    void this.flush({ now: true });
  }

  /** Stores the write and starts sending it; resolves once it is safely in IndexedDB. */
  async add(request: OutboxRequest, options: { seat?: string } = {}): Promise<OutboxEntry> {
    const entry: OutboxEntry = {
      id: newIdempotencyKey(),
      idempotencyKey: newIdempotencyKey(),
      request,
      createdAt: new Date().toISOString(),
      attempts: 0,
      state: 'waiting',
      nextAttemptAt: 0,
      ...(options.seat ? { seat: options.seat } : {}),
    };
    const db = await this.open();
    await db.put('entries', entry);
    await this.refresh();
    void this.flush();
    return entry;
  }

  async entries(): Promise<OutboxEntry[]> {
    const db = await this.open();
    return db.getAllFromIndex('entries', 'createdAt');
  }

  /** Removes a failed entry the person has seen. */
  async discard(id: string): Promise<void> {
    const db = await this.open();
    await db.delete('entries', id);
    await this.refresh();
  }

  /** The participant token issued to a seat's person, once one of its writes was acknowledged. */
  async participantToken(seat: string): Promise<string | null> {
    const db = await this.open();
    return (await db.get('participants', seat))?.token ?? null;
  }

  async keepParticipantToken(seat: string, token: string): Promise<void> {
    const db = await this.open();
    await db.put('participants', { seat, token });
  }

  /**
   * Sends every waiting entry that is due (all of them with `now`), one at a time. A network
   * failure, 503 or 429 ends the round: the server or the network is away for all of them.
   */
  flush(options: { now?: boolean } = {}): Promise<void> {
    this.flushRequested = true;
    this.flushNow ||= options.now ?? false;
    if (!this.flushing) {
      this.flushing = (async () => {
        while (this.flushRequested) {
          const now = this.flushNow;
          this.flushRequested = false;
          this.flushNow = false;
          await this.sendDue(now);
        }
      })().finally(() => (this.flushing = null));
    }
    return this.flushing;
  }

  private async sendDue(now: boolean): Promise<void> {
    const fetchApi = this.window?.fetch?.bind(this.window);
    if (!fetchApi) return;
    try {
      const db = await this.open();
      const due = (await db.getAllFromIndex('entries', 'createdAt')).filter(
        (entry) => entry.state === 'waiting' && (now || entry.nextAttemptAt <= Date.now()),
      );
      for (const entry of due) {
        const outcome = await this.send(entry, fetchApi);
        if (outcome === 'stop') break;
      }
    } finally {
      await this.refresh();
      this.schedule();
    }
  }

  private async send(entry: OutboxEntry, fetchApi: typeof fetch): Promise<'next' | 'stop'> {
    const db = await this.open();
    const token = entry.seat ? await this.participantToken(entry.seat) : null;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(entry.request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...entry.request.headers,
      ...this.extraHeaders(),
      [IDEMPOTENCY_KEY_HEADER]: entry.idempotencyKey,
      ...(token ? { [PARTICIPANT_TOKEN_HEADER]: token } : {}),
    };
    const attempts = entry.attempts + 1;
    let response: Response;
    try {
      response = await fetchApi(entry.request.url, {
        method: entry.request.method,
        headers,
        body: entry.request.body !== undefined ? JSON.stringify(entry.request.body) : undefined,
      });
    } catch {
      await db.put('entries', { ...entry, attempts, nextAttemptAt: Date.now() + retryDelay(attempts) });
      return 'stop';
    }
    const body = await response
      .clone()
      .json()
      .catch(() => null);
    if (response.ok) {
      const issued = response.headers.get(PARTICIPANT_TOKEN_HEADER);
      if (entry.seat && issued && issued !== token) await this.keepParticipantToken(entry.seat, issued);
      await db.delete('entries', entry.id);
      this.acknowledgedSubject.next({ entry: { ...entry, attempts }, status: response.status, body });
      return 'next';
    }
    const status = response.status;
    if (status === 503 || status === 429 || status === 408) {
      const wait = retryAfterMs(response.headers.get('Retry-After')) ?? retryDelay(attempts);
      await db.put('entries', { ...entry, attempts, nextAttemptAt: Date.now() + wait });
      return 'stop';
    }
    if (status >= 500) {
      await db.put('entries', { ...entry, attempts, nextAttemptAt: Date.now() + retryDelay(attempts) });
      return 'next';
    }
    const code = body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string'
      ? (body as { code: string }).code
      : `http_${status}`;
    await db.put('entries', { ...entry, attempts, state: 'failed', problemCode: code });
    return 'next';
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const waiting = this.waitingEntries();
    if (!waiting.length) return;
    const soonest = Math.min(...waiting.map((entry) => entry.nextAttemptAt));
    this.timer = setTimeout(() => void this.flush(), Math.min(MAX_RETRY_MS, Math.max(0, soonest - Date.now())));
  }

  private async refresh(): Promise<void> {
    try {
      const all = await this.entries();
      this.waitingEntries.set(all.filter((entry) => entry.state === 'waiting'));
      this.failedEntries.set(all.filter((entry) => entry.state === 'failed'));
    } catch {
      // Without IndexedDB (blocked by policy) nothing can wait here; add() rejects and says so.
    }
  }

  private open(): Promise<IDBPDatabase<OutboxSchema>> {
    if (!this.database) {
      this.database = openDB<OutboxSchema>(this.databaseName, 1, {
        upgrade(db) {
          const entries = db.createObjectStore('entries', { keyPath: 'id' });
          entries.createIndex('createdAt', 'createdAt');
          db.createObjectStore('participants', { keyPath: 'seat' });
        },
      });
      // Ask the browser not to evict the queue under storage pressure (best effort).
      void this.window?.navigator?.storage?.persist?.().catch(() => undefined);
    }
    return this.database;
  }
}
