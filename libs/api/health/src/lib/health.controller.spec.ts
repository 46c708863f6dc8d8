import { DataSource } from 'typeorm';
import { RunningDatabase } from '@stadtdialog/api/db';
import { HealthController } from './health.controller';

describe('HealthController', () => {
  it('reports the engine, versions and how many known migrations are still pending', async () => {
    const query = jest.fn(async (sql: string) => {
      if (sql.includes('server_version')) return [{ postgres: '15.20', postgis: '3.3.2' }];
      if (sql.includes('to_regclass')) return [{ ok: true }];
      return [{ name: 'First1' }];
    });
    const dataSource = { query, migrations: [{ name: 'First1' }, { name: 'Second2' }] } as unknown as DataSource;
    const database = { engine: 'server' } as RunningDatabase;
    await expect(new HealthController(dataSource, database).health()).resolves.toEqual({
      status: 'ok',
      engine: 'server',
      postgres: '15.20',
      postgis: '3.3.2',
      migrations: { applied: 1, pending: 1, last: 'First1' },
    });
  });
});
