import { DataSource } from 'typeorm';
import { AuditLog } from '@stadtdialog/api/access';
import { createOrResetAdmin } from './planner-accounts';

/** `main.js create-admin --email … --password …`: creates an admin, or resets an existing account to one. */
export async function createAdminCommand(
  dataSource: DataSource,
  input: { email: string; password: string; displayName?: string },
): Promise<string> {
  const result = await dataSource.transaction((manager) => createOrResetAdmin(manager, new AuditLog(dataSource), input));
  return result.created
    ? `created admin ${result.account.email}`
    : `${result.account.email} existed: it is now an enabled admin with the new password, its sessions ended`;
}
