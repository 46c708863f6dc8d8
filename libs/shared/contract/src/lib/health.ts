export type DatabaseEngine = 'embedded' | 'server';

export interface DatabaseIncidentSummary {
  /** `query_timeout`: a query ran past its bound and the embedded engine was reopened; `connection_lost`: the server went away */
  kind: 'query_timeout' | 'engine_failed' | 'connection_lost';
  at: string;
  detail: string;
  recoveredAt: string | null;
}

/**
 * Always HTTP 200 while the API runs: `ok`, or `degraded` while the database does not answer (the
 * versions are then the last ones seen). `database.state` is `busy` while a query has been running
 * for a while on the embedded engine (its one session), `restarting` while it is reopened.
 */
export interface Health {
  status: 'ok' | 'degraded';
  engine: DatabaseEngine;
  postgres: string;
  postgis: string;
  migrations: { applied: number; pending: number; last: string | null };
  database: {
    state: 'ok' | 'busy' | 'restarting' | 'unavailable';
    busySince: string | null;
    restarts: number;
    lastIncident: DatabaseIncidentSummary | null;
  };
}
