import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@stadtdialog/api/config';
import { DatabaseStartupError, migrationState, openDatabase } from '@stadtdialog/api/db';
import { createAdminCommand } from '@stadtdialog/api/identity';
import { createApp, createLogger } from './app/bootstrap';

/** `--name value` or `--name=value` from the command line. */
function option(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
}

async function readStdinLine(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) {
    data += chunk;
    if (data.includes('\n')) break;
  }
  return data.split(/\r?\n/)[0];
}

/**
 * Usage: `node main.js` serves; `node main.js migrate` applies pending migrations and exits;
 * `node main.js create-admin --email a@b.org [--password …] [--name …]` creates an admin (or makes an
 * existing account an enabled admin with that password); without --password it reads one line from stdin.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const command = process.argv[2] ?? 'serve';
  if (command === 'migrate') {
    const { database, dataSource } = await openDatabase(
      { ...config, runMigrations: true, seedDemo: false },
      { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
    );
    const state = await migrationState(dataSource);
    logger.info(`migrations: ${state.applied} applied, ${state.pending} pending, last ${state.last}`);
    await dataSource.destroy();
    await database.stop();
    return;
  }
  if (command === 'create-admin') {
    const args = process.argv.slice(3);
    const email = option(args, 'email');
    if (!email) throw new ConfigError('create-admin needs --email <address> (and --password <password>, or the password on stdin)');
    const password = option(args, 'password') ?? (await readStdinLine());
    const { database, dataSource } = await openDatabase(
      { ...config, runMigrations: true, seedDemo: false },
      { info: (m) => logger.debug(m), warn: (m) => logger.warn(m) },
    );
    try {
      console.log(await createAdminCommand(dataSource, { email, password, displayName: option(args, 'name') }));
    } catch (error) {
      // A refused e-mail address or password: its problem detail is the one line to show.
      const detail = (error as { detail?: string }).detail;
      throw detail ? new ConfigError(`create-admin: ${detail}`) : error;
    } finally {
      await dataSource.destroy();
      await database.stop();
    }
    return;
  }
  if (command !== 'serve') throw new ConfigError(`unknown command "${command}": use serve, migrate or create-admin`);
  const webDist = config.webDistDir ?? join(__dirname, '..', 'web', 'browser');
  const app = await createApp(config, { webDist, logger });
  // Close the database cleanly (the embedded engine flushes its files) and exit 0 on a stop signal.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info(`${signal} received, shutting down`);
      app.close().then(
        () => process.exit(0),
        (error: Error) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  await app.listen(config.port, config.host);
  const port = (app.getHttpServer().address() as { port: number }).port;
  logger.info(`Stadtdialog is running at http://localhost:${port}/ (API at /api)`);
  console.log(`\n  Stadtdialog: http://localhost:${port}/\n`);
}

main().catch((error: Error) => {
  const known = error instanceof ConfigError || error instanceof DatabaseStartupError;
  console.error(`stadtdialog: ${known ? error.message : `start failed: ${error.message.split('\n')[0]}`}`);
  process.exit(1);
});
