export * from './lib/workshops.module';
