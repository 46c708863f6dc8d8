import { DataSource } from 'typeorm';
import { DatabaseMonitor, RunningDatabase } from '@stadtdialog/api/db';
import { HealthController } from './health.controller';

function database(engine: 'server' | 'embedded', monitor = new DatabaseMonitor()): RunningDatabase {
  return { engine, monitor } as unknown as RunningDatabase;
}

const healthy = {
  query: jest.fn(async (sql: string) => {
    if (sql.includes('server_version')) return [{ postgres: '15.20', postgis: '3.3.2' }];
    if (sql.includes('to_regclass')) return [{ ok: true }];
    return [{ name: 'First1' }];
  }),
  migrations: [{ name: 'First1' }, { name: 'Second2' }],
} as unknown as DataSource;

describe('HealthController', () => {
  it('reports the engine, versions and how many known migrations are still pending', async () => {
    await expect(new HealthController(healthy, database('server')).health()).resolves.toEqual({
      status: 'ok',
      engine: 'server',
      postgres: '15.20',
      postgis: '3.3.2',
      migrations: { applied: 1, pending: 1, last: 'First1' },
      database: { state: 'ok', busySince: null, restarts: 0, lastIncident: null },
    });
  });

  it('answers degraded with the incident when the server does not answer, and ok again once it does', async () => {
    const gone = { query: jest.fn().mockRejectedValue(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })) };
    const monitor = new DatabaseMonitor();
    const degraded = await new HealthController(gone as unknown as DataSource, database('server', monitor)).health();
    expect(degraded.status).toBe('degraded');
    expect(degraded.database.state).toBe('unavailable');
    expect(degraded.database.lastIncident).toMatchObject({ kind: 'connection_lost', recoveredAt: null });
    const back = await new HealthController(healthy, database('server', monitor)).health();
    expect(back.status).toBe('ok');
    expect(back.database.lastIncident?.recoveredAt).toEqual(expect.any(String));
  });

  it('does not queue behind a long query on the embedded engine: it says busy without asking', async () => {
    let now = 1_000_000;
    const monitor = new DatabaseMonitor(() => now);
    monitor.busy();
    now += 5000;
    const query = jest.fn();
    const body = await new HealthController({ query } as unknown as DataSource, database('embedded', monitor)).health();
    expect(query).not.toHaveBeenCalled();
    expect(body.status).toBe('ok');
    expect(body.database).toMatchObject({ state: 'busy', busySince: new Date(1_000_000).toISOString() });
  });
});
