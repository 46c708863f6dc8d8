import { Controller, Get, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Health } from '@stadtdialog/shared/contract';
import { RUNNING_DATABASE, RunningDatabase, databaseVersions, migrationState } from '@stadtdialog/api/db';

@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(RUNNING_DATABASE) private readonly database: RunningDatabase,
  ) {}

  /** Engine, versions and migration state, read from the database on every call. */
  @Get()
  async health(): Promise<Health> {
    const [versions, migrations] = await Promise.all([databaseVersions(this.dataSource), migrationState(this.dataSource)]);
    return { status: 'ok', engine: this.database.engine, ...versions, migrations };
  }
}
