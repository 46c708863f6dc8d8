import { Module } from '@nestjs/common';
import { AccessModule } from '@stadtdialog/api/access';
import { MailModule } from '@stadtdialog/api/mail';
import { FeedbackService } from './feedback.service';
import { SitePagesController, SitePagesWorkspaceController } from './site-pages.controller';
import { SitePagesService } from './site-pages.service';

@Module({
  imports: [AccessModule, MailModule],
  controllers: [SitePagesController, SitePagesWorkspaceController],
  providers: [SitePagesService, FeedbackService],
})
export class LegalModule {}
