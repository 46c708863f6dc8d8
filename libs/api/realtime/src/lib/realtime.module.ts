import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AccessModule } from '@stadtdialog/api/access';
import { LiveController } from './live.controller';
import { LiveEvents } from './live-events';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Live updates per procedure over Server-Sent Events. */
@Module({
  imports: [AccessModule],
  controllers: [LiveController],
  providers: [LiveEvents],
  exports: [LiveEvents],
})
export class RealtimeModule implements NestModule {
  constructor(private readonly live: LiveEvents) {}

  /** Every finished write of this process may have made events: on the embedded engine that is the signal. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply((request: Request, response: Response, next: NextFunction) => {
        if (UNSAFE.has(request.method)) response.once('finish', () => this.live.nudge());
        next();
      })
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
