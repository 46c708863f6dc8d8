import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';

/**
 * Only with FAULT_INJECTION=true (tests): a query that would run for hours, so the tests can show
 * that its time bound ends it (statement_timeout on a server, the engine's watchdog embedded) while
 * the rest of the API keeps answering. No client can start such a query in production.
 */
@ApiExcludeController()
@Controller('test')
export class FaultInjectionController {
  constructor(private readonly dataSource: DataSource) {}

  @Post('runaway-query')
  @HttpCode(200)
  async runawayQuery(): Promise<{ count: string }> {
    const [row] = await this.dataSource.query(`SELECT count(*)::text AS count FROM generate_series(1, 1000000000000::bigint)`);
    return row;
  }
}
