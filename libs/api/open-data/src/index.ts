export * from './lib/open-data.module';
