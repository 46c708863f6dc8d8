export * from './lib/moderation.module';
