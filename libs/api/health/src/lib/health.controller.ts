import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Health } from '@stadtdialog/shared/contract';
import { MigrationState, RUNNING_DATABASE, RunningDatabase, databaseVersions, migrationState } from '@stadtdialog/api/db';
import { ApiJsonResponse } from '@stadtdialog/api/http';

/** The health check never waits longer than this for the database. */
export const HEALTH_PROBE_MS = 1000;
/** A query running this long on the embedded engine's one session: answer without queueing behind it. */
const BUSY_MS = 200;

interface Snapshot {
  postgres: string;
  postgis: string;
  migrations: MigrationState;
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@Controller('health')
export class HealthController {
  /** the last versions read, reported while the database does not answer */
  private last: Snapshot = { postgres: 'unknown', postgis: 'unknown', migrations: { applied: 0, pending: 0, last: null } };

  constructor(
    private readonly dataSource: DataSource,
    @Inject(RUNNING_DATABASE) private readonly database: RunningDatabase,
  ) {}

  /**
   * Engine, versions, migration state and the database's state and last incident. Answers within
   * about a second whatever the database does, always with 200 while the process runs: `status` is
   * `ok`, or `degraded` while the database does not answer (load balancers check the body).
   */
  @Get()
  @ApiOperation({ summary: 'Database engine, versions, migration state, database state and last incident' })
  @ApiJsonResponse(200, 'Health', 'the API answers; `status` says whether its database does')
  async health(): Promise<Health> {
    const monitor = this.database.monitor;
    let reachable = false;
    // The embedded engine reports its own state (reopening, one long query on its one session);
    // a server is asked every time, also to notice that it is back.
    const ask = this.database.engine === 'server' || (monitor.available && monitor.busyFor() < BUSY_MS);
    if (ask) {
      try {
        const [versions, migrations] = await within(
          HEALTH_PROBE_MS,
          Promise.all([databaseVersions(this.dataSource), migrationState(this.dataSource)]),
        );
        this.last = { ...versions, migrations };
        reachable = true;
        monitor.recovered();
      } catch (error) {
        // On the embedded engine a slow answer is a busy session, reported by the engine itself.
        if (this.database.engine === 'server') {
          monitor.incident('connection_lost', `the database does not answer: ${(error as Error).message}`, 'unavailable');
        }
      }
    } else {
      reachable = monitor.available;
    }
    const database = monitor.status();
    return { status: reachable ? 'ok' : 'degraded', engine: this.database.engine, ...this.last, database };
  }
}
