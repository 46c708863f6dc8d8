export * from './lib/legal.module';
