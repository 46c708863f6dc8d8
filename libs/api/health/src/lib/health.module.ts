import { DynamicModule, Module } from '@nestjs/common';
import { FaultInjectionController } from './fault-injection.controller';
import { HealthController } from './health.controller';

@Module({})
export class HealthModule {
  /** `faultInjection` (FAULT_INJECTION, tests only) adds the runaway query endpoint. */
  static forRoot(options: { faultInjection: boolean }): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController, ...(options.faultInjection ? [FaultInjectionController] : [])],
    };
  }
}
