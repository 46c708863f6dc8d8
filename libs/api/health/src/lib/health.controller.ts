import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Health } from '@stadtdialog/shared/contract';
import { RUNNING_DATABASE, RunningDatabase, databaseVersions, migrationState } from '@stadtdialog/api/db';
import { ApiJsonResponse } from '@stadtdialog/api/http';

@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(RUNNING_DATABASE) private readonly database: RunningDatabase,
  ) {}

  /** Engine, versions and migration state, read from the database on every call. */
  @Get()
  @ApiOperation({ summary: 'Database engine, PostgreSQL and PostGIS versions, migration state' })
  @ApiJsonResponse(200, 'Health', 'the API and its database answer')
    async health(): Promise<Health> {
    const [versions, migrations] = await Promise.all([databaseVersions(this.dataSource), migrationState(this.dataSource)]);
    return { status: 'ok', engine: this.database.engine, ...versions, migrations };
  }
}
