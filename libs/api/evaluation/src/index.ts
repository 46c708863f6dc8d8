export * from './lib/evaluation.module';
