/** What the database is doing now, as /api/health reports it. */
export type DatabaseState = 'ok' | 'busy' | 'restarting' | 'unavailable';

export type DatabaseIncidentKind = 'query_timeout' | 'engine_failed' | 'connection_lost';

export interface DatabaseIncident {
  kind: DatabaseIncidentKind;
  at: string;
  detail: string;
  /** when the database answered again; null while it has not */
  recoveredAt: string | null;
}

export interface DatabaseStatus {
  state: DatabaseState;
  /** since when a query has been running, for `busy` */
  busySince: string | null;
  /** times the embedded engine was restarted after an incident */
  restarts: number;
  lastIncident: DatabaseIncident | null;
}

/** Keeps the last incident and the current state of one database for the health endpoint and the logs. */
export class DatabaseMonitor {
  private state: DatabaseState = 'ok';
  private busySince: number | null = null;
  private restarts = 0;
  private lastIncident: DatabaseIncident | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  busy(): void {
    this.busySince ??= this.now();
  }

  idle(): void {
    this.busySince = null;
  }

  /** milliseconds the current query has been running; 0 when none runs */
  busyFor(): number {
    return this.busySince === null ? 0 : this.now() - this.busySince;
  }

  /** The database went away or had to be ended; only the first report of an outage is an incident. */
  incident(kind: DatabaseIncidentKind, detail: string, state: 'restarting' | 'unavailable'): boolean {
    this.busySince = null;
    const fresh = this.state === 'ok' || this.state === 'busy';
    this.state = state;
    if (fresh || this.lastIncident?.recoveredAt) {
      this.lastIncident = { kind, at: new Date(this.now()).toISOString(), detail, recoveredAt: null };
    }
    return fresh;
  }

  restarted(): void {
    this.restarts++;
  }

  /** The database answers again; true when this ends an outage. */
  recovered(): boolean {
    if (this.state === 'ok' || this.state === 'busy') return false;
    this.state = 'ok';
    if (this.lastIncident && !this.lastIncident.recoveredAt) this.lastIncident.recoveredAt = new Date(this.now()).toISOString();
    return true;
  }

  get available(): boolean {
    return this.state === 'ok' || this.state === 'busy';
  }

  status(): DatabaseStatus {
    const busy = this.state === 'ok' && this.busySince !== null;
    return {
      state: busy ? 'busy' : this.state,
      busySince: busy ? new Date(this.busySince as number).toISOString() : null,
      restarts: this.restarts,
      lastIncident: this.lastIncident ? { ...this.lastIncident } : null,
    };
  }
}
