import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG } from '@stadtdialog/api/db';
import { AuditLog } from '@stadtdialog/api/access';
import { createOrResetAdmin } from './planner-accounts';

/**
 * ADMIN_EMAIL/ADMIN_PASSWORD create the first admin on a start that finds no planner account;
 * once any account exists they are ignored (a changed password is never overwritten).
 */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin) return;
    const created = await this.dataSource.transaction(async (manager) => {
      // One start at a time decides, also with several instances on one database.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('stadtdialog:first-admin'))`);
      const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM planners`);
      if (count > 0) return false;
      await createOrResetAdmin(manager, this.audit, admin);
      return true;
    });
    if (created) this.logger.log('created the first admin from ADMIN_EMAIL');
  }
}
