import { Module } from '@nestjs/common';
import { MailOutbox } from './mail-outbox';

/** One MailOutbox for the app: features import this module and share its worker. */
@Module({ providers: [MailOutbox], exports: [MailOutbox] })
export class MailModule {}
