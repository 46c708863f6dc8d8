/**
 * The embedded engine's thread: PGlite with PostGIS behind the PostgreSQL wire protocol socket that
 * `pg`/TypeORM connect to. PGlite runs every query synchronously in WebAssembly and ignores
 * statement_timeout, so it runs here, off the API's thread: the API stays responsive while a query
 * runs, and a runaway query is ended by terminating this thread (see embedded-engine.ts).
 *
 * Built as its own entry (dist/apps/api/embedded-worker.js); it reports to the API thread:
 * `ready` with the socket address, `busy`/`idle` around every protocol message, `stopped`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { ExtendedQueryFilter, RawExec, RawExecOptions } from './embedded-protocol';

export interface EmbeddedWorkerData {
  dataDir: string;
  host: string;
  /** 0 the first time; the same port again after a restart, so the connection string stays valid */
  port: number;
}

export type EmbeddedWorkerMessage =
  | { type: 'ready'; port: number }
  | { type: 'busy' }
  | { type: 'idle' }
  | { type: 'failed'; message: string }
  | { type: 'stopped' };

function report(message: EmbeddedWorkerMessage): void {
  parentPort?.postMessage(message);
}

async function run(options: EmbeddedWorkerData): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir: options.dataDir, extensions: { postgis } });
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    // The first PostGIS call of a session loads the library, the first geography call its spheroid
    // code (together about 1 s, over 5 s on a busy machine): done here, before the query bound
    // applies, not in the first resident's request.
    await db.query(
      `SELECT ST_IsValid(ST_GeomFromText('POINT(10 53.5)', 4326)),
              ST_DWithin(ST_GeomFromText('POINT(10 53.5)', 4326)::geography, ST_GeomFromText('POINT(10 53.6)', 4326)::geography, 250)`,
    );
  } catch (error) {
    report({ type: 'failed', message: (error as Error).message });
    return;
  }
  // Every protocol message the socket server hands to PGlite is announced first: the API thread
  // times it, because this thread cannot answer while PGlite computes. Its answer goes through the
  // extended-query filter (embedded-protocol.ts), so that clients see PostgreSQL's message flow.
  const exec = db.execProtocolRawStream.bind(db) as RawExec;
  const filter = new ExtendedQueryFilter();
  db.execProtocolRawStream = (async (message: Uint8Array, execOptions?: RawExecOptions) => {
    report({ type: 'busy' });
    try {
      await filter.run(message, exec, execOptions);
    } finally {
      report({ type: 'idle' });
    }
  }) as PGlite['execProtocolRawStream'];
  const server = new PGLiteSocketServer({ db, host: options.host, port: options.port, maxConnections: 1 });
  try {
    await server.start();
  } catch (error) {
    report({ type: 'failed', message: `cannot listen on ${options.host}:${options.port}: ${(error as Error).message}` });
    await db.close();
    return;
  }
  report({ type: 'ready', port: Number(server.getServerConn().split(':').pop()) });
  parentPort?.on('message', (message: { type: string }) => {
    if (message.type !== 'stop') return;
    void (async () => {
      await server.stop();
      await db.close();
      report({ type: 'stopped' });
    })();
  });
}

if (parentPort) void run(workerData as EmbeddedWorkerData);
