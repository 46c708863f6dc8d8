import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DatabaseEngine } from '@stadtdialog/shared/contract';
import { DatabaseMonitor } from './database-status';
import { EmbeddedEngine } from './embedded-engine';

/** Raised when the database cannot be used; its message is the one line the operator sees. */
export class DatabaseStartupError extends Error {}

export interface DatabaseLog {
  info(message: string): void;
  warn(message: string): void;
}

/** A reachable database with PostGIS: a connection string for `pg`/TypeORM and how to stop it. */
export interface RunningDatabase {
  engine: DatabaseEngine;
  url: string;
  /** connections the pool may open: the embedded engine is one session */
  poolSize: number;
  /** the bound of every statement on the server engine, in ms (the embedded engine bounds queries itself) */
  statementTimeoutMs: number;
  /** state and last incident, for /api/health */
  monitor: DatabaseMonitor;
  /** start-up is done: from now on the embedded engine ends queries past its bound */
  arm(): void;
  stop(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  connectTimeoutMs: number;
  /** server engine: statement_timeout of every statement, ms; 0 = none */
  statementTimeoutMs: number;
  /** embedded engine: a query running longer than this ends and reopens the engine, ms */
  embeddedQueryTimeoutMs: number;
  log: DatabaseLog;
}

export function startDatabase(options: DatabaseOptions): Promise<RunningDatabase> {
  return options.databaseUrl ? connectServer(options.databaseUrl, options) : startEmbedded(options);
}

const POSTGIS_HINT =
  'install it on the database server (Debian: apt-get install postgresql-15-postgis-3) or use a PostGIS image';

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

async function connectServer(url: string, options: DatabaseOptions): Promise<RunningDatabase> {
  const deadline = Date.now() + options.connectTimeoutMs;
  let lastError: Error | undefined;
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ installed: string | null; available: string | null }>(
        `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS installed,
                (SELECT default_version FROM pg_available_extensions WHERE name = 'postgis') AS available`,
      );
      await client.end();
      if (!rows[0].installed && !rows[0].available) {
        throw new DatabaseStartupError(
          `PostGIS is missing: the database server at ${redact(url)} has no postgis extension; ${POSTGIS_HINT}`,
        );
      }
      return {
        engine: 'server',
        url,
        poolSize: 10,
        statementTimeoutMs: options.statementTimeoutMs,
        monitor: new DatabaseMonitor(),
        arm: () => undefined,
        stop: async () => undefined,
      };
    } catch (error) {
      await client.end().catch(() => undefined);
      if (error instanceof DatabaseStartupError) throw error;
      lastError = error as Error;
      if (isPermanent(lastError) || Date.now() + delay > deadline) break;
      if (attempt === 1) options.log.warn(`database not reachable yet (${describe(lastError)}), retrying`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }
  throw new DatabaseStartupError(
    `cannot connect to the database at ${redact(url)} within ${Math.round(options.connectTimeoutMs / 1000)} s: ${describe(lastError)}`,
  );
}

/** Errors no retry will fix: wrong credentials or a database that does not exist. */
function isPermanent(error: Error): boolean {
  const code = (error as { code?: string }).code;
  return code === '28P01' || code === '28000' || code === '3D000';
}

function describe(error: Error | undefined): string {
  if (!error) return 'no answer';
  const e = error as Error & { code?: string; errors?: Error[] };
  const inner = e.errors?.[0];
  return [e.code ?? (inner as { code?: string } | undefined)?.code, e.message || inner?.message]
    .filter(Boolean)
    .join(' ');
}

async function startEmbedded(options: DatabaseOptions): Promise<RunningDatabase> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const engine = new EmbeddedEngine({ dataDir: `${dataDir}/pgdata`, queryTimeoutMs: options.embeddedQueryTimeoutMs, log: options.log });
  try {
    await engine.start();
  } catch (error) {
    await engine.stop();
    throw new DatabaseStartupError(
      `cannot open the embedded database in ${dataDir}: ${(error as Error).message} (is another Stadtdialog using it?)`,
    );
  }
  options.log.info(`embedded database in ${dataDir}`);
  return {
    engine: 'embedded',
    url: engine.url,
    poolSize: 1,
    statementTimeoutMs: 0,
    monitor: engine.monitor,
    arm: () => engine.arm(),
    stop: () => engine.stop(),
  };
}
