export * from './lib/api-contributions.module';
