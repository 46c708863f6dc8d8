import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@stadtdialog/api/config';
import { DatabaseStartupError, migrationState, openDatabase } from '@stadtdialog/api/db';
import { createApp, createLogger } from './app/bootstrap';

/** Usage: `node main.js` serves; `node main.js migrate` applies pending migrations and exits. */
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
  if (command !== 'serve') throw new ConfigError(`unknown command "${command}": use serve or migrate`);
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
