export * from './lib/mail-outbox';
export * from './lib/mail.module';
