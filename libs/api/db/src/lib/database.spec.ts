import { createServer } from 'node:net';
import { DatabaseStartupError, startDatabase } from './database';

const quiet = { info: jest.fn(), warn: jest.fn() };

describe('startDatabase with DATABASE_URL', () => {
  it('gives up on an unreachable server after the timeout with one line, password hidden', async () => {
    const error = await startDatabase({
      databaseUrl: 'postgres://planner:s3cret@127.0.0.1:1/stadtdialog',
      dataDir: 'unused',
      connectTimeoutMs: 600,
      statementTimeoutMs: 0,
      embeddedQueryTimeoutMs: 10_000,
      log: quiet,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseStartupError);
    expect(error.message).toMatch(/^cannot connect to the database at postgres:\/\/planner:\*\*\*@127\.0\.0\.1:1\/stadtdialog within 1 s: ECONNREFUSED/);
    expect(error.message).not.toContain('s3cret');
    expect(error.message).not.toContain('\n');
    expect(quiet.warn).toHaveBeenCalledWith(expect.stringContaining('retrying'));
  });

  it('refuses a server that does not speak PostgreSQL with the same kind of line', async () => {
    const server = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      const error = await startDatabase({
        databaseUrl: `postgres://127.0.0.1:${port}/x`,
        dataDir: 'unused',
        connectTimeoutMs: 300,
        statementTimeoutMs: 0,
        embeddedQueryTimeoutMs: 10_000,
        log: quiet,
      }).catch((e) => e);
      expect(error).toBeInstanceOf(DatabaseStartupError);
      expect(error.message).toMatch(/cannot connect to the database/);
    } finally {
      server.close();
    }
  });
});
