import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessModule } from '@stadtdialog/api/access';
import { TableKeyGuard } from './table-key.guard';
import { TableKeys } from './table-keys';
import { TableController, WorkshopsController } from './workshops.controller';
import { WorkshopsService } from './workshops.service';

/**
 * Workshops and their table links. The TableKeyGuard is global: a table key is checked, and
 * confined to its procedure's participant writes and public reads, on every route.
 */
@Module({
  imports: [AccessModule],
  controllers: [WorkshopsController, TableController],
  providers: [TableKeys, WorkshopsService, { provide: APP_GUARD, useClass: TableKeyGuard }],
})
export class WorkshopsModule {}
