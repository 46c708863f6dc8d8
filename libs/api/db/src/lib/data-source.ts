import { DataSource } from 'typeorm';
import type { Pool, PoolClient } from 'pg';
import { MIGRATIONS } from '@stadtdialog/migrations';
import { isDatabaseUnavailable } from '@stadtdialog/api/http';
import { ENTITIES } from './entities';
import { RunningDatabase } from './database';

const CONNECT_TIMEOUT_MS = 5000;

/**
 * `bounded`: every statement of the pool's sessions has the database's statement_timeout (and a
 * transaction left idle is ended after twice that); migrations run unbounded.
 */
export function createDataSource(database: RunningDatabase, options: { bounded?: boolean } = {}): DataSource {
  const timeout = options.bounded === false ? 0 : database.statementTimeoutMs;
  return new DataSource({
    type: 'postgres',
    url: database.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: database.poolSize,
      idleTimeoutMillis: 0,
      // a database that does not answer a connect is reported (503) instead of waiting forever
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      ...(timeout > 0 ? { statement_timeout: timeout, idle_in_transaction_session_timeout: timeout * 2 } : {}),
      // PostgreSQL compiles a query with LLVM once its estimated cost passes jit_above_cost; PostGIS
      // functions are costed high, so the map's cluster query spent 2.6 s compiling for 0.2 s of work.
      // The API's statements are short: no JIT (the embedded engine has none).
      ...(database.engine === 'server' ? { options: '-c jit=off' } : {}),
    },
  });
}

/**
 * Every connection of the pool gets an 'error' listener for its whole life, checked out or idle:
 * a server restart terminates sessions between two queries, and an 'error' without a listener would
 * end the process. The monitor learns of the outage from it and of the recovery from the next
 * connection that opens.
 */
export function watchPool(dataSource: DataSource, database: RunningDatabase, log: { warn(message: string): void }): void {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const lost = (error: Error) => {
    if (isDatabaseUnavailable(error) && database.monitor.incident('connection_lost', `database connection lost: ${error.message}`, 'unavailable')) {
      log.warn(`database connection lost (${error.message}); requests are answered with 503 until it is back`);
    }
  };
  pool.on('connect', (client: PoolClient) => {
    client.on('error', lost);
    if (database.monitor.recovered()) log.warn('database connection is back');
  });
  pool.on('error', lost);
}

export interface MigrationState {
  applied: number;
  pending: number;
  last: string | null;
}

export async function migrationState(dataSource: DataSource): Promise<MigrationState> {
  const exists = await dataSource.query(`SELECT to_regclass('public.migrations') IS NOT NULL AS ok`);
  const applied: { name: string }[] = exists[0].ok
    ? await dataSource.query(`SELECT name FROM migrations ORDER BY id`)
    : [];
  const names = new Set(applied.map((m) => m.name));
  return {
    applied: applied.length,
    pending: dataSource.migrations.filter((m) => !names.has(m.name as string)).length,
    last: applied.at(-1)?.name ?? null,
  };
}

export async function databaseVersions(dataSource: DataSource): Promise<{ postgres: string; postgis: string }> {
  const [row] = await dataSource.query(
    `SELECT current_setting('server_version') AS postgres,
            (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS postgis`,
  );
  return { postgres: row.postgres, postgis: row.postgis ?? 'not installed' };
}
