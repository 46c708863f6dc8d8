export * from './lib/api-procedures.module';
