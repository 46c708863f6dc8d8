import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response, json, urlencoded } from 'express';
import pino from 'pino';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@stadtdialog/api/config';
import { DataSource } from 'typeorm';
import { PostgresRateLimitStore, openDatabase } from '@stadtdialog/api/db';
import { ContentSecurityPolicy } from '@stadtdialog/api/access';
import {
  CHECK_PATHS,
  ProblemFilter,
  compressResponses,
  precompressedWebAssets,
  preloadedPages,
  createValidationPipe,
  refuseNonJsonBodies,
  requestDeadline,
  setupApiDocs,
  verifyUtf8,
  writeRateLimit,
} from '@stadtdialog/api/http';
import { LIMITS, PARTICIPANT_TOKEN_HEADER, TABLE_KEY_HEADER } from '@stadtdialog/shared/contract';
import { UPLOAD_PATHS } from '@stadtdialog/api/variants';
import { ONE_CLICK_PATH } from '@stadtdialog/api/notifications';
import { AppModule } from './app.module';

export function createLogger(config: AppConfig): pino.Logger {
  return pino({ level: config.logLevel, base: { app: 'stadtdialog' } });
}

/** The application as `npm start` and the API tests run it: one way to build it. */
export async function createApp(
  config: AppConfig,
  options: { webDist: string | null; logger?: pino.Logger },
): Promise<INestApplication> {
  const logger = options.logger ?? createLogger(config);
  const dbLog = logger.child({ context: 'Database' });
  const opened = await openDatabase(config, { info: (m) => dbLog.info(m), warn: (m) => dbLog.warn(m) });
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, opened, options.webDist, logger), {
      bufferLogs: true,
      abortOnError: false,
      bodyParser: false,
    });
  } catch (error) {
    await opened.dataSource.destroy();
    await opened.database.stop();
    throw error;
  }
  app.useLogger(app.get(Logger));
  const problems = new ProblemFilter();
  app.use(compressResponses());
  // Security headers and the CSP on every response, the web app's files included.
  app.use(app.get(ContentSecurityPolicy).middleware());
  // The web app's hashed scripts and styles, compressed once at brotli's highest quality.
  if (options.webDist) app.use(precompressedWebAssets(options.webDist));
  // The resident pages' HTML names their scripts and first visitor-independent reads, so the browser fetches them at once.
  if (options.webDist) app.use(preloadedPages(options.webDist));
  app.set('trust proxy', config.trustProxy);
  // On a PostgreSQL server the limits are shared by every instance; the embedded engine is one instance.
  const shared = opened.database.engine === 'server' ? await PostgresRateLimitStore.open(app.get(DataSource)) : null;
  app.use(
    writeRateLimit({
      store: shared ?? undefined,
      secret: shared?.secret,
      perParticipant: config.rateLimitWritesPerMinute,
      perAddress: config.rateLimitAddressWritesPerMinute,
      tokenHeader: PARTICIPANT_TOKEN_HEADER,
      perTable: config.rateLimitTableWritesPerMinute,
      tableHeader: TABLE_KEY_HEADER,
      onLimited: (limit) => logger.warn({ context: 'RateLimit', limit }, `write refused: ${limit} rate limit reached`),
      notWrites: CHECK_PATHS,
    }),
  );
  app.use(requestDeadline(config.requestTimeoutMs));
  const oneClick = new RegExp(`^${ONE_CLICK_PATH}/?$`);
  app.use(refuseNonJsonBodies(problems, UPLOAD_PATHS, oneClick));
  // RFC 8058: a mail client's one-click unsubscribe is the form body "List-Unsubscribe=One-Click".
  app.use(ONE_CLICK_PATH, urlencoded({ extended: false, limit: 1024 }));
  app.use(json({ limit: LIMITS.maxBodyBytes, type: ['application/json', 'application/*+json'], verify: verifyUtf8 }));
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) =>
    error ? problems.render(error, request, response) : next(),
  );
  app.disable('x-powered-by');
  app.setGlobalPrefix('api');
  setupApiDocs(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(problems);
  return app;
}
