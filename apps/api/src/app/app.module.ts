import { existsSync } from 'node:fs';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@stadtdialog/api/config';
import { DbModule, OpenDatabase } from '@stadtdialog/api/db';
import { webAssetHeaders } from '@stadtdialog/api/http';
import type { Logger as PinoLogger } from 'pino';
import { HealthModule } from '@stadtdialog/api/health';
import { ProceduresModule } from '@stadtdialog/api/procedures';
import { ContributionsModule } from '@stadtdialog/api/contributions';
import { IdentityModule } from '@stadtdialog/api/identity';
import { PlanningModule } from '@stadtdialog/api/planning';
import { ModerationModule } from '@stadtdialog/api/moderation';
import { RealtimeModule } from '@stadtdialog/api/realtime';
import { WorkshopsModule } from '@stadtdialog/api/workshops';
import { EvaluationModule } from '@stadtdialog/api/evaluation';
import { OpenDataModule } from '@stadtdialog/api/open-data';
import { VariantsModule } from '@stadtdialog/api/variants';
import { LegalModule } from '@stadtdialog/api/legal';
import { MyContributionsModule } from '@stadtdialog/api/my-contributions';
import { NotificationsModule } from '@stadtdialog/api/notifications';
import { GeocodingModule } from '@stadtdialog/api/geocoding';

interface LoggedRequest {
  id: unknown;
  method: string;
  url: string;
}

@Module({})
export class AppModule {
  /** `webDist` is the built web app; when it has not been built, only the API is served. */
  static forRoot(config: AppConfig, opened: OpenDatabase, webDist: string | null, logger: PinoLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            logger,
            // No IP addresses, no headers (tokens, cookies): method, path and status only.
            serializers: {
              req: (req: LoggedRequest) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        DbModule.forRoot(config, opened),
        ...(webDist && existsSync(webDist)
          ? [
              ServeStaticModule.forRoot({
                rootPath: webDist,
                exclude: ['/api/{*path}'],
                serveStaticOptions: { setHeaders: webAssetHeaders },
              }),
            ]
          : []),
        HealthModule.forRoot({ faultInjection: config.faultInjection }),
        ProceduresModule,
        ContributionsModule,
        IdentityModule,
        PlanningModule,
        ModerationModule,
        RealtimeModule,
        WorkshopsModule,
        EvaluationModule,
        OpenDataModule,
        VariantsModule,
        LegalModule,
        MyContributionsModule,
        NotificationsModule,
        GeocodingModule,
      ],
    };
  }
}
