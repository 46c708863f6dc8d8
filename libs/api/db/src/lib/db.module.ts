import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@stadtdialog/api/config';
import { DatabaseLog, RunningDatabase, startDatabase } from './database';
import { createDataSource, watchPool } from './data-source';
import { seedDemo } from './demo-seed';
import { ParticipantTokens } from './participants';
import { APP_CONFIG, RUNNING_DATABASE } from './tokens';

export interface OpenDatabase {
  database: RunningDatabase;
  dataSource: DataSource;
}

@Injectable()
class DatabaseShutdown implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(RUNNING_DATABASE) private readonly database: RunningDatabase,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.database.stop();
  }
}

/**
 * Opens the configured database, applies migrations and seeds the demo, before the API is built,
 * so a database that cannot be used ends the start with one clear line.
 */
export async function openDatabase(config: AppConfig, log: DatabaseLog): Promise<OpenDatabase> {
  const database = await startDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    embeddedQueryTimeoutMs: config.embeddedQueryTimeoutMs,
    log,
  });
  // Start-up work (migrations, the demo seed) runs without the per-statement bound; on the server it
  // uses a pool of its own, on the embedded engine the bound is armed when it is done.
  const separate = database.statementTimeoutMs > 0;
  const setup = createDataSource(database, { bounded: false });
  let dataSource = setup;
  try {
    await setup.initialize();
    if (config.runMigrations) {
      const applied = await setup.runMigrations({ transaction: 'each' });
      if (applied.length) log.info(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    }
    const [{ postgres, postgis }] = await setup.query(
      `SELECT current_setting('server_version') AS postgres, (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS postgis`,
    );
    log.info(`database engine ${database.engine}, PostgreSQL ${postgres}, PostGIS ${postgis ?? 'not installed yet'}`);
    if (config.seedDemo && (await hasSchema(setup)) && (await seedDemo(setup, { baseMapUrl: config.baseMapUrl }))) {
      log.info('seeded the demo procedure');
    }
    if (separate) {
      await setup.destroy();
      dataSource = createDataSource(database);
      await dataSource.initialize();
    }
    watchPool(dataSource, database, log);
    database.arm();
  } catch (error) {
    if (setup.isInitialized) await setup.destroy();
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
    throw error;
  }
  return { database, dataSource };
}

async function hasSchema(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query(`SELECT to_regclass('public.procedures') IS NOT NULL AS ok`);
  return row.ok;
}

@Global()
@Module({})
export class DbModule {
  static forRoot(config: AppConfig, opened: OpenDatabase): DynamicModule {
    return {
      module: DbModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: RUNNING_DATABASE, useValue: opened.database },
        { provide: DataSource, useValue: opened.dataSource },
        DatabaseShutdown,
        ParticipantTokens,
      ],
      exports: [APP_CONFIG, RUNNING_DATABASE, DataSource, ParticipantTokens],
    };
  }
}
