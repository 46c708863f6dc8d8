import { DatabaseMonitor } from './database-status';

describe('DatabaseMonitor', () => {
  it('records one incident per outage and when it ended', () => {
    let now = Date.UTC(2026, 11, 1, 12);
    const monitor = new DatabaseMonitor(() => now);
    expect(monitor.incident('query_timeout', 'a query ran too long', 'restarting')).toBe(true);
    now += 1000;
    expect(monitor.incident('connection_lost', 'Connection terminated unexpectedly', 'unavailable')).toBe(false);
    expect(monitor.status()).toMatchObject({ state: 'unavailable', lastIncident: { kind: 'query_timeout', recoveredAt: null } });
    now += 4000;
    monitor.restarted();
    expect(monitor.recovered()).toBe(true);
    expect(monitor.recovered()).toBe(false);
    expect(monitor.status()).toEqual({
      state: 'ok',
      busySince: null,
      restarts: 1,
      lastIncident: {
        kind: 'query_timeout', detail: 'a query ran too long',
        at: new Date(Date.UTC(2026, 11, 1, 12)).toISOString(), recoveredAt: new Date(now).toISOString(),
      },
    });
  });

  it('says busy while a query runs and for how long', () => {
    let now = 0;
    const monitor = new DatabaseMonitor(() => now);
    monitor.busy();
    now = 300;
    monitor.busy();
    expect(monitor.busyFor()).toBe(300);
    expect(monitor.status().state).toBe('busy');
    monitor.idle();
    expect(monitor.busyFor()).toBe(0);
    expect(monitor.status().state).toBe('ok');
  });
});
