import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * Tells the live event hub that new rows may be in `live_events`. Two implementations: LISTEN on
 * a PostgreSQL server (every instance hears every other's writes) and an in-process nudge on the
 * embedded engine, whose one connection cannot be held by a LISTEN.
 */
export interface LiveSignal {
  /** `ids`: the event ids that were announced, or null for "look for anything new" */
  start(onSignal: (ids: string[] | null) => void): Promise<void>;
  /** this process wrote something that may have made events */
  nudge(): void;
  stop(): Promise<void>;
}

export const LIVE_CHANNEL = 'stadtdialog_live';

/** PostgreSQL LISTEN/NOTIFY on its own connection (outside the pool), reconnecting with back-off. */
export class PgListenSignal implements LiveSignal {
  private readonly logger = new Logger('LiveEvents');
  private client: Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly url: string) {}

  async start(onSignal: (ids: string[] | null) => void): Promise<void> {
    await this.connect(onSignal, 0);
  }

  private async connect(onSignal: (ids: string[] | null) => void, attempt: number): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
    const retry = () => {
      if (this.stopped || this.client !== client) return;
      this.client = null;
      client.removeAllListeners();
      client.end().catch(() => undefined);
      const delay = Math.min(250 * 2 ** attempt, 10_000);
      this.retryTimer = setTimeout(() => void this.connect(onSignal, attempt + 1), delay);
    };
    this.client = client;
    client.on('error', (error) => {
      this.logger.warn(`live event connection lost: ${error.message}`);
      retry();
    });
    client.on('end', retry);
    client.on('notification', (message) => {
      const id = message.payload?.split(' ')[0];
      if (id && /^\d+$/.test(id)) onSignal([id]);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      attempt = 0;
      // Whatever happened while this connection was down.
      onSignal(null);
    } catch (error) {
      this.logger.warn(`cannot listen for live events: ${(error as Error).message}`);
      retry();
    }
  }

  nudge(): void {
    // The server announces every event itself.
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * The embedded engine: only this process writes, so a write of this process (a finished unsafe
 * request) is the signal; a slow timer catches anything else.
 */
export class InProcessSignal implements LiveSignal {
  private onSignal: ((ids: string[] | null) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private pending: NodeJS.Timeout | null = null;

  constructor(private readonly fallbackMs = 2000) {}

  async start(onSignal: (ids: string[] | null) => void): Promise<void> {
    this.onSignal = onSignal;
    this.timer = setInterval(() => onSignal(null), this.fallbackMs);
    this.timer.unref();
  }

  nudge(): void {
    if (!this.onSignal || this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.onSignal?.(null);
    }, 10);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    this.onSignal = null;
  }
}
