import { Module } from '@nestjs/common';
import { AccessModule } from '@stadtdialog/api/access';
import { AuditController, ModerationController } from './moderation.controller';
import { ModerationService } from './moderation.service';

/** The moderation queue, moderator decisions, edits, official responses and the audit log reads. */
@Module({
  imports: [AccessModule],
  controllers: [AuditController, ModerationController],
  providers: [ModerationService],
})
export class ModerationModule {}
