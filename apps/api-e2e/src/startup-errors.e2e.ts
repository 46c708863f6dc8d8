import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { runApiUntilExit } from './server';

/** The lines a person reads, without blank ones. */
function lines(output: string): string[] {
  return output.split('\n').map((l) => l.trim()).filter(Boolean);
}

describe('a start that cannot work ends with one clear line', () => {
  it('gives up on an unreachable database server and exits non-zero', async () => {
    const result = await runApiUntilExit({ DATABASE_URL: 'postgres://127.0.0.1:1/x' });
    expect(result.code).toBe(1);
    const out = lines(result.output);
    expect(out.filter((l) => !l.startsWith('{'))).toEqual([
      expect.stringMatching(/^stadtdialog: cannot connect to the database at postgres:\/\/127\.0\.0\.1:1\/x within 20 s: ECONNREFUSED/),
    ]);
  });

  it('names PostGIS when the database has no PostGIS extension', async () => {
    // A real PostgreSQL (PGlite) without the PostGIS extension bundle, reached over the wire protocol.
    const db = await PGlite.create();
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    try {
      const result = await runApiUntilExit({ DATABASE_URL: `postgres://postgres@${server.getServerConn()}/postgres` });
      expect(result.code).toBe(1);
      const out = lines(result.output).filter((l) => !l.startsWith('{'));
      expect(out).toHaveLength(1);
      expect(out[0]).toMatch(/^stadtdialog: PostGIS is missing: .* has no postgis extension; install it/);
    } finally {
      await server.stop();
      await db.close();
    }
  });

  it('refuses an invalid setting, naming the variable', async () => {
    const result = await runApiUntilExit({ PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(lines(result.output)).toEqual(['stadtdialog: PORT must be a whole number from 0 to 65535, got "eighty"']);
  });
});
