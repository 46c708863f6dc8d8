import { Module } from '@nestjs/common';
import { MailModule } from '@stadtdialog/api/mail';
import { MailLinks } from './mail-links';
import { NotificationLinksController, OwnNotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [MailModule],
  controllers: [OwnNotificationsController, NotificationLinksController],
  providers: [NotificationsService, MailLinks],
})
export class NotificationsModule {}
