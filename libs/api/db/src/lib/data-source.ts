import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@stadtdialog/migrations';
import { ENTITIES } from './entities';
import { RunningDatabase } from './database';

export function createDataSource(database: RunningDatabase): DataSource {
  return new DataSource({
    type: 'postgres',
    url: database.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: database.poolSize, idleTimeoutMillis: 0 },
  });
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
