import { Module } from '@nestjs/common';
import { AuditLog } from './audit-log';
import { ContentSecurityPolicy } from './content-security-policy';
import { PlannerGuard } from './planner.guard';
import { PlannerSessions } from './sessions';

/** Planner sessions, the role guard, the audit log and the security headers. */
@Module({
  providers: [PlannerSessions, PlannerGuard, AuditLog, ContentSecurityPolicy],
  exports: [PlannerSessions, PlannerGuard, AuditLog, ContentSecurityPolicy],
})
export class AccessModule {}
